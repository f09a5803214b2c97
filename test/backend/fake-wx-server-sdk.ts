// An in-memory stand-in for exactly the wx-server-sdk calls that src/backend/store/cloudbase.ts makes
// (the `Database` and `CloudStorageApi` interfaces there), and nothing more. NOT a substitute for
// running the functions against a real environment in WeChat DevTools.
//
// Written from wx-server-sdk 4.0.2 and @cloudbase/database 1.4.3 (their source is in node_modules)
// and the WeChat cloud development docs. What it emulates, and how sure that is:
//
// - Collections must exist (created in the console; here `createCollection`); any call on another
//   rejects with -502005 "database collection not exists".                               [documented]
// - Stored data goes through JSON: `undefined` fields vanish, as EJSON serialisation drops them.
// - where(): an object of field conditions (equality, `null` also matching a missing field, RegExp,
//   command operators), or a root `_.and([...])` / `_.or([...])`. A non-object condition, or one whose
//   values are all undefined, throws like the SDK; undefined values are ignored. Array fields match
//   when any element does (`nin` when none does), and gt/gte/lt/lte only compare values of the same type,
//   as in MongoDB. Nested-object conditions are not emulated and throw.     [documented + MongoDB]
// - get(): `{ data }`; at most GET_CAP (1000) documents, however large `limit` is, 100 when no limit is
//   given (the adapter pages by 100 either way). The documents skip() passes over are counted.
//   orderBy() calls accumulate (a repeated field keeps its first position); ties keep insertion order.
//   Sort order across types follows BSON: missing/null < numbers < strings < objects < arrays < booleans.
// - A get whose documents weigh over 1 MB as JSON rejects (RESULT_LIMIT; the error code is a guess), and
//   functionReply() refuses a function reply over 1 MB with -604001 as the service does.
// - count(): `{ total }`. add(): `{ _id }`; an `_id` that exists rejects (errCode -501001, message
//   text uncertain); without `_id` a random 32-hex id. doc(id).update(): `{ stats: { updated } }`
//   (0 for a missing document), flat fields only.                                       [documented]
// - aggregate(): group({ _id: '$field', n: $.sum(1) }) / sort / skip / limit / end() → `{ list }`.
//   Without a limit stage at most 20 rows come back (reported by developers; not in the docs).
// - runTransaction(callback, times = 3), modelled as snapshot isolation with write-write conflicts,
//   MongoDB's model (CloudBase does not document its isolation level):
//   * reads see the database as it was when the transaction began, plus its own writes;
//   * a write to a document that another open transaction has written, or that was committed after
//     this one began, fails at once with a conflict that wx-server-sdk has wrapped into an error
//     WITHOUT a `code` (so runTransaction does not retry it; the adapter must);
//   * a conflict found at commit (a plain write landed on a document this transaction wrote) is thrown
//     with code DATABASE_TRANSACTION_CONFLICT and retried up to `times` more times, as the SDK does;
//   * the callback's value resolves, its error rejects (after a rollback), all writes commit at once.
//   Inside a transaction only doc().get/set/update/remove and collection.add exist (docs: no where,
//   no aggregate). doc().get() on a missing document rejects "document with _id … does not exist"
//   unless the database was made with `{ throwOnNotFound: false }`, then `{ data: null }`. [source]
//   Not emulated: a plain write waiting for a transaction's lock (here it lands, and the transaction
//   fails at commit), and transaction time limits.
// - Indexes: a get, count or aggregate that no index declared in deploy/database.json serves (the rules
//   of test/deploy/index-match.ts, shared with the deploy tests), and that the manifest does not name as
//   an allowed scan, rejects with errCode -502001 "database request fail" (the code is a guess: the
//   service does not refuse such a query outright; at a province's scale it fails past the sort-memory
//   limit or times out, and this is that failure met early). `new FakeWxCloud({ indexes: null })` serves
//   everything, for tests of the stand-in's other behaviour only.
// - Costs: meter() counts requests (each SDK call; a transaction's start and commit are one each),
//   the bytes of the documents, aggregate rows and files answered, and the documents skip() passes.
// - A function's time budget: invoke(name, timeout, run) runs one invocation (the test loaders pass each
//   bundle's call through it, with the function's timeout from cloudbaserc.json) and charges it a
//   modelled, deterministic time (MODEL below: a fixed time per database or storage request, bytes at
//   a fixed rate, the adapter's back-off after each failed transaction). Past the timeout the invocation
//   is stopped where it stands — its next request never answers, its open transactions are rolled back,
//   what it committed stays — and the caller gets errCode -504003 "functions invoke timeout … Invoking
//   task timed out after N seconds" (what WeChat developers report from cloud.callFunction; the code is
//   not in the SDK's table, so code and text are a guess). The bundle's clock (modelledDate) runs on the modelled time, so a job
//   that watches its own budget (REMINDER_BUDGET_MS) sees it pass. Real time is not looked at.
// - uploadFile({ cloudPath, fileContent }) → `{ fileID: 'cloud://<env>.<bucket>/<cloudPath>' }`;
//   downloadFile({ fileID }) → `{ fileContent }`, rejecting for an unknown fileID (error shape uncertain);
//   getTempFileURL({ fileList: [fileID | { fileID, maxAge }] }) → `{ fileList: [{ fileID, maxAge, tempFileURL, status, errMsg }] }`,
//   status 0 for a stored object, non-zero (and no link) for an unknown one, per entry [source: the
//   server SDK's Cloud.getTempFileURL page]; the link's host and signature are made up.
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomBytes } from 'node:crypto'
import { Op as Operator, manifestIndexRules, queryOperators, refusal, repositoryRoot, type IndexRules, type QueryShape } from '../deploy/index-match'
import { loadManifest } from '../../scripts/deploy-plan'
import type {
  CloudStorageApi,
  Database,
  DbAggregate,
  DbCollection,
  DbCommand,
  DbQuery,
  Doc,
  Transaction,
  TxDocument,
} from '../../src/backend/store/cloudbase'

