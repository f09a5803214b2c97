// 长辈模式 (large text): the person's own choice, kept with Taro.setStorageSync; without one, the
// host decides (weapp: on when WeChat's own font size is large). Pages read it through `Screen`.
import Taro from '@tarojs/taro'
import { hostPrefersLargeText } from './platform'

const KEY = 'settings.largeText'

export interface LargeTextSetting {
  on: boolean
  /** Nobody chose: following WeChat's font size (weapp) or the default (off). */
  automatic: boolean
}

function stored(): boolean | null {
  try {
    const value: unknown = Taro.getStorageSync(KEY)
    return value === 'on' ? true : value === 'off' ? false : null
  } catch {
    return null
  }
}

let current: LargeTextSetting | null = null
const listeners = new Set<() => void>()

export function largeText(): LargeTextSetting {
  if (!current) {
    const choice = stored()
    current = choice === null ? { on: hostPrefersLargeText(), automatic: true } : { on: choice, automatic: false }
  }
  return current
}

export function setLargeText(on: boolean): void {
  Taro.setStorageSync(KEY, on ? 'on' : 'off')
  current = { on, automatic: false }
  listeners.forEach((listener) => listener())
}

/** For React's useSyncExternalStore: every mounted page follows a change at once. */
export function subscribeLargeText(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
