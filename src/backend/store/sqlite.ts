// The SQLite adapter of the store port (better-sqlite3): the embedded default of the local server,
// one file under DATA_DIR.
//
// Durability: WAL with `synchronous = FULL`. A handler replies only after its write has committed,
// and FULL syncs the WAL on every commit, so an acknowledged filing survives a `kill -9` and a power
// loss alike (NORMAL would survive the first only). The cost is one fsync per commit, so writes share
// commits: those that arrive in the same turn of the event loop run in one transaction (group-commit.ts).
//
// better-sqlite3 is synchronous: each port method runs to completion before the next one starts,
// which serialises calls within the process. Every write runs in a `BEGIN IMMEDIATE` transaction (in
// its own savepoint), so its checks and its writes are atomic against other connections (processes)
// as well, and the database refuses a second long-term holding by itself (a partial unique index).
//
// Nothing here reads the environment, and nothing logs a record or an ID number. Personal fields are
// written encrypted and looked up by keyed HMACs (crypto/fields.ts, SCHEMA_V4): see `columnsOf`.
import Database from 'better-sqlite3'
import { EXPIRING_WITHIN_DAYS, STAFF_STATES, addDays, isOpenLongTermFiling, type CalendarDate, type FilingStatus, type StaffState } from '../../rules'
import type { FilingRecord, HistoryEntry } from '../domain/record'
import { endedOn, redactedEntry } from '../domain/retention'
import type {
  CreateResult,
  IdentityRecord,
  Reminder,
  SearchFilters,
  SearchQuery,
  SortKey,
  StaffMember,
  Stats,
  Store,
  UpdateResult,
} from './port'
import { groupCommit } from './group-commit'
import {
  UNKEYED_TEST_CRYPTO,
  last4Index,
  openFiling,
  openJson,
  personIndex,
  sealFiling,
  sealJson,
  type FieldCrypto,
} from '../crypto/fields'
import { SCHEMA_MIGRATIONS } from './sqlite-migrations'
import { NO_END_DATE, SCHEMA_VERSION } from './sqlite-schema'

export interface SqliteStoreOptions {
  /** A database file path (its folder must exist), or `:memory:`. */
  file: string
  /** The staff list: `staffMember(openid)` answers from it. */
  staff: StaffMember[]
  /**
   * The keys of the encrypted fields (crypto/fields.ts). The server always passes its own; without
   * one (tests, tools) the published test key is used.
   */
  crypto?: FieldCrypto
}

/** How long a write waits for another connection's lock before it fails (ms). */
const BUSY_TIMEOUT_MS = 5000

/** The last date before "no end date": upper bounds are clamped to it so that open-ended filings never match. */
const LAST_REAL_DATE = '9999-12-30'

const SORT_COLUMNS: Record<SortKey, string> = {
  filedOn: 'filed_on',
  startDate: 'start_date',
  validUntil: 'valid_until',
  updatedAt: 'updated_at',
}

/**
 * The columns of a filing as stored, named as the SQL parameters below (exported for bulk loads:
 * bench/): the ID number, its last 4 and the name as keyed lookup values, the record with its
 * personal fields encrypted.
 */
export function columnsOf(filing: FilingRecord, crypto: FieldCrypto = UNKEYED_TEST_CRYPTO) {
  const plain = plainColumnsOf(filing)
  return {
    ...plain,
    id_number: personIndex(crypto, plain.id_type, plain.id_number),
    name: crypto.nameIndex(plain.name),
    id_last4: last4Index(crypto, plain.id_last4),
    record: JSON.stringify(sealFiling(crypto, filing)),
    // Since schema 5: what the retention job reads (domain/retention.ts).
    ended_on: endedOn(filing),
  }
}

/** The columns as builds before schema 4 wrote them, in the clear (tests of the migrations). */
export function plainColumnsOf(filing: FilingRecord) {
  return {
    id: filing.id,
    owner: filing.owner,
    request_id: filing.requestId,
    id_type: filing.applicant.idType,
    id_number: filing.applicant.idNumber,
    holds_long_term: isOpenLongTermFiling(filing) ? 1 : 0,
    policy_id: filing.policyId,
    category: filing.category,
    status: filing.status,
    province_code: filing.destination.provinceCode,
    city_code: filing.destination.cityCode ?? null,
    area_code: filing.destination.areaCode,
    start_date: filing.startDate,
    valid_until: filing.validUntil ?? NO_END_DATE,
    filed_on: filing.filedOn,
    name: filing.applicant.name,
    id_last4: filing.applicant.idNumber.slice(-4).toUpperCase(),
    updated_at: filing.updatedAt,
    version: filing.version,
    reviewers: JSON.stringify(filing.reviewers),
    record: JSON.stringify(filing),
  }
}

/** A `YYYY-MM-DD` date as an SQL string literal; anything else is refused. */
function dateLiteral(date: CalendarDate): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error('a date filter is written YYYY-MM-DD')
  return `'${date}'`
}

/** At least `min`, a safe integer (so it can be written into SQL as it is). */
function wholeNumber(value: number, min: number): number {
  const n = Math.floor(value)
  if (!Number.isSafeInteger(n)) throw new Error('page and pageSize are whole numbers')
  return Math.max(min, n)
}

function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a < b ? a : b
}

/** The WHERE clause (over `filings f`) for the back-office filters, with its positional parameters. */
interface Sql {
  sql: string
  params: unknown[]
}

function whereOf(filters: SearchFilters, today: CalendarDate, crypto: FieldCrypto): Sql {
  const clauses: string[] = []
  const params: unknown[] = []
  const oneOf = (column: string, values: readonly string[] | undefined) => {
    // An empty list is no filter (nothing ticked means "all").
    if (!values || values.length === 0) return
    clauses.push(`f.${column} IN (${values.map(() => '?').join(', ')})`)
    params.push(...values)
  }
  const state = stateSql(filters.state, today)
  if (state) clauses.push(state)
  oneOf('category', filters.category)
  oneOf('policy_id', filters.policyId)
  if (filters.provinceCode !== undefined) {
    clauses.push('f.province_code = ?')
    params.push(filters.provinceCode)
  }
  if (filters.cityCode !== undefined) {
    clauses.push('f.city_code = ?')
    params.push(filters.cityCode)
  }
  // The range is written into the SQL (after a strict format check) rather than bound: the planner
  // then sees how wide it is (STAT4) and reads a narrow range from its index instead of walking the
  // sort index over every filing.
  if (filters.startFrom !== undefined) clauses.push(`f.start_date >= ${dateLiteral(filters.startFrom)}`)
  if (filters.startTo !== undefined) clauses.push(`f.start_date <= ${dateLiteral(filters.startTo)}`)
  if (filters.expiringWithinDays !== undefined) {
    // Only a started, approved filing expires (as in displayState): today … today + N, both inclusive.
    clauses.push(`f.status = 'active' AND f.valid_until >= ? AND f.valid_until <= ? AND f.start_date <= ?`)
    params.push(today, minDate(addDays(today, filters.expiringWithinDays), LAST_REAL_DATE), today)
  }
  if (filters.needsReviewBy !== undefined) {
    // domain/review-queue.ts: a filing under review, or a change of an active one, that I have not
    // passed, and not waiting for the person's materials. The first term is the partial index
    // filings_review_queue's own condition (SCHEMA_V5), so that the index may serve it.
    clauses.push(
      `${REVIEW_QUEUE_SQL} AND json_extract(f.record, '$.materialsRequest') IS NULL AND NOT EXISTS (SELECT 1 FROM json_each(` +
        `CASE f.status WHEN 'pending_review' THEN f.reviewers ELSE json_extract(f.record, '$.pendingChange.reviewers') END) r WHERE r.value = ?)`,
    )
    params.push(filters.needsReviewBy)
  }
  if (filters.spotCheckDue) {
    // The same expression as the partial index filings_spot_check_due (sqlite-schema.ts).
    clauses.push(`f.status = 'active' AND json_extract(f.record, '$.spotCheck.state') = 'due'`)
  }
  // The same expression as the partial index filings_by_agent.
  if (filters.byAgent) clauses.push(AGENT_SQL)
  const q = filters.q?.trim()
  if (q) {
    // Filing number (exact, any case), name (prefix), or the last 4 characters of the ID number.
    // The name column holds the name's keyed prefix index (crypto/fields.ts), of which q's own index is
    // a prefix: a range on the index, every match sorting in [index(q), index(q) + U+10FFFF).
    const name = crypto.nameIndex(q)
    clauses.push('(f.id IN (?, ?) OR (f.name >= ? AND f.name < ?) OR f.id_last4 = ?)')
    params.push(q, q.toUpperCase(), name, `${name}\u{10FFFF}`, last4Index(crypto, q))
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params }
}

