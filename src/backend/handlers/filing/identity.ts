// filing.identity: the caller's 实名认证 as the pages show it.
import type { Ctx } from '../../context'
import { identityView } from '../../views'
import { requirePerson } from '../guards'
import { verifiedIdentity } from './verified'

export async function identity(_data: unknown, ctx: Ctx) {
  return identityView(await verifiedIdentity(ctx, requirePerson(ctx)))
}
