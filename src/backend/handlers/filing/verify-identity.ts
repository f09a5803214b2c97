// filing.verifyIdentity: the caller's 实名认证, kept per openid. Deployed, a claim is verified by WeChat
// 人脸核身 in two calls (start a session; the page runs the face check; check the session's real
// result). Locally the stand-in accepts the claim at once, and says so (`dev_standin`).
import { validateIdentityClaim } from '../../../rules'
import type { Ctx } from '../../context'
import { requireWithinLimit } from '../../limits'
import { invalid } from '../../protocol'
import type { IdentityRecord, VerifiedIdentity } from '../../store/port'
import { identityView } from '../../views'
import { requirePerson, today } from '../guards'

const FACE_ONLY_RESIDENT_ID =
  '微信人脸核身只支持居民身份证。持港澳台居民居住证或外国人永久居留身份证的，请到参保地医保经办机构办理备案'
const SESSION_GONE = '人脸核身已过期，或与填写的姓名、证件号码不一致，请重新核验'

export async function verifyIdentity(data: unknown, ctx: Ctx) {
  const openid = requirePerson(ctx)
  const checked = validateIdentityClaim(data, today(ctx))
  if (!checked.ok) throw invalid(checked.issues)
  await requireWithinLimit(ctx, 'verifyIdentity', openid)
  const { verifyResult, consent: agreed, ...claim } = checked.value
  const record: IdentityRecord = (await ctx.store.identityOf(openid)) ?? { openid, verified: null, pending: null, updatedAt: '' }
  const at = ctx.now.toISOString()
  const consent = { version: agreed.version, at }
  const save = (changes: Partial<IdentityRecord>) => ctx.store.saveIdentity({ ...record, ...changes, updatedAt: at })

  const { verifier } = ctx
  if (verifier.kind === 'dev_standin') {
    const verified: VerifiedIdentity = { ...claim, method: 'dev_standin', verifiedAt: at, consent }
    await save({ verified, pending: null })
    return identityView(verified)
  }

  if (claim.idType !== 'resident_id') throw invalid([{ path: 'idType', message: FACE_ONLY_RESIDENT_ID }])
  if (verifyResult === undefined) {
    const session = await verifier.start(openid, claim)
    const expiresAt = new Date(ctx.now.getTime() + session.expiresInSeconds * 1000).toISOString()
    await save({ pending: { ...claim, verifyId: session.verifyId, outSeqNo: session.outSeqNo, expiresAt } })
    return { verified: false as const, verifyId: session.verifyId }
  }

  // The session must be the one started for this openid, with the same claim, and still open.
  const { pending } = record
  const sameClaim = pending !== null && pending.name === claim.name && pending.idType === claim.idType && pending.idNumber === claim.idNumber
  if (!pending || !sameClaim || pending.verifyId !== verifyResult || pending.expiresAt <= at) {
    throw invalid([{ path: 'verifyResult', message: SESSION_GONE }])
  }
  const outcome = await verifier.check(openid, claim, pending)
  if (!outcome.passed) {
    await save({ pending: null })
    throw invalid([{ path: 'verifyResult', message: outcome.message }])
  }
  const verified: VerifiedIdentity = { ...claim, method: 'wechat_face', verifiedAt: at, consent }
  await save({ verified, pending: null })
  return identityView(verified)
}
