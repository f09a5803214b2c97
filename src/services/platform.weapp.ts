// The mini-program: start the cloud SDK, and read WeChat's own font size for 长辈模式.
import Taro from '@tarojs/taro'
import { CLOUD_ENV, CLOUD_ENV_PLACEHOLDER } from './cloud-env'
import type { Conforms } from './platform'

export function startPlatform(): void {
  const env = CLOUD_ENV === CLOUD_ENV_PLACEHOLDER ? undefined : CLOUD_ENV
  if (!env) console.warn('cloud-env.ts: CLOUD_ENV is the placeholder; using the default CloudBase environment')
  Taro.cloud.init({ env, traceUser: true })
}

/** WeChat's standard size is 17 px (iOS) / 16 px (Android); 关怀模式 is about 23.8 px. */
const LARGE_FONT_PX = 22
const LARGE_FONT_FACTOR = 1.25

interface FontInfo {
  fontSizeSetting?: number
  fontSizeScaleFactor?: number
}

/**
 * WeChat's "我 → 设置 → 通用 → 字体大小", as `getAppBaseInfo` gives it (base library 2.20.1+;
 * `fontSizeSetting` since 2.23.4; Taro's typings lack both fields) or, on older clients, the
 * deprecated `getSystemInfoSync().fontSizeSetting`.
 */
function wechatFont(): FontInfo {
  try {
    if (typeof Taro.getAppBaseInfo === 'function') return Taro.getAppBaseInfo() as FontInfo
    return { fontSizeSetting: Taro.getSystemInfoSync().fontSizeSetting }
  } catch {
    return {}
  }
}

export function hostPrefersLargeText(): boolean {
  const { fontSizeSetting, fontSizeScaleFactor } = wechatFont()
  return (fontSizeScaleFactor ?? 0) >= LARGE_FONT_FACTOR || (fontSizeSetting ?? 0) >= LARGE_FONT_PX
}

/** WeChat draws its pickers and dialogs natively, at its own font size: nothing of ours to scale. */
export function reflectLargeText(): void {}

export const usesDevSignIn = false

export type WeappPlatform = Conforms<typeof import('./platform.weapp')>
