// The SQLite store's list at scale: `searchRows`, the planner that chooses how to count and page a
// back-office search from cheap counts (its method in the comment below).
import { addDays, type StaffState } from '../../rules'
import type { SearchQuery, SortKey } from './port'
import { CursorError, cursorFor } from './cursor'
import { UNKEYED_TEST_CRYPTO, last4Index, type FieldCrypto } from '../crypto/fields'
import { AGENT_SQL, LAST_REAL_DATE, NEEDS_MATERIALS_SQL, REVIEW_QUEUE_SQL, SEGMENT_SQL, SORT_COLUMNS, and, dateLiteral, extrasOf, groupsFrom, groupsOf, hasFilter, minDate, splitStates, stateTerms, whereOf, wholeNumber, type Groups, type Segment, type Sql } from './sqlite-sql'

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
 * One `search` call as a plan: what the query asks (its fields, read once) and the named steps that
 * count and choose (its methods). Each count runs once per call however often a choice asks for it.
 */
class SearchPlan {
  constructor(
    readonly query: SearchQuery,
    readonly run: Runner,
    readonly path: 'walk' | 'filter' | undefined,
    readonly crypto: FieldCrypto,
  ) {
    if (this.query.after && (!this.cursor || typeof this.cursor.tie !== 'number')) throw new CursorError()
  }

  readonly filters = this.query.filters
  readonly today = this.query.today
  readonly pageSize = wholeNumber(this.query.pageSize, 1)
  readonly offset = (wholeNumber(this.query.page, 1) - 1) * this.pageSize
  readonly key = this.query.sort.key
  readonly column = SORT_COLUMNS[this.key]
  readonly direction = this.query.sort.direction === 'asc' ? 'ASC' : 'DESC'

  // Key-based paging (store/cursor.ts): the rows after the cursor's (sort value, seq) in the order,
  // read from the chosen index at that key, never by an offset.
  readonly cursor = cursorFor(this.query.after, this.key, this.query.sort.direction)
  readonly afterSql: Sql | '' = this.cursor ? { sql: `(f.${this.column}, f.seq) ${this.direction === 'ASC' ? '>' : '<'} (?, ?)`, params: [this.cursor.value, this.cursor.tie] } : ''
  readonly where = whereOf(this.filters, this.today, this.crypto)
  readonly groups = groupsOf(this.filters)
  readonly hasExtras = hasFilter(extrasOf(this.filters), this.today, this.crypto)

  // Each count runs once per call, however often the choices below ask for it.
  readonly known = new Map<string, number>()

  number(statement: Sql, purpose: SearchStatement['purpose'] = 'probe'): number {
    const memo = JSON.stringify([statement.sql, statement.params])
    let n = this.known.get(memo)
    if (n === undefined) {
      n = Number((this.run({ ...statement, purpose }) as { n: number | null } | undefined)?.n ?? 0)
      this.known.set(memo, n)
    }
    return n
  }

  groupCount(segment: Segment, g: Groups = this.groups) {
    const from = groupsFrom(g, segment)
    return this.number({ sql: `SELECT sum(c.n) AS n ${from.sql}`, params: from.params })
  }

  // Start-date range and expiring soon: index ranges, sized before they are read.
  readonly startFrom = this.filters.startFrom !== undefined ? dateLiteral(this.filters.startFrom) : null
  readonly startTo = this.filters.startTo !== undefined ? dateLiteral(this.filters.startTo) : null
  readonly hasStart = this.startFrom !== null || this.startTo !== null
  readonly startWhere = and({ sql: '', params: [] }, this.startFrom ? `s.start_date >= ${this.startFrom}` : '', this.startTo ? `s.start_date <= ${this.startTo}` : '')

  startCount(...more: (Sql | string)[]) {
    const w = and(this.startWhere, ...more)
    return this.number({ sql: `SELECT sum(s.n) AS n FROM filing_start_counts s ${w.sql}`, params: w.params })
  }

  readonly expiring = this.filters.expiringWithinDays !== undefined

