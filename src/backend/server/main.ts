// The local server ("local cloud"): the H5 build and the backend API on one port, data in DATA_DIR.
//
//   npm run serve       build this file to dist/server/main.js and run it
//   npm start           build the H5 app first, then the same
//
// Environment: PORT (8080), HOST (127.0.0.1), DATA_DIR (.data/: filings.db and uploads/),
// ADMIN_OPENIDS (comma-separated staff openids who may do everything, default admin-dev,
// admin-dev2, admin-dev3: three, so that a three-stage review can be tried), QUERY_OPENIDS (staff who
// may only look things up, default query-dev), SPOT_CHECK_RATE (share of commitment filings picked
// for 抽查, default 0.1), RATE_LIMIT_* (limits.ts), UPLOAD_QUOTA (files/bytes one person may keep,
// default 50/209715200; uploads.ts). Identity and "now" come from
// the X-Dev-Openid and X-Dev-Now headers, which exist only here (see identity.ts).
//
// Tests start it in-process: `startServer({ port: 0, dataDir, adminOpenids, staticDir })`.
import { sqliteAccessLog } from '../store/access-log-sqlite'
import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { spotCheckRateFrom, type BackendConfig } from '../context'
import { DEV_STANDIN, type IdentityVerifier } from '../identity/port'
import { rateLimitsFrom, type RateLimits } from '../limits'
import { uploadQuotaFrom, type UploadQuota } from '../uploads'
import { seedDemo } from '../demo'
import { localFiles } from '../files/local'
import { STAFF_ROLES, type StaffMember } from '../store/port'
import { openSqliteStore } from '../store/sqlite'
import { fieldCrypto, type Keyring } from '../crypto/fields'
import { localKeyring } from './data-key'
import { createHttpServer } from './http'
import { isDevOpenid } from './identity'
import { scheduleReminders } from './schedule'

export interface StartOptions {
  /** 0 for any free port. Default 8080. */
  port?: number
  /** Default 127.0.0.1: reachable from this machine only. Another address needs `allowRemote`. */
  host?: string
  /**
   * Serve on a non-loopback address and answer any Host header (ALLOW_REMOTE_DEV=1). The dev identity
   * header then lets anyone who reaches the port act as anyone, staff included: for a closed network.
   */
  allowRemote?: boolean
  /** Where filings.db and uploads/ live; created when missing. */
  dataDir: string
  /** Staff openids with every role. Default DEFAULT_ADMIN_OPENIDS. */
  adminOpenids?: string[]
  /** Staff openids who may only look things up (role `query`). Default DEFAULT_QUERY_OPENIDS. */
  queryOpenids?: string[]
  /** The H5 build to serve. Default dist/h5 (from the working folder). */
  staticDir?: string
  /** File the demo filings when the store has none. Default true. */
  seedDemo?: boolean
  /** The share of commitment filings picked for 抽查 (0–1). Default SPOT_CHECK_RATE or 0.1. */
  spotCheckRate?: number
  /** Per-openid limits on submit, verifyIdentity and upload. Default RATE_LIMIT_* or DEFAULT_RATE_LIMITS. */
  rateLimits?: RateLimits
  /** What one person may keep (files and bytes); default UPLOAD_QUOTA from the environment, else 50 files / 200 MB. */
  uploadQuota?: UploadQuota
  /**
   * Who checks 实名认证. Default: the local stand-in that accepts a claim as typed (the H5 pages say
   * so). Tests pass WeChat's verifier pointed at a stand-in of WeChat's API.
   */
  verifier?: IdentityVerifier
  /**
   * The keys of the fields encrypted at rest. Default: DATA_KEY (DATA_KEY_ID, DATA_KEYS_OLD,
   * DATA_INDEX_KEY_ID) from the environment, else the key file beside DATA_DIR (`<DATA_DIR>.key` or
   * DATA_KEY_FILE, generated at the first start; data-key.ts).
   */
  dataKeys?: Keyring
  /** Run expiry reminders at start and then every hour. Default true. */
  reminders?: boolean
  /** One line per request and the start-up notes. Default console.log (silent under jest). */
  log?: (line: string) => void
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8080 (no trailing slash). */
  url: string
  port: number
  /** Stops accepting, lets in-flight requests finish, stops the schedule, closes the store. */
  close: () => Promise<void>
}

export const DEFAULT_ADMIN_OPENIDS = ['admin-dev', 'admin-dev2', 'admin-dev3']
export const DEFAULT_QUERY_OPENIDS = ['query-dev']


