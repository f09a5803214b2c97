// wx.cloud.callFunction answered by the real backend in-process: the same router the deployed
// functions and the local server use (src/backend/router.ts), on a SQLite store in a temp folder, as
// the caller this run signs in as (WeChat puts the openid in the function's context, never the page).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_RATE_LIMITS } from '../../../src/backend/limits'
import { DEV_STANDIN } from '../../../src/backend/identity/port'
import { dispatch } from '../../../src/backend/router'
import { localFiles } from '../../../src/backend/files/local'
import { openSqliteStore } from '../../../src/backend/store/sqlite'
import { sqliteAccessLog } from '../../../src/backend/store/access-log-sqlite'
import { STAFF_ROLES } from '../../../src/backend/store/port'
import { seedDemo } from '../../../src/backend/demo'
import type { Ctx } from '../../../src/backend/context'

export interface Backend {
  /** What a cloud function returns to the page for {action, data}. */
  call(fn: string, event: unknown, openid: string): Promise<unknown>
  calls: { fn: string; action: string; ok: boolean }[]
  /** Pins the clock every call sees (null: the real clock). */
  now: Date | null
  close(): Promise<void>
}

export async function startBackend(options: { seedDemo?: boolean } = {}): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'weapp-check-'))
  const staff = [{ openid: 'admin-dev', name: '经办人 admin-dev', roles: [...STAFF_ROLES] }]
  const store = openSqliteStore({ file: join(dir, 'filings.db'), staff })
  const files = localFiles(join(dir, 'uploads'), store)
  const accessLog = sqliteAccessLog(join(dir, 'filings.db'))
  const base: Omit<Ctx, 'caller' | 'now'> = {
    store,
    files,
    verifier: DEV_STANDIN,
    accessLog,
    config: { reminderTemplateId: null, spotCheckRate: 0, rateLimits: DEFAULT_RATE_LIMITS },
  }
  if (options.seedDemo ?? true) await seedDemo({ ...base, now: new Date() }, () => {})
  const backend: Backend = {
    calls: [],
    now: null,
    async call(fn, event, openid) {
      const { action, data } = (event ?? {}) as { action?: unknown; data?: unknown }
      const ctx: Ctx = { ...base, caller: { openid, staff: await store.staffMember(openid) }, now: backend.now ?? new Date() }
      const { reply } = await dispatch(fn, { action, data }, ctx)
      backend.calls.push({ fn, action: String(action), ok: (reply as { ok: boolean }).ok })
      return reply
    },
    async close() {
      files.close()
      await accessLog.close?.()
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return backend
}
