// The platform's own back (the browser's back button on H5; the back gesture, Android back key and
// navigation-bar back on weapp) inside a page of steps: it goes to the previous step while there is
// one, and leaves the page only from the first. Platform files, as src/services/api.d.ts explains:
// step-back.h5.ts keeps a guard entry in the browser's history, step-back.weapp.tsx WeChat's
// page-container. Both flows (pages/file, pages/filing/change) use it.
import type { ReactElement } from 'react'

export interface StepBack {
  /** Render it anywhere in the page (weapp: the invisible page-container; H5: nothing). */
  guard: ReactElement | null
  /**
   * Leave the page by `go` (navigateBack, redirectTo, reLaunch): the guard is taken down first, so
   * the page's own back is not caught as a step back and no stale entry is left behind.
   */
  leave: (go: () => void) => void
}

/**
 * Once, when the app starts and before Taro's router exists (app.ts): H5 listens to the browser's
 * back ahead of the router, so a step back never reaches it; weapp has nothing to start.
 */
export declare function startStepBack(): void

/**
 * `active`: there is a step to go back to. `onBack`: the platform's back was used while active —
 * show the previous step (as the in-page 上一步 does).
 */
export declare function useStepBack(active: boolean, onBack: () => void): StepBack

export interface StepBackModule {
  startStepBack: typeof startStepBack
  useStepBack: typeof useStepBack
}

/** Type-only check used by each platform file: `Conforms<typeof import('./step-back.h5')>`. */
export type Conforms<M extends StepBackModule> = M
