// The local dev identity (H5 only): who the local server thinks is calling, sent as X-Dev-Openid.
// On weapp the identity is the person's WeChat account and this is never read.
import Taro from '@tarojs/taro'

const KEY = 'devOpenid'

/** Same rule as the local server (src/backend/server/identity.ts): letters, digits, - and _. */
export const DEV_OPENID = /^[A-Za-z0-9_-]{1,64}$/

export function getDevOpenid(): string | null {
  try {
    const value: unknown = Taro.getStorageSync(KEY)
    return typeof value === 'string' && DEV_OPENID.test(value) ? value : null
  } catch {
    return null
  }
}

export function setDevOpenid(openid: string): void {
  if (!DEV_OPENID.test(openid)) throw new Error(`not a dev openid: ${openid}`)
  Taro.setStorageSync(KEY, openid)
}
