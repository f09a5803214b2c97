// H5's step back (src/lib/step-back-history.ts): which history entry is the page's, and what each
// popstate means. The browser suite (test/e2e/wizard-back.e2e.test.ts) runs it in Chromium.
import { GUARD_MARK, entryOf, popAction } from '../../src/lib/step-back-history'

describe('entryOf', () => {
  const base = { usr: null, key: 'k3', idx: 3 }

  test("the page's own entry, its guard, and anything else", () => {
    expect(entryOf(base, 3)).toBe('base')
    expect(entryOf({ ...base, [GUARD_MARK]: true }, 3)).toBe('guard')
    // The page below (another idx), a state Taro's router never wrote, none at all.
    expect(entryOf({ usr: null, key: 'k2', idx: 2 }, 3)).toBe('other')
    expect(entryOf({ [GUARD_MARK]: true }, 3)).toBe('other')
    expect(entryOf(null, 3)).toBe('other')
  })
})

describe('popAction', () => {
  test('back from the guard is a step back while there is one', () => {
    expect(popAction('base', 'guard', true, false)).toBe('back')
    // The guard was taken down by the page itself (no step left): nothing more to do.
    expect(popAction('base', 'guard', false, false)).toBe('none')
    expect(popAction('base', 'base', true, false)).toBe('none')
  })

  test('the guard coming down for a leave lets the page go', () => {
    expect(popAction('base', 'base', true, true)).toBe('leave')
    expect(popAction('base', 'guard', true, true)).toBe('leave')
  })

  test('forward onto the guard: kept while a step is there to go back to, else backed off', () => {
    expect(popAction('guard', 'base', true, false)).toBe('none')
    expect(popAction('guard', 'base', false, false)).toBe('return')
  })

  test("a pop to another page's entry is Taro's", () => {
    expect(popAction('other', 'base', true, false)).toBe('pass')
    expect(popAction('other', 'guard', true, false)).toBe('pass')
    expect(popAction('other', 'guard', false, true)).toBe('pass')
  })
})
