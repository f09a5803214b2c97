// The SQLite adapter: the store contract on a real database file, then what only SQLite can show —
// its settings, the rules the database enforces by itself, its indexes, and durability under kill -9.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { openSqliteDatabase, openSqliteStore, searchSql } from '../../src/backend/store/sqlite'
import { NO_END_DATE } from '../../src/backend/store/sqlite-schema'
import type { SearchQuery, Store } from '../../src/backend/store/port'
import { filingRecord, historyEntry, nextVersion, residentId, submitEntry, temporaryFiling } from './builders'
import { CONTRACT_STAFF, runStoreContract } from './store-contract'

const dirs: string[] = []

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yd-sqlite-'))
  dirs.push(dir)
  return dir
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

runStoreContract('sqlite', async ({ staff }) => {
  const file = join(tempDir(), 'store.db')
  let store = openSqliteStore({ file, staff })
  return {
    store,
    cleanup: async () => store.close(),
    reopen: async () => {
      await store.close()
      store = openSqliteStore({ file, staff })
      return store
    },
  }
})

describe('sqlite store', () => {
  let file: string
  let store: Store

  beforeEach(() => {
    file = join(tempDir(), 'store.db')
    store = openSqliteStore({ file, staff: CONTRACT_STAFF })
  })

  afterEach(async () => {
    await store.close()
  })

  // SQLite's errors are matched by `code`, never with toThrow(/message/): the native addon keeps the
// SqliteError class of the first test file that loaded it in this jest worker, so in later files
// its errors are not `instanceof Error` (another realm) and `rejects.toThrow` does not see them.

/** A second, raw connection to the same file: what another process (or a careless script) would see. */
  function raw(): Database.Database {
    const db = new Database(file)
    db.pragma('foreign_keys = ON')
    return db
  }

  describe('settings', () => {
    it('uses WAL, synchronous FULL, foreign keys and a busy timeout', () => {
      const db = openSqliteDatabase(join(tempDir(), 'settings.db'))
      try {
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
        expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
        expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
        expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
        expect(db.pragma('user_version', { simple: true })).toBe(1)
      } finally {
        db.close()
      }
    })

    it('leaves the file in WAL mode for every later connection', () => {
      const db = raw()
      try {
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      } finally {
        db.close()
      }
    })

    it('opens an in-memory database for quick tests', async () => {
      const memory = openSqliteStore({ file: ':memory:', staff: [] })
      const filing = filingRecord()
      expect((await memory.createFiling(filing, submitEntry(filing))).kind).toBe('created')
      expect(await memory.getFiling(filing.id)).toEqual(filing)
      await memory.close()
      await memory.close() // twice is harmless
    })

    it('refuses a database written by a newer build', async () => {
      await store.close()
      const db = raw()
      db.pragma('user_version = 99')
      db.close()
      expect(() => openSqliteStore({ file, staff: [] })).toThrow(/newer build/)
      store = openSqliteStore({ file: ':memory:', staff: [] })
    })

    it('fails every call after close', async () => {
      await store.close()
      await expect(store.getFiling('YD20261122-222222')).rejects.toThrow()
      store = openSqliteStore({ file: ':memory:', staff: [] })
    })
  })

  describe('durability', () => {
    it('keeps filings, history and reminders across close and reopen', async () => {
      const filing = filingRecord({ validUntil: '2026-12-01', category: 'emergency' })
      await store.createFiling(filing, submitEntry(filing))
      await store.appendHistory(historyEntry({ filingId: filing.id, action: 'view', actor: 'admin-a', role: 'staff' }))
      await store.addReminder({ filingId: filing.id, owner: filing.owner, validUntil: '2026-12-01', message: '即将到期', createdAt: filing.createdAt, sentAt: null })
      await store.close()
      store = openSqliteStore({ file, staff: CONTRACT_STAFF })
      expect(await store.getFiling(filing.id)).toEqual(filing)
      expect(await store.history(filing.id)).toHaveLength(2)
      expect(await store.remindersFor(filing.owner)).toHaveLength(1)
    })

    it('loses no acknowledged write when the process is killed with SIGKILL', async () => {
      await store.close()
      // A child process writes filings one by one and prints each id once createFiling has resolved;
      // it is killed mid-stream, and every id it printed must be in the database.
      const root = resolve(__dirname, '../..')
      const child = spawn(process.execPath, ['-e', KILL_CHILD, file], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
      const acknowledged: string[] = []
      let stderr = ''
      child.stderr.on('data', (chunk) => (stderr += String(chunk)))
      await new Promise<void>((done, fail) => {
        let buffered = ''
        child.stdout.on('data', (chunk) => {
          buffered += String(chunk)
          const lines = buffered.split('\n')
          buffered = lines.pop() ?? ''
          acknowledged.push(...lines.filter(Boolean))
          if (acknowledged.length >= 40 && !child.killed) child.kill('SIGKILL')
        })
        child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? done() : fail(new Error(`child exited without being killed: ${stderr}`))))
      })
      store = openSqliteStore({ file, staff: CONTRACT_STAFF })
      expect(acknowledged.length).toBeGreaterThanOrEqual(40)
      const missing = []
      for (const id of acknowledged) if (!(await store.getFiling(id))) missing.push(id)
      expect(missing).toEqual([])
      for (const id of acknowledged) expect(await store.history(id)).toHaveLength(1)
    }, 30_000)
  })

  describe('concurrent calls', () => {
    it('stores one filing when the same request arrives many times at once', async () => {
      const copies = Array.from({ length: 25 }, () => temporaryFiling({ owner: 'o-1', requestId: 'req-same' }))
      const results = await Promise.all(copies.map((copy) => store.createFiling(copy, submitEntry(copy))))
      expect(results.filter((r) => r.kind === 'created')).toHaveLength(1)
      expect(results.filter((r) => r.kind === 'replayed')).toHaveLength(24)
      const first = results[0]
      expect(first).toEqual({ kind: 'created', filing: copies[0] })
      for (const r of results.slice(1)) expect(r).toEqual({ kind: 'replayed', filing: copies[0] })
      const db = raw()
      try {
        expect(db.prepare(`SELECT count(*) AS n FROM filings WHERE owner = 'o-1'`).get()).toEqual({ n: 1 })
        expect(db.prepare('SELECT count(*) AS n FROM history').get()).toEqual({ n: 1 })
      } finally {
        db.close()
      }
    })

    it('lets one of many simultaneous long-term filings for one person through, across two connections', async () => {
      const other = openSqliteStore({ file, staff: [] })
      try {
        const attempts = Array.from({ length: 20 }, (_, i) => filingRecord({ owner: `o-${i}` }))
        const results = await Promise.all(
          attempts.map((filing, i) => (i % 2 === 0 ? store : other).createFiling(filing, submitEntry(filing))),
        )
        expect(results.filter((r) => r.kind === 'created')).toHaveLength(1)
        expect(results.filter((r) => r.kind === 'duplicate')).toHaveLength(19)
        for (const r of results) if (r.kind === 'duplicate') expect(r.existing).toEqual({ id: attempts[0].id, owner: 'o-0' })
      } finally {
        await other.close()
      }
    })

    it('lets exactly one of two updates from the same version through', async () => {
      const filing = filingRecord()
      await store.createFiling(filing, submitEntry(filing))
      const a = nextVersion(filing, { applicant: { phone: '13900000001' } })
      const b = nextVersion(filing, { status: 'cancelled' })
      const results = await Promise.all([
        store.updateFiling(a, 1, historyEntry({ filingId: filing.id, action: 'update_contact' })),
        store.updateFiling(b, 1, historyEntry({ filingId: filing.id, action: 'cancel' })),
      ])
      expect(results).toEqual(['ok', 'conflict'])
      expect(await store.getFiling(filing.id)).toEqual(a)
      expect(await store.history(filing.id)).toHaveLength(2)
    })
  })

  describe('what the database enforces by itself', () => {
    /** The columns of a stored filing, to insert a look-alike row behind the adapter's back. */
    function copyRow(db: Database.Database, id: string, changes: Record<string, unknown>) {
      const row = db.prepare('SELECT * FROM filings WHERE id = ?').get(id) as Record<string, unknown>
      const next = { ...row, ...changes }
      delete next.seq
      const columns = Object.keys(next)
      return db.prepare(`INSERT INTO filings (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`).run(next)
    }

    it('refuses a second long-term holding for a person with a unique index, not only in the adapter', async () => {
      const held = filingRecord()
      await store.createFiling(held, submitEntry(held))
      const db = raw()
      try {
        expect(() => copyRow(db, held.id, { id: 'YD20261122-RAW001', owner: 'o-raw', request_id: 'r-raw' })).toThrow(
          expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }),
        )
        // A row that does not hold (cancelled) is fine, and so is another person's.
        copyRow(db, held.id, { id: 'YD20261122-RAW002', owner: 'o-raw', request_id: 'r-2', holds_long_term: 0, status: 'cancelled' })
        copyRow(db, held.id, { id: 'YD20261122-RAW003', owner: 'o-raw', request_id: 'r-3', id_number: residentId('110101', '19500101', '011') })
        // …but turning the cancelled one back into a holding is refused too.
        expect(() =>
          db.prepare(`UPDATE filings SET holds_long_term = 1, status = 'active', version = version + 1 WHERE id = 'YD20261122-RAW002'`).run(),
        ).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }))
        expect(() => copyRow(db, held.id, { id: 'YD20261122-RAW004', request_id: 'r-4', holds_long_term: 0 })).not.toThrow()
        expect(() => copyRow(db, held.id, { id: 'YD20261122-RAW005', request_id: 'r-4', holds_long_term: 0 })).toThrow(
          expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }), // (owner, request_id)
        )
      } finally {
        db.close()
      }
    })

    it('never deletes: filings, history, files and reminders refuse DELETE, history refuses UPDATE', async () => {
      const filing = temporaryFiling({ validUntil: '2026-12-01' })
      await store.createFiling(filing, submitEntry(filing))
      await store.saveFile({ id: 'f-1', owner: filing.owner, contentType: 'image/png', size: 1, sha256: '00'.repeat(32), createdAt: filing.createdAt })
      await store.addReminder({ filingId: filing.id, owner: filing.owner, validUntil: '2026-12-01', message: 'm', createdAt: filing.createdAt, sentAt: null })
      const db = raw()
      try {
        for (const sql of [
          'DELETE FROM filings',
          'DELETE FROM history',
          'DELETE FROM files',
          'DELETE FROM reminders',
          `UPDATE history SET actor = 'someone'`,
          `UPDATE files SET owner = 'someone'`,
          `UPDATE reminders SET message = 'changed'`,
          `UPDATE filings SET status = 'cancelled'`, // without a version bump
        ]) {
          expect(() => db.prepare(sql).run()).toThrow()
        }
      } finally {
        db.close()
      }
      expect(await store.getFiling(filing.id)).toEqual(filing)
      expect(await store.history(filing.id)).toHaveLength(1)
    })

    it('sends a reminder once: a second markReminderSent keeps the first time', async () => {
      const filing = temporaryFiling({ validUntil: '2026-12-01' })
      await store.createFiling(filing, submitEntry(filing))
      await store.addReminder({ filingId: filing.id, owner: filing.owner, validUntil: '2026-12-01', message: 'm', createdAt: filing.createdAt, sentAt: null })
      await store.markReminderSent(filing.id, '2026-12-01', '2026-11-22T01:00:00.000Z')
      await store.markReminderSent(filing.id, '2026-12-01', '2026-11-23T01:00:00.000Z')
      expect((await store.remindersFor(filing.owner))[0].sentAt).toBe('2026-11-22T01:00:00.000Z')
    })

    it('refuses history for a filing that does not exist', async () => {
      await expect(store.appendHistory(historyEntry({ filingId: 'YD20261122-ZZZZZZ', action: 'view' }))).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' })
    })

    it('refuses an update that does not carry expectedVersion + 1, or whose entry is for another filing', async () => {
      const filing = filingRecord()
      await store.createFiling(filing, submitEntry(filing))
      await expect(store.updateFiling({ ...filing, status: 'cancelled' }, 1, historyEntry({ filingId: filing.id }))).rejects.toThrow()
      await expect(store.updateFiling(nextVersion(filing, {}), 1, historyEntry({ filingId: 'YD20261122-OTHER1' }))).rejects.toThrow()
      expect(await store.getFiling(filing.id)).toEqual(filing)
    })

    it('refuses a second filing with an existing filing number (a number collision)', async () => {
      const filing = temporaryFiling()
      await store.createFiling(filing, submitEntry(filing))
      const clash = temporaryFiling({ id: filing.id, owner: 'o-other', requestId: 'r-other' })
      await expect(store.createFiling(clash, submitEntry(clash))).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' })
      expect(await store.getFiling(filing.id)).toEqual(filing)
    })

    it('stores "no end date" so that it sorts after every date, and returns it as null', async () => {
      const filing = filingRecord({ validUntil: null })
      await store.createFiling(filing, submitEntry(filing))
      const db = raw()
      try {
        expect(db.prepare('SELECT valid_until FROM filings').get()).toEqual({ valid_until: NO_END_DATE })
      } finally {
        db.close()
      }
      expect((await store.getFiling(filing.id))?.validUntil).toBeNull()
    })
  })

  describe('indexes', () => {
    const TODAY = '2026-11-22'
    const query = (filters: SearchQuery['filters'], sort: SearchQuery['sort'] = { key: 'filedOn', direction: 'desc' }): SearchQuery => ({
      filters,
      today: TODAY,
      sort,
      page: 1,
      pageSize: 20,
    })

    function plan(sql: { sql: string; params: unknown[] }): string {
      const db = raw()
      try {
        const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql.sql}`).all(...sql.params) as { detail: string }[]
        return rows.map((row) => row.detail).join('\n')
      } finally {
        db.close()
      }
    }

    beforeEach(async () => {
      // Enough rows of varied shape that the planner's statistics are realistic.
      const provinces = [
        ['440000', '440300'],
        ['110000', undefined],
        ['510000', '510100'],
        ['310000', undefined],
      ] as const
      for (let i = 0; i < 400; i += 1) {
        const [provinceCode, cityCode] = provinces[i % provinces.length]
        const day = String((i % 28) + 1).padStart(2, '0')
        const month = String((i % 12) + 1).padStart(2, '0')
        const f = temporaryFiling({
          owner: `o-${i}`,
          policyId: ['dazhou', 'jining', 'datong', 'national', 'shanxi-provincial'][i % 5],
          category: (['emergency', 'referral', 'other_temporary'] as const)[i % 3],
          status: (['active', 'active', 'active', 'pending_review', 'cancelled', 'rejected'] as const)[i % 6],
          destination: { provinceCode, ...(cityCode ? { cityCode } : {}), areaCode: cityCode ?? provinceCode },
          filedOn: `2026-${month}-${day}`,
          startDate: `2026-${month}-${day}`,
          validUntil: `2027-${month}-${day}`,
          applicant: { name: ['王秀兰', '李建国', '张伟', '刘洋', '陈静', '赵敏'][i % 6] + String(i), idNumber: residentId('511702', '19580612', String(i % 1000).padStart(3, '0')) },
        })
        await store.createFiling(f, submitEntry(f))
      }
      // What the adapter's PRAGMA optimize does over time: gather statistics.
      const db = raw()
      db.exec('ANALYZE')
      db.close()
    })

    it('has an index for every filter and sort column', () => {
      const db = raw()
      try {
        const indexed = (db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'filings'`).all() as {
          name: string
          sql: string | null
        }[])
        const firstColumns = new Set(
          indexed.flatMap((index) => {
            const columns = db.prepare(`PRAGMA index_info(${JSON.stringify(index.name)})`).all() as { seqno: number; name: string }[]
            return columns.filter((c) => c.seqno === 0).map((c) => c.name)
          }),
        )
        for (const column of ['id', 'owner', 'status', 'category', 'policy_id', 'province_code', 'start_date', 'valid_until', 'filed_on', 'updated_at', 'name', 'id_last4', 'id_type']) {
          expect(firstColumns).toContain(column)
        }
        const partial = indexed.find((index) => index.name === 'filings_long_term_holder')
        expect(partial?.sql).toMatch(/UNIQUE INDEX filings_long_term_holder ON filings \(id_type, id_number\) WHERE holds_long_term = 1/)
      } finally {
        db.close()
      }
    })

    it.each([
      ['status', { status: ['pending_review' as const] }, 'filings_status_filed'],
      ['policy', { policyId: ['jining'] }, 'filings_policy_filed'],
      ['category', { category: ['referral' as const] }, 'filings_category_filed'],
      ['province', { provinceCode: '440000' }, 'filings_province_filed'],
      ['province and city', { provinceCode: '440000', cityCode: '440300' }, 'filings_place_filed'],
      ['start date range', { startFrom: '2026-03-01', startTo: '2026-03-31' }, 'filings_start_filed'],
      ['expiring soon', { expiringWithinDays: 30 }, 'filings_active_until'],
      ['name prefix', { q: '王秀兰1' }, 'filings_name'],
      ['last 4 of the ID number', { q: '0243' }, 'filings_id_last4'],
    ])('uses an index for the %s filter', (_label, filters, index) => {
      const { page, count } = searchSql(query(filters))
      expect(plan(page)).toContain(index)
      expect(plan(count)).toContain(index)
      expect(plan(page)).not.toMatch(/SCAN f(?! USING)/)
    })

    it('reads the first page of an unfiltered list in index order, without sorting every filing', () => {
      for (const key of ['filedOn', 'startDate', 'validUntil', 'updatedAt'] as const) {
        for (const direction of ['asc', 'desc'] as const) {
          const detail = plan(searchSql(query({}, { key, direction })).page)
          expect(detail).not.toMatch(/SCAN f$/m)
          // startDate reads (start_date, filed_on) and sorts only within a day, for the tie-break.
          expect(detail).not.toContain('USE TEMP B-TREE FOR ORDER BY')
        }
      }
    })

    it('reads a status-filtered list in filedOn order from one index, without sorting', () => {
      const detail = plan(searchSql(query({ status: ['active'] })).page)
      expect(detail).toContain('filings_status_filed')
      expect(detail).not.toContain('TEMP B-TREE')
    })
  })

  describe('privacy', () => {
    it('writes nothing to the console, whatever happens', async () => {
      const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
        jest.spyOn(console, method).mockImplementation(() => undefined),
      )
      try {
        const filing = filingRecord()
        await store.createFiling(filing, submitEntry(filing))
        const duplicate = filingRecord({ owner: 'o-x' })
        await store.createFiling(duplicate, submitEntry(duplicate))
        await store.updateFiling({ ...nextVersion(filing, {}), version: 8 }, 7, historyEntry({ filingId: filing.id }))
        const last4 = filing.applicant.idNumber.slice(-4)
        await store.search({ filters: { q: last4 }, today: '2026-11-22', sort: { key: 'filedOn', direction: 'desc' }, page: 1, pageSize: 20 })
        await store.stats('2026-11-22')
        for (const spy of spies) expect(spy).not.toHaveBeenCalled()
      } finally {
        for (const spy of spies) spy.mockRestore()
      }
    })
  })
})

