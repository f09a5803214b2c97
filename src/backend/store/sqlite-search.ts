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
export const COST = {
  /** Reading one entry of a covering index and testing the filters on it. */
  scan: 0.17,
  /** Keeping one match in the sorter of an ORDER BY … LIMIT. */
  sort: 0.45,
  /** Reading one filing's row (for a filter no index holds: the search box, the queues). */
  lookup: 1.5,
}

/** filing_start_counts' bounds of each sort key but startDate (whose own range is the filter). */
export const BOUND_COLUMNS: Partial<Record<SortKey, [string, string]>> = {
  filedOn: ['min_filed', 'max_filed'],
  updatedAt: ['min_updated', 'max_updated'],
  validUntil: ['min_until', 'max_until'],
}

/** Name-prefix entries counted exactly before the search box's prefix is called wide. */
export const WIDE_NAME = 5000

/** Covering index (filings_by_*) walked for each sort key: (key, seq, every filter column…). */
export const SORT_INDEXES: Record<SortKey, string> = {
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
export interface Source {
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
): { seqs: number[]; total: number; last: PageRow | null } {
  const { filters, today } = query
  const pageSize = wholeNumber(query.pageSize, 1)
  const offset = (wholeNumber(query.page, 1) - 1) * pageSize
  const key = query.sort.key
  const column = SORT_COLUMNS[key]
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC'
  // Key-based paging (store/cursor.ts): the rows after the cursor's (sort value, seq) in the order,
  // read from the chosen index at that key, never by an offset.
  const cursor = cursorFor(query.after, key, query.sort.direction)
  if (query.after && (!cursor || typeof cursor.tie !== 'number')) throw new CursorError()
  const afterSql: Sql | '' = cursor ? { sql: `(f.${column}, f.seq) ${direction === 'ASC' ? '>' : '<'} (?, ?)`, params: [cursor.value, cursor.tie] } : ''
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
        const a = and(main(segment), afterSql)
        const rows = `SELECT f.seq AS seq, f.${column} AS k FROM filings f ${indexed} ${a.sql}`
        if (!q) return { sql: `${rows} ${order(take)} OFFSET ${skip}`, params: a.params }
        const b = and(others(segment), afterSql)
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
  const pageOf = (segment: Segment, matches: number, skip: number, take: number): PageRow[] => {
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
    return (run({ ...statement, purpose: 'page' }) as PageRow[]).map((row) => ({ seq: row.seq, k: row.k }))
  }

  if (countOnly) return { seqs: [], total: countSegment(countOnly), last: null }
  const segments: Segment[] = key !== 'validUntil' ? ['all'] : direction === 'ASC' ? ['dated', 'open'] : ['open', 'dated']
  const counts = segments.map(countSegment)
  const total = counts.reduce((sum, n) => sum + n, 0)
  const rows: PageRow[] = []
  // After a cursor each segment is read from its key on (one wholly before the cursor gives nothing).
  let skip = cursor ? 0 : offset
  for (let i = 0; i < segments.length && rows.length < pageSize; i += 1) {
    if (counts[i] === 0 || (!cursor && skip >= counts[i])) {
      skip -= cursor ? 0 : counts[i]
      continue
    }
    const take = cursor ? pageSize - rows.length : Math.min(pageSize - rows.length, counts[i] - skip)
    rows.push(...pageOf(segments[i], counts[i], skip, take))
    skip = 0
  }
  return { seqs: rows.map((row) => row.seq), total, last: rows[rows.length - 1] ?? null }
}

/** A row of a page: its number and its sort key's value (what a cursor after it holds). */
export interface PageRow {
  seq: number
  k: string
}
