// filing.mine and filing.get: a person's own filings, with their states and the reminders outbox.
import type { Ctx } from '../../context'
import { personView } from '../../views'
import { requirePerson, today } from '../guards'
import { loadOwn, parseId } from '../load'

export async function mine(_data: unknown, ctx: Ctx) {
  const owner = requirePerson(ctx)
  const [filings, reminders] = await Promise.all([ctx.store.listByOwner(owner), ctx.store.remindersFor(owner)])
  const day = today(ctx)
  return {
    filings: filings
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
      .map((filing) => personView(filing, day)),
    reminders: reminders.map(({ filingId, validUntil, message, createdAt }) => ({ filingId, validUntil, message, createdAt })),
  }
}

export async function get(data: unknown, ctx: Ctx) {
  const owner = requirePerson(ctx)
  const filing = await loadOwn(ctx, owner, parseId(data))
  return personView(filing, today(ctx), await ctx.store.history(filing.id))
}
