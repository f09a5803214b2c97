// H5 (the local demo): no face check. The local server accepts the name and ID number as a
// stand-in (`dev_standin`), and the 实名认证 page says so on the page.
import type { Conforms, FaceOutcome, IdentityCheck } from './face-verify'

export const identityCheck: IdentityCheck = 'dev_standin'

export async function runFaceCheck(): Promise<FaceOutcome> {
  return { ok: false, cancelled: false, message: '本地演示没有人脸核身。' }
}

export type H5FaceVerify = Conforms<typeof import('./face-verify.h5')>
