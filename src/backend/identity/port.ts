// Who checks a caller's claimed identity (实名认证). Deployed: WeChat 人脸核身 (wechat-face.ts). Locally:
// a stand-in that accepts the claim as typed — labelled as such on the H5 pages and in every reply
// (`method: 'dev_standin'`), and never built into a cloud function.
import type { IdType } from '../../rules'

export interface IdentityClaim {
  name: string
  idType: IdType
  idNumber: string
}

/** A face session started with WeChat for a claim (getVerifyId). */
export interface StartedSession {
  verifyId: string
  outSeqNo: string
  expiresInSeconds: number
}

export type FaceOutcome = { passed: true } | { passed: false; message: string }

export type IdentityVerifier =
  | { kind: 'dev_standin' }
  | {
      kind: 'wechat_face'
      start(openid: string, claim: IdentityClaim): Promise<StartedSession>
      /** The session's real result (queryVerifyInfo), for the same openid and claim it was started with. */
      check(openid: string, claim: IdentityClaim, session: { verifyId: string; outSeqNo: string }): Promise<FaceOutcome>
    }

export const DEV_STANDIN: IdentityVerifier = { kind: 'dev_standin' }
