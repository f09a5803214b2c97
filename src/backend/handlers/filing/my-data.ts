// filing.myData: the person's copy of their personal information.
import { PRIVACY_NOTICE } from '../../../rules'
import type { Ctx } from '../../context'
import { partyOf } from '../../domain/party'
import { personView } from '../../views'
import { requirePerson, today } from '../guards'
import { verifiedIdentity } from './verified'
import { visibleFilings } from './visible'

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