const ERR_TEXT: Record<string, string> = {
  '-604001': 'function result too large',
  '-501001': 'resource system error',
  '-502001': 'database request fail',
  '-502005': 'database collection not exists',
  // Not in wx-server-sdk's table: the text developers report with it.
  '-504003': 'functions invoke timeout',
}

/** The error wx-server-sdk builds (toSDKError): an Error with `errCode` and `errMsg`, no `code`. */
function sdkError(api: string, errCode: number, detail: string): Error & { errCode: number; errMsg: string } {
  const message = errCode === -1 ? `${api}:fail ${detail}` : `${api}:fail ${errCode} ${ERR_TEXT[errCode] ?? ''}. ${detail}`
  return Object.assign(new Error(message), { errCode, errMsg: message })
}

const unsupported = (what: string) => new Error(`fake-wx-server-sdk: ${what} is not emulated`)
const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

/** What the SDK's calls have cost so far: requests sent, bytes of documents and files answered, and
 * documents skip() walked past (deep skip-paging is quadratic work on the server). */
export interface Meter {
  requests: number
  bytes: number
  skipped: number
}

// ------------------------------------------------------------------------------------------------
// Modelled time: what a function invocation spends waiting on the service

/**
 * The time model, in milliseconds. Assumptions, not measurements: CloudBase publishes no latency
 * figures; a database call from a function to its own environment's database inside one region is
 * commonly put at tens of milliseconds, and we take the slow end so the budget errs on the safe side.
 */
export const MODEL = {
  /** One database request (a get, count, add, update; a transaction's start, each operation, its commit). */
  databaseMs: 40,
  /** One storage request (upload, download, delete, temporary link), before its bytes. */
  storageMs: 100,
  /** A call to a WeChat open API from the function (subscribeMessage.send), charged by the test loader. */
  openApiMs: 150,
  /** Bytes moved per millisecond between the function and the service: 10 MB/s. */
  bytesPerMs: 10_000,
  /** The adapter's pause after its n-th failed transaction in a row (store/cloudbase.ts withRetries):
   * min(200, 10·2ⁿ) ms times a random 0.5–1.5, modelled at its longest. */
  backoffMs: (n: number) => Math.min(200, 10 * 2 ** n) * 1.5,
}

/** One running function call: the time charged to it so far, against its timeout. */
interface Invocation {
  name: string
  budgetMs: number
  elapsedMs: number
  /** Failed transactions since the last one that committed: the adapter's back-off grows with them. */
  failedInRow: number
  /** Set when it ran out of time: rejects the call. */
  kill: (error: Error) => void
  killed: boolean
  open: Set<{ engine: Engine; tx: TxState }>
}

const invocations = new AsyncLocalStorage<Invocation>()
const never = new Promise<never>(() => undefined)

/** Charges `ms` to the invocation running now (none: nothing). Past its budget it stops: never resolves. */
function spend(ms: number): Promise<void> {
  const running = invocations.getStore()
  if (!running) return Promise.resolve()
  if (running.killed) return never
  running.elapsedMs += ms
  if (running.elapsedMs <= running.budgetMs) return Promise.resolve()
  running.killed = true
  // CloudBase stops the instance: its open transactions are never committed.
  for (const { engine, tx } of running.open) {
    tx.failed = true
    engine.open.delete(tx)
  }
  const seconds = running.budgetMs / 1000
  running.kill(sdkError('cloud.callFunction', -504003, `Invoking task timed out after ${seconds} seconds (${running.name}: ${Math.round(running.elapsedMs)} ms modelled)`))
  return never
}