/**
 * The child of the kill -9 test: loads the TypeScript adapter through a transpile-only require hook,
 * then writes filings one after another, printing each id once its write is acknowledged.
 */
const KILL_CHILD = `
const ts = require('typescript')
const fs = require('fs')
require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8')
  const output = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true } })
  module._compile(output.outputText, filename)
}
const { openSqliteStore } = require('./src/backend/store/sqlite.ts')
const { checkCharacter } = require('./src/rules/index.ts')
const store = openSqliteStore({ file: process.argv[1], staff: [] })
;(async () => {
  for (let i = 0; ; i += 1) {
    const first17 = '51170219580612' + String(i % 1000).padStart(3, '0')
    const id = 'YD20261122-K' + String(i).padStart(5, '0')
    const at = '2026-11-22T02:30:00.000Z'
    const filing = {
      id, owner: 'o-kill-' + i, requestId: 'req-' + i, policyId: 'dazhou',
      insuredRegion: { name: '达州市', code: '511700', poolingArea: '511700' },
      category: 'emergency', insuranceType: 'employee',
      applicant: { name: '王秀兰', idType: 'resident_id', idNumber: first17 + checkCharacter(first17), phone: '13812345678', address: null, gender: 'female', birthDate: '1958-06-12' },
      destination: { provinceCode: '440000', cityCode: '440300', areaCode: '440300' },
      startDate: '2026-11-22', validUntil: '2027-05-21', filedOn: '2026-11-22', effectiveOn: '2026-11-22', changedOn: null,
      materials: [], commitment: null, referral: null, status: 'active', reviewers: [], rejectionReason: null, stays: [],
      version: 1, createdAt: at, updatedAt: at,
    }
    await store.createFiling(filing, { filingId: id, at, actor: filing.owner, role: 'owner', action: 'submit' })
    process.stdout.write(id + '\\n')
  }
})()
`
