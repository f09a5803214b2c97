// admin.stats: the dashboard's figures on today.
import type { Ctx } from '../../context'
import { requireStaff, today } from '../guards'

export async function stats(_data: unknown, ctx: Ctx) {
  requireStaff(ctx)
  return ctx.store.stats(today(ctx))
}