/** Charges the open API call the test loader makes for a function (e.g. subscribeMessage.send). */
export const spendOnOpenApi = () => spend(MODEL.openApiMs)

/**
 * Runs one invocation of function `name` under a budget of `timeoutSeconds` of modelled time: its reply,
 * or errCode -504003 as soon as its modelled time passes the timeout.
 */
export function invoke<T>(name: string, timeoutSeconds: number, run: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const invocation: Invocation = { name, budgetMs: timeoutSeconds * 1000, elapsedMs: 0, failedInRow: 0, kill: reject, killed: false, open: new Set() }
    invocations.run(invocation, () => {
      run().then(
        (reply) => (invocation.killed ? undefined : resolve(reply)),
        (error: unknown) => (invocation.killed ? undefined : reject(error)),
      )
    })
  })
}

/** The modelled time the running invocation has spent, in ms (0 outside one). */
export const modelledElapsed = () => invocations.getStore()?.elapsedMs ?? 0

/**
 * A `Date` for a bundle: real time plus the modelled time its invocation has spent, so a job that reads
 * the clock to keep within its budget sees the modelled time pass. Pass it to the bundle as `Date`.
 */
export function modelledDate(): DateConstructor {
  const RealDate = Date
  class ModelledDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + modelledElapsed())
      else super(...(args as [string | number]))
    }
    static now() {
      return RealDate.now() + modelledElapsed()
    }
  }
  return ModelledDate as unknown as DateConstructor
}

/** Each function's timeout in seconds, from cloudbaserc.json. */
export function manifestTimeouts(): Record<string, number> {
  return Object.fromEntries(loadManifest(repositoryRoot()).functions.functions.map((fn) => [fn.name, fn.timeout]))
}

/** One request to the service: counted, charged to the running invocation, and answered on a later turn of the event loop. */
async function request(engine: { meter: Meter }, ms: number = MODEL.databaseMs): Promise<void> {
  engine.meter.requests += 1
  await spend(ms)
  return tick()
}

/** Bytes moved between the function and the service, charged at MODEL.bytesPerMs. */
const transfer = (bytes: number) => spend(bytes / MODEL.bytesPerMs)
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T
const newId = () => randomBytes(16).toString('hex')
/** A temporary link's lifetime when the caller names none. */
const DEFAULT_LINK_SECONDS = 86400
/** Documents one get returns at most, whatever `limit` asks for: the server SDK's documented cap
 * ("上限 1000", Collection.limit in the wx-server-sdk database reference). */
export const GET_CAP = 1000
/** The most a query result and a function's reply may weigh, as JSON: 1 MB (the cloud function and
 * database limits pages; a larger reply fails with -604001, as issue 17 recorded from the service). */
export const RESULT_LIMIT = 1024 * 1024

const weight = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8')

/**
 * What WeChat does with a function's reply on its way back to the caller: past RESULT_LIMIT the call
 * fails with -604001 and the caller gets no data. The test loader passes every bundle's reply through it.
 */
export function functionReply<T>(reply: T): T {
  const bytes = weight(reply)
  if (bytes > RESULT_LIMIT) throw sdkError('cloud.callFunction', -604001, `function result size ${bytes} exceeds the limit ${RESULT_LIMIT}`)
  return reply
}

// ------------------------------------------------------------------------------------------------
// Operators built by db.command (and db.command.aggregate)

// Operator is index-match.ts's Op, so the index rules read the conditions the stand-in is given.

class Accumulator {
  constructor(
    readonly name: 'sum',
    readonly operand: number,
  ) {}
}

const command: DbCommand = {
  ...queryOperators,
  aggregate: { sum: (expression) => new Accumulator('sum', expression) },
}

// ------------------------------------------------------------------------------------------------
// Matching and ordering, MongoDB style

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Operator) && !(value instanceof RegExp)

/** Positive conditions hold for an array when any element (or the array itself) satisfies them. */
const any = (value: unknown, test: (v: unknown) => boolean) => test(value) || (Array.isArray(value) && value.some(test))

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function comparable(a: unknown, b: unknown): boolean {
  return (typeof a === 'string' && typeof b === 'string') || (typeof a === 'number' && typeof b === 'number')
}

