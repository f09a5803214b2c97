// 实名认证's logic, without Taro: the form's checks (the rules' own checkers and messages, zod-free:
// this page is in the main package), the two-call verification (start a face session, run the face
// check, confirm it; locally one call), and where the person goes afterwards.
import { checkIdNumber, checkName, type IdType } from '../../rules/identity'
import type { CalendarDate } from '../../rules/core'
import { PRIVACY_NOTICE_VERSION } from '../../rules/privacy'
import type { ApiReply } from '../../services/api'
import type { FaceOutcome } from '../../services/face-verify'
import { firstMessages } from '../../lib/issues'

/** `filing.identity` (and a finished `filing.verifyIdentity`): who the caller is verified as, masked. */
export type IdentityView =
  | { verified: false }
  | {
      verified: true
      name: string
      idType: IdType
      idTypeLabel: string
      idNumberMasked: string
      method: 'wechat_face' | 'dev_standin'
      /** ISO 8601. */
      verifiedAt: string
      /** Agreed to the current 个人信息处理规则; false: asked again (filing.consent). */
      consentCurrent: boolean
    }

export type VerifiedIdentity = Extract<IdentityView, { verified: true }>

/** `filing.verifyIdentity`'s reply: verified, or (deployed) a face session to run first. */
export type VerifyReply = IdentityView | { verified: false; verifyId: string }

export interface IdentityForm {
  name: string
  idType: IdType
  idNumber: string
}

export type IdentityField = 'name' | 'idType' | 'idNumber' | 'consent'

/** The separate consent (个人信息保护法 第二十九条) to the version of the rules the page shows. */
export const CONSENT = { version: PRIVACY_NOTICE_VERSION, sensitive: true } as const

export const CONSENT_MISSING = '请阅读《个人信息处理规则》，并勾选同意处理敏感个人信息'

/** The page's messages by field, and '' for the ones that belong to no field (a face session gone). */
export type IdentityErrors = Partial<Record<IdentityField | '', string>>

/** What each document's number looks like (the 实名认证 page and the wizard's person step). */
export const ID_NUMBER_HINTS: Record<IdType, string> = {
  resident_id: '18位，最后一位可能是X',
  hmt_residence_permit: '18位，以810000（香港）、820000（澳门）或830000（台湾）开头',
  foreign_permanent_resident_id: '新版为9开头的18位数字；旧版为3个字母加12位数字',
}

export const METHOD_LABELS: Record<VerifiedIdentity['method'], string> = {
  wechat_face: '微信人脸核身',
  dev_standin: '本地演示（未做人脸核身）',
}

/** The same checks (and words) as the server's verifyIdentity schema, before the camera opens. */
export function checkIdentityForm(form: IdentityForm, today: CalendarDate): IdentityErrors {
  const errors: IdentityErrors = {}
  const name = checkName(form.name)
  if (!name.ok) errors.name = name.message
  const id = checkIdNumber(form.idType, form.idNumber, today)
  if (!id.ok) errors.idNumber = id.message
  return errors
}

/** What the server is sent: the name and number as the rules normalise them. */
export function claimOf(form: IdentityForm, today: CalendarDate): IdentityForm {
  const name = checkName(form.name)
  const id = checkIdNumber(form.idType, form.idNumber, today)
  return { name: name.ok ? name.value : form.name, idType: form.idType, idNumber: id.ok ? id.number : form.idNumber }
}

function fieldOf(path: string): IdentityField | '' {
  if (path === 'consent' || path.startsWith('consent.')) return 'consent'
  return path === 'name' || path === 'idType' || path === 'idNumber' ? path : ''
}

/** Server issues by field (the first per field); `verifyResult` and anything else go on top. */
export function identityErrors(issues: readonly { path: string; message: string }[]): IdentityErrors {
  return firstMessages(issues, fieldOf)
}

export type VerifyOutcome =
  | { kind: 'verified'; identity: VerifiedIdentity }
  | { kind: 'invalid'; errors: IdentityErrors }
  /** The face check did not run to the end (cancelled, no camera, an old WeChat). */
  | { kind: 'face'; cancelled: boolean; message: string }
  | { kind: 'failed'; code: string; message: string }

export interface VerifyDeps {
  /** `filing.verifyIdentity`. */
  verify: (claim: IdentityForm & { verifyResult?: string; consent: typeof CONSENT }) => Promise<ApiReply<VerifyReply>>
  /** The device's face check on the backend's session. */
  face: (verifyId: string) => Promise<FaceOutcome>
}

function refused(reply: Extract<ApiReply<unknown>, { ok: false }>): VerifyOutcome {
  const { error } = reply
  if (error.code === 'VALIDATION' && error.issues?.length) return { kind: 'invalid', errors: identityErrors(error.issues) }
  return { kind: 'failed', code: error.code, message: error.message }
}

/**
 * Verifies the claim: the local server answers verified at once; deployed, the first call starts a
 * face session, the device runs it, and a second call with the same claim and `verifyResult`
 * (the session id) makes the backend read the real result.
 */
export async function verifyIdentity(claim: IdentityForm, deps: VerifyDeps): Promise<VerifyOutcome> {
  const first = await deps.verify({ ...claim, consent: CONSENT })
  if (!first.ok) return refused(first)
  if (first.data.verified) return { kind: 'verified', identity: first.data }
  if (!('verifyId' in first.data)) return { kind: 'failed', code: 'INTERNAL', message: '暂时不能认证，请稍后重试。' }
  const { verifyId } = first.data
  const face = await deps.face(verifyId)
  if (!face.ok) return { kind: 'face', cancelled: face.cancelled, message: face.message }
  const second = await deps.verify({ ...claim, consent: CONSENT, verifyResult: verifyId })
  if (!second.ok) return refused(second)
  if (second.data.verified) return { kind: 'verified', identity: second.data }
  return { kind: 'failed', code: 'INTERNAL', message: '人脸核身没有通过，请重新核验。' }
}

/**
 * Where to go after verifying: back to the page that sent the person (`next`, one of this app's
 * pages: the wizard), else back to the page below, else home.
 */
export function afterVerify(next: string | undefined, stackDepth: number): { kind: 'redirect'; url: string } | { kind: 'back' } | { kind: 'home' } {
  const url = next ? safeDecode(next) : null
  if (url && /^\/pages\/[A-Za-z0-9/_-]+(\?[A-Za-z0-9=&%_.-]*)?$/.test(url)) return { kind: 'redirect', url }
  if (stackDepth > 1) return { kind: 'back' }
  return { kind: 'home' }
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value)
  } catch {
    return null
  }
}

/** The 实名认证 page, to come back to `from` (an app page) when done. */
export function verifyUrl(from?: string): string {
  return from ? `/pages/verify/index?next=${encodeURIComponent(from)}` : '/pages/verify/index'
}
