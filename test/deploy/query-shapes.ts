// The queries the CloudBase adapter issues, and which declared index (deploy/database.json) serves each.
//
// recordingDatabase() is a wx-server-sdk `Database` that answers every query with nothing and records
// its shape (collection, where, orderBy); servedBy() applies CloudBase's index rules to a shape:
// equality fields form a prefix of the index, then the sort fields follow in order, their directions
// all as the index's or all reversed (developers.weixin.qq.com …/wxcloud/guide/database/index: 组合索引,
// 索引前缀; "A 升序 B 降序" serves A asc B desc or A desc B asc, not A asc B asc).
import type { Database, DbAggregate, DbCommand, DbQuery, Doc, Transaction } from '../../src/backend/store/cloudbase'
import type { IndexKeys } from '../../scripts/deploy-plan'

class Op {
  constructor(
    readonly name: 'gte' | 'lte' | 'in' | 'nin' | 'and' | 'or',
    readonly operands: readonly unknown[],
  ) {}
}

const command: DbCommand = {
  gte: (value) => new Op('gte', [value]),
  lte: (value) => new Op('lte', [value]),
  in: (values) => new Op('in', [...values]),
  nin: (values) => new Op('nin', [...values]),
  and: (expressions) => new Op('and', [...expressions]),
  or: (expressions) => new Op('or', [...expressions]),
  aggregate: { sum: (expression) => ({ $sum: expression }) },
}

export interface RecordedQuery {
  /** `<collection>.<method>`: the method is the one running when the query was made. */
  name: string
  kind: 'get' | 'count' | 'aggregate'
  where: object | null
  sort: [string, 1 | -1][]
  /** What the test was exercising (a search's filter and sort). */
  detail: string
}

/** A Database that records every query outside transactions and finds nothing. */
export function recordingDatabase() {
  const queries: RecordedQuery[] = []
  let method = '?'
  let detail = ''

  function query(collection: string, where: object | null, sort: [string, 1 | -1][]): DbQuery {
    const record = (kind: RecordedQuery['kind']) => queries.push({ name: `${collection}.${method}`, kind, where, sort, detail })
    const self: DbQuery = {
      where: (condition) => query(collection, condition, sort),
      orderBy: (field, direction) => query(collection, where, [...sort, [field, direction === 'asc' ? 1 : -1]]),
      skip: () => self,
      limit: () => self,
      get: async () => (record('get'), { data: [] as Doc[] }),
      count: async () => (record('count'), { total: 0 }),
    }
    return self
  }

  function aggregate(collection: string): DbAggregate {
    const self: DbAggregate = {
      group: () => self,
      sort: () => self,
      skip: () => self,
      limit: () => self,
      end: async () => {
        queries.push({ name: `${collection}.${method}`, kind: 'aggregate', where: null, sort: [], detail })
        return { list: [] }
      },
    }
    return self
  }

  const tx: Transaction = {
    collection: () => ({
      doc: () => ({ get: async () => ({ data: null }), set: async () => ({}), update: async () => ({}), remove: async () => ({}) }),
      add: async () => ({}),
    }),
  }

  const db: Database = {
    command,
    collection: (name) => ({
      ...query(name, null, []),
      doc: () => ({ update: async () => ({ stats: { updated: 0 } }) }),
      add: async ({ data }) => ({ _id: String(data._id ?? 'new') }),
      aggregate: () => aggregate(name),
    }),
    runTransaction: async (callback) => callback(tx),
  }

  /** Runs `work` with its queries named after `name` (and `note` kept as their detail). */
  async function as<T>(name: string, work: () => Promise<T>, note = ''): Promise<T> {
    method = name
    detail = note
    try {
      return await work()
    } finally {
      method = '?'
      detail = ''
    }
  }

  return { db, queries, as }
}

// ---------------------------------------------------------------------------------------------
// Shapes and coverage

type Constraint = 'eq' | 'range' | 'residual'
type Fields = Record<string, Constraint>
const STRENGTH: Record<Constraint, number> = { residual: 0, range: 1, eq: 2 }

function constraintOf(value: unknown): Constraint {
  if (value instanceof Op) {
    if (value.name === 'in') return 'eq'
    if (value.name === 'gte' || value.name === 'lte') return 'range'
    if (value.name === 'and' && value.operands.every((o) => o instanceof Op && (o.name === 'gte' || o.name === 'lte'))) return 'range'
    return 'residual'
  }
  // An anchored regex is a range of the index (a prefix).
  if (value instanceof RegExp) return value.source.startsWith('^') ? 'range' : 'residual'
  return 'eq'
}