function fieldMatches(value: unknown, expected: unknown): boolean {
  if (expected instanceof Operator) {
    const [operand] = expected.operands
    switch (expected.name) {
      case 'gt':
        return any(value, (v) => comparable(v, operand) && (v as string) > (operand as string))
      case 'gte':
        return any(value, (v) => comparable(v, operand) && (v as string) >= (operand as string))
      case 'lt':
        return any(value, (v) => comparable(v, operand) && (v as string) < (operand as string))
      case 'lte':
        return any(value, (v) => comparable(v, operand) && (v as string) <= (operand as string))
      case 'in':
        return expected.operands.some((o) => any(value, (v) => sameValue(v ?? null, o)))
      case 'nin':
        return !expected.operands.some((o) => any(value, (v) => sameValue(v ?? null, o)))
      case 'and':
        return expected.operands.every((o) => fieldMatches(value, o))
      case 'or':
        return expected.operands.some((o) => fieldMatches(value, o))
    }
  }
  if (expected instanceof RegExp) return any(value, (v) => typeof v === 'string' && expected.test(v))
  if (expected !== null && typeof expected === 'object') throw unsupported('a nested-object or array condition')
  if (expected === null) return value === null || value === undefined
  return any(value, (v) => v === expected)
}

function matches(doc: Doc, condition: object): boolean {
  if (condition instanceof Operator) {
    if (condition.name === 'and') return condition.operands.every((c) => matches(doc, c as object))
    if (condition.name === 'or') return condition.operands.some((c) => matches(doc, c as object))
    throw unsupported(`${condition.name} at the root of a query`)
  }
  return Object.entries(condition).every(([field, expected]) => {
    if (expected === undefined) return true
    if (field.includes('.')) throw unsupported('a dotted field path')
    return fieldMatches(doc[field], expected)
  })
}

function typeRank(value: unknown): number {
  if (value === null || value === undefined) return 0
  if (typeof value === 'number') return 1
  if (typeof value === 'string') return 2
  if (Array.isArray(value)) return 4
  if (typeof value === 'object') return 3
  return 5
}

function compareValues(a: unknown, b: unknown): number {
  const ranks = typeRank(a) - typeRank(b)
  if (ranks !== 0) return ranks
  if (typeof a === 'number' || typeof a === 'string') return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0
  if (typeof a === 'boolean') return Number(a) - Number(b)
  return 0
}

function sortDocs<T extends Doc>(docs: T[], order: [string, 1 | -1][]): T[] {
  return docs
    .map((doc, index) => ({ doc, index }))
    .sort((x, y) => {
      for (const [field, direction] of order) {
        const c = compareValues(x.doc[field], y.doc[field])
        if (c !== 0) return c * direction
      }
      return x.index - y.index
    })
    .map(({ doc }) => doc)
}

// ------------------------------------------------------------------------------------------------
// The stored state: every version of every document, so a transaction can read its snapshot

interface Version {
  rev: number
  data: Doc | null
}

interface TxState {
  snapshot: number
  writes: Map<string, { collection: string; id: string; data: Doc | null }>
  failed: boolean
}

const keyOf = (collection: string, id: string) => `${collection}\u0000${id}`

class Engine {
  constructor(
    /** The declared indexes and allowed scans; null serves every query. */
    readonly indexes: IndexRules | null,
  ) {}

  rev = 0
  readonly meter: Meter = { requests: 0, bytes: 0, skipped: 0 }
  readonly collections = new Map<string, Map<string, Version[]>>()
  readonly open = new Set<TxState>()
  readonly objects = new Map<string, Buffer>()

  collection(name: string, api: string): Map<string, Version[]> {
    const found = this.collections.get(name)
    if (!found) {
      throw sdkError(api, -502005, '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.')
    }
    return found
  }

  /** The document as of `rev` (the latest when omitted), or null. */
  read(collection: Map<string, Version[]>, id: string, rev = Number.POSITIVE_INFINITY): Doc | null {
    const versions = collection.get(id) ?? []
    for (let i = versions.length - 1; i >= 0; i -= 1) if (versions[i].rev <= rev) return versions[i].data
    return null
  }

  lastRev(collection: Map<string, Version[]>, id: string): number {
    const versions = collection.get(id)
    return versions && versions.length > 0 ? versions[versions.length - 1].rev : 0
  }

  write(collection: Map<string, Version[]>, id: string, data: Doc | null): void {
    this.rev += 1
    const versions = collection.get(id) ?? []
    versions.push({ rev: this.rev, data: data === null ? null : clone({ ...data, _id: id }) })
    collection.set(id, versions)
  }

  /** Refuses, as the service at scale would, a query no declared index serves. */
  checkIndexes(api: string, collection: string, query: QueryShape): void {
    const why = this.indexes && refusal(collection, query, this.indexes)
    if (why) throw sdkError(api, -502001, `[IndexNotServed] ${why}`)
  }

  /** Every live document at `rev`, in insertion order. */
  scan(collection: Map<string, Version[]>, rev?: number): Doc[] {
    const out: Doc[] = []
    for (const id of collection.keys()) {
      const doc = this.read(collection, id, rev)
      if (doc) out.push(doc)
    }
    return out
  }
}

function checkUpdateData(api: string, data: unknown): Doc {
  if (!isPlainObject(data) || Object.keys(data).length === 0) throw sdkError(api, -1, 'options.data should be a non-empty object')
  if ('_id' in data) throw sdkError(api, -501001, '不能更新_id的值')
  return data as Doc
}

