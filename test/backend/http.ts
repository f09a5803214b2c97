// A real server on an ephemeral port with a real SQLite file, and a client that speaks the protocol.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from '../../src/backend/server/main'

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
}

export interface TestServer {
  url: string
  dataDir: string
  call: (fn: string, action: string, data?: unknown, as?: As) => Promise<Call>
  /** Uploads `bytes` as the caller and returns the fileId. */
  upload: (openid: string, bytes: Uint8Array, filename: string) => Promise<string>
  /** Runs the expiry-reminder job at `now` (the local server's dev route). */
  runReminders: (now: string) => Promise<Call>
  restart: () => Promise<void>
  close: () => Promise<void>
}

/** `spotCheckRate`: the share of commitment filings picked for 抽查; 0 unless a test asks. */
export async function startTestServer(options: { spotCheckRate?: number } = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yd-api-'))
  const settings = { port: 0, dataDir, adminOpenids: STAFF, queryOpenids: [QUERY_STAFF], seedDemo: false, spotCheckRate: options.spotCheckRate ?? 0 }
  let server = await startServer(settings)
  const call = async (fn: string, action: string, data: unknown = {}, as: As = {}): Promise<Call> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (as.openid) headers['x-dev-openid'] = as.openid
    if (as.now) headers['x-dev-now'] = as.now
    const response = await fetch(`${server.url}/api/${fn}`, { method: 'POST', headers, body: JSON.stringify({ action, data }) })
    return { status: response.status, body: (await response.json()) as Call['body'] }
  }
  const upload = async (openid: string, bytes: Uint8Array, filename: string) => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(bytes)]), filename)
    const response = await fetch(`${server.url}/api/upload`, { method: 'POST', headers: { 'x-dev-openid': openid }, body: form })
    const body = (await response.json()) as Call['body']
    if (!body.ok) throw new Error(`upload failed: ${JSON.stringify(body.error)}`)
    return body.data.fileId as string
  }
  const runReminders = async (now: string): Promise<Call> => {
    const response = await fetch(`${server.url}/api/dev/reminders`, { method: 'POST', headers: { 'x-dev-now': now } })
    return { status: response.status, body: (await response.json()) as Call['body'] }
  }
  return {
    upload,
    runReminders,
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
    },
  }
}

/** The smallest file that passes the magic-byte check: a PDF header. */
export const PDF = new TextEncoder().encode('%PDF-1.4\n% proof\n')

/** Noon in Beijing on `date`. */
export const at = (date: string) => `${date}T12:00:00+08:00`
