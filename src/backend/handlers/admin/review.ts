// admin.get, admin.review and admin.recordStay.
import { recordStaySchema, reviewSchema } from '../../../rules'
import type { Ctx } from '../../context'
import { profileOf } from '../../domain/facts'
import { isAllowed } from '../../domain/lifecycle'
import { fail, invalid } from '../../protocol'
import { staffView } from '../../views'
import { parse, requireStaff, today } from '../guards'
import { loadAny, parseId, requireVersion, writeNext } from '../load'

/** The full record; the viewing itself goes into the filing's history. */
export async function get(data: unknown, ctx: Ctx) {
  const staff = requireStaff(ctx)
  const filing = await loadAny(ctx, parseId(data))
  await ctx.store.appendHistory({ filingId: filing.id, at: ctx.now.toISOString(), actor: staff.openid, role: 'staff', action: 'view' })
  return staffView(filing, today(ctx), await ctx.store.history(filing.id))
}

export async function review(data: unknown, ctx: Ctx) {
  const staff = requireStaff(ctx)
  const input = parse(reviewSchema, data)
  const filing = await loadAny(ctx, input.id)
  requireVersion(filing, input.version)
  if (!isAllowed(filing.status, 'approve')) throw invalid([{ path: 'id', message: '这份备案不在审核中' }])
  if (filing.owner === staff.openid) throw fail('FORBIDDEN', '不能审核本人提交的备案')
  if (filing.reviewers.includes(staff.openid)) {
    throw fail('FORBIDDEN', '每一级审核须由不同的工作人员办理，您已审核过这份备案')
  }
  const rule = profileOf(filing).categories[filing.category]
  const stages = rule.filing === 'required' && rule.review.kind === 'staged' ? rule.review.stages : []
  const stage = stages[filing.reviewers.length]?.label
  const day = today(ctx)
  const entry = { actor: staff.openid, role: 'staff' as const, stage, reason: input.note || undefined }

  if (input.decision === 'reject') {
    const next = await writeNext(ctx, filing, { status: 'rejected', rejectionReason: input.note ?? null }, { ...entry, action: 'reject' }, ['status', 'rejectionReason'])
    return staffView(next, day, await ctx.store.history(filing.id))
  }
  const reviewers = [...filing.reviewers, staff.openid]
  const last = reviewers.length >= stages.length
  const changes = last
    ? { reviewers, status: 'active' as const, effectiveOn: filing.startDate > day ? filing.startDate : day }
    : { reviewers }
  const next = await writeNext(ctx, filing, changes, { ...entry, action: last ? 'approve' : 'review_pass' }, ['status', 'reviewers', 'effectiveOn'])
  return staffView(next, day, await ctx.store.history(filing.id))
}

/** Medical expenses at the filed place: some locks (济宁) start from them. */
export async function recordStay(data: unknown, ctx: Ctx) {
  const staff = requireStaff(ctx)
  const input = parse(recordStaySchema, data)
  const filing = await loadAny(ctx, input.id)
  if (!isAllowed(filing.status, 'record_stay')) throw invalid([{ path: 'id', message: '只有生效中的备案可以登记住院费用' }])
  const day = today(ctx)
  if (input.admissionDate > day) throw invalid([{ path: 'admissionDate', message: '入院日期不能晚于今天' }])
  const stay = { admissionDate: input.admissionDate, dischargeDate: input.dischargeDate ?? null, recordedBy: staff.openid, recordedAt: ctx.now.toISOString() }
  const next = await writeNext(ctx, filing, { stays: [...filing.stays, stay] }, { actor: staff.openid, role: 'staff', action: 'record_stay' }, ['stays'])
  return staffView(next, day, await ctx.store.history(filing.id))
}
