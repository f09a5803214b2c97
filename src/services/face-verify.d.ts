// 实名认证's face check, by platform files (see api.d.ts for the pattern).
// weapp: WeChat 人脸核身 2.0 — the backend starts a session (getVerifyId) for the name and ID number
// the person gave, the page runs wx.requestFacialVerify on it, and the backend reads the real result
// (queryVerifyInfo). H5 (the local demo): no face check; the local server accepts the claim as a
// labelled stand-in, and the page says so.

/** How this platform verifies a person: WeChat's face check, or the local demo's stand-in. */
export type IdentityCheck = 'wechat_face' | 'dev_standin'

export declare const identityCheck: IdentityCheck

/** The face check's outcome on the device. `ok` only means it ran to the end: the backend decides. */
export type FaceOutcome = { ok: true } | { ok: false; cancelled: boolean; message: string }

/**
 * Runs the face check for a session the backend started (`verifyId`). Never rejects. H5: never
 * needed (the local server verifies at once); answers that there is no face check here.
 */
export declare function runFaceCheck(verifyId: string): Promise<FaceOutcome>

export interface FaceVerifyModule {
  identityCheck: typeof identityCheck
  runFaceCheck: typeof runFaceCheck
}

export type Conforms<M extends FaceVerifyModule> = M
