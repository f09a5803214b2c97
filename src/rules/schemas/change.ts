// Changing or cancelling a filing: the request's shape, then the profile's locks.
import * as z from 'zod'
import type { CalendarDate } from '../dates'
import { checkFilingDestination, type InsuredRegion } from '../engine/destination'
import type { FiledDestination, FilingFacts } from '../engine/filing'
import { decideCancel, decideChange, decideContactUpdate, decideStartDateChange, type ActionDecision } from '../engine/locks'
import { filedRule } from '../engine/category'
import { checkStartDate } from '../engine/start-date'
import { validUntil } from '../engine/validity'
import type { PolicyProfile } from '../profiles'
import { MATERIALS, type InsuranceType } from '../vocabulary'
import { addressField, boundedString, dateField, destinationSchema, filingIdField, mobileField, optionalText, reasonField, versionField } from './fields'
import { issue, type FieldIssue } from './issues'
import { materialsSchema } from './submit'
import { insuranceTypeSchema } from './vocabulary'

const NEW_INSURED_REGION = '参保地发生变化的，需要重新备案：请先取消本备案，再按新参保地的规定办理。'

export const changeSchema = z.object({
  id: filingIdField,
  version: versionField,
  patch: z
    .object(
      {
        destination: destinationSchema.optional(),
        phone: mobileField.optional(),
        address: addressField,
        insuranceType: insuranceTypeSchema.optional(),
        /** A new start date, before the filing starts (decideStartDateChange). */
        startDate: dateField('请选择新的开始日期').optional(),
        // Named here only to answer them: a new 参保地 is a new filing (001 四(三)).
        policyId: z.unknown().optional(),
        insuredRegionCode: z.unknown().optional(),
      },
      { error: '请填写要变更的内容' },
    )
    .superRefine((patch, ctx) => {
      if (patch.policyId !== undefined || patch.insuredRegionCode !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['policyId'], message: NEW_INSURED_REGION })
      } else if (Object.values(patch).every((value) => value === undefined)) {
        ctx.addIssue({ code: 'custom', message: '请至少修改一项内容' })
      }
    }),
  reason: reasonField,
  /** A circumstance that lifts a change lock with proof (e.g. 达州 `employer_changed`). */
  exception: boundedString('请选择变更情形', 40, '请选择变更情形').regex(/^[a-z_]+$/, { error: '请选择变更情形' }).optional(),
  materials: materialsSchema.optional(),
})
export type ChangeInput = z.infer<typeof changeSchema>

export const cancelSchema = z.object({ id: filingIdField, version: versionField, reason: reasonField })
export type CancelInput = z.infer<typeof cancelSchema>

/** Answering a reviewer's request for more materials: at least one new upload, and a note if wanted. */
export const supplementSchema = z.object({
  id: filingIdField,
  version: versionField,
  materials: materialsSchema.min(1, { error: '请上传经办人员要求补充的材料' }),
  note: optionalText(200, '说明最多200个字'),
})
export type SupplementInput = z.infer<typeof supplementSchema>

export interface FiledChanges {
  destination?: FiledDestination
  /** A new start date, and with it a new end (validity counts from the start). */
  startDate?: CalendarDate
  phone?: string
  address?: string
  insuranceType?: InsuranceType
}

export type ChangePlan =
  | { ok: true; changes: FiledChanges; validUntil: CalendarDate | null }
  | { ok: false; kind: 'invalid'; issues: FieldIssue[] }
  | { ok: false; kind: 'locked'; allowedFrom: CalendarDate; message: string }

export interface ChangeContext {
  profile: PolicyProfile
  insured: InsuredRegion
  filing: FilingFacts & { insuranceType?: InsuranceType | null }
  today: CalendarDate
}