function flatMerge(api: string, current: Doc, data: Doc): Doc {
  for (const value of Object.values(data)) {
    if (isPlainObject(value)) throw unsupported(`${api} with a nested object (it merges by path)`)
  }
  return { ...current, ...data }
}

// ------------------------------------------------------------------------------------------------
// Queries outside transactions

interface QueryState {
  filter: object
  order: Map<string, 1 | -1>
  offset: number
  limit: number | null
}

class FakeQuery implements DbQuery {
  constructor(
    protected readonly engine: Engine,
    protected readonly name: string,
    protected readonly state: QueryState = { filter: {}, order: new Map(), offset: 0, limit: null },
  ) {}

  private with(change: Partial<QueryState>): FakeQuery {
    return new FakeQuery(this.engine, this.name, { ...this.state, ...change })
  }

  where(condition: object): DbQuery {
    if (Object.prototype.toString.call(condition).slice(8, -1) !== 'Object') throw new Error('查询参数必须为对象')
    const keys = Object.keys(condition)
    if (!(condition instanceof Operator) && keys.length > 0 && keys.every((k) => (condition as Doc)[k] === undefined)) {
      throw new Error('查询参数对象值不能均为undefined')
    }
    return this.with({ filter: condition })
  }

  orderBy(field: string, direction: 'asc' | 'desc'): DbQuery {
    if (direction !== 'asc' && direction !== 'desc') throw new Error('排序字符不合法')
    const order = new Map(this.state.order)
    order.set(field, direction === 'desc' ? -1 : 1)
    return this.with({ order })
  }

  skip(offset: number): DbQuery {
    if (!Number.isInteger(offset)) throw new Error('offset必须为整数')
    return this.with({ offset })
  }

  limit(max: number): DbQuery {
    if (!Number.isInteger(max)) throw new Error('limit必须为整数')
    return this.with({ limit: max })
  }

  private matching(api: string, kind: 'get' | 'count'): Doc[] {
    const collection = this.engine.collection(this.name, api)
    const sort = kind === 'get' ? [...this.state.order] : []
    this.engine.checkIndexes(api, this.name, { kind, where: this.state.filter, sort })
    return this.engine.scan(collection).filter((doc) => matches(doc, this.state.filter))
  }

  async get(): Promise<{ data: Doc[] }> {
    await request(this.engine)
    const sorted = sortDocs(this.matching('collection.get', 'get'), [...this.state.order])
    // 100 when no limit is given; at most GET_CAP. Skipped documents are counted: the server walks them.
    const limit = Math.min(this.state.limit || 100, GET_CAP)
    this.engine.meter.skipped += this.state.offset
    const data = sorted.slice(this.state.offset, this.state.offset + limit)
    // The error code for an oversized result is not documented; the limit is.
    const bytes = weight(data)
    if (bytes > RESULT_LIMIT) throw sdkError('collection.get', -1, `query result exceeds ${RESULT_LIMIT} bytes`)
    this.engine.meter.bytes += bytes
    await transfer(bytes)
    return clone({ data, errMsg: 'collection.get:ok' })
  }

  async count(): Promise<{ total: number }> {
    await request(this.engine)
    return { total: this.matching('collection.count', 'count').length, errMsg: 'collection.count:ok' } as { total: number }
  }
}

class FakeCollection extends FakeQuery implements DbCollection {
  doc(id: string) {
    const { engine, name } = this
    return {
      async update(options: { data: object }): Promise<{ stats: { updated: number } }> {
        await request(engine)
        const api = 'document.update'
        const collection = engine.collection(name, api)
        const data = checkUpdateData(api, options?.data)
        const current = engine.read(collection, id)
        if (!current) return { stats: { updated: 0 } }
        engine.write(collection, id, flatMerge(api, current, data))
        return { stats: { updated: 1 }, errMsg: 'document.update:ok' } as { stats: { updated: number } }
      },
    }
  }

  async add(options: { data: Doc }): Promise<{ _id: string }> {
    await request(this.engine)
    const api = 'collection.add'
    const collection = this.engine.collection(this.name, api)
    if (!isPlainObject(options?.data)) throw sdkError(api, -1, 'options.data should be an object')
    const id = options.data._id ?? newId()
    if (this.engine.read(collection, id)) throw sdkError(api, -501001, `[DATABASE_DUPLICATE_WRITE] duplicate _id`)
    this.engine.write(collection, id, options.data)
    return { _id: id, errMsg: 'collection.add:ok' } as { _id: string }
  }

  aggregate(): DbAggregate {
    return new FakeAggregate(this.engine, this.name, [])
  }
}

type Stage = { kind: 'group' | 'sort' | 'skip' | 'limit'; spec: unknown }

