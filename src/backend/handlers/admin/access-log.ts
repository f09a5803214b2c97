// admin.accessLog: what staff read, for the `audit` role.
import { accessLogRequestSchema } from '../../../rules'
import type { Ctx } from '../../context'
import { parse, requireStaff } from '../guards'

/** admin.accessLog: what staff read (lists, exports, proofs, reveals), newest first; `audit` role only. */
export async function accessLog(data: unknown, ctx: Ctx) {
  requireStaff(ctx, 'audit')
  const request = parse(accessLogRequestSchema, data)
  const { items, total } = await ctx.accessLog.list(request)
  return { items, total, page: request.page, pageSize: request.pageSize }
}
