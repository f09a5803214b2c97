// One way to send an action from a page, for the person's pages and the back office alike: the call,
// the busy flag, and the answer in the page's terms — done (with the filing read again, where the page
// keeps one), the server's field issues as messages (the first per field, lib/issues), CONFLICT (the
// page's copy was read again: ask to confirm once more), LOCKED (from which day), NETWORK, or the
// server's own message. A page that was left meanwhile gets null and touches no state.
import { useCallback, useEffect, useRef, useState } from 'react'
import { callApi, type ApiFunction } from './api'
import { failureOf, type ActionFailure } from './action-failure'

export type { ActionFailure }

export type ActionResult<T, R> = { ok: true; data: T; reloaded: R | null } | { ok: false; failure: ActionFailure }

export interface ActionOptions<R> {
  /** The page's key for an issue's path (`materials.0.fileId` → `materials`); the path itself by default. */
  fieldOf?: (path: string) => string
  /**
   * Reads the page's data again: after a success (`reloaded`), and after a refusal that says the
   * page's copy is stale (any but VALIDATION and NETWORK), before the result is handed back.
   */
  reload?: () => Promise<R>
}

const staleAfter = (failure: ActionFailure) => failure.kind !== 'invalid' && failure.kind !== 'network'

export function useAction<R = null>(fn: ApiFunction, options: ActionOptions<R> = {}) {
  const [busy, setBusy] = useState(false)
  const live = useRef(true)
  useEffect(() => {
    live.current = true
    return () => {
      live.current = false
    }
  }, [])
  const { fieldOf, reload } = options

  const send = useCallback(
    async <T>(action: string, data: unknown): Promise<ActionResult<T, R> | null> => {
      setBusy(true)
      try {
        const reply = await callApi<T>(fn, action, data)
        if (!live.current) return null
        const failure = reply.ok ? null : failureOf(reply.error, fieldOf)
        const reloaded = reload && (failure === null || staleAfter(failure)) ? await reload() : null
        if (!live.current) return null
        return reply.ok ? { ok: true, data: reply.data, reloaded } : { ok: false, failure: failure! }
      } finally {
        // Never left busy, even when the reload throws; a page that was left is not touched.
        if (live.current) setBusy(false)
      }
    },
    [fn, fieldOf, reload],
  )

  return { busy, send }
}
