// filing.mine and filing.get: the filings a person filed (for themselves or, 代办, for someone else)
// and every filing made under their verified ID by anyone; their 实名认证; the reminders outbox.
import type { Ctx } from '../../context'
import { partyOf } from '../../domain/party'
import type { FilingRecord } from '../../domain/record'
import { identityView, personView } from '../../views'
import { requirePerson, today } from '../guards'
import { loadVisible, parseId } from '../load'
import { verifiedIdentity } from './identity'

export async function mine(_data: unknown, ctx: Ctx) {
  const openid = requirePerson(ctx)
  const identity = await verifiedIdentity(ctx, openid)
  const [filed, underMyId, reminders] = await Promise.all([
    ctx.store.listByOwner(openid),
    identity ? ctx.store.listByPerson(identity.idType, identity.idNumber) : Promise.resolve([]),
    ctx.store.remindersFor(openid),
  ])
  const byId = new Map<string, FilingRecord>([...filed, ...underMyId].map((filing) => [filing.id, filing]))
  const day = today(ctx)
  return {
    identity: identityView(identity),
    filings: [...byId.values()]
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
      .map((filing) => personView(filing, day, partyOf(filing, openid, identity)!)),
    reminders: reminders.map(({ filingId, validUntil, message, createdAt }) => ({ filingId, validUntil, message, createdAt })),
  }
}

export async function get(data: unknown, ctx: Ctx) {
  const { filing, party } = await loadVisible(ctx, requirePerson(ctx), parseId(data))
  return personView(filing, today(ctx), party, await ctx.store.history(filing.id))
}
