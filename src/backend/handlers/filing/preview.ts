// filing.preview: what a filing would be (its validity, locks, benefits), from the rules; nothing stored.
import { holdsLongTermFiling, previewFiling } from '../../../rules'
import type { Ctx } from '../../context'
import { invalid } from '../../protocol'
import { today } from '../guards'
import { ownFilings } from './visible'

/** Open to anyone; a signed-in person's own long-term filing decides which referral issuers apply. */
export async function preview(data: unknown, ctx: Ctx) {
  const mine = ctx.caller.openid ? await ownFilings(ctx, ctx.caller.openid) : []
  const result = previewFiling(data, today(ctx), { hasLongTermFiling: holdsLongTermFiling(mine) })
  if (!result.ok) throw invalid(result.issues)
  return result.value
}
