// The access log in SQLite. The table is created here (CREATE TABLE IF NOT EXISTS), not as a numbered
// migration of sqlite-schema.ts, so that it does not depend on the filings schema's versions (the
// store's own migrations never touch it). Locally it lives in filings.db itself, through a second
// connection (server/main.ts): WAL lets it read beside the store, and since every better-sqlite3
// transaction is synchronous the two connections never wait on each other across an await. Writes go
// through a group commit of their own (group-commit.ts): the list queries of one turn of the event
// loop share one fsync. Triggers keep the table append-only.
import Database from 'better-sqlite3'
import { groupCommit } from './group-commit'
import { openText, sealText, upperBound, type AccessEntry, type AccessLog, type LogSeal } from './access-log'

export const ACCESS_LOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS access_log (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  at        TEXT NOT NULL,
  staff     TEXT NOT NULL,
  action    TEXT NOT NULL,
  filters   TEXT,
  page      INTEGER,
  rows      INTEGER,
  filing_id TEXT,
  file_id   TEXT,
  reason    TEXT
);
CREATE INDEX IF NOT EXISTS access_log_at ON access_log (at);
CREATE INDEX IF NOT EXISTS access_log_staff_at ON access_log (staff, at);
CREATE TRIGGER IF NOT EXISTS access_log_no_update BEFORE UPDATE ON access_log BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS access_log_no_delete BEFORE DELETE ON access_log BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
`

interface Row {
  at: string
  staff: string
  action: AccessEntry['action']
  filters: string | null
  page: number | null
  rows: number | null
  filing_id: string | null
  file_id: string | null
  reason: string | null
}

const entryOf = (row: Row, seal: LogSeal | undefined): AccessEntry => {
  const filters = openText(seal, row.filters)
  return {
    at: row.at,
    staff: row.staff,
    action: row.action,
    filters: filters ? (JSON.parse(filters) as Record<string, unknown>) : null,
    page: row.page,
    rows: row.rows,
    filingId: row.filing_id,
    fileId: row.file_id,
    reason: openText(seal, row.reason),
  }
}

/** Opens (or creates) the log in `file`, or uses an already-open database; `seal`: see LogSeal. */
export function sqliteAccessLog(source: string | Database.Database, seal?: LogSeal): AccessLog {
  const owned = typeof source === 'string'
  const db = owned ? new Database(source) : source
  if (owned) {
    db.pragma('busy_timeout = 5000')
    if (source !== ':memory:') db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
  }
  const commits = groupCommit(db)
  db.exec(ACCESS_LOG_SCHEMA)
  const insert = db.prepare(
    `INSERT INTO access_log (at, staff, action, filters, page, rows, filing_id, file_id, reason)
     VALUES (@at, @staff, @action, @filters, @page, @rows, @filingId, @fileId, @reason)`,
  )
  return {
    async record(entry) {
      const row = { ...entry, filters: sealText(seal, entry.filters ? JSON.stringify(entry.filters) : null), reason: sealText(seal, entry.reason) }
      await commits.write(() => insert.run(row))
    },
    async list(query) {
      const where: string[] = []
      const params: Record<string, unknown> = {}
      const when = (value: string | undefined, condition: string, name: string, param = value) => {
        if (!value) return
        where.push(condition)
        params[name] = param
      }
      when(query.staff, 'staff = @staff', 'staff')
      when(query.action, 'action = @action', 'action')
      when(query.from, 'at >= @from', 'from')
      when(query.to, 'at <= @to', 'to', query.to && upperBound(query.to))
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
      const { total } = db.prepare(`SELECT count(*) AS total FROM access_log ${clause}`).get(params) as { total: number }
      const rows = db
        .prepare(`SELECT * FROM access_log ${clause} ORDER BY at DESC, seq DESC LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }) as Row[]
      return { items: rows.map((row) => entryOf(row, seal)), total }
    },
    close() {
      commits.flush()
      if (owned) db.close()
    },
  }
}