const AGENT_SQL = `json_extract(f.record, '$.agent') IS NOT NULL`

/** The same expression as the partial index filings_needs_materials (SCHEMA_V7). */
const NEEDS_MATERIALS_SQL = `f.status = 'pending_review' AND json_extract(f.record, '$.materialsRequest') IS NOT NULL`

/** The stored status each derived state has (rules `staffState`). */
const STATUS_OF: Record<StaffState, FilingStatus> = {
  pending_review: 'pending_review',
  needs_materials: 'pending_review',
  not_yet_active: 'active',
  active: 'active',
  expired: 'active',
  rejected: 'rejected',
  cancelled: 'cancelled',
}

/**
 * Each state as a condition on the row (rules `staffState`; `today` as a literal, checked). The dates
 * are in every covering index; only the two pending states read the row (through their partial index).
 */
const STATE_SQL: Record<StaffState, (today: string) => string> = {
  pending_review: () => `f.status = 'pending_review' AND json_extract(f.record, '$.materialsRequest') IS NULL`,
  needs_materials: () => NEEDS_MATERIALS_SQL,
  not_yet_active: (today) => `f.status = 'active' AND f.start_date > ${today}`,
  // NO_END_DATE sorts after every date: an open-ended filing is never expired.
  active: (today) => `f.status = 'active' AND f.start_date <= ${today} AND f.valid_until >= ${today}`,
  expired: (today) => `f.status = 'active' AND f.start_date <= ${today} AND f.valid_until < ${today}`,
  rejected: () => `f.status = 'rejected'`,
  cancelled: () => `f.status = 'cancelled'`,
}

/** A state filter read as whole statuses (answered by the count tables) and the states of a status only partly asked for. */
function splitStates(states: readonly StaffState[] | undefined): { statuses: FilingStatus[]; partial: StaffState[] } {
  const asked = new Set(states ?? [])
  const statuses = [...new Set([...asked].map((state) => STATUS_OF[state]))]
  const whole = statuses.filter((status) => STAFF_STATES.every((state) => STATUS_OF[state] !== status || asked.has(state)))
  return { statuses: whole, partial: STAFF_STATES.filter((state) => asked.has(state) && !whole.includes(STATUS_OF[state])) }
}

function stateSql(states: readonly StaffState[] | undefined, today: CalendarDate): string | null {
  if (!states || states.length === 0) return null
  const { statuses, partial } = splitStates(states)
  const day = dateLiteral(today)
  const terms = [...(statuses.length > 0 ? [`f.status IN (${statuses.map((status) => `'${status}'`).join(', ')})`] : []), ...partial.map((state) => STATE_SQL[state](day))]
  return terms.length === 1 ? terms[0] : `(${terms.map((term) => `(${term})`).join(' OR ')})`
}

/** The same expression as the partial index filings_review_queue (SCHEMA_V5). */
const REVIEW_QUEUE_SQL = `(f.status = 'pending_review' OR (f.status = 'active' AND json_extract(f.record, '$.pendingChange') IS NOT NULL))`

interface ReminderRow {
  filing_id: string
  owner: string
  valid_until: string
  message: string
  created_at: string
  sent_at: string | null
}

const reminderOf = (row: ReminderRow): Reminder => ({
  filingId: row.filing_id,
  owner: row.owner,
  validUntil: row.valid_until,
  message: row.message,
  createdAt: row.created_at,
  sentAt: row.sent_at,
})

interface FileRow {
  id: string
  owner: string
  content_type: string
  size: number
  sha256: string
  created_at: string
}

/**
 * The functions SCHEMA_V4 encrypts an older file with (in place, in the migration's transaction).
 * Registered on every connection, since a statement naming them is prepared whether or not rows exist.
 */
function registerFieldFunctions(db: Database.Database, crypto: FieldCrypto): void {
  const options = { deterministic: false, directOnly: true }
  db.function('fields_seal_filing', options, (record: unknown) =>
    JSON.stringify(sealFiling(crypto, JSON.parse(String(record)) as FilingRecord)),
  )
  db.function('fields_person', options, (idType: unknown, idNumber: unknown) => personIndex(crypto, String(idType), String(idNumber)))
  db.function('fields_last4', options, (last4: unknown) => last4Index(crypto, String(last4)))
  db.function('fields_name', options, (name: unknown) => crypto.nameIndex(String(name)))
  db.function('fields_seal_json', options, (text: unknown) => sealJson(crypto, JSON.parse(String(text))))
}

/** The schema version that encrypts the personal fields (SCHEMA_V4). */
const ENCRYPTED_SINCE = 4

/** Migrates; answers the version the file had (0: new). */
function migrate(db: Database.Database): number {
  // Read and written under one write lock, so two processes opening a new file create it once.
  return db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > SCHEMA_VERSION) {
      throw new Error(`the database was written by a newer build (schema ${version}; this build knows ${SCHEMA_VERSION})`)
    }
    if (version === SCHEMA_VERSION) return version
    // Each migration in turn: a new file runs them all, an older one those it lacks (in place: its
    // filings, history and the rest stay as they are).
    for (let next = version; next < SCHEMA_VERSION; next += 1) db.exec(SCHEMA_MIGRATIONS[next])
    if (version > 0) {
      // New indexes on a database with filings: give the planner their statistics now (sampled, so
      // quick at a million filings) rather than at the next PRAGMA optimize.
      db.pragma('analysis_limit = 1000')
      db.exec('ANALYZE filings')
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
    return version
  }).immediate()
}

/**
 * Opens (creating if need be) the database file with the settings above and the current schema.
 * Exported for tests that look at the database itself; the app uses `openSqliteStore`.
 */
