// filing.consent: agreeing again to changed 个人信息处理规则.
import * as z from 'zod'
import { consentSchema } from '../../../rules'
import type { Ctx } from '../../context'
import { fail } from '../../protocol'
import type { VerifiedIdentity } from '../../store/port'
import { identityView } from '../../views'
import { parse, requirePerson } from '../guards'
import { UNVERIFIED_MESSAGE } from './verified'

/**
 * filing.consent: a verified person agrees again after the 个人信息处理规则 changed (no new face check:
 * who they are has not changed, only what they were told).
 */
export async function consent(data: unknown, ctx: Ctx) {
  const openid = requirePerson(ctx)
  const { consent: agreed } = parse(z.object({ consent: consentSchema }), data)
  const record = await ctx.store.identityOf(openid)
  if (!record?.verified) throw fail('UNVERIFIED', UNVERIFIED_MESSAGE)
  const verified: VerifiedIdentity = { ...record.verified, consent: { version: agreed.version, at: ctx.now.toISOString() } }
  await ctx.store.saveIdentity({ ...record, verified, updatedAt: ctx.now.toISOString() })
  return identityView(verified)
}
