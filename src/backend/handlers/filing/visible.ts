// The filings a person may see: those they filed (for themselves or, 代办, for someone else) and every
// filing made under their verified ID by anyone (filing.mine, filing.myData, coverage).
import type { Ctx } from '../../context'
import { partyOf } from '../../domain/party'
import type { FilingRecord } from '../../domain/record'
import type { VerifiedIdentity } from '../../store/port'
import { verifiedIdentity } from './verified'

/** What the caller filed (for themselves or for others) and what was filed under their verified ID, once each. */
export async function visibleFilings(ctx: Ctx, openid: string, identity: VerifiedIdentity | null): Promise<FilingRecord[]> {
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
