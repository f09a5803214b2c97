// filing.get: one filing the caller may see, with its history.
import type { Ctx } from '../../context'
import { personView } from '../../views'
import { requirePerson, today } from '../guards'
import { loadVisible, parseId } from '../load'

export async function get(data: unknown, ctx: Ctx) {
  const { filing, party } = await loadVisible(ctx, requirePerson(ctx), parseId(data))
  return personView(filing, today(ctx), party, await ctx.store.history(filing.id))
}
