// A real server on an ephemeral port with a real SQLite file, and a client that speaks the protocol.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PRIVACY_NOTICE_VERSION } from '../../src/rules'
import type { IdentityVerifier } from '../../src/backend/identity/port'
import type { RateLimits } from '../../src/backend/limits'
import { startServer } from '../../src/backend/server/main'
import type { UploadQuota } from '../../src/backend/uploads'

export const STAFF = ['admin-a', 'admin-b', 'admin-c']
/** A staff member who may only look things up (role `query`). */
export const QUERY_STAFF = 'query-a'

export interface Call {
  status: number
  body: { ok: boolean; data?: any; error?: { code: string; message: string; issues?: { path: string; message: string }[]; allowedFrom?: string } }
}

export interface As {
  openid?: string
  /** ISO 8601 instant for X-Dev-Now. */
  now?: string
  /**
   * A submit normally first verifies an unverified caller as the applicant they file for (the local
   * stand-in), as the person would on the 实名认证 page; `asIs` sends the request alone.
   */
  asIs?: boolean
}

export interface TestServer {
  url: string
  dataDir: string
  call: (fn: string, action: string, data?: unknown, as?: As) => Promise<Call>
  /** Uploads `bytes` as the caller and returns the fileId. */
  upload: (openid: string, bytes: Uint8Array, filename: string) => Promise<string>
  /** Runs the expiry-reminder job at `now` (the local server's dev route). */
  runReminders: (now: string) => Promise<Call>
  /** GETs a path the server handed out (an export's link) as a caller: status, headers and the body as text. */
  fetchLink: (path: string, as?: As) => Promise<{ status: number; headers: Headers; text: string }>
  /** admin.export's file, fetched from its link by the caller who made it: the CSV text. */
  exportCsv: (filters: unknown, as: As) => Promise<{ reply: Call; csv: string }>
  restart: () => Promise<void>
  close: () => Promise<void>
}

/** Limits high enough that no test but the rate-limit tests meets them. */
export const ROOMY_LIMITS: RateLimits = {
  submit: { max: 10_000, windowSeconds: 3600 },
  verifyIdentity: { max: 10_000, windowSeconds: 3600 },
  upload: { max: 10_000, windowSeconds: 3600 },
}

/**
 * `spotCheckRate`: the share of commitment filings picked for 抽查 (0 unless a test asks);
 * `rateLimits`: ROOMY_LIMITS unless a test asks; `verifier`: the local stand-in unless a test asks.
 */
export async function startTestServer(
  options: { spotCheckRate?: number; rateLimits?: RateLimits; verifier?: IdentityVerifier; uploadQuota?: UploadQuota } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yd-api-'))
  const settings = {
    port: 0,
    dataDir,
    adminOpenids: STAFF,
    queryOpenids: [QUERY_STAFF],
    seedDemo: false,
    spotCheckRate: options.spotCheckRate ?? 0,
    rateLimits: options.rateLimits ?? ROOMY_LIMITS,
    verifier: options.verifier,
    uploadQuota: options.uploadQuota,
  }
  let server = await startServer(settings)
  const send = async (fn: string, action: string, data: unknown, as: As): Promise<Call> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (as.openid) headers['x-dev-openid'] = as.openid
    if (as.now) headers['x-dev-now'] = as.now
    const response = await fetch(`${server.url}/api/${fn}`, { method: 'POST', headers, body: JSON.stringify({ action, data }) })
    return { status: response.status, body: (await response.json()) as Call['body'] }
  }
  const call = verifyingSubmits(send)
  const upload = async (openid: string, bytes: Uint8Array, filename: string) => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(bytes)]), filename)
    const response = await fetch(`${server.url}/api/upload`, { method: 'POST', headers: { 'x-dev-openid': openid }, body: form })
    const body = (await response.json()) as Call['body']
    if (!body.ok) throw new Error(`upload failed: ${JSON.stringify(body.error)}`)
    return body.data.fileId as string
  }
  const runReminders = async (now: string): Promise<Call> => {
    // The dev job route is for staff only.
    const response = await fetch(`${server.url}/api/dev/reminders`, { method: 'POST', headers: { 'x-dev-now': now, 'x-dev-openid': STAFF[0] } })
    return { status: response.status, body: (await response.json()) as Call['body'] }
  }
  const fetchLink = async (path: string, as: As = {}) => {
    const headers: Record<string, string> = {}
    if (as.openid) headers['x-dev-openid'] = as.openid
    if (as.now) headers['x-dev-now'] = as.now
    const response = await fetch(`${server.url}${path}`, { headers })
    // The body as sent: a CSV's byte-order mark kept (response.text() would drop it).
    return { status: response.status, headers: response.headers, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()) }
  }
  const exportCsv = async (filters: unknown, as: As) => {
    const reply = await send('admin', 'export', { filters }, as)
    if (!reply.body.ok) throw new Error(`export failed: ${JSON.stringify(reply.body.error)}`)
    const file = await fetchLink(reply.body.data.url, as)
    if (file.status !== 200) throw new Error(`export link: HTTP ${file.status} ${file.text}`)
    return { reply, csv: file.text }
  }
  return {
    upload,
    runReminders,
    fetchLink,
    exportCsv,
    get url() {
      return server.url
    },
    dataDir,
    call,
    restart: async () => {
      await server.close()
      server = await startServer(settings)
    },
    close: async () => {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
      // The data key the server generated beside its data folder (server/data-key.ts).
      rmSync(`${dataDir}.key`, { force: true })
    },
  }
}

type Send<A, R> = (fn: string, action: string, data: unknown, as: A) => Promise<R>

/**
 * `send`, except that a submit by a caller not yet verified first verifies them as the applicant they
 * file for (the local stand-in), as a person does on the 实名认证 page before filing for themselves.
 */
export function verifyingSubmits<A extends { openid?: string; asIs?: boolean }, R extends { body: { ok: boolean } } = Call>(send: Send<A, R>) {
  const verified = new Set<string>()
  return async (fn: string, action: string, data: unknown = {}, as: A = {} as A): Promise<R> => {
    const applicant = (data as { applicant?: { name?: unknown; idType?: unknown; idNumber?: unknown } } | null)?.applicant
    const openid = as.openid?.trim()
    if (fn === 'filing' && action === 'submit' && !as.asIs && openid && !verified.has(openid) && applicant) {
      const claim = { name: applicant.name, idType: applicant.idType, idNumber: applicant.idNumber, consent: { version: PRIVACY_NOTICE_VERSION, sensitive: true } }
      if ((await send('filing', 'verifyIdentity', claim, as)).body.ok) verified.add(openid)
    }
    return send(fn, action, data, as)
  }
}

/** The smallest file that passes the magic-byte check: a PDF header. */
export const PDF = new TextEncoder().encode('%PDF-1.4\n% proof\n')

/** Noon in Beijing on `date`. */
export const at = (date: string) => `${date}T12:00:00+08:00`
