// Every query the CloudBase adapter issues (src/backend/store/cloudbase.ts, access-log-cloudbase.ts) is
// served by an index deploy/database.json declares, or is a scan the manifest names; every declared
// index serves a query the adapter actually makes; the back office's filter × sort combinations are
// served the way the manifest's `search` section says.
import { join } from 'node:path'
import { loadManifest } from '../../scripts/deploy-plan'
import { cloudbaseAccessLog } from '../../src/backend/store/access-log-cloudbase'
import { cloudbaseFiles, cloudbaseStore, upgradeCloudbaseInPlace, type CloudStorageApi } from '../../src/backend/store/cloudbase'
import type { SearchFilters, SortKey } from '../../src/backend/store/port'
import { encodeCursor } from '../../src/backend/store/cursor'
import { UNKEYED_TEST_CRYPTO } from '../../src/backend/crypto/fields'
import { STAFF_STATES } from '../../src/rules'
import { filingRecord, historyEntry } from '../backend/builders'
import { recordingDatabase, servedBy, type RecordedQuery } from './query-shapes'

const { database } = loadManifest(join(__dirname, '../..'))
const indexesOf = (query: RecordedQuery) => database.collections[query.name.split('.')[0]]?.indexes ?? []

const TODAY = '2026-12-05'
/** Each back-office filter (`label` is `<filter>` or `<filter>:<value>`), every derived state on its own and two together. */
const FILTERS: [string, SearchFilters][] = [
  ['none', {}],
  ...STAFF_STATES.map((state): [string, SearchFilters] => [`state:${state}`, { state: [state] }]),
  ['state:active+expired', { state: ['active', 'expired'] }],
  ['category', { category: ['resettled_retiree'] }],
  ['policyId', { policyId: ['sc-dazhou'] }],
  ['provinceCode', { provinceCode: '320000' }],
  ['cityCode', { cityCode: '320100' }],
  ['startFrom', { startFrom: '2026-01-01' }],
  ['startTo', { startTo: '2026-12-31' }],
  ['expiringWithinDays', { expiringWithinDays: 30 }],
  ['needsReviewBy', { needsReviewBy: 'admin-dev' }],
  ['spotCheckDue', { spotCheckDue: true }],
  ['byAgent', { byAgent: true }],
  ['q', { q: '王' }],
]
/** The filter a label names. */
const filterOf = (label: string) => label.split(':')[0]
const SORTS: SortKey[] = ['filedOn', 'startDate', 'validUntil', 'updatedAt']

/** Every store, file store and access-log method that queries, once per filter × sort for search. */
async function recordAdapterQueries(): Promise<RecordedQuery[]> {
  const { db, queries, as } = recordingDatabase()
  const store = cloudbaseStore(db)
  // Never reached: the recording database finds no file.
  const unreachable = async (): Promise<never> => {
    throw new Error('no stored file to reach')
  }
  const storage: CloudStorageApi = { uploadFile: unreachable, downloadFile: unreachable, getTempFileURL: unreachable, deleteFile: unreachable }
  const files = cloudbaseFiles(storage, db)
  const log = cloudbaseAccessLog(db)

  await as('getFiling', () => store.getFiling('SC-20261205-0001'))
  await as('listByOwner', () => store.listByOwner('demo-wang'))
  await as('listByPerson', () => store.listByPerson('resident_id', '511702195806120242'))
  await as('history', () => store.history('SC-20261205-0001'))
  for (const [filter, filters] of FILTERS) {
    for (const key of SORTS) {
      for (const direction of ['asc', 'desc'] as const) {
        await as('search', () => store.search({ filters, today: TODAY, sort: { key, direction }, page: 2, pageSize: 20 }), `${filter} ${key}`)
        // A deep page, by key after the page before's last row.
        const after = encodeCursor({ key, direction, value: '2026-06-01', tie: 'SC-20260601-0001' })
        await as('search', () => store.search({ filters, today: TODAY, sort: { key, direction }, page: 600, pageSize: 20, after }), `${filter} ${key}`)
      }
    }
    await as('exportPage', () => store.exportPage(filters, TODAY, null, 500), filter)
    const slice = encodeCursor({ key: 'filedOn', direction: 'asc', value: '2026-06-01', tie: 'SC-20260601-0001' })
    await as('exportPage', () => store.exportPage(filters, TODAY, slice, 500), filter)
  }
  await as('stats', () => store.stats(TODAY))
  await as('staffMember', () => store.staffMember('admin-dev'))
  await as('identityOf', () => store.identityOf('demo-wang'))
  await as('getFile', () => store.getFile('f_0123456789abcdef0123456789abcdef'))
  await as('dueForReminder', () => store.dueForReminder(TODAY, '2027-01-04'))
  await as('unsentReminders', () => store.unsentReminders(TODAY, '2026-12-05T01:00:00.000Z', 50))
  await as('dueForAnonymisation', () => store.dueForAnonymisation(TODAY, 200))
  const ended = filingRecord({ anonymisedOn: TODAY })
  await as('anonymiseFiling', () => store.anonymiseFiling(ended, 3, historyEntry({ filingId: ended.id })))
  await as('identitiesSavedBefore', () => store.identitiesSavedBefore('2021-12-05T00:00:00.000Z', 200))
  await as('remindersFor', () => store.remindersFor('demo-wang'))
  await as('usage', () => files.usage('demo-wang'))
  await as('purgeUnattached', () => files.purgeUnattached(new Date('2026-12-04T01:00:00Z'), new Date('2026-12-05T01:00:00Z')))
  await as('stat', () => files.stat('f_0123456789abcdef0123456789abcdef'))
  // The maker's expired exports are found first; the upload then fails (the recording storage has none).
  await as('putExport', () => files.putExport('admin-dev', 'export.csv', new Uint8Array([0x41]), new Date('2026-12-05T01:00:00Z')).catch(() => null))
  const logFilters = [{}, { staff: 'admin-dev' }, { action: 'list' as const }, { staff: 'admin-dev', action: 'export' as const }, { from: '2026-12-01', to: '2026-12-05' }]
  for (const filters of logFilters) await as('list', () => log.list({ page: 1, pageSize: 20, ...filters }), JSON.stringify(filters))
  await as('upgrade', () => upgradeCloudbaseInPlace(db, UNKEYED_TEST_CRYPTO))
  return queries
}

