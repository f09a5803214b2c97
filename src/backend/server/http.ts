// The local server's HTTP layer (node:http only): routes, body limits, protocol replies, one log
// line per request, and a shutdown that lets in-flight requests finish.
//
//   POST /api/<function>       JSON {action, data} (at most 1 MB) → dispatch → protocol reply
//   POST /api/upload           multipart/form-data, field `file` (at most 10 MB) → {fileId}
//   GET  /api/files/<fileId>   the uploaded bytes, for their owner or staff
//   GET  /api/exports/<id>     a back-office export (CSV), for the staff member who made it, for 10 minutes
//   POST /api/dev/reminders    runs the hourly job now (at X-Dev-Now): expiry reminders and the purge of
//                              uploads no filing named within 24 h; staff callers only, local server only
//   POST /api/dev/echo         reads the body and answers {"ok":true,"data":null}: the empty handler
//                              npm run bench:server measures against; staff callers only, local server only
//   anything else              the H5 build (static.ts), index.html for app routes
import type { AccessLog } from '../store/access-log'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { IdentityVerifier } from '../identity/port'
import type { BackendConfig, Ctx } from '../context'
import type { FileStore } from '../files/port'
import { AppError, fail, type ErrorBody, type Reply } from '../protocol'
import { runHourlyJob } from '../jobs'
import { dispatch } from '../router'
import type { Store } from '../store/port'
import { MAX_UPLOAD_BYTES, UPLOAD_MESSAGES } from '../uploads'
import { declaredLength, drain, JSON_BODY_LIMIT, readBody } from './body'
import { devCaller, devNow } from './identity'
import { INTERNAL_MESSAGE, sendJson } from './reply'
import { serveStatic } from './static'
import { sendExport, sendStoredFile, upload } from './uploads'

export interface HttpDeps {
  store: Store
  files: FileStore
  verifier: IdentityVerifier
  config: BackendConfig
  /** What staff read (store/access-log.ts). */
  accessLog: AccessLog
  /** The H5 build to serve (dist/h5); it may not exist yet. */
  staticDir: string
  /** Where the request lines go. */
  log: (line: string) => void
  /** Answer any Host header (ALLOW_REMOTE_DEV); otherwise only this machine's own names on our port. */
  anyHost?: boolean
}

/** The names a browser on this machine uses for it; any other Host is a page elsewhere (DNS rebinding). */
const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Whether the Host header names this machine on `port`. */
export function isLocalHost(header: string | undefined, port: number): boolean {
  if (!header) return false
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(header.trim().toLowerCase())
  if (!match) return false
  return LOCAL_NAMES.has(match[1]) && Number(match[2] ?? '80') === port
}

/** The dev routes run jobs for everyone: only a caller on the staff list (X-Dev-Openid) may. */
function requireDevStaff(ctx: Ctx): void {
  if (!ctx.caller.openid) throw fail('UNAUTHENTICATED', '开发接口需要身份：请带上 X-Dev-Openid（工作人员）')
  if (!ctx.caller.staff) throw fail('FORBIDDEN', '开发接口只对工作人员开放')
}

const FOREIGN_HOST = '本地服务只接受本机访问：请用 http://localhost 打开'

export interface HttpServer {
  server: Server
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then resolves. */
  shutdown(graceMs?: number): Promise<void>
}

/** A function name as the router knows them: `filing`, `admin`. */
const FUNCTION_NAME = /^[a-z][A-Za-z0-9_-]{0,63}$/

const TOO_LARGE: Record<'json' | 'upload', ErrorBody> = {
  json: { code: 'VALIDATION', message: '请求内容太大：不能超过1MB' },
  upload: { code: 'VALIDATION', message: UPLOAD_MESSAGES.tooLarge },
}

type Route =
  | { kind: 'call'; fn: string }
  | { kind: 'upload' }
  | { kind: 'file'; fileId: string }
  | { kind: 'export'; id: string }
  | { kind: 'reminders' }
  | { kind: 'echo' }
  | { kind: 'wrong_method'; allow: string }
  | { kind: 'unknown' }
  | { kind: 'static' }