  untilRange() {
    return this.number({
      sql: `SELECT count(*) AS n FROM filings f INDEXED BY filings_active_until WHERE f.status = 'active' AND f.valid_until >= ? AND f.valid_until <= ?`,
      params: [this.today, minDate(addDays(this.today, this.filters.expiringWithinDays ?? 0), LAST_REAL_DATE)],
    })
  }

  // The search box: a name prefix (wide for a surname alone: 王 is a tenth of all filings), or a
  // filing number or the last 4 of an ID number (a few rows each). Every statement then has two
  // branches: the names with the prefix, from the chosen index (each holds the name), and the few
  // filing numbers and ID endings that are not such names, from their own indexes.
  readonly q = this.filters.q?.trim() ?? ''
  readonly rest = this.q ? whereOf({ ...this.filters, q: undefined }, this.today, this.crypto) : this.where

  // The name column holds the keyed prefix index: q's own index is a prefix of it (crypto/fields.ts).
  readonly nq = this.q ? this.crypto.nameIndex(this.q) : ''
  readonly namePrefix: Sql = { sql: 'f.name >= ? AND f.name < ?', params: [this.nq, `${this.nq}\u{10FFFF}`] }

  // Read by row number from the two unique-ish indexes (NOT INDEXED below: never by walking another
  // index that a filter or segment might tempt the planner into).
  readonly notName: Sql = {
    sql:
      'f.seq IN (SELECT seq FROM filings WHERE id IN (?, ?) UNION ALL SELECT seq FROM filings WHERE id_last4 = ?) ' +
      'AND NOT (f.name >= ? AND f.name < ?)',
    params: [this.q, this.q.toUpperCase(), this.q ? last4Index(this.crypto, this.q) : '', this.nq, `${this.nq}\u{10FFFF}`],
  }

  // Names with the prefix: one character from filing_initial_counts, a longer prefix counted up to
  // WIDE_NAME (a wider one is taken as a tenth of all).
  nameEntries() {
    if (Array.from(this.q).length === 1) {
      const names = groupsFrom({}, 'all', this.nq)
      return this.number({ sql: `SELECT sum(c.n) AS n ${names.sql}`, params: names.params })
    }
    const n = this.number({
      sql: `SELECT count(*) AS n FROM (SELECT 1 FROM filings f INDEXED BY filings_by_name WHERE ${this.namePrefix.sql} LIMIT ${WIDE_NAME + 1})`,
      params: this.namePrefix.params,
    })
    return n <= WIDE_NAME ? n : Math.max(n, this.groupCount('all', {}) / 10)
  }

  // Filters no index holds (each read from the filing's row): the review and 抽查 queues.
  private readonly split = splitStates(this.filters.state)
  readonly wholeStatuses = this.split.statuses
  readonly partialStates = this.split.partial
  readonly pendingPartly = this.partialStates.includes('pending_review') || this.partialStates.includes('needs_materials')
  readonly lookups: 0 | 1 = this.filters.needsReviewBy !== undefined || this.filters.spotCheckDue || this.filters.byAgent || this.pendingPartly ? 1 : 0

  // The one state a filter asks for, when no whole status is asked with it: each date state is an index range.
  readonly onlyState = this.partialStates.length === 1 && this.wholeStatuses.length === 0 ? this.partialStates[0] : null
  readonly day = dateLiteral(this.today)

  // Approved filings with an end date that are past it, and filings of any status starting after today.
  expiredSpans(more = '') {
    return this.number({ sql: `SELECT sum(a.n) AS n FROM filing_active_span_counts a WHERE a.valid_until < ${this.day} AND a.start_date <= ${this.day}${more}`, params: [] })
  }

  // Dated filings still running on today (every status: the validUntil index holds them all), roughly.
  runningEntries() {
    return (this.number({ sql: `SELECT sum(a.n) AS n FROM filing_active_span_counts a WHERE a.valid_until >= ${this.day}`, params: [] }) * this.groupCount('dated', {})) /
    Math.max(this.groupCount('dated', { status: ['active'] }), 1)
  }

