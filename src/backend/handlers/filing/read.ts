// filing.mine and filing.get: the filings a person filed (for themselves or, 代办, for someone else)
// and every filing made under their verified ID by anyone; their 实名认证; the reminders outbox.
import type { Ctx } from '../../context'
import { partyOf } from '../../domain/party'
import type { FilingRecord } from '../../domain/record'
import type { VerifiedIdentity } from '../../store/port'
import { identityView, personView } from '../../views'
import { requirePerson, today } from '../guards'
import { loadVisible, parseId } from '../load'
import { verifiedIdentity } from './identity'

/** What the caller filed (for themselves or for others) and what was filed under their verified ID, once each. */
async function visibleFilings(ctx: Ctx, openid: string, identity: VerifiedIdentity | null): Promise<FilingRecord[]> {
  const [filed, underMyId] = await Promise.all([
    ctx.store.listByOwner(openid),
    identity ? ctx.store.listByPerson(identity.idType, identity.idNumber) : Promise.resolve([]),
  ])
  const byId = new Map<string, FilingRecord>([...filed, ...underMyId].map((filing) => [filing.id, filing]))
  return [...byId.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
}

/**
 * The filings whose insured person is the caller (newest first): those they filed for themselves and
 * any made under their verified ID — not those they filed for family members (代办), which cover
 * someone else's stays.
 */
export async function ownFilings(ctx: Ctx, openid: string): Promise<FilingRecord[]> {
  const identity = await verifiedIdentity(ctx, openid)
  return (await visibleFilings(ctx, openid, identity)).filter((filing) => partyOf(filing, openid, identity) !== 'agent')
}

export async function mine(_data: unknown, ctx: Ctx) {
  const openid = requirePerson(ctx)
  const identity = await verifiedIdentity(ctx, openid)
  const [filings, reminders] = await Promise.all([visibleFilings(ctx, openid, identity), ctx.store.remindersFor(openid)])
  const day = today(ctx)
  return {
    identity: identityView(identity),
    filings: filings
      .map((filing) => personView(filing, day, partyOf(filing, openid, identity)!)),
    reminders: reminders.map(({ filingId, validUntil, message, createdAt }) => ({ filingId, validUntil, message, createdAt })),
  }
}

export async function get(data: unknown, ctx: Ctx) {
  const { filing, party } = await loadVisible(ctx, requirePerson(ctx), parseId(data))
  return personView(filing, today(ctx), party, await ctx.store.history(filing.id))
}
