// WeChat's privacy flow (小程序隐私协议开发指南): getPrivacySetting tells whether consent is still
// needed; a privacy API (or requirePrivacyAuthorize) then fires onNeedPrivacyAuthorization, and the
// page shows its own explanation with a <Button openType="agreePrivacyAuthorization" id=…>; the
// answer goes back through `resolve`, which releases (or fails) the waiting API call.
import Taro from '@tarojs/taro'
import type { Conforms } from './privacy'

export const AGREE_BUTTON_ID = 'privacy-agree'

export function privacyNeeded(): Promise<boolean> {
  return new Promise((resolve) => {
    if (typeof Taro.getPrivacySetting !== 'function') return resolve(false) // base library < 2.32.3
    Taro.getPrivacySetting({
      success: (result) => resolve(result.needAuthorization),
      fail: () => resolve(false),
    })
  })
}

export function handlePrivacyRequests(handler: (answer: (agreed: boolean) => void) => void): void {
  if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve) => {
    resolve({ event: 'exposureAuthorization' })
    handler((agreed) => resolve(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' }))
  })
}

export function requestPrivacy(): Promise<boolean> {
  return new Promise((resolve) => {
    if (typeof Taro.requirePrivacyAuthorize !== 'function') return resolve(true)
    Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) })
  })
}

export function openPrivacyGuide(): void {
  if (typeof Taro.openPrivacyContract === 'function') Taro.openPrivacyContract({})
}

export type WeappPrivacy = Conforms<typeof import('./privacy.weapp')>
