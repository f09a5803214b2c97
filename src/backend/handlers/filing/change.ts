// filing.change: the profile's locks decide; a stale version is a CONFLICT.
import {
  CHANGE_PENDING_REFUSAL,
  START_UNDER_REVIEW_REFUSAL,
  UNDER_REVIEW_REFUSAL,
  changeSchema,
  isAllowed,
  phaseOf,
  planChange,
} from '../../../rules'
import type { Ctx } from '../../context'
import { changeStagesOf, toFacts, profileOf } from '../../domain/facts'
import type { FilingRecord } from '../../domain/record'
import { invalid } from '../../protocol'
import { personView } from '../../views'
import { requireOwnFiles } from '../materials'
import { parse, requirePerson } from '../guards'
import { writeNext } from '../load'
import { loadForUpdate, refuse } from './update'

export async function change(data: unknown, ctx: Ctx) {
  const owner = requirePerson(ctx)
  const input = parse(changeSchema, data)
  const { filing, day } = await loadForUpdate(ctx, owner, input)
  const plan = planChange(input, { profile: profileOf(filing), insured: filing.insuredRegion, filing: { ...toFacts(filing), insuranceType: filing.insuranceType }, today: day })
  if (!plan.ok) refuse(plan)
  const { destination, insuranceType, startDate, phone, address } = plan.changes
  const substantive = destination !== undefined || insuranceType !== undefined
  // Under a profile with staged review, a substantive change goes back to staff: the filing stays
  // active on its old terms meanwhile; phone and address still change at once.
  const reviewed = substantive && changeStagesOf(filing).length > 0
  // A new start date (before the start) is a 备案变更 that takes effect at once, under any profile.
  const action = startDate ? 'change' : !substantive ? 'update_contact' : reviewed ? 'request_change' : 'change'
  const phase = phaseOf(filing)
  if (!isAllowed(phase, action)) {
    const pending = phase === 'change_review' || phase === 'change_awaiting_materials'
    const message = pending ? CHANGE_PENDING_REFUSAL : startDate ? START_UNDER_REVIEW_REFUSAL : UNDER_REVIEW_REFUSAL
    throw invalid([{ path: 'patch', message }])
  }
  const materials = input.materials ?? []
  await requireOwnFiles(ctx, owner, materials, 'materials')
  const applicant = { ...filing.applicant, phone: phone ?? filing.applicant.phone, address: address ?? filing.applicant.address }
  const changes: Partial<FilingRecord> = reviewed
    ? {
        applicant,
        materialsRequest: null,
        changeRejection: null,
        pendingChange: {
          ...(destination ? { destination } : {}),
          ...(insuranceType ? { insuranceType } : {}),
          requestedOn: day,
          requestedAt: ctx.now.toISOString(),
          by: owner,
          reason: input.reason,
          materials,
          reviewers: [],
        },
      }
    : {
        destination: destination ?? filing.destination,
        insuranceType: insuranceType ?? filing.insuranceType,
        applicant,
        materials: [...filing.materials, ...materials],
        changedOn: substantive ? day : filing.changedOn,
        ...(substantive ? { changeRejection: null } : {}),
        ...(startDate ? { startDate, validUntil: plan.validUntil, effectiveOn: effectiveAfter(filing, startDate, day) } : {}),
      }
  const next = await writeNext(ctx, filing, changes, { actor: owner, role: 'owner', action, reason: input.reason })
  return personView(next, day, next.agent ? 'agent' : 'self')
}

/**
 * When a filing whose start moved takes effect: its new start, or for one still under review nothing
 * yet. An approved staged filing took effect no earlier than its approval, a day before `today` that
 * the record does not keep: a start moved back to before today counts from today (the later, safer
 * day for the locks that count from it).
 */
function effectiveAfter(filing: FilingRecord, startDate: string, today: string): string | null {
  if (filing.effectiveOn === null) return null
  return changeStagesOf(filing).length > 0 && startDate < today ? today : startDate
}

