// The access log: what staff read (lists, exports, proofs, reveals), for staff with the `audit` role
// (admin.accessLog). Its own small port beside the Store, with a SQLite adapter (access-log-sqlite.ts),
// a CloudBase adapter (access-log-cloudbase.ts, collection `access_log`) and an in-memory one here.
// No entry ever holds a full ID number or phone: the search text `q` of a list or export is kept as
// typed (a name is what an auditor needs to see whose data was looked up) except that any run of 7 or
// more digits (an ID number or phone, whole or in part) is masked like everywhere else.
import { maskMiddle } from '../../rules/identity/mask'

export const ACCESS_ACTIONS = ['list', 'export', 'proof', 'reveal'] as const
export type AccessAction = (typeof ACCESS_ACTIONS)[number]

export interface AccessEntry {
  /** ISO time of the request (the server clock, or locally X-Dev-Now). */
  at: string
  /** The staff member's openid. */
  staff: string
  action: AccessAction
  /** The filters of a list or export (q masked by `safeFilters`); null otherwise. */
  filters: Record<string, unknown> | null
  /** The page of a list; null otherwise. */
  page: number | null
  /** Rows returned by a list or export; null otherwise. */
  rows: number | null
  /** The filing read (proof, reveal); null otherwise. */
  filingId: string | null
  /** The file read (proof); null otherwise. */
  fileId: string | null
  /** The reason given (reveal); null otherwise. */
  reason: string | null
}

export interface AccessLogQuery {
  page: number
  pageSize: number
  staff?: string
  action?: AccessAction
  /** ISO date or time bounds on `at`, inclusive (a bare date `to` covers that whole day). */
  from?: string
  to?: string
}

/**
 * Free text of an entry (the filters, whose `q` may hold a name, and a reveal's reason) is sealed at
 * rest with the store's field key when one is given (crypto/fields.ts); staff, action and time stay
 * plain so that the log can be filtered by them.
 */
export type LogSeal = { encrypt(text: string): string; decrypt(sealed: string): string }

/** Seals `text` (null stays null) with `seal`, or leaves it as is without one. */
export const sealText = (seal: LogSeal | undefined, text: string | null) => (text === null || !seal ? text : seal.encrypt(text))
export const openText = (seal: LogSeal | undefined, text: string | null) => (text === null || !seal ? text : seal.decrypt(text))

export interface AccessLog {
  record(entry: AccessEntry): Promise<void>
  /** Newest first. */
  list(query: AccessLogQuery): Promise<{ items: AccessEntry[]; total: number }>
  close?(): Promise<void> | void
}

/** Runs of 7+ digits (with a trailing X of an ID number) masked; anything else as given. */
export function maskDigits(text: string): string {
  return text.replace(/\d{6,}[\dXx]/g, (run) => maskMiddle(run))
}

/** The filters as logged: `q` through maskDigits, the rest as given. */
export function safeFilters(filters: Record<string, unknown>): Record<string, unknown> {
  return typeof filters.q === 'string' ? { ...filters, q: maskDigits(filters.q) } : { ...filters }
}

/** The upper bound of `to`: a bare date covers its whole day. */
export const upperBound = (to: string) => (/^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T23:59:59.999Z` : to)

export function matches(entry: AccessEntry, query: AccessLogQuery): boolean {
  if (query.staff && entry.staff !== query.staff) return false
  if (query.action && entry.action !== query.action) return false
  if (query.from && entry.at < query.from) return false
  if (query.to && entry.at > upperBound(query.to)) return false
  return true
}

/** For tests, benchmarks and the demo: kept in memory, gone at exit. */
export function memoryAccessLog(): AccessLog {
  const entries: AccessEntry[] = []
  return {
    async record(entry) {
      entries.push(entry)
    },
    async list(query) {
      const all = entries.filter((entry) => matches(entry, query)).reverse()
      const start = (query.page - 1) * query.pageSize
      return { items: all.slice(start, start + query.pageSize), total: all.length }
    },
  }
}