function merge(a: Fields, b: Fields): Fields {
  const out = { ...a }
  for (const [field, c] of Object.entries(b)) if (!out[field] || STRENGTH[c] > STRENGTH[out[field]]) out[field] = c
  return out
}

/** A condition as what every match must satisfy (`common`) and, for an `_.or`, one of `alternatives`. */
export function shapeOf(where: object | null): { common: Fields; alternatives: Fields[] | null } {
  if (!where) return { common: {}, alternatives: null }
  if (where instanceof Op) {
    if (where.name === 'or') return { common: {}, alternatives: where.operands.map((o) => alternativeOf(o as object)) }
    if (where.name === 'and') {
      let common: Fields = {}
      let alternatives: Fields[] | null = null
      for (const part of where.operands.map((o) => shapeOf(o as object))) {
        common = merge(common, part.common)
        if (part.alternatives) alternatives = alternatives ? alternatives.flatMap((a) => part.alternatives!.map((b) => merge(a, b))) : part.alternatives
      }
      return { common, alternatives }
    }
    throw new Error(`${where.name} at the root of a query`)
  }
  const common: Fields = {}
  for (const [field, value] of Object.entries(where)) if (value !== undefined) common[field] = constraintOf(value)
  return { common, alternatives: null }
}

/** One branch of an `_.or` (the adapter nests no `_.or` in another). */
function alternativeOf(branch: object): Fields {
  const { common, alternatives } = shapeOf(branch)
  if (alternatives) throw new Error('an _.or inside an _.or')
  return common
}

export interface NamedIndex {
  name: string
  keys: IndexKeys
}

/** The index every collection has. */
export const ID_INDEX: NamedIndex = { name: '_id', keys: [{ name: '_id', direction: '1' }] }

/** 'sorted': the index gives the order (and any equality prefix); 'narrowed': it only narrows. */
function use(index: NamedIndex, fields: Fields, sort: [string, 1 | -1][]): 'sorted' | 'narrowed' | null {
  const keys = index.keys
  let i = 0
  while (i < keys.length && fields[keys[i].name] === 'eq') i += 1
  if (sort.length > 0) {
    const span = keys.slice(i, i + sort.length)
    if (span.length === sort.length && span.every((key, j) => key.name === sort[j][0])) {
      const signs = span.map((key, j) => (key.direction === '1' ? 1 : -1) * sort[j][1])
      if (signs.every((sign) => sign === signs[0])) return 'sorted'
    }
  }
  if (i > 0 || (i < keys.length && fields[keys[i].name] === 'range')) return 'narrowed'
  return null
}

export interface Coverage {
  /** 'index': filter and order from indexes; 'narrowed': indexes narrow, the order is sorted in memory; 'scan': no index. */
  outcome: 'index' | 'narrowed' | 'scan'
  /** The indexes that give that outcome. */
  indexes: string[]
}

/** How `query` is served by `declared` (plus the `_id` index). */
export function servedBy(query: RecordedQuery, declared: readonly NamedIndex[]): Coverage {
  if (query.kind === 'aggregate') return { outcome: 'scan', indexes: [] }
  const indexes = [ID_INDEX, ...declared]
  const { common, alternatives } = shapeOf(query.where)
  // A count with no condition is the collection's size.
  if (query.kind === 'count' && Object.keys(common).length === 0 && !alternatives) return { outcome: 'index', indexes: [] }
  const sorting = indexes.filter((index) => use(index, common, query.sort) === 'sorted')
  if (sorting.length > 0) return { outcome: 'index', indexes: sorting.map((index) => index.name) }
  const sorted = query.sort.length === 0 ? 'index' : 'narrowed'
  const narrowing = indexes.filter((index) => use(index, common, query.sort) !== null)
  if (narrowing.length > 0) return { outcome: sorted, indexes: narrowing.map((index) => index.name) }
  if (alternatives) {
    const each = alternatives.map((alternative) => indexes.filter((index) => use(index, merge(common, alternative), []) !== null))
    if (each.every((found) => found.length > 0)) return { outcome: sorted, indexes: [...new Set(each.flat().map((index) => index.name))] }
  }
  return { outcome: 'scan', indexes: [] }
}
