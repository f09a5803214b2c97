// filing.mine: the person's filings (see visible.ts), their 实名认证 and their reminders' outbox.
import type { Ctx } from '../../context'
import { partyOf } from '../../domain/party'
import { identityView, personView } from '../../views'
import { requirePerson, today } from '../guards'
import { verifiedIdentity } from './verified'
import { visibleFilings } from './visible'

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
