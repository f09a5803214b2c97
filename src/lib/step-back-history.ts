// H5's step back, as pure decisions (step-back.h5.ts applies them). The page owns two entries of the
// browser's history: its own (`base`, pushed by Taro's router, which keeps an `idx` in the state)
// and, while there is a step to go back to, a `guard` above it with the same URL and state plus
// GUARD_MARK. A back from the guard lands on the base: one step back.

export const GUARD_MARK = 'stepBackGuard'

export type Entry = 'base' | 'guard' | 'other'

/** Which of the page's entries `state` (history.state, or a popstate's state) is. */
export function entryOf(state: unknown, baseIdx: unknown): Entry {
  if (typeof state !== 'object' || state === null || (state as { idx?: unknown }).idx !== baseIdx) return 'other'
  return (state as Record<string, unknown>)[GUARD_MARK] === true ? 'guard' : 'base'
}

/**
 * What a popstate means while the page shows: `pass` (not between our entries: Taro's router
 * handles it), `back` (the person's back from the guard), `leave` (the guard came down for a
 * leave), `return` (forward onto the guard with no step to go back to: back off it), `none` (our
 * own move arriving).
 */
export function popAction(landed: Entry, was: Entry, active: boolean, leaving: boolean): 'pass' | 'back' | 'leave' | 'return' | 'none' {
  if (landed === 'other') return 'pass'
  if (landed === 'guard') return active ? 'none' : 'return'
  if (leaving) return 'leave'
  return was === 'guard' && active ? 'back' : 'none'
}