  futureStarts(more = '') {
    return this.number({ sql: `SELECT sum(s.n) AS n FROM filing_start_counts s WHERE s.start_date > ${this.day}${more}`, params: [] })
  }

  needsMaterials(segment: Segment) {
    return this.number({ sql: `SELECT count(*) AS n FROM filings f INDEXED BY filings_needs_materials ${and({ sql: '', params: [] }, NEEDS_MATERIALS_SQL, SEGMENT_SQL[segment]).sql}`, params: [] })
  }

  /** The whole WHERE clause read through one index (`seek`: conditions that make it seek). */
  single(name: string, index: string, entries: number, seek: Sql | string, reads: 0 | 1): Source {
    const indexed = index ? `INDEXED BY ${index}` : ''
    const main = (segment: Segment) => and(this.q ? and(this.rest, this.namePrefix) : this.where, seek, SEGMENT_SQL[segment])
    const others = (segment: Segment) => and(this.rest, this.notName, SEGMENT_SQL[segment])
    return {
      name,
      entries,
      lookups: reads,
      count: (segment) => {
        const a = main(segment)
        if (!this.q) return { sql: `SELECT count(*) AS n FROM filings f ${indexed} ${a.sql}`, params: a.params }
        const b = others(segment)
        return {
          sql: `SELECT (SELECT count(*) FROM filings f ${indexed} ${a.sql}) + (SELECT count(*) FROM filings f NOT INDEXED ${b.sql}) AS n`,
          params: [...a.params, ...b.params],
        }
      },
      page: (segment, skip, take) => {
        const order = (limit: number) => `ORDER BY k ${this.direction}, seq ${this.direction} LIMIT ${limit}`
        const a = and(main(segment), this.afterSql)
        const rows = `SELECT f.seq AS seq, f.${this.column} AS k FROM filings f ${indexed} ${a.sql}`
        if (!this.q) return { sql: `${rows} ${order(take)} OFFSET ${skip}`, params: a.params }
        const b = and(others(segment), this.afterSql)
        return {
          sql:
            `SELECT seq, k FROM (${rows} ${order(skip + take)}) ` +
            `UNION ALL SELECT f.seq AS seq, f.${this.column} AS k FROM filings f NOT INDEXED ${b.sql} ${order(take)} OFFSET ${skip}`,
          params: [...a.params, ...b.params],
        }
      },
    }
  }

