// Which declared index (deploy/database.json) serves a query: CloudBase's index rules, in one place for
// the two that need them — the deploy tests (index-coverage.test.ts, through query-shapes.ts, which
// record the adapter's queries) and the wx-server-sdk stand-in (test/backend/fake-wx-server-sdk.ts),
// which refuses a query no declared index serves, as the service would at a province's scale.
//
// The rules (developers.weixin.qq.com …/wxcloud/guide/database/index: 组合索引, 索引前缀): equality
// fields form a prefix of the index, then the sort fields follow in order, their directions all as the
// index's or all reversed ("A 升序 B 降序" serves A asc B desc or A desc B asc, not A asc B asc); a range
// (or an anchored regex) on the next field narrows. Our own reading on top: a `get` with no condition
// and no order reads the collection in its natural order and stops at its limit, so it is served.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { DATABASE_FILE, loadManifest, type DatabaseFile, type IndexKeys } from '../../scripts/deploy-plan'

export type OpName = 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'and' | 'or'

/** A query operator as `db.command` builds it. Both the recording database and the stand-in make these. */
export class Op {
  constructor(
    readonly name: OpName,
    readonly operands: readonly unknown[],
  ) {}
}

/** `db.command`'s query operators (each caller adds its own `aggregate`). */
export const queryOperators = {
  gt: (value: unknown) => new Op('gt', [value]),
  gte: (value: unknown) => new Op('gte', [value]),
  lt: (value: unknown) => new Op('lt', [value]),
  lte: (value: unknown) => new Op('lte', [value]),
  in: (values: readonly unknown[]) => new Op('in', [...values]),
  nin: (values: readonly unknown[]) => new Op('nin', [...values]),
  and: (expressions: readonly object[]) => new Op('and', [...expressions]),
  or: (expressions: readonly object[]) => new Op('or', [...expressions]),
}

/** What the rules look at: the kind of request, its condition and its order. */
export interface QueryShape {
  kind: 'get' | 'count' | 'aggregate'
  where: object | null
  sort: [string, 1 | -1][]
}

// ---------------------------------------------------------------------------------------------
// Shapes and coverage

type Constraint = 'eq' | 'range' | 'residual'
type Fields = Record<string, Constraint>
const STRENGTH: Record<Constraint, number> = { residual: 0, range: 1, eq: 2 }

const RANGE_OPS = new Set<OpName>(['gt', 'gte', 'lt', 'lte'])

function constraintOf(value: unknown): Constraint {
  if (value instanceof Op) {
    if (value.name === 'in') return 'eq'
    if (RANGE_OPS.has(value.name)) return 'range'
    if (value.name === 'and' && value.operands.every((o) => o instanceof Op && RANGE_OPS.has(o.name))) return 'range'
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
export function servedBy(query: QueryShape, declared: readonly NamedIndex[]): Coverage {
  if (query.kind === 'aggregate') return { outcome: 'scan', indexes: [] }
  const indexes = [ID_INDEX, ...declared]
  const { common, alternatives } = shapeOf(query.where)
  const unconditional = Object.keys(common).length === 0 && !alternatives
  // A count with no condition is the collection's size; a get with neither condition nor order reads
  // the collection as it lies and stops at its limit.
  if (unconditional && (query.kind === 'count' || query.sort.length === 0)) return { outcome: 'index', indexes: [] }
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

// ---------------------------------------------------------------------------------------------
// The manifest as the stand-in enforces it

/** A scan the manifest allows (deploy/database.json `scans` with `kind` and `fields`). */
export interface AllowedScan {
  /** `<collection>.<method>`, as the manifest names it. */
  query: string
  collection: string
  kind: QueryShape['kind']
  /** Every field of the condition (and of the order) is one of these. */
  fields: readonly string[]
}

export interface IndexRules {
  /** The declared indexes of each collection; a collection not listed has only its `_id` index. */
  indexes: Readonly<Record<string, readonly NamedIndex[]>>
  scans: readonly AllowedScan[]
}

/** The rules deploy/database.json declares. A scan entry without `kind` and `fields` documents, it allows nothing. */
export function indexRules(database: DatabaseFile): IndexRules {
  return {
    indexes: Object.fromEntries(Object.entries(database.collections).map(([name, c]) => [name, c.indexes.map(({ name: index, keys }) => ({ name: index, keys }))])),
    scans: database.scans.flatMap((scan) =>
      scan.kind && scan.fields ? [{ query: scan.query, collection: scan.query.split('.')[0], kind: scan.kind, fields: scan.fields }] : [],
    ),
  }
}

/** The repository root: the nearest folder above this file (or the working directory) holding the manifest. */
export function repositoryRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, DATABASE_FILE))) return dir
      if (dirname(dir) === dir) break
    }
  }
  throw new Error(`no ${DATABASE_FILE} above ${__dirname} or ${process.cwd()}`)
}

let cached: IndexRules | null = null
/** deploy/database.json's rules, read once. */
export function manifestIndexRules(): IndexRules {
  cached ??= indexRules(loadManifest(repositoryRoot()).database)
  return cached
}

function fieldsOf(query: QueryShape): string[] {
  const { common, alternatives } = shapeOf(query.where)
  return [...new Set([...Object.keys(common), ...(alternatives ?? []).flatMap((a) => Object.keys(a)), ...query.sort.map(([field]) => field)])]
}

/**
 * Why `rules` refuse `query` on `collection`, or null when a declared index serves it (wholly, or by
 * narrowing the candidates that are then sorted in memory) or it is a scan the manifest allows.
 */
export function refusal(collection: string, query: QueryShape, rules: IndexRules): string | null {
  if (servedBy(query, rules.indexes[collection] ?? []).outcome !== 'scan') return null
  const fields = fieldsOf(query)
  const allowed = rules.scans.some((scan) => scan.collection === collection && scan.kind === query.kind && fields.every((field) => scan.fields.includes(field)))
  if (allowed) return null
  const order = query.sort.map(([field, direction]) => `${field} ${direction === 1 ? 'asc' : 'desc'}`).join(', ')
  return `no declared index of ${collection} serves this ${query.kind} (fields: ${fields.join(', ') || 'none'}${order ? `; order: ${order}` : ''}), and ${DATABASE_FILE} names no such scan`
}
