// The SQLite adapter: the store contract on a real database file, then what only SQLite can show —
// its settings, the rules the database enforces by itself, its indexes, and durability under kill -9.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { plainColumnsOf, openSqliteStore } from '../../src/backend/store/sqlite'
import { openSqliteDatabase } from '../../src/backend/store/sqlite-open'
import { searchRows, type SearchStatement } from '../../src/backend/store/sqlite-search'
import { NO_END_DATE, SCHEMA_V1, SCHEMA_VERSION } from '../../src/backend/store/sqlite-schema'
import type { FilingRecord } from '../../src/backend/domain/record'
import type { SearchQuery, Store } from '../../src/backend/store/port'
import { filingRecord, historyEntry, nextVersion, residentId, submitEntry, temporaryFiling } from './builders'
import { addDays } from '../../src/rules'
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
        expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
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
          // The owner changes only to the filing's anonymised owner; a reminder's likewise.
          `UPDATE filings SET owner = 'someone', version = version + 1`,
          `UPDATE reminders SET owner = 'someone'`,
          // A history entry is rewritten only as a redaction, once.
          `UPDATE history SET actor = 'someone', redacted = 0`,
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

  describe('indexes and query plans', () => {
    // One database of 400 filings for every test here (they only read it).
    let planFile: string
    let planStore: Store
    const rawPlan = () => new Database(planFile, { readonly: true })
    const TODAY = '2026-11-22'
    const LONG_TERM = ['resettled_retiree', 'long_term_resident', 'resident_worker'] as const
    const query = (
      filters: SearchQuery['filters'],
      sort: SearchQuery['sort'] = { key: 'filedOn', direction: 'desc' },
      page = 1,
      pageSize = 20,
    ): SearchQuery => ({ filters, today: TODAY, sort, page, pageSize })

    /** The statements one search runs on a raw connection, each with its plan (unless `explain` is false). */
    function traced(q: SearchQuery, path?: 'walk' | 'filter', explain = true) {
      const db = rawPlan()
      try {
        const statements: (SearchStatement & { plan: string })[] = []
        const result = searchRows(
          q,
          (statement) => {
            const plan = explain
              ? (db.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...statement.params) as { detail: string }[]).map((row) => row.detail).join('\n')
              : ''
            statements.push({ ...statement, plan })
            const prepared = db.prepare(statement.sql)
            return statement.purpose === 'page' ? prepared.all(...statement.params) : prepared.get(...statement.params)
          },
          path,
        )
        return { ...result, statements }
      } finally {
        db.close()
      }
    }

    /** Every match in order, from exportAll (the same filters, no planner) sorted here. */
    async function reference(q: Omit<SearchQuery, 'page' | 'pageSize'>) {
      const all = await planStore.exportAll(q.filters, q.today)
      const db = rawPlan()
      const seqOf = new Map((db.prepare('SELECT id, seq FROM filings').all() as { id: string; seq: number }[]).map((r) => [r.id, r.seq]))
      db.close()
      const value = (f: (typeof all)[number]) => (q.sort.key === 'validUntil' ? (f.validUntil ?? NO_END_DATE) : f[q.sort.key])
      const sign = q.sort.direction === 'asc' ? 1 : -1
      const sorted = all
        .map((f) => ({ seq: seqOf.get(f.id) as number, k: value(f) }))
        .sort((a, b) => (a.k < b.k ? -sign : a.k > b.k ? sign : (a.seq - b.seq) * sign))
      return sorted.map((r) => r.seq)
    }

    let sample: { id: string; last4: string }

    afterAll(async () => {
      await planStore.close()
    })

    beforeAll(async () => {
      planFile = join(tempDir(), 'plans.db')
      planStore = openSqliteStore({ file: planFile, staff: CONTRACT_STAFF })
      // Enough rows of varied shape for every way in: temporary filings with end dates, long-term
      // ones without, every status, places with and without a city, names sharing prefixes.
      const provinces = [
        ['440000', '440300'],
        ['110000', undefined],
        ['510000', '510100'],
        ['310000', undefined],
        ['440000', '440100'],
      ] as const
      for (let i = 0; i < 400; i += 1) {
        const [provinceCode, cityCode] = provinces[i % provinces.length]
        const day = String((i % 28) + 1).padStart(2, '0')
        const month = String((i % 12) + 1).padStart(2, '0')
        const longTerm = i % 4 === 0
        const status = (['active', 'active', 'active', 'pending_review', 'cancelled', 'rejected', 'active'] as const)[i % 7]
        const f = temporaryFiling({
          owner: `o-${i}`,
          policyId: ['dazhou', 'jining', 'datong', 'national', 'shanxi-provincial'][i % 5],
          category: longTerm ? LONG_TERM[i % 3] : (['emergency', 'referral', 'other_temporary'] as const)[i % 3],
          status,
          reviewers: status === 'pending_review' && i % 2 === 0 ? ['admin-a'] : [],
          destination: { provinceCode, ...(cityCode ? { cityCode } : {}), areaCode: cityCode ?? provinceCode },
          filedOn: `2026-${month}-${day}`,
          startDate: `2026-${month}-${day}`,
          // A third of the temporary ones end 60 days after their start: 已过期 and 即将到期 on TODAY.
          validUntil: longTerm ? null : i % 3 === 1 ? addDays(`2026-${month}-${day}`, 60) : `2027-${month}-${day}`,
          materialsRequest: status === 'pending_review' && i % 3 === 0 ? { note: '请补充居住证明', by: 'admin-a', at: '2026-11-20T02:00:00.000Z', stage: '初审' } : null,
          updatedAt: `2026-${String(((i * 7) % 12) + 1).padStart(2, '0')}-${day}T02:00:00.000Z`,
          applicant: { name: ['王秀兰', '李建国', '张伟', '王建', '陈静', '赵敏'][i % 6] + String(i), idNumber: residentId('511702', '19580612', String(i % 1000).padStart(3, '0')) },
          spotCheck:
            i % 9 === 0
              ? { state: 'due', sampledOn: `2026-${month}-${day}` }
              : i % 9 === 1
                ? { state: 'verified', sampledOn: `2026-${month}-${day}`, note: null, by: 'admin-a', on: `2026-${month}-${day}` }
                : null,
        })
        await planStore.createFiling(f, submitEntry(f))
        if (i === 123) sample = { id: f.id, last4: f.applicant.idNumber.slice(-4) }
      }
      // What the adapter's PRAGMA optimize does over time: gather statistics.
      const db = new Database(planFile)
      db.exec('ANALYZE')
      db.close()
    })

    it('reads a page after a cursor from its key on (issue 17): a seek, no offset, the rows offset paging gives', async () => {
      const walked: Record<SearchQuery['sort']['key'], string> = { filedOn: 'filed_on', startDate: 'start_date', validUntil: 'valid_until', updatedAt: 'updated_at' }
      for (const key of ['filedOn', 'startDate', 'validUntil', 'updatedAt'] as const) {
        for (const direction of ['asc', 'desc'] as const) {
          for (const filters of [{}, { state: ['active'] }] as SearchQuery['filters'][]) {
            const sort = { key, direction }
            const before = await planStore.search(query(filters, sort, 5, 20))
            expect(before.next).toEqual(expect.any(String))
            for (const path of ['walk', 'filter'] as const) {
              const byKey = traced({ ...query(filters, sort, 6, 20), after: before.next! }, path)
              const byOffset = traced(query(filters, sort, 6, 20), path, false)
              const what = `${key} ${direction} ${JSON.stringify(filters)} ${path}`
              expect([what, byKey.seqs]).toEqual([what, byOffset.seqs])
              const pages = byKey.statements.filter((statement) => statement.purpose === 'page')
              expect(pages.every((statement) => !/OFFSET [1-9]/.test(statement.sql))).toBe(true)
              // Walking the key's index, SQLite seeks to the cursor's value (and tests the seq there).
              const seek = new RegExp(`SEARCH f USING COVERING INDEX \\w+ \\(\\(?${walked[key]}(,seq\\))?[<>]`)
              if (path === 'walk') expect([what, pages.map((statement) => statement.plan).join('\n')]).toEqual([what, expect.stringMatching(seek)])
            }
          }
        }
      }
    })

    it('has a covering index for each sort key, led by (key, seq), holding every filter column', () => {
      const db = rawPlan()
      try {
        const columns = (index: string) => (db.prepare(`PRAGMA index_info(${index})`).all() as { name: string }[]).map((c) => c.name)
        for (const [index, key] of [
          ['filings_by_filed', 'filed_on'],
          ['filings_by_start', 'start_date'],
          ['filings_by_until', 'valid_until'],
          ['filings_by_updated', 'updated_at'],
        ]) {
          const held = columns(index)
          expect(held.slice(0, 2)).toEqual([key, 'seq'])
          expect(held).toEqual(expect.arrayContaining(['status', 'category', 'policy_id', 'province_code', 'city_code', 'start_date', 'valid_until', 'name']))
        }
        const filters = ['status', 'category', 'policy_id', 'province_code', 'city_code']
        expect(columns('filings_groups')).toEqual(['status', 'category', 'policy_id', 'province_code', 'name', 'city_code', 'start_date', 'valid_until', 'filed_on', 'updated_at'])
        expect(columns('filings_by_name')).toEqual(['name', ...filters, 'start_date', 'valid_until', 'filed_on', 'updated_at'])
        const partial = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'filings_long_term_holder'`).get() as { sql: string }
        expect(partial.sql).toMatch(/UNIQUE INDEX filings_long_term_holder ON filings \(id_type, id_number\) WHERE holds_long_term = 1/)
        // Version 1's one-column filter and sort indexes are gone.
        expect(db.prepare(`SELECT name FROM sqlite_master WHERE name IN ('filings_status_filed', 'filings_filed_on', 'filings_name')`).all()).toEqual([])
      } finally {
        db.close()
      }
    })

    const FILTERS: [string, SearchQuery['filters']][] = [
      ['nothing', {}],
      ['state 生效中', { state: ['active'] }],
      ['two states', { state: ['pending_review', 'cancelled'] }],
      ['已过期', { state: ['expired'] }],
      ['未生效', { state: ['not_yet_active'] }],
      ['待补充材料', { state: ['needs_materials'] }],
      ['审核中 without 待补充材料', { state: ['pending_review'] }],
      ['every approved state (a whole status)', { state: ['not_yet_active', 'active', 'expired'] }],
      ['生效中 and 已过期 with a category', { state: ['active', 'expired'], category: ['referral', 'emergency'] }],
      ['已过期 with a province', { state: ['expired'], provinceCode: '440000' }],
      ['未生效 with a policy', { state: ['not_yet_active'], policyId: ['jining', 'dazhou'] }],
      ['生效中 and 已取消 with a city', { state: ['active', 'cancelled'], provinceCode: '440000', cityCode: '440300' }],
      ['生效中, expiring, a start range', { state: ['active'], expiringWithinDays: 90, startFrom: '2026-06-01' }],
      ['已过期 and 未生效 each in a start range', { state: ['expired'], startFrom: '2026-02-01', startTo: '2026-08-31' }],
      ['未生效 in a start range', { state: ['not_yet_active'], startFrom: '2026-12-01' }],
      ['category', { category: ['referral'] }],
      ['long-term categories', { category: [...LONG_TERM] }],
      ['policies', { policyId: ['jining', 'national'] }],
      ['province', { provinceCode: '440000' }],
      ['province and city', { provinceCode: '440000', cityCode: '440300' }],
      ['city', { cityCode: '510100' }],
      ['no such city', { cityCode: '' }],
      ['start date range', { startFrom: '2026-03-01', startTo: '2026-05-31' }],
      ['start from', { startFrom: '2026-10-01' }],
      ['start to, with a state', { startTo: '2026-02-15', state: ['active', 'rejected'] }],
      ['expiring', { expiringWithinDays: 30 }],
      ['expiring, wide, with a policy', { expiringWithinDays: 366, policyId: ['dazhou', 'jining'] }],
      ['review queue', { needsReviewBy: 'admin-a' }],
      ['review queue with a place', { needsReviewBy: 'admin-b', provinceCode: '440000' }],
      ['抽查 queue', { spotCheckDue: true }],
      ['抽查 queue with a category', { spotCheckDue: true, category: ['referral', 'resident_worker'] }],
      ['name prefix', { q: '王秀兰1' }],
      ['surname', { q: '王' }],
      ['surname with states and a policy', { q: '李', state: ['active', 'cancelled'], policyId: ['jining', 'datong'] }],
      ['surname, 已过期', { q: '王', state: ['expired'] }],
      ['filing number, lower case', { q: 'SAMPLE-ID' }],
      ['last 4 of the ID number', { q: 'SAMPLE-LAST4' }],
      ['state, category and province', { state: ['active'], category: ['referral'], provinceCode: '440000' }],
      ['surname, state and a start range', { q: '李', state: ['active'], startFrom: '2026-04-01' }],
      ['nothing matches', { state: ['rejected'], category: ['emergency'], provinceCode: '310000' }],
    ]
    const SORTS: SearchQuery['sort'][] = (['filedOn', 'startDate', 'validUntil', 'updatedAt'] as const).flatMap((key) =>
      (['asc', 'desc'] as const).map((direction) => ({ key, direction })),
    )
    const withSample = (filters: SearchQuery['filters']) =>
      filters.q === 'SAMPLE-ID' ? { ...filters, q: sample.id.toLowerCase() } : filters.q === 'SAMPLE-LAST4' ? { ...filters, q: sample.last4 } : filters

    it.each(FILTERS)('pages %s the same way whether it walks the sort index or sorts the matches', async (_label, filters) => {
      for (const sort of SORTS) {
        const all = await reference(query(withSample(filters), sort))
        for (const page of [1, 2, 4, 60]) {
          const expected = { seqs: all.slice((page - 1) * 7, page * 7), total: all.length }
          for (const path of [undefined, 'walk', 'filter'] as const) {
            const { seqs, total } = traced(query(withSample(filters), sort, page, 7), path, false)
            expect({ sort, page, path, seqs, total }).toEqual({ sort, page, path, ...expected })
          }
        }
      }
    })

    it.each(FILTERS)('reads %s from indexes and count tables only, never scanning the filings', (_label, filters) => {
      for (const sort of SORTS) {
        for (const path of [undefined, 'walk', 'filter'] as const) {
          for (const statement of traced(query(withSample(filters), sort, 2), path).statements) {
            expect({ sql: statement.sql, plan: statement.plan }).toEqual({ sql: statement.sql, plan: expect.not.stringMatching(/^SCAN (f|filings)$/m) })
          }
        }
      }
    })

    it('answers the total of an equality-only list from the count tables, without reading a filing', () => {
      const { statements, total } = traced(query({ state: ['not_yet_active', 'active', 'expired'], provinceCode: '440000', cityCode: '440300' }))
      expect(total).toBeGreaterThan(0)
      const reads = statements.filter((s) => /\bfilings f\b/.test(s.sql))
      expect(reads.map((s) => s.purpose)).toEqual(['page'])
    })

    it('counts the names under a surname alone from the count tables', () => {
      const { statements, total } = traced(query({ q: '王', state: ['rejected', 'cancelled'] }))
      expect(total).toBeGreaterThan(0)
      const [count] = statements.filter((s) => s.purpose === 'count')
      expect(count.sql).toContain('FROM filing_initial_counts c')
      expect(count.plan).not.toMatch(/filings_by_name|filings_groups/)
    })

    it('reads the first page of an unfiltered list in index order, without sorting', () => {
      for (const sort of SORTS) {
        const [page] = traced(query({}, sort), 'walk').statements.filter((s) => s.purpose === 'page')
        expect(page.plan).toContain('USING COVERING INDEX filings_by_')
        expect(page.plan).not.toContain('TEMP B-TREE')
      }
    })

    it('walks a broad filter in the sort index and sorts only the matches of a narrow one', () => {
      const broad = traced(query({ state: ['active'] }, { key: 'filedOn', direction: 'desc' }, 2)).statements
      expect(broad.find((s) => s.purpose === 'page')?.plan).toMatch(/COVERING INDEX filings_by_filed/)
      expect(broad.find((s) => s.purpose === 'page')?.plan).not.toContain('TEMP B-TREE')
      const narrow = traced(query({ state: ['rejected'], provinceCode: '310000' }, { key: 'updatedAt', direction: 'desc' })).statements
      expect(narrow.find((s) => s.purpose === 'page')?.plan).toMatch(/COVERING INDEX filings_groups/)
    })

    it('walks another date key under a start-date range only between its bounds there', () => {
      for (const direction of ['asc', 'desc'] as const) {
        const page = traced(query({ startFrom: '2026-05-01', startTo: '2026-06-30' }, { key: 'filedOn', direction }), 'walk').statements.find(
          (s) => s.purpose === 'page',
        )
        expect(page?.plan).toMatch(/COVERING INDEX filings_by_filed \(filed_on>\? AND filed_on<\?\)/)
      }
    })
  })

  describe('count tables', () => {
    /** The count tables recomputed from the filings: what the triggers must have kept. */
    function recount(db: Database.Database) {
      const read = (sql: string) => db.prepare(sql).all()
      return {
        groups: read(`SELECT city_code, status, category, policy_id, province_code, open_ended, n FROM filing_counts WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6`),
        groupsExpected: read(
          `SELECT coalesce(city_code, '') AS city_code, status, category, policy_id, province_code, valid_until = '${NO_END_DATE}' AS open_ended, count(*) AS n
           FROM filings GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
        ),
        provinces: read(`SELECT status, category, policy_id, province_code, open_ended, n FROM filing_province_counts WHERE n > 0 ORDER BY 1, 2, 3, 4, 5`),
        provincesExpected: read(
          `SELECT status, category, policy_id, province_code, valid_until = '${NO_END_DATE}' AS open_ended, count(*) AS n FROM filings GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
        ),
        initials: read(`SELECT initial, status, category, policy_id, province_code, open_ended, n FROM filing_initial_counts WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6`),
        initialsExpected: read(
          `SELECT substr(name, 1, 6) AS initial, status, category, policy_id, province_code, valid_until = '${NO_END_DATE}' AS open_ended, count(*) AS n
           FROM filings GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
        ),
        months: read(`SELECT month, n FROM filing_month_counts WHERE n > 0 ORDER BY 1`),
        monthsExpected: read(`SELECT substr(filed_on, 1, 7) AS month, count(*) AS n FROM filings GROUP BY 1 ORDER BY 1`),
        starts: read(`SELECT start_date, status, open_ended, n FROM filing_start_counts WHERE n > 0 ORDER BY 1, 2, 3`),
        startsExpected: read(
          `SELECT start_date, status, valid_until = '${NO_END_DATE}' AS open_ended, count(*) AS n FROM filings GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        ),
      }
    }

    function expectCountsKept() {
      const db = raw()
      try {
        const c = recount(db)
        expect(c.groups).toEqual(c.groupsExpected)
        expect(c.provinces).toEqual(c.provincesExpected)
        expect(c.initials).toEqual(c.initialsExpected)
        expect(c.months).toEqual(c.monthsExpected)
        expect(c.starts).toEqual(c.startsExpected)
        // Every filing lies within the bounds of its start-date row.
        const outside = db
          .prepare(
            `SELECT count(s.n) AS kept, sum(f.filed_on NOT BETWEEN s.min_filed AND s.max_filed OR f.updated_at NOT BETWEEN s.min_updated AND s.max_updated
               OR f.valid_until NOT BETWEEN s.min_until AND s.max_until) AS outside, count(*) AS filings
             FROM filings f LEFT JOIN filing_start_counts s
               ON s.start_date = f.start_date AND s.status = f.status AND s.open_ended = (f.valid_until = '${NO_END_DATE}')`,
          )
          .get() as { kept: number; outside: number | null; filings: number }
        expect(outside).toEqual({ kept: outside.filings, outside: outside.filings ? 0 : null, filings: outside.filings })
      } finally {
        db.close()
      }
    }

    it('follows every insert and every change of a counted column, through the adapter or behind it', async () => {
      const a = filingRecord()
      const b = temporaryFiling({ owner: 'o-b', destination: { provinceCode: '110000', areaCode: '110000' }, filedOn: '2026-10-31', startDate: '2026-11-02' })
      await store.createFiling(a, submitEntry(a))
      await store.createFiling(b, submitEntry(b))
      expectCountsKept()
      // Moved to another city, a new end date, cancelled, filed in another month, a new start date.
      const a2 = nextVersion(a, { destination: { provinceCode: '440000', cityCode: '440100', areaCode: '440100' } })
      expect(await store.updateFiling(a2, 1, historyEntry({ filingId: a.id, action: 'change' }))).toBe('ok')
      const b2 = nextVersion(b, { validUntil: null, category: 'long_term_resident', applicant: { idNumber: residentId('110101', '19700101', '051') } })
      expect(await store.updateFiling(b2, 1, historyEntry({ filingId: b.id, action: 'change' }))).toBe('ok')
      const b3 = nextVersion(b2, { status: 'cancelled', filedOn: '2026-11-01', startDate: '2026-11-03', applicant: { name: '李秀兰' } })
      expect(await store.updateFiling(b3, 2, historyEntry({ filingId: b.id, action: 'cancel' }))).toBe('ok')
      // A change that touches no counted column.
      const a3 = nextVersion(a2, { applicant: { phone: '13900000000' } })
      expect(await store.updateFiling(a3, 2, historyEntry({ filingId: a.id, action: 'update_contact' }))).toBe('ok')
      expectCountsKept()
      // Written behind the adapter's back: the triggers still count it.
      const db = raw()
      try {
        const row = db.prepare('SELECT * FROM filings WHERE id = ?').get(a.id) as Record<string, unknown>
        const copy: Record<string, unknown> = { ...row, id: 'YD20261122-RAW009', owner: 'o-raw', request_id: 'r-raw', holds_long_term: 0, status: 'rejected' }
        delete copy.seq
        const columns = Object.keys(copy)
        db.prepare(`INSERT INTO filings (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`).run(copy)
        db.prepare(`UPDATE filings SET status = 'cancelled', city_code = NULL, version = version + 1 WHERE id = 'YD20261122-RAW009'`).run()
      } finally {
        db.close()
      }
      expectCountsKept()
      expect((await store.stats('2026-11-22')).byStatus).toEqual({ active: 1, cancelled: 2 })
    })

    it('keeps its rows: a count is never deleted, and never goes below zero', async () => {
      const a = filingRecord()
      await store.createFiling(a, submitEntry(a))
      await store.updateFiling(nextVersion(a, { status: 'cancelled' }), 1, historyEntry({ filingId: a.id, action: 'cancel' }))
      const db = raw()
      try {
        for (const table of ['filing_counts', 'filing_province_counts', 'filing_initial_counts', 'filing_month_counts', 'filing_start_counts']) {
          expect(() => db.prepare(`DELETE FROM ${table}`).run()).toThrow()
          expect(() => db.prepare(`UPDATE ${table} SET n = -1`).run()).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_CHECK' }))
        }
        // The emptied group stays, at zero.
        expect(db.prepare(`SELECT n FROM filing_province_counts WHERE status = 'active'`).get()).toEqual({ n: 0 })
      } finally {
        db.close()
      }
      expect((await store.stats('2026-11-22')).byStatus).toEqual({ cancelled: 1 })
    })
  })

  describe('upgrading a schema-1 database', () => {
    /** A database as the schema-1 build wrote it: its schema, filings (columns in the clear, as plainColumnsOf) and history. */
    function schemaOneFile(filings: FilingRecord[]): string {
      const path = join(tempDir(), 'v1.db')
      const db = new Database(path)
      try {
        db.pragma('journal_mode = WAL')
        db.exec(SCHEMA_V1)
        db.pragma('user_version = 1')
        const names = Object.keys(plainColumnsOf(filings[0]))
        const insert = db.prepare(`INSERT INTO filings (${names.join(', ')}) VALUES (${names.map((n) => '@' + n).join(', ')})`)
        const history = db.prepare('INSERT INTO history (filing_id, at, actor, role, action, entry) VALUES (?, ?, ?, ?, ?, ?)')
        for (const filing of filings) {
          insert.run(plainColumnsOf(filing))
          const entry = submitEntry(filing)
          history.run(entry.filingId, entry.at, entry.actor, entry.role, entry.action, JSON.stringify(entry))
        }
      } finally {
        db.close()
      }
      return path
    }

    const filings = () => [
      filingRecord({ owner: 'o-1', filedOn: '2026-01-10' }),
      temporaryFiling({ owner: 'o-2', category: 'referral', validUntil: '2026-12-01', filedOn: '2026-06-01', destination: { provinceCode: '110000', areaCode: '110000' } }),
      temporaryFiling({ owner: 'o-3', status: 'cancelled', filedOn: '2026-06-02', updatedAt: '2026-07-01T00:00:00.000Z' }),
      filingRecord({ owner: 'o-4', status: 'pending_review', effectiveOn: null, filedOn: '2026-11-20', applicant: { name: '李建国', idNumber: residentId('210102', '19600101', '013') } }),
    ]

    it('upgrades in place to the current schema, keeping every filing and its history', async () => {
      const stored = filings()
      const path = schemaOneFile(stored)
      const upgraded = openSqliteStore({ file: path, staff: CONTRACT_STAFF })
      const fresh = openSqliteStore({ file: join(tempDir(), 'fresh.db'), staff: CONTRACT_STAFF })
      try {
        for (const filing of stored) await fresh.createFiling(filing, submitEntry(filing))
        for (const filing of stored) {
          expect(await upgraded.getFiling(filing.id)).toEqual(filing)
          expect(await upgraded.history(filing.id)).toEqual([submitEntry(filing)])
        }
        // It answers as a database made by this build with the same filings.
        expect(await upgraded.stats('2026-11-22')).toEqual(await fresh.stats('2026-11-22'))
        for (const filters of [{}, { state: ['active' as const] }, { state: ['expired' as const, 'not_yet_active' as const] }, { provinceCode: '110000' }, { q: '李' }, { needsReviewBy: 'admin-a' }]) {
          for (const sort of [{ key: 'filedOn', direction: 'desc' }, { key: 'validUntil', direction: 'asc' }] as const) {
            const q: SearchQuery = { filters, today: '2026-11-22', sort, page: 1, pageSize: 20 }
            expect(await upgraded.search(q)).toEqual(await fresh.search(q))
          }
        }
        // What ended before schema 5 is found by the retention job as if filed today.
        expect((await upgraded.dueForAnonymisation('2030-01-01', 10)).map((f) => f.id)).toEqual([stored[2].id, stored[1].id])
        expect(await upgraded.dueForAnonymisation('2030-01-01', 10)).toEqual(await fresh.dueForAnonymisation('2030-01-01', 10))
        // New writes are counted, and the rules of schema 1 still hold.
        const next = temporaryFiling({ owner: 'o-5' })
        expect((await upgraded.createFiling(next, submitEntry(next))).kind).toBe('created')
        expect((await upgraded.stats('2026-11-22')).total).toBe(5)
        const duplicate = filingRecord({ owner: 'o-6' })
        expect((await upgraded.createFiling(duplicate, submitEntry(duplicate))).kind).toBe('duplicate')
      } finally {
        await upgraded.close()
        await fresh.close()
      }
      const db = new Database(path)
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
        expect(() => db.prepare('DELETE FROM filings').run()).toThrow()
        expect(() => db.prepare(`UPDATE filings SET status = 'cancelled'`).run()).toThrow()
        expect(() => db.prepare('DELETE FROM history').run()).toThrow()
      } finally {
        db.close()
      }
    })

    it('ends with the same schema as a new database', () => {
      const path = schemaOneFile(filings())
      openSqliteDatabase(path).close()
      const newFile = join(tempDir(), 'new.db')
      openSqliteDatabase(newFile).close()
      const schemaOf = (file: string) => {
        const db = new Database(file, { readonly: true })
        try {
          return db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name`).all()
        } finally {
          db.close()
        }
      }
      expect(schemaOf(path)).toEqual(schemaOf(newFile))
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
