// The SQLite adapter of the store port (better-sqlite3): the embedded default of the local server,
// one file under DATA_DIR.
//
// Durability: WAL with `synchronous = FULL`. A handler replies only after its write has committed,
// and FULL syncs the WAL on every commit, so an acknowledged filing survives a `kill -9` and a power
// loss alike (NORMAL would survive the first only). The cost is one fsync per write.
//
// better-sqlite3 is synchronous: each port method runs to completion before the next one starts,
// which serialises calls within the process. Every write runs in one `BEGIN IMMEDIATE` transaction,
// so its checks and its writes are atomic against other connections (processes) as well, and the
// database refuses a second long-term holding by itself (a partial unique index).
//
// Nothing here reads the environment, and nothing logs a record or an ID number.
import Database from 'better-sqlite3'
import { EXPIRING_WITHIN_DAYS, addDays, groupOf, type CalendarDate } from '../../rules'
import type { FilingRecord, HistoryEntry } from '../domain/record'
import type {
  CreateResult,
  Reminder,
  SearchFilters,
  SearchQuery,
  SortKey,
  StaffMember,
  Stats,
  Store,
  UpdateResult,
} from './port'
import { NO_END_DATE, SCHEMA_V1, SCHEMA_VERSION } from './sqlite-schema'

export interface SqliteStoreOptions {
  /** A database file path (its folder must exist), or `:memory:`. */
  file: string
  /** The staff list: `staffMember(openid)` answers from it. */
  staff: StaffMember[]
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

/** True while the person holds this long-term filing (under review or active). */
export function holdsLongTerm(filing: Pick<FilingRecord, 'category' | 'status'>): boolean {
  return groupOf(filing.category) === 'long_term' && (filing.status === 'pending_review' || filing.status === 'active')
}

/** The indexed columns of a filing, named as the SQL parameters below (exported for bulk loads: bench/). */
export function columnsOf(filing: FilingRecord) {
  return {
    id: filing.id,
    owner: filing.owner,
    request_id: filing.requestId,
    id_type: filing.applicant.idType,
    id_number: filing.applicant.idNumber,
    holds_long_term: holdsLongTerm(filing) ? 1 : 0,
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

function whereOf(filters: SearchFilters, today: CalendarDate): Sql {
  const clauses: string[] = []
  const params: unknown[] = []
  const oneOf = (column: string, values: readonly string[] | undefined) => {
    // An empty list is no filter (nothing ticked means "all").
    if (!values || values.length === 0) return
    clauses.push(`f.${column} IN (${values.map(() => '?').join(', ')})`)
    params.push(...values)
  }
  oneOf('status', filters.status)
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
    // Only an active filing expires (as in displayState): today … today + N, both inclusive.
    clauses.push(`f.status = 'active' AND f.valid_until >= ? AND f.valid_until <= ?`)
    params.push(today, minDate(addDays(today, filters.expiringWithinDays), LAST_REAL_DATE))
  }
  if (filters.needsReviewBy !== undefined) {
    clauses.push(
      `f.status = 'pending_review' AND NOT EXISTS (SELECT 1 FROM json_each(f.reviewers) r WHERE r.value = ?)` +
        // Waiting for the person's materials: nothing to review yet (few rows: only those under review).
        ` AND json_extract(f.record, '$.materialsRequest') IS NULL`,
    )
    params.push(filters.needsReviewBy)
  }
  if (filters.spotCheckDue) {
    // The same expression as the partial index filings_spot_check_due (sqlite-schema.ts).
    clauses.push(`f.status = 'active' AND json_extract(f.record, '$.spotCheck.state') = 'due'`)
  }
  const q = filters.q?.trim()
  if (q) {
    // Filing number (exact, any case), name (prefix), or the last 4 characters of the ID number.
    // The name prefix is a range on the index: every name starting with q sorts in [q, q + U+10FFFF).
    clauses.push('(f.id IN (?, ?) OR (f.name >= ? AND f.name < ?) OR f.id_last4 = ?)')
    params.push(q, q.toUpperCase(), q, `${q}\u{10FFFF}`, q.toUpperCase())
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params }
}

function parseRecord(row: { record: string } | undefined): FilingRecord | null {
  return row ? (JSON.parse(row.record) as FilingRecord) : null
}

function parseRecords(rows: { record: string }[]): FilingRecord[] {
  return rows.map((row) => JSON.parse(row.record) as FilingRecord)
}

interface ReminderRow {
  filing_id: string
  owner: string
  valid_until: string
  message: string
  created_at: string
  sent_at: string | null
}

interface FileRow {
  id: string
  owner: string
  content_type: string
  size: number
  sha256: string
  created_at: string
}

function migrate(db: Database.Database): void {
  // Read and written under one write lock, so two processes opening a new file create it once.
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > SCHEMA_VERSION) {
      throw new Error(`the database was written by a newer build (schema ${version}; this build knows ${SCHEMA_VERSION})`)
    }
    if (version === SCHEMA_VERSION) return
    db.exec(SCHEMA_V1)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  }).immediate()
}

