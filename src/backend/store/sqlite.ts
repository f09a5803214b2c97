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
//
// By concern: opening and migrating the file (sqlite-open.ts), the filters' SQL (sqlite-sql.ts), the
// list's planner (sqlite-search.ts); this file holds the port's methods.
import type Database from 'better-sqlite3'
import { EXPIRING_WITHIN_DAYS, addDays, isOpenLongTermFiling, type CalendarDate } from '../../rules'
import type { FilingRecord, HistoryEntry } from '../domain/record'
import { endedOn, redactedEntry } from '../domain/retention'
import type { CreateResult, IdentityRecord, Reminder, SearchFilters, SearchQuery, StaffMember, Stats, Store, UpdateResult } from './port'
import { groupCommit } from './group-commit'
import { CursorError, cursorFor, encodeCursor } from './cursor'
import { UNKEYED_TEST_CRYPTO, last4Index, openFiling, openJson, personIndex, sealFiling, sealJson, type FieldCrypto } from '../crypto/fields'
import { NO_END_DATE } from './sqlite-schema'
import { openSqliteDatabase } from './sqlite-open'
import { LAST_REAL_DATE, NEEDS_MATERIALS_SQL, and, minDate, whereOf, wholeNumber } from './sqlite-sql'
import { searchRows, type PageRow, type Runner } from './sqlite-search'

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
    const { seqs, total, last } = searchRows(query, runSearch, undefined, crypto)
    const bySeq = new Map(records.all(JSON.stringify(seqs)).map((row) => [row.seq, row.record]))
    const { key, direction } = query.sort
    const more = last !== null && seqs.length === wholeNumber(query.pageSize, 1) && wholeNumber(query.page, 1) * wholeNumber(query.pageSize, 1) < total
    const next = more ? encodeCursor({ key, direction, value: last.k, tie: last.seq }) : null
    return { items: seqs.map((seq) => parseRecord({ record: bySeq.get(seq) as string }) as FilingRecord), total, next }
  })

  /** An export's slice: by key on (filed_on, seq), the filings_by_filed order; one row more says whether any follow. */
  const exportPage = db.transaction((filters: SearchFilters, today: CalendarDate, after: string | null, limit: number) => {
    const cursor = cursorFor(after, 'filedOn', 'asc')
    if (after && (!cursor || typeof cursor.tie !== 'number')) throw new CursorError()
    const want = wholeNumber(limit, 1)
    const where = and(whereOf(filters, today, crypto), cursor ? { sql: '(f.filed_on, f.seq) > (?, ?)', params: [cursor.value, cursor.tie] } : '')
    const rows = prepare(`SELECT f.seq AS seq, f.filed_on AS k, f.record FROM filings f ${where.sql} ORDER BY f.filed_on, f.seq LIMIT ${want + 1}`).all(...where.params) as (PageRow & { record: string })[]
    const items = rows.slice(0, want)
    const last = items[items.length - 1]
    const next = rows.length > want && last ? encodeCursor({ key: 'filedOn', direction: 'asc', value: last.k, tie: last.seq }) : null
    return { items: parseRecords(items), next }
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
    async exportPage(filters, today, after, limit) {
      return exportPage(filters, today, after, limit)
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