class FakeAggregate implements DbAggregate {
  constructor(
    private readonly engine: Engine,
    private readonly name: string,
    private readonly stages: Stage[],
  ) {}

  private stage(kind: Stage['kind'], spec: unknown): DbAggregate {
    return new FakeAggregate(this.engine, this.name, [...this.stages, { kind, spec }])
  }

  group(spec: object) {
    return this.stage('group', spec)
  }
  sort(spec: Record<string, 1 | -1>) {
    return this.stage('sort', spec)
  }
  skip(offset: number) {
    return this.stage('skip', offset)
  }
  limit(max: number) {
    return this.stage('limit', max)
  }

  async end(): Promise<{ list: Doc[] }> {
    await request(this.engine)
    const collection = this.engine.collection(this.name, 'collection.aggregate')
    this.engine.checkIndexes('collection.aggregate', this.name, { kind: 'aggregate', where: null, sort: [] })
    let rows = this.engine.scan(collection)
    for (const { kind, spec } of this.stages) {
      if (kind === 'sort') rows = sortDocs(rows, Object.entries(spec as Record<string, 1 | -1>))
      else if (kind === 'skip') rows = rows.slice(spec as number)
      else if (kind === 'limit') rows = rows.slice(0, spec as number)
      else rows = group(rows, spec as Record<string, unknown>)
    }
    if (!this.stages.some((s) => s.kind === 'limit')) rows = rows.slice(0, 20)
    this.engine.meter.bytes += weight(rows)
    await transfer(weight(rows))
    return clone({ list: rows, errMsg: 'collection.aggregate:ok' })
  }
}

function group(rows: Doc[], spec: Record<string, unknown>): Doc[] {
  const { _id: key, ...accumulators } = spec
  if (typeof key !== 'string' || !key.startsWith('$')) throw unsupported('a group key other than "$field"')
  const groups = new Map<string, Record<string, unknown>>()
  for (const row of rows) {
    const value = row[key.slice(1)] ?? null
    const id = JSON.stringify(value)
    const out: Record<string, unknown> = groups.get(id) ?? { _id: value }
    for (const [field, accumulator] of Object.entries(accumulators)) {
      if (!(accumulator instanceof Accumulator)) throw unsupported('a group accumulator other than $.sum(n)')
      out[field] = ((out[field] as number | undefined) ?? 0) + accumulator.operand
    }
    groups.set(id, out)
  }
  return [...groups.values()] as Doc[]
}

// ------------------------------------------------------------------------------------------------
// Transactions

class TxDocRef implements TxDocument {
  constructor(
    private readonly engine: Engine,
    private readonly tx: TxState,
    private readonly name: string,
    private readonly id: string,
    private readonly throwOnNotFound: boolean,
  ) {}

  private collection(api: string) {
    if (this.tx.failed) throw sdkError(api, -501001, '[DATABASE_TRANSACTION_FAIL] transaction has been aborted')
    return this.engine.collection(this.name, api)
  }

  private view(collection: Map<string, Version[]>): Doc | null {
    const own = this.tx.writes.get(keyOf(this.name, this.id))
    return own ? own.data : this.engine.read(collection, this.id, this.tx.snapshot)
  }

  private stage(api: string, collection: Map<string, Version[]>, data: Doc | null): void {
    stageWrite(this.engine, this.tx, api, this.name, collection, this.id, data)
  }

  async get(): Promise<{ data: Doc | null }> {
    await request(this.engine)
    const data = this.view(this.collection('document.get'))
    if (!data) {
      if (this.throwOnNotFound) throw sdkError('document.get', -1, `document with _id ${this.id} does not exist`)
      return { data: null }
    }
    return { data: clone(data), errMsg: 'document.get:ok' } as { data: Doc }
  }

  async set(options: { data: object }): Promise<unknown> {
    await request(this.engine)
    const api = 'document.set'
    const collection = this.collection(api)
    const data = checkUpdateData(api, options?.data)
    const existed = this.view(collection) !== null
    this.stage(api, collection, data)
    return { _id: this.id, stats: { updated: existed ? 1 : 0, created: 0 }, errMsg: 'document.set:ok' }
  }

  async update(options: { data: object }): Promise<unknown> {
    await request(this.engine)
    const api = 'document.update'
    const collection = this.collection(api)
    const data = checkUpdateData(api, options?.data)
    const current = this.view(collection)
    if (!current) return { stats: { updated: 0 }, errMsg: 'document.update:ok' }
    this.stage(api, collection, flatMerge(api, current, data))
    return { stats: { updated: 1 }, errMsg: 'document.update:ok' }
  }

  async remove(): Promise<unknown> {
    await request(this.engine)
    const api = 'document.remove'
    const collection = this.collection(api)
    if (!this.view(collection)) return { stats: { removed: 0 }, errMsg: 'document.remove:ok' }
    this.stage(api, collection, null)
    return { stats: { removed: 1 }, errMsg: 'document.remove:ok' }
  }
}