  /** The ways to the matches of `segment` that read no more than they must, cheapest first. */
  sourcesFor(segment: Segment): Source[] {
    const from = groupsFrom(this.groups, segment)
    // The equality filters as seeks into filings_groups: every (status, category, policy, province)
    // the count table has ever held (emptied ones too: the seeks rely only on every filing's group
    // having its row there, which the insert and update triggers make so).
    const seekFrom = groupsFrom(this.groups, segment, undefined, true)
    const groupSeek = {
      sql: `(f.status, f.category, f.policy_id, f.province_code) IN (SELECT c.status, c.category, c.policy_id, c.province_code ${seekFrom.sql})`,
      params: seekFrom.params,
    }
    // Seeks reach (status, category, policy, province): a city is tested in the index, over its whole
    // province. With the search box each group is sought on the name prefix too: about its share.
    const sought = this.groups.city_code
      ? this.number({ sql: `SELECT sum(p.n) AS n FROM filing_province_counts p WHERE (p.status, p.category, p.policy_id, p.province_code, p.open_ended) IN (SELECT c.status, c.category, c.policy_id, c.province_code, c.open_ended ${from.sql})`, params: from.params })
      : this.groupCount(segment)
    const all = this.groupCount(segment, {})
    const groupEntries = this.q ? (sought * Math.min(this.nameEntries(), all)) / Math.max(all, 1) + 1000 : sought
    const sources = [this.single('groups', 'filings_groups', groupEntries, groupSeek, this.lookups)]
    if (this.hasStart) sources.push(this.single('start', 'filings_by_start', this.startCount(), '', this.lookups))
    if (this.expiring) sources.push(this.single('expiring', 'filings_by_until', this.untilRange(), '', this.lookups))
    if (this.q) sources.push(this.single('search box', 'filings_by_name', this.nameEntries(), '', this.lookups))
    if (this.filters.needsReviewBy !== undefined) {
      // Filings under review (counted) and the few active ones with a change waiting (counted on the index).
      const changes = this.number({ sql: `SELECT count(*) AS n FROM filings f INDEXED BY filings_review_queue WHERE ${REVIEW_QUEUE_SQL} AND f.status = 'active'`, params: [] })
      sources.push(this.single('review', 'filings_review_queue', this.groupCount('all', { status: ['pending_review'] }) + changes, '', 1))
    }
    // A date state alone: its range of the validUntil or startDate index (the index holds every status:
    // the range's entries are counted roughly, by the approved past their end and every future start).
    if (this.onlyState === 'expired') sources.push(this.single('expired', 'filings_by_until', (this.expiredSpans() * all) / Math.max(this.groupCount('all', { status: ['active'] }), 1), `f.valid_until < ${this.day}`, this.lookups))
    if (this.onlyState === 'not_yet_active') sources.push(this.single('not yet active', 'filings_by_start', this.futureStarts(), `f.start_date > ${this.day}`, this.lookups))
    if (this.onlyState === 'active' && segment === 'dated') sources.push(this.single('running', 'filings_by_until', this.runningEntries(), `f.valid_until >= ${this.day}`, this.lookups))
    if (this.onlyState === 'needs_materials') sources.push(this.single('needs materials', 'filings_needs_materials', this.needsMaterials('all'), '', 1))
    // The 抽查 queue is short (checks are done as they come): read first, whatever its length.
    if (this.filters.spotCheckDue) sources.push(this.single('spot check', 'filings_spot_check_due', 0, '', 1))
    if (this.filters.byAgent) {
      // 代办 filings counted up to WIDE_NAME on their partial index (beyond that, taken as a tenth of all).
      const n = this.number({ sql: `SELECT count(*) AS n FROM (SELECT 1 FROM filings f INDEXED BY filings_by_agent WHERE ${AGENT_SQL} LIMIT ${WIDE_NAME + 1})`, params: [] })
      sources.push(this.single('agent', 'filings_by_agent', n <= WIDE_NAME ? n : Math.max(n, this.groupCount('all', {}) / 10), '', 1))
    }
    const cost = (source: Source) => source.entries * (COST.scan + source.lookups * COST.lookup)
    return sources.sort((a, b) => cost(a) - cost(b))
  }

