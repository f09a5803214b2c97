// The SQL of the back-office filters, shared by the store (sqlite.ts) and its planner (sqlite-search.ts):
// the WHERE clause, the derived states as SQL, and the count tables' groups.
import { STAFF_STATES, addDays, type CalendarDate, type FilingStatus, type StaffState } from '../../rules'
import type { SearchFilters, SortKey } from './port'
import { last4Index, type FieldCrypto } from '../crypto/fields'
import { NO_END_DATE } from './sqlite-schema'

/** The last date before "no end date": upper bounds are clamped to it so that open-ended filings never match. */
export const LAST_REAL_DATE = '9999-12-30'

export const SORT_COLUMNS: Record<SortKey, string> = {
  filedOn: 'filed_on',
  startDate: 'start_date',
  validUntil: 'valid_until',
  updatedAt: 'updated_at',
}

/** A `YYYY-MM-DD` date as an SQL string literal; anything else is refused. */
export function dateLiteral(date: CalendarDate): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error('a date filter is written YYYY-MM-DD')
  return `'${date}'`
}

/** At least `min`, a safe integer (so it can be written into SQL as it is). */
export function wholeNumber(value: number, min: number): number {
  const n = Math.floor(value)
  if (!Number.isSafeInteger(n)) throw new Error('page and pageSize are whole numbers')
  return Math.max(min, n)
}

export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a < b ? a : b
}

/** The WHERE clause (over `filings f`) for the back-office filters, with its positional parameters. */
export interface Sql {
  sql: string
  params: unknown[]
}

export function whereOf(filters: SearchFilters, today: CalendarDate, crypto: FieldCrypto): Sql {
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

export const AGENT_SQL = `json_extract(f.record, '$.agent') IS NOT NULL`

/** The same expression as the partial index filings_needs_materials (SCHEMA_V7). */
export const NEEDS_MATERIALS_SQL = `f.status = 'pending_review' AND json_extract(f.record, '$.materialsRequest') IS NOT NULL`

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
export function splitStates(states: readonly StaffState[] | undefined): { statuses: FilingStatus[]; partial: StaffState[] } {
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
export const REVIEW_QUEUE_SQL = `(f.status = 'pending_review' OR (f.status = 'active' AND json_extract(f.record, '$.pendingChange') IS NOT NULL))`

export type Segment = 'all' | 'open' | 'dated'

export const SEGMENT_SQL: Record<Segment, string> = {
  all: '',
  open: `f.valid_until = '${NO_END_DATE}'`,
  dated: `f.valid_until < '${NO_END_DATE}'`,
}

/** The values each equality filter allows (undefined: any), as filing_counts holds them. */
export interface Groups {
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
export function groupsOf(filters: SearchFilters): Groups {
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
export function extrasOf(filters: SearchFilters): SearchFilters {
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
export function stateTerms(states: readonly StaffState[] | undefined): [1 | -1, StaffState[]][] | null {
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

export function hasFilter(filters: SearchFilters, today: CalendarDate, crypto: FieldCrypto): boolean {
  return whereOf(filters, today, crypto).sql !== ''
}

/**
 * `FROM <count table> c WHERE …` for the groups and segment: filing_counts (by city) when a city is
 * asked for, else the smaller filing_province_counts.
 */
export function groupsFrom(groups: Groups, segment: Segment, byInitial?: string, emptiedToo = false): Sql {
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
export function and(where: Sql, ...more: (Sql | string)[]): Sql {
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
