// admin.reveal: the full numbers, with a reason that is recorded.
import { revealSchema } from '../../../rules'
import type { Ctx } from '../../context'
import { staffActions } from '../../domain/staff-actions'
import { invalid } from '../../protocol'
import { parse, requireStaff } from '../guards'
import { loadAny } from '../load'

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
