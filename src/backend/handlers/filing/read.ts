// filing.mine and filing.get: the filings a person filed (for themselves or, 代办, for someone else)
// and every filing made under their verified ID by anyone; their 实名认证; the reminders outbox.
import { PRIVACY_NOTICE } from '../../../rules'
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

/**
 * filing.myData: the person's copy of their personal information (个人信息保护法 第四十五条): their
 * 实名认证 and consent, every filing they filed or that was filed under their ID with its history, and
 * their reminders. Their own numbers in full; a family member's (on filings they filed for someone) stay
 * masked: those are the other person's to ask for.
 */
export async function myData(_data: unknown, ctx: Ctx) {
  const openid = requirePerson(ctx)
  const identity = await verifiedIdentity(ctx, openid)
  const [filings, reminders] = await Promise.all([visibleFilings(ctx, openid, identity), ctx.store.remindersFor(openid)])
  const day = today(ctx)
  const copies = []
  for (const filing of filings) {
    const party = partyOf(filing, openid, identity)!
    const view = personView(filing, day, party, await ctx.store.history(filing.id))
    const own =
      party === 'agent'
        ? { ...view, agent: filing.agent ? { ...view.agent, idNumber: filing.agent.idNumber, phone: filing.agent.phone } : null }
        : { ...view, applicant: { ...view.applicant, idNumber: filing.applicant.idNumber } }
    copies.push(own)
  }
  return {
    generatedAt: ctx.now.toISOString(),
    rules: { title: PRIVACY_NOTICE.title, version: PRIVACY_NOTICE.version, holder: PRIVACY_NOTICE.holder, contact: PRIVACY_NOTICE.contact },
    identity: identity
      ? { name: identity.name, idType: identity.idType, idNumber: identity.idNumber, method: identity.method, verifiedAt: identity.verifiedAt, consent: identity.consent ?? null }
      : null,
    filings: copies,
    reminders: reminders.map(({ filingId, validUntil, message, createdAt }) => ({ filingId, validUntil, message, createdAt })),
  }
}