  /** The exact number of matches in `segment`. */
  countSegment(segment: Segment): number {
    const eqTotal = this.groupCount(segment)
    if (!this.hasExtras || eqTotal === 0) return eqTotal
    // A start-date range with at most a status filter: filing_start_counts holds the answer.
    const onlyStart = !hasFilter({ ...extrasOf(this.filters), startFrom: undefined, startTo: undefined }, this.today, this.crypto)
    const byStatusOnly = this.groups.category === undefined && this.groups.policy_id === undefined && this.groups.province_code === undefined && this.groups.city_code === undefined
    if (onlyStart && byStatusOnly) {
      return this.startCount(
        this.groups.status ? { sql: `s.status IN (${this.groups.status.map(() => '?').join(', ')})`, params: [...this.groups.status] } : '',
        segment === 'all' ? '' : `s.open_ended = ${segment === 'open' ? 1 : 0}`,
      )
    }
    // A surname alone (one character), with at most the equality filters but a city: the names from
    // filing_initial_counts, then the filing numbers and ID endings that are not such names.
    if (Array.from(this.q).length === 1 && !this.groups.city_code && !hasFilter({ ...extrasOf(this.filters), q: undefined }, this.today, this.crypto)) {
      const names = groupsFrom(this.groups, segment, this.nq)
      const others = and(this.rest, this.notName, SEGMENT_SQL[segment])
      return this.number(
        {
          sql: `SELECT coalesce((SELECT sum(c.n) ${names.sql}), 0) + (SELECT count(*) FROM filings f NOT INDEXED ${others.sql}) AS n`,
          params: [...names.params, ...others.params],
        },
        'count',
      )
    }
    // 已过期 never holds an open-ended filing: counted over the dated ones (long-term groups are open-ended).
    if (this.onlyState === 'expired' && segment !== 'dated') return segment === 'open' ? 0 : this.countSegment('dated')
    // A state alone, with at most a start-date range: from the count tables, as `stats` (both tables
    // are keyed by the start date too).
    if (this.onlyState && !hasFilter({ ...this.filters, state: undefined, startFrom: undefined, startTo: undefined }, this.today, this.crypto)) {
      const open = segment === 'all' ? '' : ` AND s.open_ended = ${segment === 'open' ? 1 : 0}`
      const range = (table: string) => `${this.startFrom ? ` AND ${table}.start_date >= ${this.startFrom}` : ''}${this.startTo ? ` AND ${table}.start_date <= ${this.startTo}` : ''}`
      if (this.onlyState === 'expired') return this.expiredSpans(range('a'))
      if (this.onlyState === 'not_yet_active') return this.futureStarts(` AND s.status = 'active'${open}${range('s')}`)
      if (this.onlyState === 'needs_materials' && !this.hasStart) return this.needsMaterials(segment)
    }
    // 生效中 with an end date: the short range of end dates still ahead (never the complement below).
    if (this.onlyState === 'active' && segment === 'dated') return this.number(this.sourcesFor(segment)[0].count(segment), 'count')
    const termCount = (state: StaffState[], part: Segment) => searchRows({ ...this.query, filters: { ...this.filters, state } }, this.run, this.path, this.crypto, part).total
    // 已过期 with other filters: when its matches are many (most filings that ended stay expired), the
    // approved dated filings of the groups (count tables) less the 未生效 and the still running ones.
    if (this.onlyState === 'expired' && segment === 'dated') {
      const [best] = this.sourcesFor(segment)
      if (this.runningEntries() + this.futureStarts() < best.entries) {
        return termCount(['not_yet_active', 'active', 'expired'], 'dated') - termCount(['not_yet_active'], 'dated') - termCount(['active'], 'dated')
      }
    }
    const terms = stateTerms(this.filters.state)
    if (terms) {
      return terms.reduce(
        (sum, [sign, state]) => sum + sign * termCount(state, segment),
        0,
      )
    }
    const [best] = this.sourcesFor(segment)
    return this.number(best.count(segment), 'count')
  }

  /**
   * Under a start-date range: the bounds of the sort key over the filings that can match (from
   * filing_start_counts), as a condition that lets a walk of the key's index start and stop there.
   */
  startBounds(segment: Segment): Sql | null {
    const columns = BOUND_COLUMNS[this.key]
    if (!this.hasStart || !columns || (this.key === 'validUntil' && segment === 'open')) return null
    const w = and(
      this.startWhere,
      's.n > 0',
      this.groups.status ? { sql: `s.status IN (${this.groups.status.map(() => '?').join(', ')})`, params: [...this.groups.status] } : '',
      segment === 'all' ? '' : `s.open_ended = ${segment === 'open' ? 1 : 0}`,
    )
    const row = this.run({ sql: `SELECT min(s.${columns[0]}) AS lo, max(s.${columns[1]}) AS hi FROM filing_start_counts s ${w.sql}`, params: w.params, purpose: 'probe' }) as
      | { lo: string | null; hi: string | null }
      | undefined
    if (!row?.lo || !row.hi) return null
    return { sql: `f.${this.column} >= ? AND f.${this.column} <= ?`, params: [row.lo, row.hi] }
  }

