// The caller's 实名认证 as the filing actions need it: read, and required with a consent to the current rules.
import { PRIVACY_NOTICE_VERSION } from '../../../rules'
import type { Ctx } from '../../context'
import { fail } from '../../protocol'
import type { VerifiedIdentity } from '../../store/port'

export const UNVERIFIED_MESSAGE = '请先完成实名认证，再办理备案'
const OUTDATED_CONSENT = '个人信息处理规则已更新：请重新阅读并同意后，再办理备案'

/** The caller's verified identity, or null before they have one. */
export async function verifiedIdentity(ctx: Ctx, openid: string): Promise<VerifiedIdentity | null> {
  return (await ctx.store.identityOf(openid))?.verified ?? null
}

/** The caller's verified identity with a consent to the current rules, or UNVERIFIED saying which is missing. */
export function requireConsentedFiler(filer: VerifiedIdentity | null): VerifiedIdentity {
  if (!filer) throw fail('UNVERIFIED', UNVERIFIED_MESSAGE)
  if (filer.consent?.version !== PRIVACY_NOTICE_VERSION) throw fail('UNVERIFIED', OUTDATED_CONSENT)
  return filer
}