/** A transactional write: refused at once when another open transaction wrote the document, or when it
 * changed after this transaction's snapshot (MongoDB's WriteConflict), which also aborts the transaction. */
function stageWrite(
  engine: Engine,
  tx: TxState,
  api: string,
  name: string,
  collection: Map<string, Version[]>,
  id: string,
  data: Doc | null,
): void {
  const key = keyOf(name, id)
  const heldElsewhere = [...engine.open].some((other) => other !== tx && other.writes.has(key))
  if (heldElsewhere || engine.lastRev(collection, id) > tx.snapshot) {
    tx.failed = true
    throw sdkError(api, -501001, '[DATABASE_TRANSACTION_CONFLICT] database transaction conflict')
  }
  tx.writes.set(key, { collection: name, id, data: data === null ? null : clone({ ...data, _id: id }) })
}

function transactionApi(engine: Engine, tx: TxState, throwOnNotFound: boolean): Transaction {
  return {
    collection(name: string) {
      if (!name) throw new Error('Collection name is required')
      return {
        doc: (id: string) => new TxDocRef(engine, tx, name, id, throwOnNotFound),
        async add(options: { data: Doc }): Promise<unknown> {
          await request(engine)
          const api = 'collection.add'
          if (tx.failed) throw sdkError(api, -501001, '[DATABASE_TRANSACTION_FAIL] transaction has been aborted')
          const collection = engine.collection(name, api)
          if (!isPlainObject(options?.data)) throw sdkError(api, -1, 'options.data should be an object')
          const id = options.data._id ?? newId()
          const own = tx.writes.get(keyOf(name, id))
          const visible = own ? own.data : engine.read(collection, id, tx.snapshot)
          if (visible) {
            tx.failed = true
            throw sdkError(api, -501001, '[DATABASE_DUPLICATE_WRITE] duplicate _id')
          }
          stageWrite(engine, tx, api, name, collection, id, options.data)
          return { _id: id, errMsg: 'collection.add:ok' }
        },
      }
    },
  }
}

// ------------------------------------------------------------------------------------------------
// The module: `cloud.database()`, `cloud.uploadFile`, `cloud.downloadFile`

export interface FakeDatabase extends Database {
  /** Console step (a real SDK call too): collections must exist before anything touches them. */
  createCollection(name: string): Promise<unknown>
}

export interface FakeOptions {
  /** The index rules to enforce: deploy/database.json's by default; null serves every query. */
  indexes?: IndexRules | null
}

export class FakeWxCloud implements CloudStorageApi {
  private readonly engine: Engine

  constructor(options: FakeOptions = {}) {
    this.engine = new Engine(options.indexes === undefined ? manifestIndexRules() : options.indexes)
  }

  private readonly env = 'test-env-0g1h2i3j'
  private readonly bucket = '7465-test-env-0g1h2i3j-1300000000'

  database(config: { throwOnNotFound?: boolean } = {}): FakeDatabase {
    const engine = this.engine
    const throwOnNotFound = config.throwOnNotFound ?? true

    async function runTransaction<T>(callback: (transaction: Transaction) => Promise<T>, times = 3): Promise<T> {
      const tx: TxState = { snapshot: engine.rev, writes: new Map(), failed: false }
      engine.open.add(tx)
      const running = invocations.getStore()
      const held = { engine, tx }
      running?.open.add(held)
      try {
        await request(engine)
        const result = await callback(transactionApi(engine, tx, throwOnNotFound))
        await request(engine)
        if (tx.failed) throw sdkError('transaction.commit', -501001, '[DATABASE_TRANSACTION_FAIL] transaction has been aborted')
        const conflict = [...tx.writes.values()].some(({ collection, id }) => engine.lastRev(engine.collection(collection, 'transaction.commit'), id) > tx.snapshot)
        if (conflict) throw Object.assign(new Error('database transaction conflict'), { code: 'DATABASE_TRANSACTION_CONFLICT' })
        for (const { collection, id, data } of tx.writes.values()) engine.write(engine.collection(collection, 'transaction.commit'), id, data)
        if (running) running.failedInRow = 0
        return result
      } catch (error) {
        engine.open.delete(tx)
        if (times > 0 && (error as { code?: string } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT') {
          return runTransaction(callback, times - 1)
        }
        // The adapter pauses before its next attempt (a conflict is what it retries).
        const e = error as { code?: unknown; errCode?: unknown } | null
        if (running && (e?.errCode === -501001 || e?.code === 'DATABASE_TRANSACTION_CONFLICT')) {
          await spend(MODEL.backoffMs(running.failedInRow))
          running.failedInRow += 1
        }
        throw error
      } finally {
        engine.open.delete(tx)
        running?.open.delete(held)
      }
    }

    return {
      command,
      collection: (name: string) => new FakeCollection(engine, name),
      runTransaction,
      async createCollection(name: string) {
        await request(engine)
        if (engine.collections.has(name)) throw sdkError('createCollection', -501001, `collection ${name} already exists`)
        engine.collections.set(name, new Map())
        return { errMsg: 'createCollection:ok' }
      },
    }
  }

  async uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }> {
    await request(this.engine, MODEL.storageMs)
    if (typeof options?.cloudPath !== 'string' || options.cloudPath === '') throw sdkError('uploadFile', -1, 'cloudPath must be a string')
    if (!Buffer.isBuffer(options.fileContent)) throw sdkError('uploadFile', -1, 'fileContent must be a Buffer or a ReadStream')
    await transfer(options.fileContent.length)
    const fileID = `cloud://${this.env}.${this.bucket}/${options.cloudPath}`
    this.engine.objects.set(fileID, Buffer.from(options.fileContent))
    return { fileID, statusCode: 200, errMsg: 'uploadFile:ok' } as { fileID: string }
  }

