// WeChat 人脸核身 2.0, server side (developers.weixin.qq.com/miniprogram/dev/server/API/face/):
//   1. getVerifyId   POST /cityservice/face/identify/getverifyid   { out_seq_no, cert_info, openid } → verify_id
//   2. the page calls wx.requestFacialVerify({ verifyId }) (base library ≥ 3.8.12)
//   3. queryVerifyInfo POST /cityservice/face/identify/queryverifyinfo { verify_id, out_seq_no, cert_hash, openid }
//      → verify_ret; passed only when errcode = 0 and verify_ret = 10000.
// WeChat checks that cert_hash and openid match what getVerifyId was given, so a session cannot be
// replayed for another person or another account. Neither call is a 云调用: both need an
// access_token, taken from /cgi-bin/stable_token with the mini-program's AppID and AppSecret.
// (The 1.0 interface, wx.startFacialRecognitionVerify + getinfo, stopped on 2026-06-30.)
import { createHash, randomBytes } from 'node:crypto'
import type { FaceOutcome, IdentityClaim, IdentityVerifier } from './port'

export interface WechatFaceOptions {
  appId: string
  appSecret: string
  /** https://api.weixin.qq.com; tests point it at a stand-in. */
  apiBase?: string
  fetch?: typeof fetch
  now?: () => number
}

/** Only 居民身份证 is documented for cert_info (cert_type IDENTITY_CARD). */
const CERT_TYPE = 'IDENTITY_CARD'

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

/** cert_hash as WeChat documents it: SHA-256 (lower-case hex) of cert_type=…&cert_name=…&cert_no=…, each base64. */
export function certHash(claim: Pick<IdentityClaim, 'name' | 'idNumber'>): string {
  const text = `cert_type=${base64(CERT_TYPE)}&cert_name=${base64(claim.name)}&cert_no=${base64(claim.idNumber)}`
  return createHash('sha256').update(text).digest('hex')
}

/** What verify_ret says, for the person (the codes listed with queryVerifyInfo). */
function failureMessage(verifyRet: number): string {
  if (verifyRet >= 90002 && verifyRet <= 90006) return '人脸核身已取消，请重新核验'
  if ([90008, 90009, 90010].includes(verifyRet)) return '请允许微信使用相机和麦克风后重新核验'
  if ([90001, 90109].includes(verifyRet)) return '这台设备不支持人脸核身，请换一台手机，或到参保地医保经办机构办理'
  return '人脸核身没有通过：请确认姓名和证件号码是本人的，在光线充足处重新核验'
}

interface WechatReply {
  errcode?: number
  errmsg?: string
  [key: string]: unknown
}

export function wechatFaceVerifier(options: WechatFaceOptions): IdentityVerifier {
  const apiBase = options.apiBase ?? 'https://api.weixin.qq.com'
  const send = options.fetch ?? fetch
  const now = options.now ?? Date.now
  let token: { value: string; until: number } | null = null

  async function post(path: string, body: unknown): Promise<WechatReply> {
    const response = await send(`${apiBase}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    if (!response.ok) throw new Error(`WeChat ${path.split('?')[0]} answered HTTP ${response.status}`)
    return (await response.json()) as WechatReply
  }

  async function accessToken(): Promise<string> {
    if (token && token.until > now()) return token.value
    const reply = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: options.appId, secret: options.appSecret })
    if (typeof reply.access_token !== 'string') throw new Error(`WeChat stable_token failed: ${reply.errcode} ${reply.errmsg}`)
    // Renewed five minutes early: a token about to lapse is not worth a failed call.
    token = { value: reply.access_token, until: now() + (Number(reply.expires_in ?? 7200) - 300) * 1000 }
    return token.value
  }

  /** A call with the access token; an expired or revoked token (40001, 42001) is renewed once. */
  async function call(path: string, body: unknown): Promise<WechatReply> {
    let reply = await post(`${path}?access_token=${encodeURIComponent(await accessToken())}`, body)
    if (reply.errcode === 40001 || reply.errcode === 42001) {
      token = null
      reply = await post(`${path}?access_token=${encodeURIComponent(await accessToken())}`, body)
    }
    return reply
  }

  return {
    kind: 'wechat_face',
    async start(openid, claim) {
      // 5–32 characters of [A-Za-z0-9_-], unique per AppID.
      const outSeqNo = `yd${randomBytes(12).toString('hex')}`
      const reply = await call('/cityservice/face/identify/getverifyid', {
        out_seq_no: outSeqNo,
        cert_info: { cert_type: CERT_TYPE, cert_name: claim.name, cert_no: claim.idNumber },
        openid,
      })
      if (reply.errcode !== 0 || typeof reply.verify_id !== 'string') throw new Error(`WeChat getverifyid failed: ${reply.errcode} ${reply.errmsg}`)
      return { verifyId: reply.verify_id, outSeqNo, expiresInSeconds: Number(reply.expires_in ?? 3600) }
    },
    async check(openid, claim, session): Promise<FaceOutcome> {
      const reply = await call('/cityservice/face/identify/queryverifyinfo', {
        verify_id: session.verifyId,
        out_seq_no: session.outSeqNo,
        cert_hash: certHash(claim),
        openid,
      })
      // A non-zero errcode is WeChat refusing the query itself (e.g. cert_hash or openid not matching
      // the session): the claim was not verified, whatever the reason.
      if (reply.errcode === -1) throw new Error('WeChat queryverifyinfo: system busy (-1)')
      if (reply.errcode !== 0) return { passed: false, message: '人脸核身结果与填写的信息不一致，请重新核验' }
      return reply.verify_ret === 10000 ? { passed: true } : { passed: false, message: failureMessage(Number(reply.verify_ret)) }
    },
  }
}

/**
 * The deployed verifier, from the function's environment: WX_APPID and WX_APPSECRET (CloudBase
 * environment variables of the `filing` function). Never the local stand-in: without them every
 * verification fails loudly (logged as INTERNAL) instead of accepting a claim unchecked.
 */
export function faceVerifierFrom(env: Record<string, string | undefined>): IdentityVerifier {
  const appId = env.WX_APPID?.trim()
  const appSecret = env.WX_APPSECRET?.trim()
  // WX_API_BASE: another address for WeChat's API (a forwarding proxy, or the tests' stand-in).
  if (appId && appSecret) return wechatFaceVerifier({ appId, appSecret, apiBase: env.WX_API_BASE?.trim() || undefined })
  const missing = async (): Promise<never> => {
    throw new Error('实名认证 needs WX_APPID and WX_APPSECRET in the filing function\'s environment')
  }
  return { kind: 'wechat_face', start: missing, check: missing }
}
