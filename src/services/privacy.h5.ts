// H5 (local demo): no WeChat privacy flow; PrivacyGate shows its plain notice only.
import type { Conforms } from './privacy'

export const AGREE_BUTTON_ID = 'privacy-agree'

export async function privacyNeeded(): Promise<boolean> {
  return false
}

export function handlePrivacyRequests(_handler: (answer: (agreed: boolean) => void) => void): void {}

export async function requestPrivacy(): Promise<boolean> {
  return true
}

export function openPrivacyGuide(): void {}

export type H5Privacy = Conforms<typeof import('./privacy.h5')>