function route(method: string, path: string): Route {
  if (path !== '/api' && !path.startsWith('/api/')) return { kind: 'static' }
  const parts = path.slice('/api/'.length).split('/')
  if (parts.length === 1 && parts[0] === 'upload') {
    return method === 'POST' ? { kind: 'upload' } : { kind: 'wrong_method', allow: 'POST' }
  }
  if (parts.length === 2 && parts[0] === 'dev' && parts[1] === 'reminders') {
    return method === 'POST' ? { kind: 'reminders' } : { kind: 'wrong_method', allow: 'POST' }
  }
  if (parts.length === 2 && parts[0] === 'dev' && parts[1] === 'echo') {
    return method === 'POST' ? { kind: 'echo' } : { kind: 'wrong_method', allow: 'POST' }
  }
  if (parts.length === 2 && parts[0] === 'files' && parts[1] !== '') {
    return method === 'GET' ? { kind: 'file', fileId: parts[1] } : { kind: 'wrong_method', allow: 'GET' }
  }
  if (parts.length === 2 && parts[0] === 'exports' && parts[1] !== '') {
    return method === 'GET' ? { kind: 'export', id: parts[1] } : { kind: 'wrong_method', allow: 'GET' }
  }
  if (parts.length === 1 && FUNCTION_NAME.test(parts[0])) {
    return method === 'POST' ? { kind: 'call', fn: parts[0] } : { kind: 'wrong_method', allow: 'POST' }
  }
  return { kind: 'unknown' }
}

/** The largest body a route takes, for refusing `Expect: 100-continue` requests up front. */
function bodyLimit(path: string): number {
  if (path === '/api/upload') return MAX_UPLOAD_BYTES + 64 * 1024
  return JSON_BODY_LIMIT
}