  async downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }> {
    await request(this.engine, MODEL.storageMs)
    const content = this.engine.objects.get(options?.fileID)
    if (!content) throw sdkError('downloadFile', -1, 'STORAGE_FILE_NONEXIST storage file not exists')
    this.engine.meter.bytes += content.length
    await transfer(content.length)
    return { fileContent: Buffer.from(content), statusCode: 200, errMsg: 'downloadFile:ok' } as { fileContent: Buffer }
  }

  async deleteFile(options: { fileList: string[] }): Promise<{ fileList: { fileID: string; status: number }[] }> {
    await request(this.engine, MODEL.storageMs)
    if (!Array.isArray(options?.fileList)) throw sdkError('deleteFile', -1, 'fileList must be an array')
    return { fileList: options.fileList.map((fileID) => ({ fileID, status: this.engine.objects.delete(fileID) ? 0 : -1 })) }
  }

  /** Entries are a fileID (the service's default lifetime, a day) or `{ fileID, maxAge }` in seconds; an
   * object without both is refused, as @cloudbase/node-sdk's storage/index.ts getTempFileURL checks. */
  async getTempFileURL(options: { fileList: (string | { fileID: string; maxAge: number })[] }) {
    await request(this.engine, MODEL.storageMs)
    if (!Array.isArray(options?.fileList)) throw sdkError('getTempFileURL', -1, 'fileList must be an array')
    const entries = options.fileList.map((entry) => {
      if (typeof entry === 'string') return { fileID: entry, maxAge: DEFAULT_LINK_SECONDS }
      if (!isPlainObject(entry) || !('fileID' in entry) || !('maxAge' in entry)) {
        throw sdkError('getTempFileURL', -1, 'fileList 的元素如果是对象，必须是包含 fileID 和 maxAge 的对象')
      }
      return entry
    })
    return {
      fileList: entries.map(({ fileID, maxAge }) =>
        this.engine.objects.has(fileID)
          ? { fileID, maxAge, tempFileURL: `https://${this.env}.tcb.example/${fileID.replace(/^cloud:\/\/[^/]+\//, '')}?sign=${randomBytes(8).toString('hex')}&t=${maxAge}`, status: 0, errMsg: 'ok' }
          : { fileID, maxAge, tempFileURL: '', status: -503003, errMsg: 'STORAGE_FILE_NONEXIST' },
      ),
      errMsg: 'getTempFileURL:ok',
    }
  }

  // ---- Test inspection (not SDK calls): what a console would show.

  /** The committed documents of a collection, in insertion order. */
  peek(name: string): Doc[] {
    return clone(this.engine.scan(this.engine.collection(name, 'peek')))
  }

  /** Documents skip() has made the server walk past so far: deep skip-paging is quadratic work. */
  skippedDocuments(): number {
    return this.engine.meter.skipped
  }

  /** The cost so far (a copy); subtract two readings to cost one operation. */
  meter(): Meter {
    return { ...this.engine.meter }
  }

  /** Deletes a document directly, as an operator in the console would. */
  drop(name: string, id: string): void {
    this.engine.write(this.engine.collection(name, 'drop'), id, null)
  }

  /** Every stored object's fileID. */
  objectIds(): string[] {
    return [...this.engine.objects.keys()]
  }

  /** Overwrites a stored object's bytes (to test integrity checks). */
  corrupt(fileID: string, bytes: Buffer): void {
    this.engine.objects.set(fileID, bytes)
  }

  /** Writes a document directly, as an operator in the console would. */
  put(name: string, doc: Doc & { _id: string }): void {
    this.engine.write(this.engine.collection(name, 'put'), doc._id, doc)
  }
}
