// The wizard's draft in local storage (weapp: per WeChat user; H5: localStorage), so a person who
// leaves half-way finds their answers, and their requestId, when they come back.
import Taro from '@tarojs/taro'
import { getDevOpenid } from '../../services/identity'
import { restoreDraft, type Draft } from './draft'

// On H5 several demo people may sign in on one browser: each keeps their own draft. On weapp the
// storage already belongs to one WeChat user and the dev identity is never set.
const who = () => getDevOpenid() ?? 'me'
const draftKey = () => `file-wizard:draft:${who()}`
const resultKey = () => `file-wizard:last-result:${who()}`

export function loadDraft(): Draft | null {
  try {
    return restoreDraft(Taro.getStorageSync(draftKey()))
  } catch {
    return null
  }
}

export function saveDraft(draft: Draft): void {
  try {
    Taro.setStorageSync(draftKey(), { ...draft, updatedAt: new Date().toISOString() })
  } catch {
    // Storage full or unavailable: the wizard still works, it just cannot resume later.
  }
}

export function clearDraft(): void {
  try {
    Taro.removeStorageSync(draftKey())
  } catch {
    // Nothing to clear.
  }
}

/** The filing the submit returned, so the result page shows it at once (then reloads it). */
export function saveLastResult(filing: unknown): void {
  try {
    Taro.setStorageSync(resultKey(), filing)
  } catch {
    // The result page reloads the filing from the server anyway.
  }
}

export function loadLastResult<T>(): T | null {
  try {
    const stored = Taro.getStorageSync(resultKey())
    return stored && typeof stored === 'object' ? (stored as T) : null
  } catch {
    return null
  }
}