/** The path without its query, cut short and without control characters: safe for a log line. */
function pathOf(req: IncomingMessage): string {
  const path = (req.url ?? '/').split(/[?#]/, 1)[0]
  // eslint-disable-next-line no-control-regex
  const clean = path.replace(/[\u0000-\u001f\u007f]/g, '?')
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean
}

export function createHttpServer(deps: HttpDeps): HttpServer {
  let closing = false

  async function context(req: IncomingMessage): Promise<Ctx> {
    const now = devNow(req.headers)
    const caller = await devCaller(req.headers, deps.store)
    return { caller, now, store: deps.store, files: deps.files, verifier: deps.verifier, config: deps.config, accessLog: deps.accessLog }
  }

  /**
   * Sends a protocol reply once the request body is read to its end (thrown away), so the client
   * sees the reply after it has finished sending. A body too long to wait for closes the connection.
   */
  async function reply(req: IncomingMessage, res: ServerResponse, status: number, body: Reply): Promise<void> {
    const ended = await drain(req)
    if (res.headersSent || res.destroyed) return
    if (!ended) res.setHeader('Connection', 'close')
    sendJson(res, status, body)
  }

  async function call(req: IncomingMessage, res: ServerResponse, fn: string): Promise<void> {
    const ctx = await context(req)
    const body = await readBody(req, JSON_BODY_LIMIT)
    if (body.kind === 'aborted') return
    // 413 at the transport level, VALIDATION in the protocol body.
    if (body.kind === 'too_large') return reply(req, res, 413, { ok: false, error: TOO_LARGE.json })
    const text = body.bytes.toString('utf8').replace(/^\uFEFF/, '')
    let parsed: unknown
    if (text.trim() !== '') {
      try {
        parsed = JSON.parse(text)
      } catch {
        throw fail('VALIDATION', '请求内容不是有效的 JSON，请检查格式')
      }
    }
    const { status, reply: answer } = await dispatch(fn, parsed, ctx)
    sendJson(res, status, answer)
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, target: Route): Promise<void> {
    try {
      switch (target.kind) {
        case 'call':
          return await call(req, res, target.fn)
        case 'upload': {
          const outcome = await upload(req, await context(req))
          if (outcome) await reply(req, res, outcome.status, outcome.reply)
          return
        }
        case 'file': {
          const ctx = await context(req)
          await drain(req)
          return await sendStoredFile(res, ctx, target.fileId)
        }
        case 'export': {
          const ctx = await context(req)
          await drain(req)
          return await sendExport(res, ctx, target.id)
        }
        case 'reminders': {
          const ctx = await context(req)
          requireDevStaff(ctx)
          return await reply(req, res, 200, { ok: true, data: await runHourlyJob(ctx) })
        }
        case 'echo':
          // The staff check (one staff look-up, as every real call makes) and nothing else: no
          // parsing, no handler; the HTTP round trip with the body read.
          requireDevStaff(await context(req))
          return await reply(req, res, 200, { ok: true, data: null })
        case 'wrong_method': {
          res.setHeader('Allow', target.allow)
          const message = target.allow === 'POST' ? '请用 POST 调用这个接口' : '请用 GET 读取文件'
          return await reply(req, res, 405, { ok: false, error: { code: 'VALIDATION', message } })
        }
        default:
          throw fail('NOT_FOUND', '没有这个接口')
      }
    } catch (error) {
      if (error instanceof AppError) return reply(req, res, error.status, { ok: false, error: error.body })
      throw error
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A web page elsewhere can make a browser send requests here under its own name (DNS rebinding):
    // with X-Dev-Openid that would be anyone, staff included. Only this machine's names are answered.
    if (!deps.anyHost && !isLocalHost(req.headers.host, (server.address() as AddressInfo).port)) {
      return reply(req, res, 403, { ok: false, error: { code: 'FORBIDDEN', message: FOREIGN_HOST } })
    }
    const path = (req.url ?? '/').split(/[?#]/, 1)[0]
    const target = route(req.method ?? 'GET', path)
    if (target.kind === 'static') return serveStatic(req, res, deps.staticDir)
    return handleApi(req, res, target)
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const started = process.hrtime.bigint()
    if (closing) res.setHeader('Connection', 'close')
    let logged = false
    const done = (note = '') => {
      if (logged) return
      logged = true
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      // Method, path, status and time only: never a body, a query or a header (they may hold an ID number).
      deps.log(`${req.method} ${pathOf(req)} ${res.statusCode} ${ms.toFixed(1)}ms${note}`)
      // Shutting down: a keep-alive connection goes as soon as its last request is answered.
      if (closing) server.closeIdleConnections()
    }
    res.on('finish', () => done())
    res.on('close', () => done(' (connection closed early)'))

    handle(req, res).catch((error: unknown) => {
      console.error('[server] internal error:', error instanceof Error ? error.stack : error)
      if (res.headersSent) {
        res.destroy()
        return
      }
      res.setHeader('Connection', 'close')
      sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: INTERNAL_MESSAGE } })
    })
  }

  const server = createServer(onRequest)
  // A slow or stalled client cannot hold a request open for long.
  server.headersTimeout = 20_000
  server.requestTimeout = 120_000

  // `Expect: 100-continue` with a body that is already too big: refuse before the client sends it.
  server.on('checkContinue', (req, res) => {
    const declared = declaredLength(req)
    const path = (req.url ?? '/').split(/[?#]/, 1)[0]
    if (path.startsWith('/api/') && declared !== null && declared > bodyLimit(path)) {
      res.setHeader('Connection', 'close')
      res.on('finish', () => deps.log(`${req.method} ${pathOf(req)} 413 0.0ms (refused before the body)`))
      sendJson(res, 413, { ok: false, error: path === '/api/upload' ? TOO_LARGE.upload : TOO_LARGE.json })
      return
    }
    res.writeContinue()
    onRequest(req, res)
  })

  function shutdown(graceMs = 10_000): Promise<void> {
    closing = true
    return new Promise((resolve) => {
      const force = setTimeout(() => server.closeAllConnections(), graceMs)
      force.unref()
      server.close(() => {
        clearTimeout(force)
        resolve()
      })
      server.closeIdleConnections()
    })
  }

  return { server, shutdown }
}