  /** Rows [skip, skip + take) of `segment` (which holds `matches` rows) in the sort order. */
  pageOf(segment: Segment, matches: number, skip: number, take: number): PageRow[] {
    const [best] = this.sourcesFor(segment)
    // A walk of the sort key's index passes about (skip + take) × walked / matches entries, `walked`
    // being the range it walks. Expiring soon is a narrow validUntil range, read in order only by a
    // validUntil walk (any other walk would pass half a year of filings first). Every date key follows
    // the start date closely, so under a start-date range the walk starts at the key's bounds there:
    // about the months between them for filedOn, about the range for validUntil; updatedAt's bounds
    // drift (a change comes any time later), so it is costed as passing every filing beyond the range.
    const ranged = (this.key === 'startDate' && this.hasStart) || (this.key === 'validUntil' && this.expiring)
    const bounds = ranged ? null : this.startBounds(segment)
    let walked = this.key === 'startDate' && this.hasStart ? this.startCount() : this.key === 'validUntil' && this.expiring ? this.untilRange() : this.groupCount(segment, {})
    let before = 0
    if (bounds && this.key === 'filedOn') {
      walked = this.number({
        sql: 'SELECT sum(m.n) AS n FROM filing_month_counts m WHERE m.month >= substr(?, 1, 7) AND m.month <= substr(?, 1, 7)',
        params: bounds.params,
      })
    } else if (bounds && this.key === 'validUntil') {
      walked = this.startCount()
    } else if (this.hasStart && !ranged) {
      const side = this.direction === 'DESC' ? (this.startTo ? `s.start_date > ${this.startTo}` : '') : this.startFrom ? `s.start_date < ${this.startFrom}` : ''
      if (side) before = this.number({ sql: `SELECT sum(s.n) AS n FROM filing_start_counts s WHERE ${side}`, params: [] })
    }
    // Entries passing the indexed filters read their row when another filter needs it.
    const passing = Math.min(1, this.groupCount(segment) / Math.max(walked, 1))
    const walkCost =
      this.expiring && !ranged
        ? Infinity
        : (before + ((skip + take) * walked) / Math.max(matches, 1)) * (COST.scan + this.lookups * passing * COST.lookup)
    const filterCost = best.entries * (COST.scan + best.lookups * COST.lookup) + matches * COST.sort
    const walk = this.path ? this.path === 'walk' : walkCost <= filterCost
    const statement = (walk ? this.single('walk', SORT_INDEXES[this.key], walked, bounds ?? '', this.lookups) : best).page(segment, skip, take)
    return (this.run({ ...statement, purpose: 'page' }) as PageRow[]).map((row) => ({ seq: row.seq, k: row.k }))
  }
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
): { seqs: number[]; total: number; last: PageRow | null } {
  const plan = new SearchPlan(query, run, path, crypto)
  if (countOnly) return { seqs: [], total: plan.countSegment(countOnly), last: null }
  const segments: Segment[] = plan.key !== 'validUntil' ? ['all'] : plan.direction === 'ASC' ? ['dated', 'open'] : ['open', 'dated']
  const counts = segments.map((segment) => plan.countSegment(segment))
  const total = counts.reduce((sum, n) => sum + n, 0)
  const rows: PageRow[] = []

  // After a cursor each segment is read from its key on (one wholly before the cursor gives nothing).
  let skip = plan.cursor ? 0 : plan.offset
  for (let i = 0; i < segments.length && rows.length < plan.pageSize; i += 1) {
    if (counts[i] === 0 || (!plan.cursor && skip >= counts[i])) {
      skip -= plan.cursor ? 0 : counts[i]
      continue
    }
    const take = plan.cursor ? plan.pageSize - rows.length : Math.min(plan.pageSize - rows.length, counts[i] - skip)
    rows.push(...plan.pageOf(segments[i], counts[i], skip, take))
    skip = 0
  }
  return { seqs: rows.map((row) => row.seq), total, last: rows[rows.length - 1] ?? null }
}

/** A row of a page: its number and its sort key's value (what a cursor after it holds). */
export interface PageRow {
  seq: number
  k: string
}
