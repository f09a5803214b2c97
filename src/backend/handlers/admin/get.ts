// admin.get: one filing for staff.
import type { Ctx } from '../../context'
import { requireStaff } from '../guards'
import { loadAny, parseId } from '../load'
import { staffReply } from './reply'

/** Every field, the ID number and phone masked; the viewing itself goes into the filing's history. */
export async function get(data: unknown, ctx: Ctx) {
  const staff = requireStaff(ctx)
  const filing = await loadAny(ctx, parseId(data))
  await ctx.store.appendHistory({ filingId: filing.id, at: ctx.now.toISOString(), actor: staff.openid, role: 'staff', action: 'view' })
  return staffReply(ctx, filing)
}
