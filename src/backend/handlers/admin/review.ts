// admin.get, admin.reveal, admin.review, admin.spotCheck and admin.recordStay.
import { phaseOf, recordStaySchema, revealSchema, reviewSchema, spotCheckSchema, type ReviewInput } from '../../../rules'
import type { Ctx } from '../../context'
import { changeStagesOf, stagesOf } from '../../domain/facts'
import type { FilingRecord } from '../../domain/record'
import { staffActions } from '../../domain/staff-actions'
import { fail, invalid } from '../../protocol'
import type { StaffMember } from '../../store/port'
import { staffView } from '../../views'
import { parse, requireStaff, today } from '../guards'
import { loadAny, parseId, requireVersion, writeNext } from '../load'

/** The staff view, with what this staff member may do next (the page shows only those forms). */
async function reply(ctx: Ctx, filing: FilingRecord) {
  return staffView(filing, today(ctx), await ctx.store.history(filing.id), ctx.caller.staff!)
}

/** Every field, the ID number and phone masked; the viewing itself goes into the filing's history. */
export async function get(data: unknown, ctx: Ctx) {
  const staff = requireStaff(ctx)
  const filing = await loadAny(ctx, parseId(data))
  await ctx.store.appendHistory({ filingId: filing.id, at: ctx.now.toISOString(), actor: staff.openid, role: 'staff', action: 'view' })
  return reply(ctx, filing)
}

/**
 * The full ID number and phone, for a staff member with the `reveal` role who states why: the reason
 * goes into the filing's history (shown there) and the access log.
 */
export async function reveal(data: unknown, ctx: Ctx) {
  const staff = requireStaff(ctx, 'reveal')
  const { id, reason } = parse(revealSchema, data)
  const filing = await loadAny(ctx, id)
  if (!staffActions(filing, staff).reveal.applies) throw invalid([{ path: 'id', message: '这份备案保存期满，个人信息已删除，没有可以查看的内容' }])
  const at = ctx.now.toISOString()
  await ctx.store.appendHistory({ filingId: filing.id, at, actor: staff.openid, role: 'staff', action: 'reveal', reason })
  await ctx.accessLog.record({ at, staff: staff.openid, action: 'reveal', filters: null, page: null, rows: null, filingId: filing.id, fileId: null, reason })
  const { agent } = filing
  return { idNumber: filing.applicant.idNumber, phone: filing.applicant.phone, address: filing.applicant.address, ...(agent ? { agent: { idNumber: agent.idNumber, phone: agent.phone } } : {}) }
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
        changes: { materialsRequest: { note: input.note ?? '', by: staff.openid, at, stage: stage ?? null } },
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
        changes: { materialsRequest: { note: input.note ?? '', by: staff.openid, at, stage: stage ? `变更${stage}` : null } },
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

const REVIEW_FIELDS: (keyof FilingRecord)[] = [
  'status',
  'reviewers',
  'effectiveOn',
  'rejectionReason',
  'materialsRequest',
  'pendingChange',
  'destination',
  'insuranceType',
  'materials',
  'changedOn',
  'changeRejection',
]

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
  const phase = phaseOf(filing)
  const ofChange = phase === 'change_review' || phase === 'change_awaiting_materials'
  const args = [filing, input, staff, today(ctx), ctx.now.toISOString()] as const
  const { changes, entry } = ofChange ? decideChange(...args) : decide(...args)
  const next = await writeNext(ctx, filing, changes, entry, REVIEW_FIELDS)
  return reply(ctx, next)
}

/** 抽查: the outcome of checking a sampled commitment filing; the person sees a problem and its note. */
export async function spotCheck(data: unknown, ctx: Ctx) {
  const staff = requireStaff(ctx, 'review')
  const input = parse(spotCheckSchema, data)
  const filing = await loadAny(ctx, input.id)
  requireVersion(filing, input.version)
  if (filing.spotCheck?.state !== 'due') throw invalid([{ path: 'id', message: '这份备案不在抽查名单中，或已经核查过' }])
  const { spotCheck: can } = staffActions(filing, staff)
  if (!can.applies) throw invalid([{ path: 'id', message: '只有生效中的备案需要核查' }])
  if (!can.allowed) throw fail('FORBIDDEN', can.message!)
  const day = today(ctx)
  const spotCheck = { state: input.result, sampledOn: filing.spotCheck.sampledOn, note: input.note || null, by: staff.openid, on: day }
  const next = await writeNext(ctx, filing, { spotCheck }, { actor: staff.openid, role: 'staff', action: 'spot_check', reason: input.note || undefined }, ['spotCheck'])
  return reply(ctx, next)
}

/** Medical expenses at the filed place: some locks (济宁) hold only once there are some. */
export async function recordStay(data: unknown, ctx: Ctx) {
  const staff = requireStaff(ctx, 'review')
  const input = parse(recordStaySchema, data)
  const filing = await loadAny(ctx, input.id)
  if (!staffActions(filing, staff).recordStay.applies) throw invalid([{ path: 'id', message: '只有生效中的备案可以登记住院费用' }])
  const day = today(ctx)
  if (input.admissionDate > day) throw invalid([{ path: 'admissionDate', message: '入院日期不能晚于今天' }])
  // The area it was at: after a change of destination, a former 备案地's expenses no longer count (济宁 004 四(一)).
  const stay = {
    admissionDate: input.admissionDate,
    dischargeDate: input.dischargeDate ?? null,
    areaCode: filing.destination.areaCode,
    recordedBy: staff.openid,
    recordedAt: ctx.now.toISOString(),
  }
  const next = await writeNext(ctx, filing, { stays: [...filing.stays, stay] }, { actor: staff.openid, role: 'staff', action: 'record_stay' }, ['stays'])
  return reply(ctx, next)
}
