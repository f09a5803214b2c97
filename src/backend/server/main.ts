// The local server ("local cloud"): the H5 build and the backend API on one port, data in DATA_DIR.
//
//   npm run serve       build this file to dist/server/main.js and run it
//   npm start           build the H5 app first, then the same
//
// Environment: PORT (8080), HOST (127.0.0.1), DATA_DIR (.data/: filings.db and uploads/),
// ADMIN_OPENIDS (comma-separated staff openids, default admin-dev). Identity and "now" come from
// the X-Dev-Openid and X-Dev-Now headers, which exist only here (see identity.ts).
//
// Tests start it in-process: `startServer({ port: 0, dataDir, adminOpenids, staticDir })`.
import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import type { BackendConfig } from '../context'
import { seedDemo } from '../demo'
import { localFiles } from '../files/local'
import { openSqliteStore } from '../store/sqlite'
import { createHttpServer } from './http'
import { isDevOpenid } from './identity'
import { scheduleReminders } from './schedule'

export interface StartOptions {
  /** 0 for any free port. Default 8080. */
  port?: number
  /** Default 127.0.0.1: reachable from this machine only. */
  host?: string
  /** Where filings.db and uploads/ live; created when missing. */
  dataDir: string
  /** Staff openids. Default ['admin-dev']. */
  adminOpenids?: string[]
  /** The H5 build to serve. Default dist/h5 (from the working folder). */
  staticDir?: string
  /** File the demo filings when the store has none. Default true. */
  seedDemo?: boolean
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

export const DEFAULT_ADMIN_OPENIDS = ['admin-dev']

/** Locally there is no WeChat: reminders land in the outbox that `filing.mine` shows. */
const LOCAL_CONFIG: BackendConfig = { reminderTemplateId: null }

const quietUnderJest = process.env.NODE_ENV === 'test' ? () => {} : (line: string) => console.log(line)

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const log = options.log ?? quietUnderJest
  const dataDir = resolve(options.dataDir)
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const staff = (options.adminOpenids ?? DEFAULT_ADMIN_OPENIDS).map((openid) => ({ openid, name: `经办人 ${openid}` }))
  const store = openSqliteStore({ file: join(dataDir, 'filings.db'), staff })
  const files = localFiles(join(dataDir, 'uploads'), store)
  const base = { store, files, config: LOCAL_CONFIG }

  let stopReminders: (() => Promise<void>) | null = null
  const http = createHttpServer({ ...base, staticDir: resolve(options.staticDir ?? 'dist/h5'), log })
  try {
    if (options.seedDemo ?? true) await seedDemo({ ...base, now: new Date() }, log)
    if (options.reminders ?? true) stopReminders = scheduleReminders(base, log)
    await new Promise<void>((resolveListen, reject) => {
      http.server.once('error', reject)
      http.server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => {
        http.server.off('error', reject)
        resolveListen()
      })
    })
  } catch (error) {
    await stopReminders?.()
    await store.close()
    throw error
  }

  const address = http.server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  let closing: Promise<void> | null = null
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      (closing ??= (async () => {
        await http.shutdown()
        await stopReminders?.()
        await store.close()
      })()),
  }
}

// ---- the command line -----------------------------------------------------------------------

function fromEnv(env: NodeJS.ProcessEnv): Required<Pick<StartOptions, 'port' | 'host' | 'dataDir' | 'adminOpenids'>> {
  const port = Number(env.PORT ?? '8080')
  if (!/^\d+$/.test(env.PORT ?? '8080') || port > 65535) throw new Error(`PORT must be a whole number 0-65535, got "${env.PORT}"`)
  const adminOpenids = (env.ADMIN_OPENIDS ?? '')
    .split(',')
    .map((openid) => openid.trim())
    .filter(Boolean)
  const bad = adminOpenids.find((openid) => !isDevOpenid(openid))
  if (bad !== undefined) throw new Error(`ADMIN_OPENIDS: "${bad}" is not an openid (letters, digits, - and _, at most 64)`)
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: env.DATA_DIR?.trim() || '.data',
    adminOpenids: adminOpenids.length > 0 ? adminOpenids : DEFAULT_ADMIN_OPENIDS,
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
  const loopback = ['127.0.0.1', '::1', '0.0.0.0', '::', 'localhost'].includes(settings.host)
  const shown = loopback ? `http://localhost:${server.port}/` : `${server.url}/`
  log(`异地就医备案 local server: ${shown}`)
  log(`  data: ${resolve(settings.dataDir)}   staff: ${settings.adminOpenids.join(', ')}`)
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
