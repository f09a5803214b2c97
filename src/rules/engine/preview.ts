// Everything a person should see before submitting: validity, locks, materials, review, benefits.
import * as z from 'zod'
import { categoryLabel } from '../categories'
import { formatChineseDate, type CalendarDate } from '../dates'
import { findProfile, type FiledCategoryRule, type LockRule, type PolicyProfile } from '../profiles'
import { regionName } from '../regions'
import { dateField, destinationSchema, regionCodeField, text } from '../schemas/fields'
import { fromZodError, issue, safeParseChinese, type FieldIssue, type Validated } from '../schemas/issues'
import { filedRuleFor } from '../schemas/submit'
import { categorySchema, hospitalLevelSchema, insuranceTypeSchema } from '../schemas/vocabulary'
import { MATERIALS, type MaterialKind, type OffSiteScope } from '../vocabulary'
import { previewBenefit, type BenefitPreview } from './benefits'
import { checkFilingDestination, isInProvince, resolveInsuredRegion } from './destination'
import { referralNotices, type ReferralNotices } from './referral'
import { placeStay } from './scope'
import { serviceOpensBy } from './service-opening'
import { checkStartDate, startWindow, type StartWindow } from './start-date'
import { lockOpensOn, validUntil } from './validity'

export const previewSchema = z.object({
  policyId: text('请选择参保地', 40),
  insuredRegionCode: regionCodeField('请选择参保城市').optional(),
  category: categorySchema,
  destination: destinationSchema,
  startDate: dateField('请选择开始日期'),
  insuranceType: insuranceTypeSchema.optional(),
  hospitalLevel: hospitalLevelSchema.optional(),
})
export type PreviewRequest = z.infer<typeof previewSchema>

export interface LockPreview {
  /** The first day the action is open, when a date can be given now. */
  opensOn: CalendarDate | null
  text: string
}

export interface FilingPreview {
  policyId: string
  category: PreviewRequest['category']
  categoryLabel: string
  /** Filed to a province (province-level pooling) or a city. */
  filingLevel: 'province' | 'city'
  area: { code: string; name: string }
  startDate: CalendarDate
  validUntil: CalendarDate | null
  validityText: string
  startWindow: StartWindow
  change: LockPreview
  cancel: LockPreview
  materials: { kind: MaterialKind; label: string; note?: string }[]
  commitmentAllowed: boolean
  review: { staged: boolean; stages: string[]; text: string }
  serviceOpensBy: { date: CalendarDate; estimated: boolean } | null
  benefit: BenefitPreview
  /** 省内异地 or 跨省异地: the profile's rules for that scope apply. */
  scope: OffSiteScope
  /** For a referral: lists to check and who takes it through. */
  referral: ReferralNotices | null
}

function validityText(rule: FiledCategoryRule, start: CalendarDate, end: CalendarDate | null): string {
  const from = formatChineseDate(start)
  switch (rule.validity.kind) {
    case 'open_ended':
      return `自${from}起长期有效，不设终止日期。`
    case 'months':
      return `自${from}起至${formatChineseDate(end!)}，有效期${rule.validity.months}个月；有效期内入院、有效期后出院的，也能直接结算。`
    case 'single_settlement':
      return `自${from}起有效，一次转诊备案对应一次住院结算。`
  }
}

function lockPreview(lock: LockRule, rule: FiledCategoryRule, action: string, start: CalendarDate, today: CalendarDate): LockPreview {
  switch (lock.kind) {
    case 'none':
      return { opensOn: null, text: `随时可以${action}。` }
    case 'refile':
      return { opensOn: null, text: lock.message }
    case 'months': {
      // Staff-reviewed filings take effect on approval, which is not known yet.
      const from = lock.from === 'filed' ? today : rule.review.kind === 'instant' ? start : null
      const opensOn = from === null ? null : lockOpensOn(lock, from)
      const counted = lock.from === 'filed' ? '登记备案' : '备案生效'
      const when = opensOn ? `，${formatChineseDate(opensOn)}起可以${action}` : ''
      const text = lock.onlyAfterExpensesAtDestination
        ? `在备案地发生医疗费用之前随时可以${action}；发生费用后，${counted}满${lock.months}个月才能${action}${when}。`
        : `${counted}后${lock.months}个月内不能${action}${when}。`
      return { opensOn, text }
    }
  }
}

function reviewPreview(rule: FiledCategoryRule): FilingPreview['review'] {
  if (rule.review.kind === 'instant') return { staged: false, stages: [], text: '提交后即时办理、即时生效。' }
  const stages = rule.review.stages.map((stage) => stage.label)
  return { staged: true, stages, text: `提交后由经办机构${stages.join('、')}，审核通过后生效。` }
}

/** The preview of a filing that has not been submitted yet. */
export function previewFiling(input: unknown, today: CalendarDate, context: { hasLongTermFiling?: boolean } = {}): Validated<FilingPreview> {
  const parsed = safeParseChinese(previewSchema, input)
  if (!parsed.success) return { ok: false, issues: fromZodError(parsed.error) }
  const request = parsed.data
  const profile: PolicyProfile | undefined = findProfile(request.policyId)
  if (!profile) return { ok: false, issues: [issue('policyId', '没有找到所选的参保地，请重新选择')] }
  const rule = filedRuleFor(profile, request.category)
  if (!('filing' in rule)) return { ok: false, issues: [rule] }

  const issues: FieldIssue[] = []
  const insured = resolveInsuredRegion(profile, request.insuredRegionCode)
  if (!insured.ok) return { ok: false, issues: [issue(insured.path, insured.message)] }
  const destination = checkFilingDestination(profile, insured.value, request.destination)
  if (!destination.ok) issues.push(issue(destination.path, destination.message))
  const startProblem = checkStartDate(rule, request.startDate, today)
  if (startProblem) issues.push(issue('startDate', startProblem))
  if (!destination.ok || issues.length > 0) return { ok: false, issues }

  const area = destination.value.areaCode
  const scope = placeStay(insured.value, area) as OffSiteScope
  const end = validUntil(rule.validity, request.startDate)
  const benefits = profile.benefits
  const alsoInProvince = benefits.kind === 'adjustments' ? benefits.alsoInProvince : []
  return {
    ok: true,
    value: {
      policyId: profile.id,
      category: request.category,
      categoryLabel: categoryLabel(request.category),
      filingLevel: destination.value.cityCode ? 'city' : 'province',
      area: { code: area, name: regionName(area) ?? area },
      startDate: request.startDate,
      validUntil: end,
      validityText: validityText(rule, request.startDate, end),
      startWindow: startWindow(rule, today),
      change: lockPreview(rule.change.lock, rule, '变更', request.startDate, today),
      cancel: lockPreview(rule.cancel, rule, '取消', request.startDate, today),
      materials: rule.materials.map((material) => ({ ...material, label: MATERIALS[material.kind].label })),
      commitmentAllowed: rule.commitmentAllowed,
      review: reviewPreview(rule),
      serviceOpensBy: serviceOpensBy(rule, today),
      benefit: previewBenefit(benefits, {
        category: request.category,
        inProvince: isInProvince(insured.value, area, alsoInProvince),
        insuranceType: request.insuranceType,
        hospitalLevel: request.hospitalLevel,
      }),
      scope,
      referral: request.category === 'referral' ? referralNotices(profile, context.hasLongTermFiling === true) : null,
    },
  }
}