/** Turns a decision that is not "allowed" into a plan failure, or checks the proof an allowed one needs. */
function applyDecision(decision: ActionDecision, input: { materials?: ChangeInput['materials'] }): ChangePlan | null {
  if (decision.kind === 'locked') return { ok: false, kind: 'locked', allowedFrom: decision.allowedFrom, message: decision.message }
  if (decision.kind === 'refused') return { ok: false, kind: 'invalid', issues: [issue('', decision.message)] }
  const provided = new Set((input.materials ?? []).map((material) => material.kind))
  const missing = decision.proof.filter((kind) => !provided.has(kind))
  if (missing.length === 0) return null
  return {
    ok: false,
    kind: 'invalid',
    issues: [issue('materials', `请上传：${missing.map((kind) => MATERIALS[kind].label).join('；')}`)],
  }
}

/**
 * What a change request would do to `filing`. A new destination or insurance type is a 备案变更 and
 * follows the profile's lock; phone and address alone are corrections, open whenever the filing is.
 */
export function planChange(input: ChangeInput, context: ChangeContext): ChangePlan {
  const { patch } = input
  if (patch.startDate !== undefined) return planStartDateChange(input, context)
  const { profile, insured, filing, today } = context
  const changes: FiledChanges = {}
  if (patch.destination) {
    const destination = checkFilingDestination(profile, insured, patch.destination)
    if (!destination.ok) return { ok: false, kind: 'invalid', issues: [issue(['patch', ...destination.path], destination.message)] }
    if (destination.value.areaCode !== filing.destination.areaCode) changes.destination = destination.value
  }
  if (patch.insuranceType && patch.insuranceType !== filing.insuranceType) changes.insuranceType = patch.insuranceType
  const substantive = changes.destination !== undefined || changes.insuranceType !== undefined
  if (patch.phone !== undefined) changes.phone = patch.phone
  if (patch.address !== undefined) changes.address = patch.address
  if (Object.keys(changes).length === 0) {
    return { ok: false, kind: 'invalid', issues: [issue('patch', '填写的内容与现在的备案相同，没有需要变更的内容')] }
  }
  const what = { destination: changes.destination !== undefined, insuranceType: changes.insuranceType !== undefined }
  const decision = substantive ? decideChange(profile, filing, today, input.exception, what) : decideContactUpdate(filing)
  const failure = applyDecision(decision, input)
  if (failure) return failure
  return { ok: true, changes, validUntil: filing.validUntil }
}

/**
 * A new start date: open until the filing starts, within the category's start window, and alone
 * (a new place or insurance type follows its own lock, so it is asked for apart). Phone and address
 * may go with it.
 */
function planStartDateChange(input: ChangeInput, { profile, filing, today }: ChangeContext): ChangePlan {
  const { patch } = input
  const startDate = patch.startDate!
  if (patch.destination !== undefined || patch.insuranceType !== undefined) {
    return { ok: false, kind: 'invalid', issues: [issue('patch.startDate', '开始日期请单独变更：先办好这一项，再变更就医地或险种')] }
  }
  const failure = applyDecision(decideStartDateChange(profile, filing, today), input)
  if (failure) return failure
  if (startDate === filing.startDate) {
    return { ok: false, kind: 'invalid', issues: [issue('patch.startDate', '这就是现在的开始日期，请选择新的日期')] }
  }
  const rule = filedRule(profile, filing.category)!
  const outside = checkStartDate(rule, startDate, today)
  if (outside) return { ok: false, kind: 'invalid', issues: [issue('patch.startDate', outside)] }
  const changes: FiledChanges = { startDate }
  if (patch.phone !== undefined) changes.phone = patch.phone
  if (patch.address !== undefined) changes.address = patch.address
  return { ok: true, changes, validUntil: validUntil(rule.validity, startDate) }
}

export type CancelPlan =
  | { ok: true }
  | { ok: false; kind: 'invalid'; issues: FieldIssue[] }
  | { ok: false; kind: 'locked'; allowedFrom: CalendarDate; message: string }

export function planCancel(profile: PolicyProfile, filing: FilingFacts, today: CalendarDate): CancelPlan {
  return applyDecision(decideCancel(profile, filing, today), {}) ?? { ok: true }
}
