// Request bodies, read while streaming with a hard limit: nothing past the limit is ever kept.
import type { IncomingMessage } from 'node:http'

/** A JSON call (`{action, data}`) is small: 1 MB is far above any real request. */
export const JSON_BODY_LIMIT = 1024 * 1024

/**
 * After a refusal, the largest body we still read to its end (throwing it away) so that the client
 * finishes sending and then sees the reply. Past this the connection is closed after the reply.
 */
export const DRAIN_LIMIT = 32 * 1024 * 1024

export type BodyResult = { kind: 'ok'; bytes: Buffer } | { kind: 'too_large' } | { kind: 'aborted' }

/** The declared Content-Length, or null when absent (chunked) or unreadable. */
export function declaredLength(req: IncomingMessage): number | null {
  const raw = req.headers['content-length']
  if (raw === undefined || !/^\d+$/.test(raw)) return null
  return Number(raw)
}

/** Reads the whole body if it is at most `limit` bytes. Over it, stops keeping bytes at once. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = declaredLength(req)
    if (declared !== null && declared > limit) {
      resolve({ kind: 'too_large' })
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    const cleanup = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onAbort)
      req.off('close', onAbort)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        cleanup()
        chunks.length = 0
        req.pause()
        resolve({ kind: 'too_large' })
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      cleanup()
      resolve({ kind: 'ok', bytes: Buffer.concat(chunks, size) })
    }
    const onAbort = () => {
      cleanup()
      resolve({ kind: 'aborted' })
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onAbort)
    req.on('close', onAbort)
  })
}

/**
 * Reads and discards what is left of a body (a body over DRAIN_LIMIT is not waited for). True when
 * the body ended, so the connection can carry on; false when it was too long or broke off: close it.
 */
export function drain(req: IncomingMessage): Promise<boolean> {
  if (req.complete || req.readableEnded) return Promise.resolve(true)
  const declared = declaredLength(req)
  if (declared !== null && declared > DRAIN_LIMIT) return Promise.resolve(false)
  return new Promise((resolve) => {
    let size = 0
    const done = (ended: boolean) => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onFail)
      req.off('close', onFail)
      if (!ended) req.pause()
      resolve(ended)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > DRAIN_LIMIT) done(false)
    }
    const onEnd = () => done(true)
    const onFail = () => done(false)
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onFail)
    req.on('close', onFail)
    req.resume()
  })
}
