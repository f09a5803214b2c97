// The part of WeChat's `wx` the face check uses. Neither @tarojs/taro 4.2 (its typings and its API
// proxy know only the retired startFacialRecognitionVerify) nor miniprogram-api-typings 3.12 declare
// wx.requestFacialVerify (人脸核身 2.0, base library 3.8.12+), so it is declared here from WeChat's
// documentation (developers.weixin.qq.com, 开放接口 → 人脸核身 → wx.requestFacialVerify).

export interface RequestFacialVerifyResult {
  errMsg: string
  /** 0 when the face check ran to the end; the real result is read by the backend (queryVerifyInfo). */
  errCode?: number
}

export interface RequestFacialVerifyOption {
  /** The session the backend got from getVerifyId for this person's name and ID number. */
  verifyId: string
  success?: (result: RequestFacialVerifyResult) => void
  fail?: (result: RequestFacialVerifyResult) => void
  complete?: (result: RequestFacialVerifyResult) => void
}

/** `requestFacialVerify` is missing below base library 3.8.12: check before calling. No Promise style. */
export interface WxFaceApi {
  requestFacialVerify?: (option: RequestFacialVerifyOption) => void
}