describe('the declared indexes (deploy/database.json) against the adapter’s queries', () => {
  let queries: RecordedQuery[]
  beforeAll(async () => {
    queries = await recordAdapterQueries()
  })

  it('records the queries of every adapter method it exercises', () => {
    const names = new Set(queries.map((query) => query.name))
    for (const name of ['filings.listByOwner', 'filings.search', 'filings.exportPage', 'files.putExport', 'filings.dueForReminder', 'history.history', 'reminders.unsentReminders', 'access_log.list']) {
      expect(names).toContain(name)
    }
  })

  // Outside the back office's search, an index gives both the filter and the order: nothing is sorted in memory.
  it('serves every other query wholly by an index, except the scans the manifest names', () => {
    const scans = new Set(database.scans.map((scan) => scan.query))
    const unserved = queries
      .filter((query) => query.name !== 'filings.search')
      .filter((query) => servedBy(query, indexesOf(query)).outcome !== 'index' && !scans.has(query.name))
      .map((query) => `${query.name} ${query.kind} ${JSON.stringify(query.sort)}`)
    expect(unserved).toEqual([])
  })

  it('serves each back-office filter × sort as the manifest’s search section says', () => {
    const search = database.collections.filings.search!
    const wrong: string[] = []
    for (const query of queries.filter((q) => q.name === 'filings.search')) {
      const [label, key] = query.detail.split(' ')
      const filter = filterOf(label)
      const { outcome, indexes } = servedBy(query, indexesOf(query))
      const narrowed = filter in search.narrowing
      let expected: string
      if (query.kind === 'count') expected = filter === 'none' || narrowed ? 'index' : 'scan'
      else if (search.sorts[key]) expected = `index via ${search.sorts[key]}`
      else expected = narrowed ? 'narrowed' : 'scan'
      const got = query.kind === 'get' && outcome === 'index' && search.sorts[key] && indexes.includes(search.sorts[key]!) ? `index via ${search.sorts[key]}` : outcome
      if (got !== expected) wrong.push(`${query.detail} ${query.kind}: ${got}, manifest says ${expected}`)
    }
    expect(wrong).toEqual([])
    // Each filter is listed once: narrowing, residual, or the sort index's own range.
    for (const filter of new Set(FILTERS.map(([label]) => filterOf(label)).filter((f) => f !== 'none'))) {
      expect([filter in search.narrowing, search.residual.includes(filter)].filter(Boolean)).toHaveLength(1)
    }
  })

  it('declares no index that no query uses for what its `serves` says', () => {
    const idle: string[] = []
    for (const [collection, { indexes }] of Object.entries(database.collections)) {
      for (const index of indexes) {
        for (const name of index.serves) {
          const using = queries.filter((query) => query.name === name && servedBy(query, indexes).indexes.includes(index.name))
          if (using.length === 0) idle.push(`${collection}/${index.name} does not serve ${name}`)
        }
      }
    }
    expect(idle).toEqual([])
  })

  it('names as scans only queries that are scans', () => {
    for (const scan of database.scans) {
      const matching = queries.filter((query) => query.name === scan.query)
      expect(matching.some((query) => servedBy(query, indexesOf(query)).outcome === 'scan')).toBe(true)
    }
  })
})
