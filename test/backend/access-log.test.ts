// The access log's adapters (issue 13, item 3) against one contract: in memory, SQLite and CloudBase
// (over the wx-server-sdk stand-in). Newest first, filters by staff, action and date, paging, and the
// free text (filters, reason) sealed at rest when a key is given.
import Database from 'better-sqlite3'
import { UNKEYED_TEST_CRYPTO } from '../../src/backend/crypto/fields'
import { maskDigits, memoryAccessLog, safeFilters, type AccessEntry, type AccessLog } from '../../src/backend/store/access-log'
import { cloudbaseAccessLog } from '../../src/backend/store/access-log-cloudbase'
import { sqliteAccessLog } from '../../src/backend/store/access-log-sqlite'
import { COLLECTIONS } from '../../src/backend/store/cloudbase'
import { FakeWxCloud } from './fake-wx-server-sdk'

const entry = (at: string, staff: string, action: AccessEntry['action'], patch: Partial<AccessEntry> = {}): AccessEntry => ({
  at,
  staff,
  action,
  filters: null,
  page: null,
  rows: null,
  filingId: null,
  fileId: null,
  reason: null,
  ...patch,
})

const ENTRIES = [
  entry('2026-11-20T01:00:00.000Z', 'admin-a', 'list', { filters: { q: '王秀兰', status: ['active'] }, page: 1, rows: 3 }),
  entry('2026-11-21T01:00:00.000Z', 'admin-b', 'export', { filters: {}, rows: 120 }),
  entry('2026-11-21T23:59:00.000Z', 'admin-a', 'proof', { fileId: 'f_1' }),
  entry('2026-11-22T01:00:00.000Z', 'admin-a', 'reveal', { filingId: 'YD1', reason: '核对身份' }),
]

const adapters: [string, () => Promise<{ log: AccessLog; raw: () => Promise<string> }>][] = [
  ['memory', async () => ({ log: memoryAccessLog(), raw: async () => '' })],
  [
    'sqlite',
    async () => {
      const db = new Database(':memory:')
      return { log: sqliteAccessLog(db, UNKEYED_TEST_CRYPTO), raw: async () => JSON.stringify(db.prepare('SELECT * FROM access_log').all()) }
    },
  ],
  [
    'cloudbase',
    async () => {
      const cloud = new FakeWxCloud()
      const db = cloud.database()
      for (const name of COLLECTIONS) await db.createCollection(name)
      return { log: cloudbaseAccessLog(db, UNKEYED_TEST_CRYPTO), raw: async () => JSON.stringify((await db.collection('access_log').get()).data) }
    },
  ],
]

describe.each(adapters)('%s access log', (name, open) => {
  let log: AccessLog
  let raw: () => Promise<string>
  beforeAll(async () => {
    ;({ log, raw } = await open())
    for (const item of ENTRIES) await log.record(item)
  })

  test('newest first, every field back as recorded', async () => {
    expect(await log.list({ page: 1, pageSize: 20 })).toEqual({ items: [...ENTRIES].reverse(), total: 4 })
  })

  test('by staff, action and dates (a bare date "to" covers its day); pages', async () => {
    expect((await log.list({ page: 1, pageSize: 20, staff: 'admin-a' })).items.map((e) => e.action)).toEqual(['reveal', 'proof', 'list'])
    expect((await log.list({ page: 1, pageSize: 20, action: 'export' })).items).toEqual([ENTRIES[1]])
    expect((await log.list({ page: 1, pageSize: 20, from: '2026-11-21', to: '2026-11-21' })).items.map((e) => e.action)).toEqual(['proof', 'export'])
    expect(await log.list({ page: 2, pageSize: 3 })).toEqual({ items: [ENTRIES[0]], total: 4 })
  })

  test('the filters and reason are not readable at rest', async () => {
    const stored = await raw()
    if (name === 'memory') return
    expect(stored).toContain('admin-a')
    expect(stored).not.toContain('王秀兰')
    expect(stored).not.toContain('核对身份')
  })
})

test('sqlite: the log is append-only', () => {
  const db = new Database(':memory:')
  sqliteAccessLog(db)
  db.prepare("INSERT INTO access_log (at, staff, action) VALUES ('2026-11-22', 'admin-a', 'list')").run()
  expect(() => db.prepare('DELETE FROM access_log').run()).toThrow(/append-only/)
  expect(() => db.prepare("UPDATE access_log SET staff = 'x'").run()).toThrow(/append-only/)
})

test('a number in the search text is masked before it is logged; a name or 4 digits as given', () => {
  expect(maskDigits('511702194003120241')).toBe('511***********0241')
  expect(maskDigits('51170219400312024X')).toBe('511***********024X')
  expect(maskDigits('13812345678')).toBe('138****5678')
  expect(maskDigits('王秀兰')).toBe('王秀兰')
  expect(maskDigits('0241')).toBe('0241')
  expect(safeFilters({ q: '13812345678', status: ['active'] })).toEqual({ q: '138****5678', status: ['active'] })
})