const quietUnderJest = process.env.NODE_ENV === 'test' ? () => {} : (line: string) => console.log(line)

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const log = options.log ?? quietUnderJest
  const host = options.host ?? '127.0.0.1'
  if (!isLoopback(host) && !options.allowRemote) {
    throw new Error(
      `HOST=${host} is not this machine alone: anyone who reaches it could act as any person or staff member through X-Dev-Openid. Set ALLOW_REMOTE_DEV=1 to serve it anyway.`,
    )
  }
  const dataDir = resolve(options.dataDir)
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const staff: StaffMember[] = [
    ...(options.adminOpenids ?? DEFAULT_ADMIN_OPENIDS).map((openid) => ({ openid, name: `经办人 ${openid}`, roles: [...STAFF_ROLES] })),
    ...(options.queryOpenids ?? DEFAULT_QUERY_OPENIDS).map((openid) => ({ openid, name: `查询人员 ${openid}`, roles: ['query' as const] })),
  ]
  const crypto = fieldCrypto(options.dataKeys ?? localKeyring(dataDir, process.env, log))
  const store = openSqliteStore({ file: join(dataDir, 'filings.db'), staff, crypto })
  const files = localFiles(join(dataDir, 'uploads'), store)
  // Locally there is no WeChat: reminders land in the outbox that `filing.mine` shows.
  const config: BackendConfig = {
    reminderTemplateId: null,
    spotCheckRate: options.spotCheckRate ?? spotCheckRateFrom(process.env.SPOT_CHECK_RATE),
    rateLimits: options.rateLimits ?? rateLimitsFrom(process.env),
    uploadQuota: options.uploadQuota ?? uploadQuotaFrom(process.env.UPLOAD_QUOTA),
  }
  // The access log (what staff read): its own table in filings.db, through a second connection
  // (store/access-log-sqlite.ts); append-only, no personal numbers.
  const accessLog = sqliteAccessLog(join(dataDir, 'filings.db'), crypto)
  const base = { store, files, verifier: options.verifier ?? DEV_STANDIN, config, accessLog }

  let stopReminders: (() => Promise<void>) | null = null
  const http = createHttpServer({ ...base, staticDir: resolve(options.staticDir ?? 'dist/h5'), log, anyHost: options.allowRemote ?? false })
  try {
    if (options.seedDemo ?? true) await seedDemo({ ...base, now: new Date() }, log)
    if (options.reminders ?? true) stopReminders = scheduleReminders(base, log)
    await new Promise<void>((resolveListen, reject) => {
      http.server.once('error', reject)
      http.server.listen(options.port ?? 8080, host, () => {
        http.server.off('error', reject)
        resolveListen()
      })
    })
  } catch (error) {
    await stopReminders?.()
    files.close()
    await accessLog.close?.()
    await store.close()
    throw error
  }

  const address = http.server.address() as AddressInfo
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  let closing: Promise<void> | null = null
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    close: () =>
      (closing ??= (async () => {
        await http.shutdown()
        await stopReminders?.()
        files.close()
        await accessLog.close?.()
        await store.close()
      })()),
  }
}

// ---- the command line -----------------------------------------------------------------------

/** A comma-separated list of openids from the environment, or `fallback` when it is unset or empty. */
function openidList(env: NodeJS.ProcessEnv, name: string, fallback: string[]): string[] {
  const openids = (env[name] ?? '')
    .split(',')
    .map((openid) => openid.trim())
    .filter(Boolean)
  const bad = openids.find((openid) => !isDevOpenid(openid))
  if (bad !== undefined) throw new Error(`${name}: "${bad}" is not an openid (letters, digits, - and _, at most 64)`)
  return openids.length > 0 ? openids : fallback
}

/** The addresses that reach this machine alone. */
export function isLoopback(host: string): boolean {
  return ['127.0.0.1', '::1', 'localhost'].includes(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

function fromEnv(env: NodeJS.ProcessEnv): Required<Pick<StartOptions, 'port' | 'host' | 'dataDir' | 'adminOpenids' | 'queryOpenids' | 'allowRemote'>> {
  const port = Number(env.PORT ?? '8080')
  if (!/^\d+$/.test(env.PORT ?? '8080') || port > 65535) throw new Error(`PORT must be a whole number 0-65535, got "${env.PORT}"`)
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: env.DATA_DIR?.trim() || '.data',
    adminOpenids: openidList(env, 'ADMIN_OPENIDS', DEFAULT_ADMIN_OPENIDS),
    queryOpenids: openidList(env, 'QUERY_OPENIDS', DEFAULT_QUERY_OPENIDS),
    allowRemote: env.ALLOW_REMOTE_DEV === '1',
  }
}

async function main(): Promise<void> {
  let settings: ReturnType<typeof fromEnv>
  try {
    settings = fromEnv(process.env)
  } catch (error) {
    console.error(`server: ${(error as Error).message}`)
    process.exit(2)
  }
  const log = (line: string) => console.log(line)
  const server = await startServer({ ...settings, log }).catch((error: NodeJS.ErrnoException) => {
    const hint = error.code === 'EADDRINUSE' ? ` (port ${settings.port} is taken: set PORT to another)` : ''
    console.error(`server: could not start: ${error.message}${hint}`)
    process.exit(1)
  })
  const shown = isLoopback(settings.host) ? `http://localhost:${server.port}/` : `${server.url}/`
  log(`异地就医备案 local server: ${shown}`)
  if (!isLoopback(settings.host)) {
    log(`  WARNING (ALLOW_REMOTE_DEV=1): serving on ${settings.host}; anyone who reaches this port can act as any person or staff member (X-Dev-Openid).`)
  }
  log(`  data: ${resolve(settings.dataDir)}   staff: ${settings.adminOpenids.join(', ')}; look-up only: ${settings.queryOpenids.join(', ')}`)
  log('  Press Ctrl-C to stop.')

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) process.exit(1) // a second Ctrl-C: leave at once
    stopping = true
    log(`\n${signal}: finishing open requests and closing the store…`)
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('server: shutdown failed:', error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

if (require.main === module) void main()
