// What every staff action answers: the staff view of the filing, with what this staff member may do
// next (the back office shows only those forms).
import type { Ctx } from '../../context'
import type { FilingRecord } from '../../domain/record'
import { staffView } from '../../views'
import { today } from '../guards'

export async function staffReply(ctx: Ctx, filing: FilingRecord) {
  return staffView(filing, today(ctx), await ctx.store.history(filing.id), ctx.caller.staff!)
}
