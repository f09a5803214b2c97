// weapp: WeChat 人脸核身 2.0 on a session the backend started (filing.verifyIdentity → verifyId).
// The old wx.startFacialRecognitionVerify was retired on 2026-06-30; its successor takes only the
// session id, and the backend reads the real result with it (queryVerifyInfo).
import type { Conforms, FaceOutcome, IdentityCheck } from './face-verify'
import type { RequestFacialVerifyResult, WxFaceApi } from './wx-face'

/** WeChat's global API object (the mini-program's runtime provides it), typed as far as used here. */
declare const wx: WxFaceApi

export const identityCheck: IdentityCheck = 'wechat_face'

const CANCELLED = new Set([90002, 90003, 90004, 90005, 90006])
const NO_PERMISSION = new Set([90008, 90009, 90010])
const UNSUPPORTED = new Set([90001, 90109])

/** What went wrong, in words the person can act on (WeChat's verify_ret codes). */
export function faceFailure(result: RequestFacialVerifyResult | undefined): FaceOutcome {
  const code = result?.errCode ?? -1
  if (CANCELLED.has(code)) return { ok: false, cancelled: true, message: '您取消了人脸核身。需要时可以再点“开始人脸核身”。' }
  if (NO_PERMISSION.has(code)) return { ok: false, cancelled: false, message: '人脸核身需要使用摄像头和麦克风：请在微信设置里允许后重试。' }
  if (UNSUPPORTED.has(code)) return { ok: false, cancelled: false, message: '这台手机不支持人脸核身，请换一台手机，或到参保地医保经办机构办理。' }
  return { ok: false, cancelled: false, message: '人脸核身没有完成，请在光线充足的地方重试。' }
}

export function runFaceCheck(verifyId: string): Promise<FaceOutcome> {
  return new Promise((resolve) => {
    if (typeof wx === 'undefined' || typeof wx.requestFacialVerify !== 'function') {
      resolve({ ok: false, cancelled: false, message: '您的微信版本过低，不支持人脸核身：请升级微信后再试。' })
      return
    }
    try {
      wx.requestFacialVerify({
        verifyId,
        success: () => resolve({ ok: true }),
        fail: (result) => resolve(faceFailure(result)),
      })
    } catch {
      resolve(faceFailure(undefined))
    }
  })
}

export type WeappFaceVerify = Conforms<typeof import('./face-verify.weapp')>