export function openSqliteDatabase(file: string, crypto: FieldCrypto = UNKEYED_TEST_CRYPTO): Database.Database {
  const db = new Database(file)
  try {
    registerFieldFunctions(db, crypto)
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    const mode = db.pragma('journal_mode = WAL', { simple: true })
    if (mode !== 'wal' && file !== ':memory:') throw new Error(`could not turn on WAL (journal_mode is ${String(mode)})`)
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    const from = migrate(db)
    if (from > 0 && from < ENCRYPTED_SINCE && file !== ':memory:') {
      // The file held personal fields in the clear until SCHEMA_V4 encrypted them in place: rebuild it
      // so that no freed page keeps an old value, and empty the WAL of the pages the rewrite left there.
      db.exec('VACUUM')
      db.pragma('wal_checkpoint(TRUNCATE)')
    }
    // Keep the planner's statistics fresh (cheap; SQLite's recommendation for long-lived connections).
    db.pragma('optimize = 0x10002')
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

// ---- The list at scale -------------------------------------------------------------------------
//
// `search` reads indexes and count tables only, and chooses its way in by counts it can read
// cheaply, so that no page reads or sorts more than some tens of thousands of index entries
// (bench/admin-million.ts: every list query within 50 ms at a million filings). The total is exact.
//
// - The equality filters (status, category, policy, province, city) are answered by the count tables
//   (filing_province_counts, or filing_counts for a city): their total without reading a filing,
//   and how many filings each selection holds.
// - Every other filter (start-date range, expiring soon, the review and 抽查 queues, the search box)
//   is counted on the index that reads the fewest entries for it; a start-date range with at most a
//   status filter is counted by filing_start_counts.
// - A page is read either by walking the sort key's covering index in order and testing every filter
//   in the index (cheap while matches are dense: about (offset + pageSize) × all / matches entries),
//   or by reading only the matches from the narrowest index and sorting them (cheap while they are
//   few). The cheaper one, by the counts, is written with INDEXED BY so that the plan never depends
//   on the planner's statistics.
// - Sorting by validUntil reads the filings with an end date and those without (NO_END_DATE) as two
//   segments, each counted: "no end date" is held by whole categories and policies (long-term ones),
//   so a walk that had to pass it would read half the table for nothing.
// - The search box splits into the names with the prefix (every index above holds the name) and the
//   few filing numbers and ID endings that are not such names.
// - A derived state (issue 16) is a status plus conditions on start_date / valid_until against today
//   (both in every covering index) or, for the two pending states, the record. A whole status is
//   counted like any status; a state alone by SCHEMA_V7's tables; with other filters 生效中 is the
//   approved less 未生效 and 已过期, and 已过期 (most of what ended) the approved with an end date
//   less 未生效 and those still running, each a short range of its index (stateTerms, countSegment).

/** Rough costs in microseconds, measured on the benchmark (2-core EPYC, Node 20, SQLite 3.53). */
const COST = {
  /** Reading one entry of a covering index and testing the filters on it. */
  scan: 0.17,
  /** Keeping one match in the sorter of an ORDER BY … LIMIT. */
  sort: 0.45,
  /** Reading one filing's row (for a filter no index holds: the search box, the queues). */
  lookup: 1.5,
}

/** filing_start_counts' bounds of each sort key but startDate (whose own range is the filter). */
const BOUND_COLUMNS: Partial<Record<SortKey, [string, string]>> = {
  filedOn: ['min_filed', 'max_filed'],
  updatedAt: ['min_updated', 'max_updated'],
  validUntil: ['min_until', 'max_until'],
}

/** Name-prefix entries counted exactly before the search box's prefix is called wide. */
const WIDE_NAME = 5000

/** Covering index (filings_by_*) walked for each sort key: (key, seq, every filter column…). */
const SORT_INDEXES: Record<SortKey, string> = {
  filedOn: 'filings_by_filed',
  startDate: 'filings_by_start',
  validUntil: 'filings_by_until',
  updatedAt: 'filings_by_updated',
}

type Segment = 'all' | 'open' | 'dated'

const SEGMENT_SQL: Record<Segment, string> = {
  all: '',
  open: `f.valid_until = '${NO_END_DATE}'`,
  dated: `f.valid_until < '${NO_END_DATE}'`,
}

/** The values each equality filter allows (undefined: any), as filing_counts holds them. */
interface Groups {
  status?: readonly string[]
  category?: readonly string[]
  policy_id?: readonly string[]
  province_code?: readonly string[]
  city_code?: readonly string[]
}

const list = (values: readonly string[] | undefined) => (values && values.length > 0 ? values : undefined)
const within = (values: readonly string[] | undefined, allowed: readonly string[]) =>
  values === undefined ? allowed : values.filter((value) => allowed.includes(value))

/**
 * The equality part of the filters, narrowed by what the other filters imply about status (only an
 * active filing expires or is due a check; the review queue is under review). A superset of the
 * matches: the full WHERE clause is always applied as well.
 */
function groupsOf(filters: SearchFilters): Groups {
  let status = list([...new Set((filters.state ?? []).map((state) => STATUS_OF[state]))])
  if (filters.expiringWithinDays !== undefined || filters.spotCheckDue) status = within(status, ['active'])
  if (filters.needsReviewBy !== undefined) status = within(status, ['pending_review', 'active'])
  return {
    status,
    category: list(filters.category),
    policy_id: list(filters.policyId),
    province_code: filters.provinceCode !== undefined ? [filters.provinceCode] : undefined,
    // '' stands for "no city" in filing_counts; a filter on '' is left to the rows themselves.
    city_code: filters.cityCode ? [filters.cityCode] : undefined,
  }
}

/** The filters that filing_counts cannot answer (so they must be counted on an index). */
function extrasOf(filters: SearchFilters): SearchFilters {
  const { state, category: _c, policyId: _p, provinceCode: _pc, cityCode, ...rest } = filters
  // A state that is a whole status (已驳回, or 审核中 with 待补充材料) is counted with the statuses.
  const { partial } = splitStates(state)
  return { ...rest, ...(cityCode === '' ? { cityCode } : {}), ...(partial.length > 0 ? { state: partial } : {}) }
}

/**
 * A state filter that no single source counts well, as signed state filters whose counts add up to
 * its count (the states are disjoint): each whole status by the count tables, and 生效中 as the
 * approved less 未生效 and 已过期, each of which has an index range of its own. Null when the filter
 * is at most one such state.
 */
function stateTerms(states: readonly StaffState[] | undefined): [1 | -1, StaffState[]][] | null {
  const { statuses, partial } = splitStates(states)
  if (partial.length === 0 || (partial.length === 1 && statuses.length === 0 && partial[0] !== 'active')) return null
  const terms: [1 | -1, StaffState[]][] = []
  if (statuses.length > 0) terms.push([1, STAFF_STATES.filter((state) => statuses.includes(STATUS_OF[state]))])
  for (const state of partial) {
    if (state === 'active') terms.push([1, ['not_yet_active', 'active', 'expired']], [-1, ['not_yet_active']], [-1, ['expired']])
    else terms.push([1, [state]])
  }
  return terms
}

function hasFilter(filters: SearchFilters, today: CalendarDate, crypto: FieldCrypto): boolean {
  return whereOf(filters, today, crypto).sql !== ''
}

/**
 * `FROM <count table> c WHERE …` for the groups and segment: filing_counts (by city) when a city is
 * asked for, else the smaller filing_province_counts.
 */
function groupsFrom(groups: Groups, segment: Segment, byInitial?: string, emptiedToo = false): Sql {
  const clauses: string[] = emptiedToo ? ['1'] : ['c.n > 0']
  const params: unknown[] = []
  for (const [column, values] of Object.entries(groups) as [string, readonly string[] | undefined][]) {
    if (values === undefined) continue
    clauses.push(`c.${column} IN (${values.map(() => '?').join(', ')})`)
    params.push(...values)
  }
  if (segment !== 'all') clauses.push(`c.open_ended = ${segment === 'open' ? 1 : 0}`)
  if (byInitial !== undefined) {
    clauses.push('c.initial = ?')
    params.push(byInitial)
  }
  const table = byInitial !== undefined ? 'filing_initial_counts' : groups.city_code ? 'filing_counts' : 'filing_province_counts'
  return { sql: `FROM ${table} c WHERE ${clauses.join(' AND ')}`, params }
}

/** `where` (a WHERE clause or '') with more conditions. */
function and(where: Sql, ...more: (Sql | string)[]): Sql {
  const clauses = where.sql ? [where.sql.replace(/^WHERE /, '')] : []
  const params = [...where.params]
  for (const extra of more) {
    const part = typeof extra === 'string' ? { sql: extra, params: [] } : extra
    if (!part.sql) continue
    clauses.push(part.sql)
    params.push(...part.params)
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params }
}

/** One statement the search ran or would run: its SQL and parameters. */
export interface SearchStatement extends Sql {
  /** What it is for: `count`, `page` or a `probe` (a count used to choose). */
  purpose: 'count' | 'page' | 'probe'
}

/** Runs one statement: `get` (a row with `n`) for counts and probes, `all` (rows with `seq`) for pages. */
export type Runner = (statement: SearchStatement) => unknown

/** A way to the matches: how many index entries it reads, and the SQL that counts them or cuts a page. */
interface Source {
  name: string
  entries: number
  /** 1 when each entry it reads also reads its row (a filter that no index holds). */
  lookups: 0 | 1
  count(segment: Segment): Sql
  /** Rows [skip, skip + take) in the sort order, as `seq` (and `k`, the sort key). */
  page(segment: Segment, skip: number, take: number): Sql
}

/**
 * One `search` call, its statements run by `run` (the store's prepared-statement cache; tests pass
 * their own to see the SQL and its plan). Returns the page's rows (seq) in order and the exact total.
 * `path` forces the way a page is read (tests: both must give the same rows).
 */
export function searchRows(
  query: SearchQuery,
  run: Runner,
  path?: 'walk' | 'filter',
  crypto: FieldCrypto = UNKEYED_TEST_CRYPTO,
  /** Only the count of this segment (no page): a term of a state filter's count. */
  countOnly?: Segment,
): { seqs: number[]; total: number } {
  const { filters, today } = query
  const pageSize = wholeNumber(query.pageSize, 1)
  const offset = (wholeNumber(query.page, 1) - 1) * pageSize
  const key = query.sort.key
  const column = SORT_COLUMNS[key]
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC'
  const where = whereOf(filters, today, crypto)
  const groups = groupsOf(filters)
  const hasExtras = hasFilter(extrasOf(filters), today, crypto)

  // Each count runs once per call, however often the choices below ask for it.
  const known = new Map<string, number>()
  const number = (statement: Sql, purpose: SearchStatement['purpose'] = 'probe'): number => {
    const memo = JSON.stringify([statement.sql, statement.params])
    let n = known.get(memo)
    if (n === undefined) {
      n = Number((run({ ...statement, purpose }) as { n: number | null } | undefined)?.n ?? 0)
      known.set(memo, n)
    }
    return n
  }
  const groupCount = (segment: Segment, g: Groups = groups) => {
    const from = groupsFrom(g, segment)
    return number({ sql: `SELECT sum(c.n) AS n ${from.sql}`, params: from.params })
  }

  // Start-date range and expiring soon: index ranges, sized before they are read.
  const startFrom = filters.startFrom !== undefined ? dateLiteral(filters.startFrom) : null
  const startTo = filters.startTo !== undefined ? dateLiteral(filters.startTo) : null
  const hasStart = startFrom !== null || startTo !== null
  const startWhere = and({ sql: '', params: [] }, startFrom ? `s.start_date >= ${startFrom}` : '', startTo ? `s.start_date <= ${startTo}` : '')
  const startCount = (...more: (Sql | string)[]) => {
    const w = and(startWhere, ...more)
    return number({ sql: `SELECT sum(s.n) AS n FROM filing_start_counts s ${w.sql}`, params: w.params })
  }
  const expiring = filters.expiringWithinDays !== undefined
  const untilRange = () =>
    number({
      sql: `SELECT count(*) AS n FROM filings f INDEXED BY filings_active_until WHERE f.status = 'active' AND f.valid_until >= ? AND f.valid_until <= ?`,
      params: [today, minDate(addDays(today, filters.expiringWithinDays ?? 0), LAST_REAL_DATE)],
    })

  // The search box: a name prefix (wide for a surname alone: 王 is a tenth of all filings), or a
  // filing number or the last 4 of an ID number (a few rows each). Every statement then has two
  // branches: the names with the prefix, from the chosen index (each holds the name), and the few
  // filing numbers and ID endings that are not such names, from their own indexes.
  const q = filters.q?.trim() ?? ''
  const rest = q ? whereOf({ ...filters, q: undefined }, today, crypto) : where
  // The name column holds the keyed prefix index: q's own index is a prefix of it (crypto/fields.ts).
  const nq = q ? crypto.nameIndex(q) : ''
  const namePrefix: Sql = { sql: 'f.name >= ? AND f.name < ?', params: [nq, `${nq}\u{10FFFF}`] }
  // Read by row number from the two unique-ish indexes (NOT INDEXED below: never by walking another
  // index that a filter or segment might tempt the planner into).
  const notName: Sql = {
    sql:
      'f.seq IN (SELECT seq FROM filings WHERE id IN (?, ?) UNION ALL SELECT seq FROM filings WHERE id_last4 = ?) ' +
      'AND NOT (f.name >= ? AND f.name < ?)',
    params: [q, q.toUpperCase(), q ? last4Index(crypto, q) : '', nq, `${nq}\u{10FFFF}`],
  }
  // Names with the prefix: one character from filing_initial_counts, a longer prefix counted up to
  // WIDE_NAME (a wider one is taken as a tenth of all).
  const nameEntries = () => {
    if (Array.from(q).length === 1) {
      const names = groupsFrom({}, 'all', nq)
      return number({ sql: `SELECT sum(c.n) AS n ${names.sql}`, params: names.params })
    }
    const n = number({
      sql: `SELECT count(*) AS n FROM (SELECT 1 FROM filings f INDEXED BY filings_by_name WHERE ${namePrefix.sql} LIMIT ${WIDE_NAME + 1})`,
      params: namePrefix.params,
    })
    return n <= WIDE_NAME ? n : Math.max(n, groupCount('all', {}) / 10)
  }
  // Filters no index holds (each read from the filing's row): the review and 抽查 queues.
  const { statuses: wholeStatuses, partial: partialStates } = splitStates(filters.state)
  const pendingPartly = partialStates.includes('pending_review') || partialStates.includes('needs_materials')
  const lookups: 0 | 1 = filters.needsReviewBy !== undefined || filters.spotCheckDue || filters.byAgent || pendingPartly ? 1 : 0
  // The one state a filter asks for, when no whole status is asked with it: each date state is an index range.
  const onlyState = partialStates.length === 1 && wholeStatuses.length === 0 ? partialStates[0] : null
  const day = dateLiteral(today)
  // Approved filings with an end date that are past it, and filings of any status starting after today.
  const expiredSpans = (more = '') =>
    number({ sql: `SELECT sum(a.n) AS n FROM filing_active_span_counts a WHERE a.valid_until < ${day} AND a.start_date <= ${day}${more}`, params: [] })
  // Dated filings still running on today (every status: the validUntil index holds them all), roughly.
  const runningEntries = () =>
    (number({ sql: `SELECT sum(a.n) AS n FROM filing_active_span_counts a WHERE a.valid_until >= ${day}`, params: [] }) * groupCount('dated', {})) /
    Math.max(groupCount('dated', { status: ['active'] }), 1)
  const futureStarts = (more = '') => number({ sql: `SELECT sum(s.n) AS n FROM filing_start_counts s WHERE s.start_date > ${day}${more}`, params: [] })
  const needsMaterials = (segment: Segment) =>
    number({ sql: `SELECT count(*) AS n FROM filings f INDEXED BY filings_needs_materials ${and({ sql: '', params: [] }, NEEDS_MATERIALS_SQL, SEGMENT_SQL[segment]).sql}`, params: [] })

  /** The whole WHERE clause read through one index (`seek`: conditions that make it seek). */
  const single = (name: string, index: string, entries: number, seek: Sql | string, reads: 0 | 1): Source => {
    const indexed = index ? `INDEXED BY ${index}` : ''
    const main = (segment: Segment) => and(q ? and(rest, namePrefix) : where, seek, SEGMENT_SQL[segment])
    const others = (segment: Segment) => and(rest, notName, SEGMENT_SQL[segment])
    return {
      name,
      entries,
      lookups: reads,
      count: (segment) => {
        const a = main(segment)
        if (!q) return { sql: `SELECT count(*) AS n FROM filings f ${indexed} ${a.sql}`, params: a.params }
        const b = others(segment)
        return {
          sql: `SELECT (SELECT count(*) FROM filings f ${indexed} ${a.sql}) + (SELECT count(*) FROM filings f NOT INDEXED ${b.sql}) AS n`,
          params: [...a.params, ...b.params],
        }
      },
      page: (segment, skip, take) => {
        const order = (limit: number) => `ORDER BY k ${direction}, seq ${direction} LIMIT ${limit}`
        const a = main(segment)
        const rows = `SELECT f.seq AS seq, f.${column} AS k FROM filings f ${indexed} ${a.sql}`
        if (!q) return { sql: `${rows} ${order(take)} OFFSET ${skip}`, params: a.params }
        const b = others(segment)
        return {
          sql:
            `SELECT seq, k FROM (${rows} ${order(skip + take)}) ` +
            `UNION ALL SELECT f.seq AS seq, f.${column} AS k FROM filings f NOT INDEXED ${b.sql} ${order(take)} OFFSET ${skip}`,
          params: [...a.params, ...b.params],
        }
      },
    }
  }

  /** The ways to the matches of `segment` that read no more than they must, cheapest first. */
  const sourcesFor = (segment: Segment): Source[] => {
    const from = groupsFrom(groups, segment)
    // The equality filters as seeks into filings_groups: every (status, category, policy, province)
    // the count table has ever held (emptied ones too: the seeks rely only on every filing's group
    // having its row there, which the insert and update triggers make so).
    const seekFrom = groupsFrom(groups, segment, undefined, true)
    const groupSeek = {
      sql: `(f.status, f.category, f.policy_id, f.province_code) IN (SELECT c.status, c.category, c.policy_id, c.province_code ${seekFrom.sql})`,
      params: seekFrom.params,
    }
    // Seeks reach (status, category, policy, province): a city is tested in the index, over its whole
    // province. With the search box each group is sought on the name prefix too: about its share.
    const sought = groups.city_code
      ? number({ sql: `SELECT sum(p.n) AS n FROM filing_province_counts p WHERE (p.status, p.category, p.policy_id, p.province_code, p.open_ended) IN (SELECT c.status, c.category, c.policy_id, c.province_code, c.open_ended ${from.sql})`, params: from.params })
      : groupCount(segment)
    const all = groupCount(segment, {})
    const groupEntries = q ? (sought * Math.min(nameEntries(), all)) / Math.max(all, 1) + 1000 : sought
    const sources = [single('groups', 'filings_groups', groupEntries, groupSeek, lookups)]
    if (hasStart) sources.push(single('start', 'filings_by_start', startCount(), '', lookups))
    if (expiring) sources.push(single('expiring', 'filings_by_until', untilRange(), '', lookups))
    if (q) sources.push(single('search box', 'filings_by_name', nameEntries(), '', lookups))
    if (filters.needsReviewBy !== undefined) {
      // Filings under review (counted) and the few active ones with a change waiting (counted on the index).
      const changes = number({ sql: `SELECT count(*) AS n FROM filings f INDEXED BY filings_review_queue WHERE ${REVIEW_QUEUE_SQL} AND f.status = 'active'`, params: [] })
      sources.push(single('review', 'filings_review_queue', groupCount('all', { status: ['pending_review'] }) + changes, '', 1))
    }
    // A date state alone: its range of the validUntil or startDate index (the index holds every status:
    // the range's entries are counted roughly, by the approved past their end and every future start).
    if (onlyState === 'expired') sources.push(single('expired', 'filings_by_until', (expiredSpans() * all) / Math.max(groupCount('all', { status: ['active'] }), 1), `f.valid_until < ${day}`, lookups))
    if (onlyState === 'not_yet_active') sources.push(single('not yet active', 'filings_by_start', futureStarts(), `f.start_date > ${day}`, lookups))
    if (onlyState === 'active' && segment === 'dated') sources.push(single('running', 'filings_by_until', runningEntries(), `f.valid_until >= ${day}`, lookups))
    if (onlyState === 'needs_materials') sources.push(single('needs materials', 'filings_needs_materials', needsMaterials('all'), '', 1))
    // The 抽查 queue is short (checks are done as they come): read first, whatever its length.
    if (filters.spotCheckDue) sources.push(single('spot check', 'filings_spot_check_due', 0, '', 1))
    if (filters.byAgent) {
      // 代办 filings counted up to WIDE_NAME on their partial index (beyond that, taken as a tenth of all).
      const n = number({ sql: `SELECT count(*) AS n FROM (SELECT 1 FROM filings f INDEXED BY filings_by_agent WHERE ${AGENT_SQL} LIMIT ${WIDE_NAME + 1})`, params: [] })
      sources.push(single('agent', 'filings_by_agent', n <= WIDE_NAME ? n : Math.max(n, groupCount('all', {}) / 10), '', 1))
    }
    const cost = (source: Source) => source.entries * (COST.scan + source.lookups * COST.lookup)
    return sources.sort((a, b) => cost(a) - cost(b))
  }

  /** The exact number of matches in `segment`. */
  const countSegment = (segment: Segment): number => {
    const eqTotal = groupCount(segment)
    if (!hasExtras || eqTotal === 0) return eqTotal
    // A start-date range with at most a status filter: filing_start_counts holds the answer.
    const onlyStart = !hasFilter({ ...extrasOf(filters), startFrom: undefined, startTo: undefined }, today, crypto)
    const byStatusOnly = groups.category === undefined && groups.policy_id === undefined && groups.province_code === undefined && groups.city_code === undefined
    if (onlyStart && byStatusOnly) {
      return startCount(
        groups.status ? { sql: `s.status IN (${groups.status.map(() => '?').join(', ')})`, params: [...groups.status] } : '',
        segment === 'all' ? '' : `s.open_ended = ${segment === 'open' ? 1 : 0}`,
      )
    }
    // A surname alone (one character), with at most the equality filters but a city: the names from
    // filing_initial_counts, then the filing numbers and ID endings that are not such names.
    if (Array.from(q).length === 1 && !groups.city_code && !hasFilter({ ...extrasOf(filters), q: undefined }, today, crypto)) {
      const names = groupsFrom(groups, segment, nq)
      const others = and(rest, notName, SEGMENT_SQL[segment])
      return number(
        {
          sql: `SELECT coalesce((SELECT sum(c.n) ${names.sql}), 0) + (SELECT count(*) FROM filings f NOT INDEXED ${others.sql}) AS n`,
          params: [...names.params, ...others.params],
        },
        'count',
      )
    }
    // 已过期 never holds an open-ended filing: counted over the dated ones (long-term groups are open-ended).
    if (onlyState === 'expired' && segment !== 'dated') return segment === 'open' ? 0 : countSegment('dated')
    // A state alone, with at most a start-date range: from the count tables, as `stats` (both tables
    // are keyed by the start date too).
    if (onlyState && !hasFilter({ ...filters, state: undefined, startFrom: undefined, startTo: undefined }, today, crypto)) {
      const open = segment === 'all' ? '' : ` AND s.open_ended = ${segment === 'open' ? 1 : 0}`
      const range = (table: string) => `${startFrom ? ` AND ${table}.start_date >= ${startFrom}` : ''}${startTo ? ` AND ${table}.start_date <= ${startTo}` : ''}`
      if (onlyState === 'expired') return expiredSpans(range('a'))
      if (onlyState === 'not_yet_active') return futureStarts(` AND s.status = 'active'${open}${range('s')}`)
      if (onlyState === 'needs_materials' && !hasStart) return needsMaterials(segment)
    }
    // 生效中 with an end date: the short range of end dates still ahead (never the complement below).
    if (onlyState === 'active' && segment === 'dated') return number(sourcesFor(segment)[0].count(segment), 'count')
    const termCount = (state: StaffState[], part: Segment) => searchRows({ ...query, filters: { ...filters, state } }, run, path, crypto, part).total
    // 已过期 with other filters: when its matches are many (most filings that ended stay expired), the
    // approved dated filings of the groups (count tables) less the 未生效 and the still running ones.
    if (onlyState === 'expired' && segment === 'dated') {
      const [best] = sourcesFor(segment)
      if (runningEntries() + futureStarts() < best.entries) {
        return termCount(['not_yet_active', 'active', 'expired'], 'dated') - termCount(['not_yet_active'], 'dated') - termCount(['active'], 'dated')
      }
    }
    const terms = stateTerms(filters.state)
    if (terms) {
      return terms.reduce(
        (sum, [sign, state]) => sum + sign * termCount(state, segment),
        0,
      )
    }
    const [best] = sourcesFor(segment)
    return number(best.count(segment), 'count')
  }

  /**
   * Under a start-date range: the bounds of the sort key over the filings that can match (from
   * filing_start_counts), as a condition that lets a walk of the key's index start and stop there.
   */
  const startBounds = (segment: Segment): Sql | null => {
    const columns = BOUND_COLUMNS[key]
    if (!hasStart || !columns || (key === 'validUntil' && segment === 'open')) return null
    const w = and(
      startWhere,
      's.n > 0',
      groups.status ? { sql: `s.status IN (${groups.status.map(() => '?').join(', ')})`, params: [...groups.status] } : '',
      segment === 'all' ? '' : `s.open_ended = ${segment === 'open' ? 1 : 0}`,
    )
    const row = run({ sql: `SELECT min(s.${columns[0]}) AS lo, max(s.${columns[1]}) AS hi FROM filing_start_counts s ${w.sql}`, params: w.params, purpose: 'probe' }) as
      | { lo: string | null; hi: string | null }
      | undefined
    if (!row?.lo || !row.hi) return null
    return { sql: `f.${column} >= ? AND f.${column} <= ?`, params: [row.lo, row.hi] }
  }

  /** Rows [skip, skip + take) of `segment` (which holds `matches` rows) in the sort order. */
  const pageOf = (segment: Segment, matches: number, skip: number, take: number): number[] => {
    const [best] = sourcesFor(segment)
    // A walk of the sort key's index passes about (skip + take) × walked / matches entries, `walked`
    // being the range it walks. Expiring soon is a narrow validUntil range, read in order only by a
    // validUntil walk (any other walk would pass half a year of filings first). Every date key follows
    // the start date closely, so under a start-date range the walk starts at the key's bounds there:
    // about the months between them for filedOn, about the range for validUntil; updatedAt's bounds
    // drift (a change comes any time later), so it is costed as passing every filing beyond the range.
    const ranged = (key === 'startDate' && hasStart) || (key === 'validUntil' && expiring)
    const bounds = ranged ? null : startBounds(segment)
    let walked = key === 'startDate' && hasStart ? startCount() : key === 'validUntil' && expiring ? untilRange() : groupCount(segment, {})
    let before = 0
    if (bounds && key === 'filedOn') {
      walked = number({
        sql: 'SELECT sum(m.n) AS n FROM filing_month_counts m WHERE m.month >= substr(?, 1, 7) AND m.month <= substr(?, 1, 7)',
        params: bounds.params,
      })
    } else if (bounds && key === 'validUntil') {
      walked = startCount()
    } else if (hasStart && !ranged) {
      const side = direction === 'DESC' ? (startTo ? `s.start_date > ${startTo}` : '') : startFrom ? `s.start_date < ${startFrom}` : ''
      if (side) before = number({ sql: `SELECT sum(s.n) AS n FROM filing_start_counts s WHERE ${side}`, params: [] })
    }
    // Entries passing the indexed filters read their row when another filter needs it.
    const passing = Math.min(1, groupCount(segment) / Math.max(walked, 1))
    const walkCost =
      expiring && !ranged
        ? Infinity
        : (before + ((skip + take) * walked) / Math.max(matches, 1)) * (COST.scan + lookups * passing * COST.lookup)
    const filterCost = best.entries * (COST.scan + best.lookups * COST.lookup) + matches * COST.sort
    const walk = path ? path === 'walk' : walkCost <= filterCost
    const statement = (walk ? single('walk', SORT_INDEXES[key], walked, bounds ?? '', lookups) : best).page(segment, skip, take)
    return (run({ ...statement, purpose: 'page' }) as { seq: number }[]).map((row) => row.seq)
  }

  if (countOnly) return { seqs: [], total: countSegment(countOnly) }
  const segments: Segment[] = key !== 'validUntil' ? ['all'] : direction === 'ASC' ? ['dated', 'open'] : ['open', 'dated']
  const counts = segments.map(countSegment)
  const total = counts.reduce((sum, n) => sum + n, 0)
  const seqs: number[] = []
  let skip = offset
  for (let i = 0; i < segments.length && seqs.length < pageSize; i += 1) {
    if (skip >= counts[i]) {
      skip -= counts[i]
      continue
    }
    const take = Math.min(pageSize - seqs.length, counts[i] - skip)
    seqs.push(...pageOf(segments[i], counts[i], skip, take))
    skip = 0
  }
  return { seqs, total }
}

export function openSqliteStore(options: SqliteStoreOptions): Store {
  const crypto = options.crypto ?? UNKEYED_TEST_CRYPTO
  const db = openSqliteDatabase(options.file, crypto)
  const parseRecord = (row: { record: string } | undefined): FilingRecord | null =>
    row ? openFiling<FilingRecord>(crypto, JSON.parse(row.record) as Record<string, unknown>) : null
  const parseRecords = (rows: { record: string }[]): FilingRecord[] => rows.map((row) => parseRecord(row) as FilingRecord)

  // The filtered queries differ by which filters are set (and by the dates and page written in):
  // prepared once each, in a cache that starts over when it grows large.
  const prepared = new Map<string, Database.Statement>()
  const prepare = (sql: string) => {
    let statement = prepared.get(sql)
    if (!statement) {
      if (prepared.size >= 500) prepared.clear()
      statement = db.prepare(sql)
      prepared.set(sql, statement)
    }
    return statement
  }

  const staff = new Map(options.staff.map((member) => [member.openid, { ...member }]))

  const stmt = {
    byId: db.prepare<[string], { record: string }>('SELECT record FROM filings WHERE id = ?'),
    byRequest: db.prepare<[string, string], { record: string }>('SELECT record FROM filings WHERE owner = ? AND request_id = ?'),
    byOwner: db.prepare<[string], { record: string }>('SELECT record FROM filings WHERE owner = ? ORDER BY seq DESC'),
    byPerson: db.prepare<[string, string], { record: string }>(
      'SELECT record FROM filings INDEXED BY filings_person WHERE id_type = ? AND id_number = ? ORDER BY seq DESC',
    ),
    identity: db.prepare<[string], { record: string }>('SELECT record FROM identities WHERE openid = ?'),
    saveIdentity: db.prepare(`
      INSERT INTO identities (openid, record, updated_at) VALUES (@openid, @record, @updated_at)
      ON CONFLICT (openid) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at`),
    // No row back: the window is full, and nothing was written.
    takeUse: db.prepare<[{ key: string; window: string; max: number }], { n: number }>(`
      INSERT INTO rate_limits (key, window, n) VALUES (@key, @window, 1)
      ON CONFLICT (key) DO UPDATE SET n = CASE WHEN window = excluded.window THEN n + 1 ELSE 1 END, window = excluded.window
        WHERE window <> excluded.window OR n < @max
      RETURNING n`),
    holder: db.prepare<[string, string, string], { id: string; owner: string }>(
      'SELECT id, owner FROM filings WHERE id_type = ? AND id_number = ? AND holds_long_term = 1 AND id <> ? LIMIT 1',
    ),
    version: db.prepare<[string], { version: number }>('SELECT version FROM filings WHERE id = ?'),
    insert: db.prepare(`
      INSERT INTO filings (id, owner, request_id, id_type, id_number, holds_long_term, policy_id, category, status,
        province_code, city_code, area_code, start_date, valid_until, filed_on, name, id_last4, updated_at, version, reviewers, record,
        ended_on)
      VALUES (@id, @owner, @request_id, @id_type, @id_number, @holds_long_term, @policy_id, @category, @status,
        @province_code, @city_code, @area_code, @start_date, @valid_until, @filed_on, @name, @id_last4, @updated_at, @version,
        @reviewers, @record, @ended_on)`),
    // The owner changes only when the filing is anonymised (the schema's trigger refuses anything else).
    update: db.prepare(`
      UPDATE filings SET owner = @owner, ended_on = @ended_on, id_type = @id_type, id_number = @id_number, holds_long_term = @holds_long_term,
        policy_id = @policy_id, category = @category, status = @status, province_code = @province_code,
        city_code = @city_code, area_code = @area_code, start_date = @start_date, valid_until = @valid_until,
        filed_on = @filed_on, name = @name, id_last4 = @id_last4, updated_at = @updated_at, version = @version,
        reviewers = @reviewers, record = @record
      WHERE id = @id AND version = @expected_version`),
    appendHistory: db.prepare(
      'INSERT INTO history (filing_id, at, actor, role, action, entry) VALUES (@filing_id, @at, @actor, @role, @action, @entry)',
    ),
    history: db.prepare<[string], { entry: string }>('SELECT entry FROM history WHERE filing_id = ? ORDER BY seq'),
    saveFile: db.prepare(
      'INSERT INTO files (id, owner, content_type, size, sha256, created_at) VALUES (@id, @owner, @contentType, @size, @sha256, @createdAt)',
    ),
    getFile: db.prepare<[string], FileRow>('SELECT * FROM files WHERE id = ?'),
    due: db.prepare<[string, string], { record: string }>(`
      SELECT record FROM filings f INDEXED BY filings_active_until
      WHERE f.status = 'active' AND f.valid_until >= ? AND f.valid_until <= ?
        AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.filing_id = f.id AND r.valid_until = f.valid_until)
      ORDER BY f.valid_until, f.seq`),
    addReminder: db.prepare(`
      INSERT INTO reminders (filing_id, owner, valid_until, message, created_at, sent_at)
      VALUES (@filingId, @owner, @validUntil, @message, @createdAt, @sentAt)
      ON CONFLICT (filing_id, valid_until) DO NOTHING`),
    markSent: db.prepare<[string, string, string]>(
      'UPDATE reminders SET sent_at = ? WHERE filing_id = ? AND valid_until = ? AND sent_at IS NULL AND refused_at IS NULL',
    ),
    remindersFor: db.prepare<[string], ReminderRow>('SELECT * FROM reminders WHERE owner = ? ORDER BY seq'),
    unsentReminders: db.prepare<[string, string, number], ReminderRow>(
      'SELECT * FROM reminders INDEXED BY reminders_unsent WHERE sent_at IS NULL AND refused_at IS NULL AND created_at < ? AND valid_until >= ? ORDER BY created_at, seq LIMIT ?',
    ),
    markRefused: db.prepare<[string, string, string]>(
      'UPDATE reminders SET refused_at = ? WHERE filing_id = ? AND valid_until = ? AND sent_at IS NULL AND refused_at IS NULL',
    ),
    dueForAnonymisation: db.prepare<[string, number], { record: string }>(
      'SELECT record FROM filings INDEXED BY filings_retention WHERE ended_on < ? ORDER BY ended_on, seq LIMIT ?',
    ),
    toRedact: db.prepare<[string], { seq: number; entry: string }>('SELECT seq, entry FROM history WHERE filing_id = ? AND redacted = 0'),
    redact: db.prepare<[{ seq: number; actor: string; entry: string }]>('UPDATE history SET actor = @actor, entry = @entry, redacted = 1 WHERE seq = @seq'),
    handOverReminders: db.prepare<[string, string]>('UPDATE reminders SET owner = ? WHERE filing_id = ?'),
    identitiesBefore: db.prepare<[string, number], { openid: string }>(
      'SELECT openid FROM identities INDEXED BY identities_updated WHERE updated_at < ? ORDER BY updated_at LIMIT ?',
    ),
    deleteIdentity: db.prepare<[string]>('DELETE FROM identities WHERE openid = ?'),
  }

  const appendEntry = (entry: HistoryEntry) => {
    stmt.appendHistory.run({
      filing_id: entry.filingId,
      at: entry.at,
      actor: entry.actor,
      role: entry.role,
      action: entry.action,
      entry: sealJson(crypto, entry),
    })
  }

  // Each runs inside a shared transaction, in a savepoint of its own (group-commit.ts).
  const commits = groupCommit(db)

  const create = (filing: FilingRecord, entry: HistoryEntry): CreateResult => {
    if (entry.filingId !== filing.id) throw new Error('the history entry belongs to another filing')
    const first = parseRecord(stmt.byRequest.get(filing.owner, filing.requestId))
    if (first) return { kind: 'replayed', filing: first }
    if (stmt.version.get(filing.id)) return { kind: 'number_taken' }
    if (isOpenLongTermFiling(filing)) {
      const existing = stmt.holder.get(filing.applicant.idType, personIndex(crypto, filing.applicant.idType, filing.applicant.idNumber), filing.id)
      if (existing) return { kind: 'duplicate', existing: { id: existing.id, owner: existing.owner } }
    }
    stmt.insert.run(columnsOf(filing, crypto))
    appendEntry(entry)
    return { kind: 'created', filing }
  }

  const update = (filing: FilingRecord, expectedVersion: number, entry: HistoryEntry): UpdateResult => {
    if (entry.filingId !== filing.id) throw new Error('the history entry belongs to another filing')
    if (filing.version !== expectedVersion + 1) throw new Error('an updated filing carries expectedVersion + 1')
    const stored = stmt.version.get(filing.id)
    if (!stored || stored.version !== expectedVersion) return 'conflict'
    if (isOpenLongTermFiling(filing) && stmt.holder.get(filing.applicant.idType, personIndex(crypto, filing.applicant.idType, filing.applicant.idNumber), filing.id)) {
      return 'duplicate'
    }
    const changed = stmt.update.run({ ...columnsOf(filing, crypto), expected_version: expectedVersion }).changes
    if (changed !== 1) return 'conflict'
    appendEntry(entry)
    return 'ok'
  }

  // The filing (already anonymised by domain/retention.ts) and every entry of its history, once.
  const anonymise = (filing: FilingRecord, expectedVersion: number, entry: HistoryEntry): 'ok' | 'conflict' => {
    if (!filing.anonymisedOn) throw new Error('anonymiseFiling takes the anonymised record')
    // Read before the update appends its own entry (which has nothing to redact).
    const entries = stmt.toRedact.all(filing.id)
    if (update(filing, expectedVersion, entry) !== 'ok') return 'conflict'
    for (const row of entries) {
      const redacted = redactedEntry(openJson<HistoryEntry>(crypto, row.entry))
      stmt.redact.run({ seq: row.seq, actor: redacted.actor, entry: sealJson(crypto, redacted) })
    }
    stmt.handOverReminders.run(filing.owner, filing.id)
    return 'ok'
  }

  const records = db.prepare<[string], { seq: number; record: string }>(
    'SELECT seq, record FROM filings WHERE seq IN (SELECT value FROM json_each(?))',
  )
  const runSearch: Runner = (statement) => {
    const prepared = prepare(statement.sql)
    return statement.purpose === 'page' ? prepared.all(...statement.params) : prepared.get(...statement.params)
  }

  // One read transaction: the total and the page see the same data.
  const search = db.transaction((query: SearchQuery) => {
    const { seqs, total } = searchRows(query, runSearch, undefined, crypto)
    const bySeq = new Map(records.all(JSON.stringify(seqs)).map((row) => [row.seq, row.record]))
    return { items: seqs.map((seq) => parseRecord({ record: bySeq.get(seq) as string }) as FilingRecord), total }
  })

  // From the count tables (kept by triggers with every write), not by grouping every filing.
  const stats = db.transaction((today: CalendarDate): Stats => {
    const counts = (column: string) => {
      const rows = prepare(`SELECT ${column} AS k, sum(n) AS n FROM filing_province_counts GROUP BY k HAVING sum(n) > 0`).all() as { k: string; n: number }[]
      return Object.fromEntries(rows.map((row) => [row.k, row.n]))
    }
    const byStatus = counts('status')
    const months = prepare('SELECT month AS k, n FROM filing_month_counts WHERE n > 0').all() as { k: string; n: number }[]
    // The derived states from SCHEMA_V7's tables (why tables and not index ranges: there).
    const one = (sql: string, ...params: unknown[]) => Number((prepare(sql).get(...params) as { n: number | null }).n ?? 0)
    const spans = (from: CalendarDate, to: CalendarDate) =>
      one('SELECT sum(n) AS n FROM filing_active_span_counts WHERE valid_until >= ? AND valid_until <= ? AND start_date <= ?', from, to, today)
    const expired = spans('0000-01-01', addDays(today, -1))
    const notYetActive = one(`SELECT sum(n) AS n FROM filing_start_counts WHERE start_date > ? AND status = 'active'`, today)
    const needsMaterials = one(`SELECT count(*) AS n FROM filings f INDEXED BY filings_needs_materials WHERE ${NEEDS_MATERIALS_SQL}`)
    // As displayState's 即将到期: started, validUntil >= today and fewer than 30 days away.
    const expiringIn30Days = spans(today, addDays(today, EXPIRING_WITHIN_DAYS - 1))
    const byState: Stats['byState'] = {
      pending_review: (byStatus.pending_review ?? 0) - needsMaterials,
      needs_materials: needsMaterials,
      not_yet_active: notYetActive,
      active: (byStatus.active ?? 0) - notYetActive - expired,
      expired,
      rejected: byStatus.rejected ?? 0,
      cancelled: byStatus.cancelled ?? 0,
    }
    return {
      total: Object.values(byStatus).reduce((sum, n) => sum + n, 0),
      byStatus,
      byState,
      byCategory: counts('category'),
      byProvince: counts('province_code'),
      byMonth: Object.fromEntries(months.map((row) => [row.k, row.n])),
      expiringIn30Days,
    }
  })

  return {
    async createFiling(filing, entry) {
      return commits.write(() => create(filing, entry))
    },
    async getFiling(id) {
      return parseRecord(stmt.byId.get(id))
    },
    async listByOwner(owner) {
      return parseRecords(stmt.byOwner.all(owner))
    },
    async listByPerson(idType, idNumber) {
      return parseRecords(stmt.byPerson.all(idType, personIndex(crypto, idType, idNumber)))
    },
    async updateFiling(filing, expectedVersion, entry) {
      return commits.write(() => update(filing, expectedVersion, entry))
    },
    async appendHistory(entry) {
      return commits.write(() => appendEntry(entry))
    },
    async history(filingId) {
      return stmt.history.all(filingId).map((row) => openJson<HistoryEntry>(crypto, row.entry))
    },
    async search(query) {
      return search(query)
    },
    async exportAll(filters, today) {
      const { sql, params } = whereOf(filters, today, crypto)
      return parseRecords(prepare(`SELECT f.record FROM filings f ${sql} ORDER BY f.filed_on, f.seq`).all(...params) as { record: string }[])
    },
    async stats(today) {
      return stats(today)
    },
    async staffMember(openid) {
      const member = staff.get(openid)
      return member ? { ...member } : null
    },
    async identityOf(openid) {
      const row = stmt.identity.get(openid)
      return row ? openJson<IdentityRecord>(crypto, row.record) : null
    },
    async saveIdentity(record) {
      await commits.write(() => stmt.saveIdentity.run({ openid: record.openid, record: sealJson(crypto, record), updated_at: record.updatedAt }))
    },
    async takeUse(key, window, max) {
      return commits.write(() => stmt.takeUse.get({ key, window, max }) !== undefined)
    },
    async saveFile(file) {
      await commits.write(() => stmt.saveFile.run({ ...file }))
    },
    async getFile(id) {
      const row = stmt.getFile.get(id)
      if (!row) return null
      return { id: row.id, owner: row.owner, contentType: row.content_type, size: row.size, sha256: row.sha256, createdAt: row.created_at }
    },
    async dueForReminder(from, to) {
      return parseRecords(stmt.due.all(from, minDate(to, LAST_REAL_DATE)))
    },
    async addReminder(reminder) {
      return commits.write(() => stmt.addReminder.run({ ...reminder }).changes === 1)
    },
    async markReminderSent(filingId, validUntil, sentAt) {
      await commits.write(() => stmt.markSent.run(sentAt, filingId, validUntil))
    },
    async dueForAnonymisation(before, limit) {
      return parseRecords(stmt.dueForAnonymisation.all(before, wholeNumber(limit, 1)))
    },
    async anonymiseFiling(filing, expectedVersion, entry) {
      return commits.write(() => anonymise(filing, expectedVersion, entry))
    },
    async identitiesSavedBefore(before, limit) {
      return stmt.identitiesBefore.all(before, wholeNumber(limit, 1)).map((row) => row.openid)
    },
    async deleteIdentity(openid) {
      await commits.write(() => stmt.deleteIdentity.run(openid))
    },
    async remindersFor(owner) {
      return stmt.remindersFor.all(owner).map(reminderOf)
    },
    async unsentReminders(validFrom, createdBefore, limit) {
      return stmt.unsentReminders.all(createdBefore, validFrom, wholeNumber(limit, 1)).map(reminderOf)
    },
    async markReminderRefused(filingId, validUntil, refusedAt) {
      await commits.write(() => stmt.markRefused.run(refusedAt, filingId, validUntil))
    },
    async close() {
      if (!db.open) return
      commits.flush()
      db.pragma('optimize')
      db.close()
    },
  }
}
