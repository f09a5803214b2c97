// H5 (the local demo served by `npm start`): no cloud to start, identity from pages/signin.
import type { Conforms } from './platform'

export function startPlatform(): void {}

/** Browsers scale text themselves (zoom, the system font size); nothing to follow here. */
export function hostPrefersLargeText(): boolean {
  return false
}

export function reflectLargeText(on: boolean): void {
  document.documentElement.classList.toggle('large-text', on)
}

export const usesDevSignIn = true

export type H5Platform = Conforms<typeof import('./platform.h5')>
