// What both API clients share: the retry rule for transport failures and the NETWORK reply.
// Platform-neutral and free of Taro, so jest tests it directly (test/services/transport.test.ts).
import type { ApiReply } from './api'

// Nothing about saved input here: most pages have none (issue 16); a form with a kept draft says so itself.
export const NETWORK_MESSAGE = '网络连接不稳定，请检查网络后重试。'

/** The client's own reply when no answer came back after every retry. */
export function networkFailure(): ApiReply<never> {
  return { ok: false, error: { code: 'NETWORK', message: NETWORK_MESSAGE } }
}

/** Raised by a `send` when nothing usable came back (no connection, a proxy's HTML page, …). */
export class TransportError extends Error {}

/** Waits before each retry: three retries after the first try. */
export const RETRY_DELAYS_MS = [400, 1000, 2000] as const

export interface RetryOptions {
  delays?: readonly number[]
  sleep?: (ms: number) => Promise<void>
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Runs `send` (which must send the very same request each time: a submit keeps its requestId) and
 * retries it after a transport failure, once per delay. Any reply the server gave, an error reply
 * included, is returned as it is and never retried. Never throws.
 */
export async function withRetries<T>(send: () => Promise<ApiReply<T>>, options: RetryOptions = {}): Promise<ApiReply<T>> {
  const delays = options.delays ?? RETRY_DELAYS_MS
  const sleep = options.sleep ?? wait
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send()
    } catch {
      // Any throw is a transport failure: `send` turns every answer the server gave into a reply.
      if (attempt >= delays.length) return networkFailure()
      await sleep(delays[attempt])
    }
  }
}

/** A reply from the wire, or a TransportError when it is not one (a gateway's error page, say). */
export function asReply<T>(body: unknown): ApiReply<T> {
  if (typeof body === 'object' && body !== null && 'ok' in body) {
    const reply = body as { ok: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } }
    if (reply.ok === true) return reply as ApiReply<T>
    if (reply.ok === false && typeof reply.error?.code === 'string' && typeof reply.error.message === 'string') {
      return reply as ApiReply<T>
    }
  }
  throw new TransportError('not a reply')
}
