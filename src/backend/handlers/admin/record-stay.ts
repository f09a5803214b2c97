// admin.recordStay: a stay at the filed place.
import { recordStaySchema } from '../../../rules'
import type { Ctx } from '../../context'
import { staffActions } from '../../domain/staff-actions'
import { invalid } from '../../protocol'
import { parse, requireStaff, today } from '../guards'
import { loadAny, writeNext } from '../load'
import { staffReply } from './reply'

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
  const next = await writeNext(ctx, filing, { stays: [...filing.stays, stay] }, { actor: staff.openid, role: 'staff', action: 'record_stay' })
  return staffReply(ctx, next)
}
