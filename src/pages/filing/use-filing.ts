// Reads one of the person's filings (`filing.get`, with its history) for the three filing pages.
import { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { callApi } from '../../services/api'
import type { FilingDetail } from '../../lib/filing-view'

export function useFilingId(): string {
  const router = useRouter()
  const raw = router.params.id ?? ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

export interface LoadedFiling {
  filing: FilingDetail | null
  /** The message when the last read failed (the filing shown, if any, is the one read before). */
  failure: string | null
  /** Reads the filing again; resolves to it, or null when that failed. */
  reload: () => Promise<FilingDetail | null>
}

export function useFiling(id: string, options: { readOnMount?: boolean } = {}): LoadedFiling {
  const [filing, setFiling] = useState<FilingDetail | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const live = useRef(true)

  const reload = useCallback(async () => {
    if (!id) return null
    const reply = await callApi<FilingDetail>('filing', 'get', { id })
    if (!live.current) return null
    if (reply.ok) {
      setFiling(reply.data)
      setFailure(null)
      return reply.data
    }
    setFailure(reply.error.message)
    return null
  }, [id])

  useEffect(() => {
    live.current = true
    if (options.readOnMount ?? true) void reload()
    return () => {
      live.current = false
    }
    // Read once per id; pages that re-read on show call reload themselves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reload])

  return { filing, failure, reload }
}
