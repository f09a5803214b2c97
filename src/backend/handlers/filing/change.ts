// filing.change and filing.cancel: the profile's locks decide; a stale version is a CONFLICT.
import {
  CHANGE_PENDING_REFUSAL,
  NOT_ASKED_REFUSAL,
  START_UNDER_REVIEW_REFUSAL,
  UNDER_REVIEW_REFUSAL,
  cancelSchema,
  changeSchema,
  isAllowed,
  phaseOf,
  planCancel,
  planChange,
  supplementIssues,
  supplementSchema,
  type FieldIssue,
} from '../../../rules'
import type { Ctx } from '../../context'
import { changeStagesOf, toFacts, profileOf } from '../../domain/facts'
import type { FilingRecord } from '../../domain/record'
import { fail, invalid } from '../../protocol'
import { FILED_BY_AGENT, personView } from '../../views'
import { requireOwnFiles } from '../materials'
import { parse, requirePerson, today } from '../guards'
import { loadVisible, requireVersion, writeNext } from '../load'

/** A filing the caller filed, still at the version the request read, and today. */
async function loadForUpdate(ctx: Ctx, owner: string, input: { id: string; version: number }) {
  const { filing, party } = await loadVisible(ctx, owner, input.id)
  if (party === 'applicant') throw fail('FORBIDDEN', FILED_BY_AGENT)
  requireVersion(filing, input.version)
  return { filing, day: today(ctx) }
}

/** A plan that does not go through: LOCKED with the day it opens, or the issues next to their fields. */
function refuse(plan: { kind: 'locked'; allowedFrom: string; message: string } | { kind: 'invalid'; issues: FieldIssue[] }): never {
  if (plan.kind === 'locked') throw fail('LOCKED', plan.message, { allowedFrom: plan.allowedFrom })
  throw invalid(plan.issues)
}

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

/** The filer may cancel; so may the insured person a filing was made for by someone else (本人撤销代办备案). */
export async function cancel(data: unknown, ctx: Ctx) {
  const openid = requirePerson(ctx)
  const input = parse(cancelSchema, data)
  const { filing, party } = await loadVisible(ctx, openid, input.id)
  requireVersion(filing, input.version)
  const day = today(ctx)
  const plan = planCancel(profileOf(filing), toFacts(filing), day)
  if (!plan.ok) refuse(plan)
  const next = await writeNext(
    ctx,
    filing,
    // A change waiting for review goes with the filing.
    { status: 'cancelled', materialsRequest: null, pendingChange: null },
    { actor: openid, role: party === 'applicant' ? 'applicant' : 'owner', action: 'cancel', reason: input.reason },
  )
  return personView(next, day, party)
}

/** The person answers a reviewer's request for more materials; the filing goes back to review. */
export async function supplement(data: unknown, ctx: Ctx) {
  const owner = requirePerson(ctx)
  const input = parse(supplementSchema, data)
  const { filing, day } = await loadForUpdate(ctx, owner, input)
  if (!isAllowed(phaseOf(filing), 'supplement')) {
    throw invalid([{ path: 'id', message: NOT_ASKED_REFUSAL }])
  }
  const request = filing.materialsRequest!
  const unanswered = supplementIssues(request.items ?? [], input.materials)
  if (unanswered.length > 0) throw invalid(unanswered)
  await requireOwnFiles(ctx, owner, input.materials, 'materials')
  // Marked, so a supplement never reads as a second copy of the original.
  const supplement = { at: ctx.now.toISOString(), stage: request.stage }
  const added = input.materials.map((material) => ({ ...material, supplement }))
  // For a change under review, the proofs belong to the change until it is approved.
  const { pendingChange } = filing
  const changes: Partial<FilingRecord> = pendingChange
    ? { pendingChange: { ...pendingChange, materials: [...pendingChange.materials, ...added] }, materialsRequest: null }
    : { materials: [...filing.materials, ...added], materialsRequest: null }
  const next = await writeNext(
    ctx,
    filing,
    changes,
    { actor: owner, role: 'owner', action: 'supplement', reason: input.note || undefined },
  )
  return personView(next, day, next.agent ? 'agent' : 'self')
}
