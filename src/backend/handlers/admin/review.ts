// admin.review: a decision on a filing under review, or on a change of an active one, stage by stage.
import { materialsRequestIssues, phaseOf, reviewSchema, type ReviewInput } from '../../../rules'
import type { Ctx } from '../../context'
import { changeStagesOf, stagesOf } from '../../domain/facts'
import type { FilingRecord, MaterialsRequest } from '../../domain/record'
import { staffActions } from '../../domain/staff-actions'
import { fail, invalid } from '../../protocol'
import type { StaffMember } from '../../store/port'
import { parse, requireStaff, today } from '../guards'
import { loadAny, requireVersion, writeNext } from '../load'
import { staffReply } from './reply'

/** 要求补充材料 as stored: the picked materials (when any) and the note. */
function materialsRequest(input: ReviewInput, staff: StaffMember, at: string, stage: string | null): MaterialsRequest {
  return { note: input.note ?? '', ...(input.items?.length ? { items: input.items } : {}), by: staff.openid, at, stage }
}

/** The changes and history entry for one decision; `stage` is the stage being decided. */
function decide(filing: FilingRecord, input: ReviewInput, staff: StaffMember, day: string, at: string) {
  const stages = stagesOf(filing)
  const stage = stages[filing.reviewers.length]?.label
  const entry = { actor: staff.openid, role: 'staff' as const, stage, reason: input.note || undefined }
  switch (input.decision) {
    case 'reject':
      return {
        changes: { status: 'rejected' as const, rejectionReason: input.note ?? null, materialsRequest: null },
        entry: { ...entry, action: 'reject' as const },
      }
    case 'request_materials':
      return {
        changes: { materialsRequest: materialsRequest(input, staff, at, stage ?? null) },
        entry: { ...entry, action: 'request_materials' as const },
      }
    case 'approve': {
      const reviewers = [...filing.reviewers, staff.openid]
      if (reviewers.length < stages.length) return { changes: { reviewers }, entry: { ...entry, action: 'review_pass' as const } }
      const effectiveOn = filing.startDate > day ? filing.startDate : day
      return { changes: { reviewers, status: 'active' as const, effectiveOn }, entry: { ...entry, action: 'approve' as const } }
    }
  }
}

const terms = ({ destination, insuranceType }: NonNullable<FilingRecord['pendingChange']>) => ({
  ...(destination ? { destination } : {}),
  ...(insuranceType ? { insuranceType } : {}),
})

/**
 * The changes and history entry for one decision on a pending change (the profile's own stages):
 * approved at the last stage, it takes effect that day — the new terms replace the old and the locks
 * count again from it, as for a change made at once; rejected, it is discarded and the filing keeps
 * its terms, with the reason for the person.
 */
function decideChange(filing: FilingRecord, input: ReviewInput, staff: StaffMember, day: string, at: string) {
  const pending = filing.pendingChange!
  const stages = changeStagesOf(filing)
  const stage = stages[pending.reviewers.length]?.label
  const entry = { actor: staff.openid, role: 'staff' as const, stage: stage ? `变更${stage}` : undefined, reason: input.note || undefined }
  switch (input.decision) {
    case 'reject':
      return {
        changes: { pendingChange: null, materialsRequest: null, changeRejection: { reason: input.note ?? '', on: day, ...terms(pending) } },
        entry: { ...entry, action: 'change_reject' as const },
      }
    case 'request_materials':
      return {
        changes: { materialsRequest: materialsRequest(input, staff, at, stage ? `变更${stage}` : null) },
        entry: { ...entry, action: 'request_materials' as const },
      }
    case 'approve': {
      const reviewers = [...pending.reviewers, staff.openid]
      if (reviewers.length < stages.length) return { changes: { pendingChange: { ...pending, reviewers } }, entry: { ...entry, action: 'change_review_pass' as const } }
      return {
        changes: {
          destination: pending.destination ?? filing.destination,
          insuranceType: pending.insuranceType ?? filing.insuranceType,
          materials: [...filing.materials, ...pending.materials],
          changedOn: day,
          pendingChange: null,
          changeRejection: null,
        },
        entry: { ...entry, action: 'change_approve' as const },
      }
    }
  }
}

const REFUSED: Record<ReviewInput['decision'], string> = {
  approve: '正在等申请人补充材料，收到后才能审核通过',
  reject: '这份备案不在审核中',
  request_materials: '已经在等申请人补充材料了',
}

export async function review(data: unknown, ctx: Ctx) {
  const staff = requireStaff(ctx, 'review')
  const input = parse(reviewSchema, data)
  const filing = await loadAny(ctx, input.id)
  requireVersion(filing, input.version)
  const { review: can } = staffActions(filing, staff)
  if (!can.applies) throw invalid([{ path: 'id', message: '这份备案不在审核中' }])
  if (!can.allowed) throw fail('FORBIDDEN', can.message!)
  if (!can.decisions.includes(input.decision)) throw invalid([{ path: 'decision', message: REFUSED[input.decision] }])
  const unlisted = materialsRequestIssues(input.items ?? [], filing)
  if (unlisted.length > 0) throw invalid(unlisted)
  const phase = phaseOf(filing)
  const ofChange = phase === 'change_review' || phase === 'change_awaiting_materials'
  const args = [filing, input, staff, today(ctx), ctx.now.toISOString()] as const
  const { changes, entry } = ofChange ? decideChange(...args) : decide(...args)
  const next = await writeNext(ctx, filing, changes, entry)
  return staffReply(ctx, next)
}