/**
 * Opens (creating if need be) the database file with the settings above and the current schema.
 * Exported for tests that look at the database itself; the app uses `openSqliteStore`.
 */
export function openSqliteDatabase(file: string): Database.Database {
  const db = new Database(file)
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    const mode = db.pragma('journal_mode = WAL', { simple: true })
    if (mode !== 'wal' && file !== ':memory:') throw new Error(`could not turn on WAL (journal_mode is ${String(mode)})`)
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    migrate(db)
    // Keep the planner's statistics fresh (cheap; SQLite's recommendation for long-lived connections).
    db.pragma('optimize = 0x10002')
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/** The SQL of one `search` call: the count and the page, each with its parameters. */
export function searchSql(query: SearchQuery): { count: Sql; page: Sql } {
  const { sql, params } = whereOf(query.filters, query.today)
  const column = SORT_COLUMNS[query.sort.key]
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC'
  const pageSize = wholeNumber(query.pageSize, 1)
  const offset = (wholeNumber(query.page, 1) - 1) * pageSize
  return {
    count: { sql: `SELECT count(*) AS n FROM filings f ${sql}`, params },
    // A deferred join: order and cut the page on the narrow columns (from an index where one fits),
    // then read the whole records of that page only.
    // LIMIT and OFFSET are written in (whole numbers, computed here) so the planner knows how few rows
    // it needs: it then picks between walking the sort's index and sorting a narrow filter's matches.
    page: {
      sql:
        `SELECT f.record FROM (SELECT f.seq, f.${column} AS k FROM filings f ${sql} ` +
        `ORDER BY f.${column} ${direction}, f.seq ${direction} LIMIT ${pageSize} OFFSET ${offset}) p ` +
        `JOIN filings f ON f.seq = p.seq ORDER BY p.k ${direction}, p.seq ${direction}`,
      params,
    },
  }
}

export function openSqliteStore(options: SqliteStoreOptions): Store {
  const db = openSqliteDatabase(options.file)

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
    holder: db.prepare<[string, string, string], { id: string; owner: string }>(
      'SELECT id, owner FROM filings WHERE id_type = ? AND id_number = ? AND holds_long_term = 1 AND id <> ? LIMIT 1',
    ),
    version: db.prepare<[string], { version: number }>('SELECT version FROM filings WHERE id = ?'),
    insert: db.prepare(`
      INSERT INTO filings (id, owner, request_id, id_type, id_number, holds_long_term, policy_id, category, status,
        province_code, city_code, area_code, start_date, valid_until, filed_on, name, id_last4, updated_at, version, reviewers, record)
      VALUES (@id, @owner, @request_id, @id_type, @id_number, @holds_long_term, @policy_id, @category, @status,
        @province_code, @city_code, @area_code, @start_date, @valid_until, @filed_on, @name, @id_last4, @updated_at, @version,
        @reviewers, @record)`),
    update: db.prepare(`
      UPDATE filings SET id_type = @id_type, id_number = @id_number, holds_long_term = @holds_long_term,
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
      SELECT record FROM filings f
      WHERE f.status = 'active' AND f.valid_until >= ? AND f.valid_until <= ?
        AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.filing_id = f.id AND r.valid_until = f.valid_until)
      ORDER BY f.valid_until, f.seq`),
    addReminder: db.prepare(`
      INSERT INTO reminders (filing_id, owner, valid_until, message, created_at, sent_at)
      VALUES (@filingId, @owner, @validUntil, @message, @createdAt, @sentAt)
      ON CONFLICT (filing_id, valid_until) DO NOTHING`),
    markSent: db.prepare<[string, string, string]>(
      'UPDATE reminders SET sent_at = ? WHERE filing_id = ? AND valid_until = ? AND sent_at IS NULL',
    ),
    remindersFor: db.prepare<[string], ReminderRow>('SELECT * FROM reminders WHERE owner = ? ORDER BY seq'),
  }

  const appendEntry = (entry: HistoryEntry) => {
    stmt.appendHistory.run({
      filing_id: entry.filingId,
      at: entry.at,
      actor: entry.actor,
      role: entry.role,
      action: entry.action,
      entry: JSON.stringify(entry),
    })
  }

  const create = db.transaction((filing: FilingRecord, entry: HistoryEntry): CreateResult => {
    if (entry.filingId !== filing.id) throw new Error('the history entry belongs to another filing')
    const first = parseRecord(stmt.byRequest.get(filing.owner, filing.requestId))
    if (first) return { kind: 'replayed', filing: first }
    if (holdsLongTerm(filing)) {
      const existing = stmt.holder.get(filing.applicant.idType, filing.applicant.idNumber, filing.id)
      if (existing) return { kind: 'duplicate', existing: { id: existing.id, owner: existing.owner } }
    }
    stmt.insert.run(columnsOf(filing))
    appendEntry(entry)
    return { kind: 'created', filing }
  })

  const update = db.transaction((filing: FilingRecord, expectedVersion: number, entry: HistoryEntry): UpdateResult => {
    if (entry.filingId !== filing.id) throw new Error('the history entry belongs to another filing')
    if (filing.version !== expectedVersion + 1) throw new Error('an updated filing carries expectedVersion + 1')
    const stored = stmt.version.get(filing.id)
    if (!stored || stored.version !== expectedVersion) return 'conflict'
    if (holdsLongTerm(filing) && stmt.holder.get(filing.applicant.idType, filing.applicant.idNumber, filing.id)) {
      return 'duplicate'
    }
    const changed = stmt.update.run({ ...columnsOf(filing), expected_version: expectedVersion }).changes
    if (changed !== 1) return 'conflict'
    appendEntry(entry)
    return 'ok'
  })

  const search = db.transaction((query: SearchQuery) => {
    const { count, page } = searchSql(query)
    const total = (prepare(count.sql).get(...count.params) as { n: number }).n
    const rows = prepare(page.sql).all(...page.params) as { record: string }[]
    return { items: parseRecords(rows), total }
  })

  const stats = db.transaction((today: CalendarDate): Stats => {
    const counts = (expression: string) => {
      const rows = prepare(`SELECT ${expression} AS k, count(*) AS n FROM filings GROUP BY k`).all() as { k: string; n: number }[]
      return Object.fromEntries(rows.map((row) => [row.k, row.n]))
    }
    const byStatus = counts('status')
    // As displayState's 即将到期: active, validUntil >= today and fewer than 30 days away.
    const expiring = prepare(`SELECT count(*) AS n FROM filings WHERE status = 'active' AND valid_until >= ? AND valid_until <= ?`)
    const expiringIn30Days = (expiring.get(today, addDays(today, EXPIRING_WITHIN_DAYS - 1)) as { n: number }).n
    return {
      total: Object.values(byStatus).reduce((sum, n) => sum + n, 0),
      byStatus,
      byCategory: counts('category'),
      byProvince: counts('province_code'),
      byMonth: counts('substr(filed_on, 1, 7)'),
      expiringIn30Days,
    }
  })

  return {
    async createFiling(filing, entry) {
      return create.immediate(filing, entry)
    },
    async getFiling(id) {
      return parseRecord(stmt.byId.get(id))
    },
    async listByOwner(owner) {
      return parseRecords(stmt.byOwner.all(owner))
    },
    async updateFiling(filing, expectedVersion, entry) {
      return update.immediate(filing, expectedVersion, entry)
    },
    async appendHistory(entry) {
      appendEntry(entry)
    },
    async history(filingId) {
      return stmt.history.all(filingId).map((row) => JSON.parse(row.entry) as HistoryEntry)
    },
    async search(query) {
      return search(query)
    },
    async exportAll(filters, today) {
      const { sql, params } = whereOf(filters, today)
      return parseRecords(prepare(`SELECT f.record FROM filings f ${sql} ORDER BY f.filed_on, f.seq`).all(...params) as { record: string }[])
    },
    async stats(today) {
      return stats(today)
    },
    async staffMember(openid) {
      const member = staff.get(openid)
      return member ? { ...member } : null
    },
    async saveFile(file) {
      stmt.saveFile.run({ ...file })
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
      return stmt.addReminder.run({ ...reminder }).changes === 1
    },
    async markReminderSent(filingId, validUntil, sentAt) {
      stmt.markSent.run(sentAt, filingId, validUntil)
    },
    async remindersFor(owner) {
      return stmt.remindersFor.all(owner).map(
        (row): Reminder => ({
          filingId: row.filing_id,
          owner: row.owner,
          validUntil: row.valid_until,
          message: row.message,
          createdAt: row.created_at,
          sentAt: row.sent_at,
        }),
      )
    },
    async close() {
      if (!db.open) return
      db.pragma('optimize')
      db.close()
    },
  }
}
