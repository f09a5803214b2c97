// H5: the browser's back goes to the previous step (see step-back-history.ts for the two entries).
// Taro's router (@tarojs/router, history v5's createBrowserHistory) renders on every popstate, and a
// pop that stays on the same page path unloads and re-mounts that page (dist/router/spa.js, action
// POP, no earlier stack page with this path). So a pop between our two entries must never reach
// history's listener: startStepBack (called by app.ts, before Taro's entry creates the history)
// puts one listener on window ahead of it, and a pop a step page claims is stopped there. Pops
// elsewhere, and any while another page is on top, go on to Taro.
import { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { GUARD_MARK, entryOf, popAction, type Entry } from './step-back-history'
import type { Conforms, StepBack } from './step-back'

/** The mounted step pages' handlers: true when the pop was theirs. */
const claims = new Set<(event: PopStateEvent) => boolean>()

export function startStepBack(): void {
  window.addEventListener(
    'popstate',
    (event) => {
      for (const claim of claims) {
        if (claim(event)) return event.stopImmediatePropagation()
      }
    },
    true,
  )
}

/** Back from the guard to the page's own entry (the pop that follows is the page's, and changes nothing). */
function backOffGuard(self: { at: Entry }) {
  self.at = 'base'
  window.history.back()
}

export function useStepBack(active: boolean, onBack: () => void): StepBack {
  const [self] = useState(() => {
    // The page's own entry, as Taro's router left it (after a reload on a step: the guard's copy).
    const baseIdx = (window.history.state as { idx?: unknown } | null)?.idx
    // `leaving`: set by leave() for good, so a render while the page goes never puts the guard back.
    return { active, onBack, shown: true, baseIdx, at: entryOf(window.history.state, baseIdx), leaving: null as { go: () => void; gone: boolean } | null }
  })
  self.active = active
  self.onBack = onBack

  useDidShow(() => {
    self.shown = true
    self.at = entryOf(window.history.state, self.baseIdx)
  })
  useDidHide(() => {
    self.shown = false
  })

  // After every render: the guard is up exactly while there is a step to go back to.
  useEffect(() => {
    if (!self.shown || self.leaving) return
    if (self.active && self.at === 'base') {
      window.history.pushState({ ...window.history.state, [GUARD_MARK]: true }, '')
      self.at = 'guard'
    } else if (!self.active && self.at === 'guard') {
      backOffGuard(self)
    }
  })

  useEffect(() => {
    const claim = (event: PopStateEvent) => {
      if (!self.shown) return false
      const landed = entryOf(event.state, self.baseIdx)
      const leaving = self.leaving !== null && !self.leaving.gone
      const action = popAction(landed, self.at, self.active, leaving)
      if (action === 'pass') return false
      self.at = landed
      if (action === 'return') backOffGuard(self)
      else if (action === 'back') self.onBack()
      else if (action === 'leave' && self.leaving) {
        self.leaving.gone = true
        self.leaving.go()
      }
      return true
    }
    claims.add(claim)
    return () => {
      claims.delete(claim)
    }
  }, [self])

  return {
    guard: null,
    leave: (go) => {
      const onGuard = self.at === 'guard'
      self.leaving = { go, gone: !onGuard }
      if (onGuard) backOffGuard(self)
      else go()
    },
  }
}

export type H5StepBack = Conforms<typeof import('./step-back.h5')>
