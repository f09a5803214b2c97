// The CloudBase adapter of the store port (deployed cloud functions), over the wx-server-sdk database,
// and the cloud-storage file store for proof materials.
//
// Collections (each closed to clients: cloudfunctions/database-rules.json):
//   filings    _id = filing number; { record, version, historySeq, lastWrite, stored, …flat query fields }
//   history    _id = `${filingId}#${seq}` (seq 1, 2, … from filings.historySeq); { filingId, seq, entry } (entry encrypted)
//   holdings   _id = keyed HMAC of `${idType}:${idNumber}` (crypto/fields.ts personIndex); { filingId, owner, since } — exists while that
//              person holds a long-term filing under review or active
//   requests   _id = sha256(`${owner}:${requestId}`); { owner, requestId, filingId, createdAt }
//   files      _id = file id; StoredFile fields, plus { fileID, cloudPath } for files in cloud storage
//   reminders  _id = `${filingId}@${validUntil}`; Reminder fields
//   staff      _id = openid; { name }
//   identities _id = openid; { sealed, updatedAt }: the IdentityRecord's fields encrypted (the caller's
//              实名认证 and any face session under way)
//   rate_limits _id = sha256(`${scope}:${openid}`); { window, count } — uses counted in the current window
//
// Atomicity. CloudBase has no unique index but `_id`, and a transaction (db.runTransaction) may only
// get/set/update/remove single documents by `_id` and add documents: no where, no aggregate. So every
// check-then-write runs in one transaction that reads the deciding documents by `_id` and then WRITES
// them (a holding, a request, the filing): the database's write-write conflict detection (snapshot
// isolation) lets only one of two racing transactions commit, and a read alone would not be enough.
// A `where({ _id, version })` conditional update would be the non-transactional way to version a
// write, but Query.update ignores the transaction (checked in @cloudbase/database 1.4.3), so the
// version check reads the filing in the transaction instead: a concurrent writer makes one of the two
// transactions fail, and the retry then sees the new version and answers 'conflict'.
//
// Retries. wx-server-sdk wraps a conflict raised by an operation into an error without its code, so
// runTransaction's own retry does not see it; each operation here is therefore re-run from the start
// (bounded, with a short pause) after any failed transaction. A commit whose answer was lost would
// make the re-run see its own write: `lastWrite` (a token per call) recognises that case, so a
// re-run never answers 'conflict' for, or appends twice, what the first attempt already committed.
//
// Encryption at rest (crypto/fields.ts): the applicant, the agent and the commitment's signature inside
// `record`, every history entry and every identity are AES-256-GCM values under a key id; `personKey`,
// `idLast4` and `name` are keyed HMACs (`name`: one token per prefix, so a name-prefix search is a
// prefix regex on the tokens). No ID number, phone or name is stored in the clear, in an `_id`, a log
// line or an error message.
import { createHash, randomBytes } from 'node:crypto'
import { addDays, EXPIRING_WITHIN_DAYS, STAFF_STATES, isOpenLongTermFiling, type CalendarDate, type StaffState } from '../../rules'
import type { FilingRecord, HistoryEntry } from '../domain/record'
import { endedOn, redactedEntry } from '../domain/retention'
import { changeReviewFields } from '../domain/review-queue'
import { describeFile, type FileStore } from '../files/port'
import {
  UNKEYED_TEST_CRYPTO,
  last4Index,
  openFiling,
  openValue,
  personIndex,
  sealFiling,
  type FieldCrypto,
} from '../crypto/fields'
import { STAFF_ROLES, type CreateResult, type IdentityRecord, type Reminder, type SearchFilters, type SearchQuery, type StaffMember, type Stats, type Store, type StoredFile, type UpdateResult } from './port'

// ---------------------------------------------------------------------------------------------
// The part of wx-server-sdk this adapter uses: `cloud.database()` and `cloud.uploadFile/downloadFile`
// (wx-server-sdk 4.x). Its own typings declare most results as `Promise<…> | void | string`, so the
// deployed entry passes `cloud.database() as unknown as Database`.

export type Doc = Record<string, unknown> & { _id?: string }

/** A query condition or operator built by `db.command`; opaque to this adapter. */
export type Operator = object

export interface DbCommand {
  gte(value: string): Operator
  lte(value: string): Operator
  in(values: readonly unknown[]): Operator
  nin(values: readonly unknown[]): Operator
  /** Field level (`{ f: _.and([_.gte(a), _.lte(b)]) }`) or root level (`where(_.and([{…}, {…}]))`). */
  and(expressions: readonly object[]): Operator
  or(expressions: readonly object[]): Operator
  readonly aggregate: { sum(expression: number): Operator }
}

export interface DbQuery {
  where(condition: object): DbQuery
  orderBy(field: string, direction: 'asc' | 'desc'): DbQuery
  skip(offset: number): DbQuery
  limit(max: number): DbQuery
  get(): Promise<{ data: Doc[] }>
  count(): Promise<{ total: number }>
}

export interface DbAggregate {
  group(spec: object): DbAggregate
  sort(spec: Record<string, 1 | -1>): DbAggregate
  skip(offset: number): DbAggregate
  limit(max: number): DbAggregate
  end(): Promise<{ list: Doc[] }>
}

export interface DbCollection extends DbQuery {
  doc(id: string): { update(options: { data: object }): Promise<{ stats: { updated: number } }> }
  add(options: { data: Doc }): Promise<{ _id: string }>
  aggregate(): DbAggregate
}

/** A document reference inside a transaction. `get` rejects on a missing document unless the database
 * was made with `throwOnNotFound: false`, in which case it resolves `{ data: null }`. */
export interface TxDocument {
  get(): Promise<{ data: Doc | null }>
  set(options: { data: object }): Promise<unknown>
  update(options: { data: object }): Promise<unknown>
  remove(): Promise<unknown>
}

export interface Transaction {
  collection(name: string): { doc(id: string): TxDocument; add(options: { data: Doc }): Promise<unknown> }
}

export interface Database {
  readonly command: DbCommand
  collection(name: string): DbCollection
  runTransaction<T>(callback: (transaction: Transaction) => Promise<T>, times?: number): Promise<T>
}

/** The cloud storage calls of wx-server-sdk that the file store uses. */
export interface CloudStorageApi {
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>
  /** Private files' links last ten minutes (WeChat's documentation of the server SDK). */
  getTempFileURL(options: { fileList: { fileID: string; maxAge: number }[] }): Promise<{ fileList: { fileID: string; tempFileURL: string; status: number; errMsg: string }[] }>
  /** Deletes objects (the purge of uploads no filing named, the proofs of an anonymised filing); a status per file. */
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: { fileID: string; status: number }[] }>
}

// ---------------------------------------------------------------------------------------------

export const COLLECTIONS = ['filings', 'history', 'holdings', 'requests', 'files', 'reminders', 'staff', 'identities', 'rate_limits', 'access_log'] as const

/** The server SDK returns at most 100 documents per get, whatever `limit` asks for. */
const PAGE = 100
/** How long a link to a stored proof works, in seconds: long enough to open it, not to pass it around. */
const LINK_SECONDS = 10 * 60
/** Attempts of one transactional operation; the pauses between them grow to 200 ms (about 1 s in all). */
const ATTEMPTS = 8

/** "No end date" as a sort key: after every date, as the contract orders it. */
const NO_END_DATE = '9999-12-31'

let stamps = 0
/**
 * The order filings were stored in (listByOwner is newest first, and builders give several filings the
 * same createdAt): this process's clock plus a counter. Across function instances it is only as good
 * as their clocks, which matters only for one owner's filings stored within the same moment.
 */
const storedStamp = () => `${Date.now().toString().padStart(15, '0')}.${(stamps = (stamps + 1) % 1e9).toString().padStart(9, '0')}`

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
const token = () => randomBytes(12).toString('hex')
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const requestKey = (owner: string, requestId: string) => sha256(`${owner}:${requestId}`)
const historyId = (filingId: string, seq: number) => `${filingId}#${String(seq).padStart(6, '0')}`
const reminderId = (filingId: string, validUntil: CalendarDate) => `${filingId}@${validUntil}`

interface FilingDoc extends Doc {
  /** The filing with its personal fields encrypted (crypto/fields.ts sealFiling). */
  record: Record<string, unknown> & { id: string }
  owner: string
  version: number
  holdsLongTerm: boolean
  /** Waiting for the person's materials: out of the review queue. (Absent on older documents: false.) */
  awaitingMaterials: boolean
  /** Picked for 抽查 and not checked yet. (Absent on older documents: false.) */
  spotCheckDue: boolean
  /** Filed by an agent (代办). (Absent on older documents: false.) */
  byAgent: boolean
  personKey: string
  historySeq: number
  lastWrite: string
  stored: string
}

/** The stored document (without `_id`, which `set` may not carry): the record and what queries need. */
function filingDoc(
  crypto: FieldCrypto,
  filing: FilingRecord,
  meta: { historySeq: number; lastWrite: string; stored: string },
): Omit<FilingDoc, '_id'> {
  return {
    record: sealFiling(crypto, filing) as FilingDoc['record'],
    owner: filing.owner,
    requestId: filing.requestId,
    status: filing.status,
    category: filing.category,
    policyId: filing.policyId,
    provinceCode: filing.destination.provinceCode,
    cityCode: filing.destination.cityCode ?? null,
    startDate: filing.startDate,
    validUntil: filing.validUntil,
    validUntilSort: filing.validUntil ?? NO_END_DATE,
    filedOn: filing.filedOn,
    filedMonth: filing.filedOn.slice(0, 7),
    createdAt: filing.createdAt,
    updatedAt: filing.updatedAt,
    name: crypto.nameIndex(filing.applicant.name),
    idLast4: last4Index(crypto, filing.applicant.idNumber.slice(-4)),
    reviewers: filing.reviewers,
    version: filing.version,
    holdsLongTerm: isOpenLongTermFiling(filing),
    awaitingMaterials: Boolean(filing.materialsRequest),
    spotCheckDue: filing.spotCheck?.state === 'due',
    byAgent: Boolean(filing.agent),
    personKey: personIndex(crypto, filing.applicant.idType, filing.applicant.idNumber),
    // The retention job's key (domain/retention.ts): null while not ended and once anonymised.
    endedOn: endedOn(filing),
    // The change queue of 待我审核 (domain/review-queue.ts). (Absent on older documents: no change waits.)
    ...changeReviewFields(filing),
    ...meta,
  }
}

function fileDoc(file: StoredFile): Doc {
  const { id, ...rest } = file
  return { _id: id, ...rest }
}

function fileFromDoc(doc: Doc): StoredFile {
  return {
    id: String(doc._id),
    owner: doc.owner as string,
    contentType: doc.contentType as string,
    size: doc.size as number,
    sha256: doc.sha256 as string,
    createdAt: doc.createdAt as string,
  }
}

function reminderFromDoc(doc: Doc): Reminder {
  return {
    filingId: doc.filingId as string,
    owner: doc.owner as string,
    validUntil: doc.validUntil as CalendarDate,
    message: doc.message as string,
    createdAt: doc.createdAt as string,
    sentAt: (doc.sentAt as string | null) ?? null,
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A transactional read by `_id`: null when missing, whichever `throwOnNotFound` the database has. */
async function txRead<T extends Doc>(ref: TxDocument): Promise<T | null> {
  try {
    const { data } = await ref.get()
    return (data as T | null) ?? null
  } catch (error) {
    if (error instanceof Error && /document with _id .* does not exist/.test(error.message)) return null
    throw error
  }
}

/** Up to `count` documents from `offset` on, page by page (the server caps each get). */
async function fetchRange(query: DbQuery, offset: number, count: number): Promise<Doc[]> {
  const out: Doc[] = []
  while (out.length < count) {
    const { data } = await query
      .skip(offset + out.length)
      .limit(Math.min(PAGE, count - out.length))
      .get()
    if (data.length === 0) break
    out.push(...data)
  }
  return out
}

/** The last millisecond before an ISO instant: `lt` as `lte` (the test stand-in models no `lt`). */
const justBefore = (instant: string) => new Date(Date.parse(instant) - 1).toISOString()

/** The first `limit` documents (at most one page) in ascending `key`, then `_id`, order. */
async function firstByKey(query: DbQuery, key: string, limit: number): Promise<Doc[]> {
  const { data } = await query.orderBy(key, 'asc').orderBy('_id', 'asc').limit(Math.min(PAGE, Math.max(1, Math.floor(limit)))).get()
  return data
}

/** Every matching document. Stops on an empty page, not a short one: the cap is the server's to choose. */
const fetchAll = (query: DbQuery) => fetchRange(query, 0, Number.POSITIVE_INFINITY)

/**
 * Runs `attempt` (one transaction) until it completes, at most ATTEMPTS times. Each attempt re-reads
 * everything it decides on, so re-running one after a conflict or a lost answer is safe.
 */
async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  let lastError: unknown
  for (let i = 0; i < ATTEMPTS; i += 1) {
    try {
      return await attempt()
    } catch (error) {
      if (!isConflict(error)) throw error
      lastError = error
      if (i + 1 < ATTEMPTS) await pause(Math.min(200, 10 * 2 ** i) * (0.5 + Math.random()))
    }
  }
  throw lastError
}

/**
 * Worth another attempt: errCode -501001, which wx-server-sdk gives a write conflict inside the
 * transaction, an aborted one, and any failure it has no code for (its TCB_ERR_CODE.SYS_ERR, so a lost
 * answer too), or code DATABASE_TRANSACTION_CONFLICT once runTransaction's own retries are spent.
 * Anything else (a missing collection -502005, a refused request) surfaces at once instead of costing
 * ATTEMPTS transactions.
 */
function isConflict(error: unknown): boolean {
  const e = error as { errCode?: unknown; code?: unknown } | null
  return e?.errCode === -501001 || e?.code === 'DATABASE_TRANSACTION_CONFLICT'
}

/** A filing document written by a build before this one's derived fields (retention, the change queue). */
const lacksDerivedFields = (doc: Doc) => doc.endedOn === undefined || doc.changeUnderReview === undefined

/**
 * Brings what an older build stored up to this one, in place: encrypts what a build before field
 * encryption stored in the clear — each filing document (record, name, idLast4, personKey), its
 * long-term holding (moved from the plain sha256 key to the keyed one), every history entry and every
 * identity — and adds the fields later builds query on (endedOn, the change queue's) to filing
 * documents without them. Idempotent (what is done already is skipped) and safe beside live traffic
 * (each filing in its own transaction). Run by the `reminders` function on `{ "task": "upgrade-store" }`
 * from the console or the CLI (never from the mini-program: it refuses a call with an OPENID), once
 * after deploying a build, before people file again.
 */
export async function upgradeCloudbaseInPlace(db: Database, crypto: FieldCrypto): Promise<{ filings: number; history: number; identities: number }> {
  const counts = { filings: 0, history: 0, identities: 0 }
  const plainRecord = (doc: Doc | null) => doc !== null && typeof (doc as FilingDoc).record?.applicant === 'object'
  const due = (doc: Doc | null) => doc !== null && (plainRecord(doc) || lacksDerivedFields(doc))
  for (const doc of await fetchAll(db.collection('filings').orderBy('_id', 'asc'))) {
    if (!due(doc)) continue
    const done = await withRetries(() =>
      db.runTransaction(async (tx) => {
        const current = await txRead<FilingDoc>(tx.collection('filings').doc(String(doc._id)))
        if (!current || !due(current)) return false
        const plain = plainRecord(current)
        const filing = plain ? (current.record as unknown as FilingRecord) : openFiling<FilingRecord>(crypto, current.record)
        const meta = { historySeq: current.historySeq, lastWrite: token(), stored: current.stored }
        await tx.collection('filings').doc(filing.id).set({ data: filingDoc(crypto, filing, meta) })
        const legacy = sha256(`${filing.applicant.idType}:${filing.applicant.idNumber}`)
        const holding = plain && current.holdsLongTerm ? await txRead(tx.collection('holdings').doc(legacy)) : null
        if (holding && holding.filingId === filing.id) {
          await tx.collection('holdings').doc(legacy).remove()
          const key = personIndex(crypto, filing.applicant.idType, filing.applicant.idNumber)
          const data = { filingId: holding.filingId, owner: holding.owner, since: holding.since }
          if (await txRead(tx.collection('holdings').doc(key))) await tx.collection('holdings').doc(key).set({ data })
          else await tx.collection('holdings').add({ data: { _id: key, ...data } })
        }
        return true
      }),
    )
    if (done) counts.filings += 1
  }
  for (const doc of await fetchAll(db.collection('history').orderBy('_id', 'asc'))) {
    if (typeof doc.entry === 'string') continue
    await db.collection('history').doc(String(doc._id)).update({ data: { entry: crypto.encrypt(JSON.stringify(doc.entry)) } })
    counts.history += 1
  }
  for (const doc of await fetchAll(db.collection('identities').orderBy('_id', 'asc'))) {
    if (typeof doc.sealed === 'string') continue
    const changed = await withRetries(() =>
      db.runTransaction(async (tx) => {
        const ref = tx.collection('identities').doc(String(doc._id))
        const current = await txRead(ref)
        if (!current || typeof current.sealed === 'string') return false
        const { _id, ...fields } = current
        await ref.set({ data: { sealed: crypto.encrypt(JSON.stringify(fields)), updatedAt: fields.updatedAt } })
        return true
      }),
    )
    if (changed) counts.identities += 1
  }
  return counts
}

/** `crypto`: the keys of the encrypted fields (cloud/runtime.ts passes the function's); default: the published test key. */
export function cloudbaseStore(db: Database, crypto: FieldCrypto = UNKEYED_TEST_CRYPTO): Store {
  const _ = db.command
  const openDoc = (doc: Doc): FilingRecord => openFiling<FilingRecord>(crypto, (doc as FilingDoc).record)
  const personKeyOf = (idType: string, idNumber: string) => personIndex(crypto, idType, idNumber)
  const personKey = (filing: FilingRecord) => personKeyOf(filing.applicant.idType, filing.applicant.idNumber)
  const filings = () => db.collection('filings')

  async function getFiling(id: string): Promise<FilingRecord | null> {
    const { data } = await filings().where({ _id: id }).limit(1).get()
    return data.length > 0 ? openDoc(data[0]) : null
  }

  /** The holding of `key` still stands when its filing still holds for the same person. */
  async function standingHolder(tx: Transaction, key: string): Promise<{ holding: Doc | null; holder: FilingDoc | null }> {
    const holding = await txRead(tx.collection('holdings').doc(key))
    if (!holding) return { holding: null, holder: null }
    const holder = await txRead<FilingDoc>(tx.collection('filings').doc(holding.filingId as string))
    const stands = holder !== null && holder.holdsLongTerm && holder.personKey === key
    return { holding, holder: stands ? holder : null }
  }

  /** Takes the holding of `key` for `filing`: adds it, or overwrites a stale one. */
  async function takeHolding(tx: Transaction, key: string, existing: Doc | null, filing: FilingRecord): Promise<void> {
    const data = { filingId: filing.id, owner: filing.owner, since: filing.updatedAt }
    if (existing) await tx.collection('holdings').doc(key).set({ data })
    else await tx.collection('holdings').add({ data: { _id: key, ...data } })
  }

  /**
   * A derived state (rules `staffState`) as a condition led by the status, so the status index serves it;
   * strict bounds as the day before or after (dates are strings). validUntilSort holds NO_END_DATE for no end.
   */
  function stateCondition(state: StaffState, today: CalendarDate): object {
    const started = { status: 'active', startDate: _.lte(today) }
    switch (state) {
      case 'pending_review':
        return { status: 'pending_review', awaitingMaterials: _.nin([true]) }
      case 'needs_materials':
        return { status: 'pending_review', awaitingMaterials: true }
      case 'not_yet_active':
        return { status: 'active', startDate: _.gte(addDays(today, 1)) }
      case 'active':
        return { ...started, validUntilSort: _.gte(today) }
      case 'expired':
        return { ...started, validUntilSort: _.lte(addDays(today, -1)) }
      default:
        return { status: state }
    }
  }

  function conditions(filters: SearchFilters, today: CalendarDate): object {
    const all: object[] = []
    // An empty list is no filter.
    if (filters.state?.length) {
      const states = filters.state.map((state) => stateCondition(state, today))
      all.push(states.length === 1 ? states[0] : _.or(states))
    }
    if (filters.category?.length) all.push({ category: _.in(filters.category) })
    if (filters.policyId?.length) all.push({ policyId: _.in(filters.policyId) })
    if (filters.provinceCode) all.push({ provinceCode: filters.provinceCode })
    if (filters.cityCode) all.push({ cityCode: filters.cityCode })
    if (filters.startFrom) all.push({ startDate: _.gte(filters.startFrom) })
    if (filters.startTo) all.push({ startDate: _.lte(filters.startTo) })
    if (filters.expiringWithinDays !== undefined) {
      all.push({ status: 'active', startDate: _.lte(today), validUntil: _.and([_.gte(today), _.lte(addDays(today, filters.expiringWithinDays))]) })
    }
    if (filters.needsReviewBy) {
      // domain/review-queue.ts: a filing under review, or a change of an active one, not passed by me.
      const me = filters.needsReviewBy
      all.push(
        _.or([
          { status: 'pending_review', reviewers: _.nin([me]), awaitingMaterials: _.nin([true]) },
          { status: 'active', changeUnderReview: true, changeReviewers: _.nin([me]), awaitingMaterials: _.nin([true]) },
        ]),
      )
    }
    if (filters.spotCheckDue) all.push({ status: 'active', spotCheckDue: true })
    if (filters.byAgent) all.push({ byAgent: true })
    const q = filters.q?.trim()
    if (q) {
      // Filing numbers are stored in upper case; a name prefix is the prefix of the name's token string
      // (a name is matched as typed); the last 4 by their keyed HMAC (x = X).
      all.push(
        _.or([{ _id: q.toUpperCase() }, { name: new RegExp(`^${escapeRegExp(crypto.nameIndex(q))}`) }, { idLast4: last4Index(crypto, q) }]),
      )
    }
    if (all.length === 0) return {}
    return all.length === 1 ? all[0] : _.and(all)
  }

  /** `{ value → count }` of one field over every filing, page by page. */
  async function countBy(field: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {}
    for (let offset = 0; ; offset += PAGE) {
      const { list } = await filings()
        .aggregate()
        .group({ _id: `$${field}`, count: _.aggregate.sum(1) })
        .sort({ _id: 1 })
        .skip(offset)
        .limit(PAGE)
        .end()
      for (const row of list) out[String(row._id)] = row.count as number
      if (list.length < PAGE) return out
    }
  }

  /** Sent or refused, once: only a reminder that is neither changes (read and written in one transaction). */
  async function settleReminder(id: string, outcome: { sentAt: string } | { refusedAt: string }): Promise<void> {
    await withRetries(() =>
      db.runTransaction(async (tx) => {
        const ref = tx.collection('reminders').doc(id)
        const current = await txRead(ref)
        if (current && !current.sentAt && !current.refusedAt) await ref.update({ data: outcome })
      }),
    )
  }

  return {
    async createFiling(filing: FilingRecord, entry: HistoryEntry): Promise<CreateResult> {
      const request = requestKey(filing.owner, filing.requestId)
      const person = personKey(filing)
      const holds = isOpenLongTermFiling(filing)
      const write = token()
      const stored = storedStamp()

      const outcome = await withRetries(() =>
        db.runTransaction(async (tx) => {
          const previous = await txRead(tx.collection('requests').doc(request))
          if (previous) {
            // Read in the same transaction as the request, so the replay answers with the filing as
            // that snapshot has it, never a later or missing one.
            const first = await txRead<FilingDoc>(tx.collection('filings').doc(previous.filingId as string))
            return { kind: 'replayed' as const, first }
          }
          if (await txRead(tx.collection('filings').doc(filing.id))) return { kind: 'number_taken' as const }
          if (holds) {
            const { holding, holder } = await standingHolder(tx, person)
            if (holder) return { kind: 'duplicate' as const, existing: { id: holder.record.id, owner: holder.owner } }
            await takeHolding(tx, person, holding, filing)
          }
          // All or nothing: the idempotency key, the filing and its first entry commit together.
          await tx.collection('requests').add({
            data: { _id: request, owner: filing.owner, requestId: filing.requestId, filingId: filing.id, createdAt: filing.createdAt },
          })
          await tx.collection('filings').add({ data: { _id: filing.id, ...filingDoc(crypto, filing, { historySeq: 1, lastWrite: write, stored }) } })
          await tx.collection('history').add({ data: { _id: historyId(filing.id, 1), filingId: filing.id, seq: 1, entry: crypto.encrypt(JSON.stringify(entry)) } })
          return { kind: 'created' as const }
        }),
      )

      if (outcome.kind === 'duplicate' || outcome.kind === 'number_taken') return outcome
      if (outcome.kind === 'created') return { kind: 'created', filing }
      if (!outcome.first) throw new Error('request refers to a missing filing')
      const first = openDoc(outcome.first)
      // Our own earlier attempt committed before its answer was lost: this call created it.
      if (first.id === filing.id) return { kind: 'created', filing: first }
      return { kind: 'replayed', filing: first }
    },

    getFiling,

    async listByOwner(owner) {
      const docs = await fetchAll(filings().where({ owner }).orderBy('stored', 'desc').orderBy('_id', 'desc'))
      return docs.map(openDoc)
    },

    async listByPerson(idType, idNumber) {
      const docs = await fetchAll(filings().where({ personKey: personKeyOf(idType, idNumber) }).orderBy('stored', 'desc').orderBy('_id', 'desc'))
      return docs.map(openDoc)
    },

    async updateFiling(filing, expectedVersion, entry): Promise<UpdateResult> {
      const write = token()
      const wanted = isOpenLongTermFiling(filing) ? personKey(filing) : null

      return withRetries(() =>
        db.runTransaction(async (tx): Promise<UpdateResult> => {
          const current = await txRead<FilingDoc>(tx.collection('filings').doc(filing.id))
          if (!current) return 'conflict'
          if (current.lastWrite === write) return 'ok'
          if (current.version !== expectedVersion) return 'conflict'
          // As the SQLite schema's trigger: the lifecycle allows nothing more, so this is a bug, loudly.
          if (current.record.anonymisedOn) throw new Error(`filing ${filing.id} is anonymised and never changes`)

          const held = current.holdsLongTerm ? current.personKey : null
          if (wanted && wanted !== held) {
            const { holding, holder } = await standingHolder(tx, wanted)
            if (holder && holder.record.id !== filing.id) return 'duplicate'
            await takeHolding(tx, wanted, holding, filing)
          }
          if (held && held !== wanted) {
            // Released on cancel or reject (or a change of person or category): removing the lock
            // document deletes no data, the filing keeps its full record and history.
            const holding = await txRead(tx.collection('holdings').doc(held))
            if (holding && holding.filingId === filing.id) await tx.collection('holdings').doc(held).remove()
          }
          const seq = current.historySeq + 1
          await tx.collection('filings').doc(filing.id).set({ data: filingDoc(crypto, filing, { historySeq: seq, lastWrite: write, stored: current.stored }) })
          await tx.collection('history').add({ data: { _id: historyId(filing.id, seq), filingId: filing.id, seq, entry: crypto.encrypt(JSON.stringify(entry)) } })
          return 'ok'
        }),
      )
    },

    async appendHistory(entry) {
      const write = token()
      const found = await withRetries(() =>
        db.runTransaction(async (tx) => {
          const current = await txRead<FilingDoc>(tx.collection('filings').doc(entry.filingId))
          if (!current) return false
          if (current.lastWrite === write) return true
          const seq = current.historySeq + 1
          await tx.collection('filings').doc(entry.filingId).update({ data: { historySeq: seq, lastWrite: write } })
          await tx.collection('history').add({ data: { _id: historyId(entry.filingId, seq), filingId: entry.filingId, seq, entry: crypto.encrypt(JSON.stringify(entry)) } })
          return true
        }),
      )
      if (!found) throw new Error(`no filing ${entry.filingId} to append history to`)
    },

    async history(filingId) {
      const docs = await fetchAll(db.collection('history').where({ filingId }).orderBy('seq', 'asc'))
      return docs.map((doc) => openValue<HistoryEntry>(crypto, doc.entry))
    },

    async search(query: SearchQuery) {
      const matching = filings().where(conditions(query.filters, query.today))
      const { total } = await matching.count()
      const { key, direction } = query.sort
      const offset = (Math.max(1, query.page) - 1) * query.pageSize
      const field = key === 'validUntil' ? 'validUntilSort' : key
      const docs = await fetchRange(matching.orderBy(field, direction).orderBy('_id', direction), offset, query.pageSize)
      return { items: docs.map(openDoc), total }
    },

    async exportAll(filters, today) {
      const docs = await fetchAll(filings().where(conditions(filters, today)).orderBy('filedOn', 'asc').orderBy('_id', 'asc'))
      return docs.map(openDoc)
    },

    async stats(today): Promise<Stats> {
      // One count() per derived state for now (issue 17 keeps the figures in a document).
      const [{ total }, byStatus, byCategory, byProvince, byMonth, expiring, ...states] = await Promise.all([
        filings().count(),
        countBy('status'),
        countBy('category'),
        countBy('provinceCode'),
        countBy('filedMonth'),
        filings()
          .where({ status: 'active', startDate: _.lte(today), validUntil: _.and([_.gte(today), _.lte(addDays(today, EXPIRING_WITHIN_DAYS - 1))]) })
          .count(),
        ...STAFF_STATES.map((state) => filings().where(stateCondition(state, today)).count()),
      ])
      const byState = Object.fromEntries(STAFF_STATES.map((state, i) => [state, states[i].total])) as Stats['byState']
      return { total, byStatus, byState, byCategory, byProvince, byMonth, expiringIn30Days: expiring.total }
    },

    async staffMember(openid): Promise<StaffMember | null> {
      const { data } = await db.collection('staff').where({ _id: openid }).limit(1).get()
      if (data.length === 0) return null
      // A staff document without roles may only look things up (the least it can be given).
      const roles = Array.isArray(data[0].roles) ? STAFF_ROLES.filter((role) => (data[0].roles as unknown[]).includes(role)) : []
      return { openid, name: data[0].name as string, roles: roles.length > 0 ? roles : ['query'] }
    },

    async identityOf(openid) {
      const { data } = await db.collection('identities').where({ _id: openid }).limit(1).get()
      if (data.length === 0) return null
      const { _id, sealed, ...rest } = data[0]
      // Written before encryption: the fields themselves.
      const fields = typeof sealed === 'string' ? openValue<Omit<IdentityRecord, 'openid'>>(crypto, sealed) : (rest as Omit<IdentityRecord, 'openid'>)
      return { ...fields, openid }
    },

    async saveIdentity(record) {
      const { openid, ...fields } = record
      const rest = { sealed: crypto.encrypt(JSON.stringify(fields)), updatedAt: record.updatedAt }
      await withRetries(() =>
        db.runTransaction(async (tx) => {
          const ref = tx.collection('identities').doc(openid)
          if (await txRead(ref)) await ref.set({ data: rest })
          else await tx.collection('identities').add({ data: { _id: openid, ...rest } })
        }),
      )
    },

    async takeUse(key, window, max) {
      const id = sha256(key)
      return withRetries(() =>
        db.runTransaction(async (tx) => {
          const ref = tx.collection('rate_limits').doc(id)
          const current = await txRead(ref)
          const count = current && current.window === window ? (current.count as number) + 1 : 1
          if (count > max) return false
          if (current) await ref.set({ data: { window, count } })
          else await tx.collection('rate_limits').add({ data: { _id: id, window, count } })
          return true
        }),
      )
    },

    async saveFile(file) {
      await db.collection('files').add({ data: fileDoc(file) })
    },

    async getFile(id) {
      const { data } = await db.collection('files').where({ _id: id }).limit(1).get()
      return data.length > 0 ? fileFromDoc(data[0]) : null
    },

    async dueForReminder(from, to) {
      const candidates = (
        await fetchAll(
          filings()
            .where({ status: 'active', validUntil: _.and([_.gte(from), _.lte(to)]) })
            .orderBy('validUntil', 'asc')
            .orderBy('_id', 'asc'),
        )
      ).map(openDoc)
      const due: FilingRecord[] = []
      for (let i = 0; i < candidates.length; i += PAGE) {
        const batch = candidates.slice(i, i + PAGE)
        const ids = batch.map((f) => reminderId(f.id, f.validUntil!))
        const sent = new Set((await fetchAll(db.collection('reminders').where({ _id: _.in(ids) }))).map((doc) => doc._id))
        due.push(...batch.filter((f) => !sent.has(reminderId(f.id, f.validUntil!))))
      }
      return due
    },

    async addReminder(reminder) {
      const id = reminderId(reminder.filingId, reminder.validUntil)
      try {
        await db.collection('reminders').add({ data: { _id: id, ...reminder } })
        return true
      } catch (error) {
        // The `_id` is the one-reminder-per-date rule: a refused add with the document there is "exists".
        const { data } = await db.collection('reminders').where({ _id: id }).limit(1).get()
        if (data.length > 0) return false
        throw error
      }
    },

    async markReminderSent(filingId, validUntil, sentAt) {
      await settleReminder(reminderId(filingId, validUntil), { sentAt })
    },

    async unsentReminders(validFrom, createdBefore, limit) {
      // `refusedAt: null` also matches documents from before it existed. `lte` on createdAt: the
      // stand-in models no `lt`, and a run's own reminders carry its exact start time, one ms later.
      const unsent = db
        .collection('reminders')
        .where({ sentAt: null, refusedAt: null, validUntil: _.gte(validFrom), createdAt: _.lte(justBefore(createdBefore)) })
      return (await firstByKey(unsent, 'createdAt', limit)).map(reminderFromDoc)
    },

    async markReminderRefused(filingId, validUntil, refusedAt) {
      await settleReminder(reminderId(filingId, validUntil), { refusedAt })
    },

    async dueForAnonymisation(before, limit) {
      // `lte` the day before: the service's `lt` is not modelled by the test stand-in, and dates are whole days.
      return (await firstByKey(filings().where({ endedOn: _.lte(addDays(before, -1)) }), 'endedOn', limit)).map(openDoc)
    },

    async anonymiseFiling(filing, expectedVersion, entry) {
      if (!filing.anonymisedOn) throw new Error('anonymiseFiling takes the anonymised record')
      const write = token()
      // Reminders are found by query (outside the transaction, which allows only single documents);
      // an ended filing gets no new ones.
      const reminders = await fetchAll(db.collection('reminders').where({ filingId: filing.id }))
      return withRetries(() =>
        db.runTransaction(async (tx): Promise<'ok' | 'conflict'> => {
          const current = await txRead<FilingDoc>(tx.collection('filings').doc(filing.id))
          if (!current) return 'conflict'
          if (current.lastWrite === write) return 'ok'
          if (current.version !== expectedVersion) return 'conflict'
          // Every entry so far, by its id (filing#seq): none is missed, whatever was appended lately.
          for (let seq = 1; seq <= current.historySeq; seq += 1) {
            const ref = tx.collection('history').doc(historyId(filing.id, seq))
            const stored = await txRead(ref)
            if (!stored || stored.redacted) continue
            const redacted = redactedEntry(openValue<HistoryEntry>(crypto, stored.entry))
            await ref.update({ data: { entry: crypto.encrypt(JSON.stringify(redacted)), redacted: true } })
          }
          const seq = current.historySeq + 1
          await tx.collection('filings').doc(filing.id).set({ data: filingDoc(crypto, filing, { historySeq: seq, lastWrite: write, stored: current.stored }) })
          await tx.collection('history').add({ data: { _id: historyId(filing.id, seq), filingId: filing.id, seq, entry: crypto.encrypt(JSON.stringify(entry)) } })
          // The idempotency key names the person's openid: it goes (a replay after years has nothing to find).
          const request = tx.collection('requests').doc(requestKey(current.owner, filing.requestId))
          if (await txRead(request)) await request.remove()
          for (const doc of reminders) await tx.collection('reminders').doc(String(doc._id)).update({ data: { owner: filing.owner } })
          return 'ok'
        }),
      )
    },

    async identitiesSavedBefore(before, limit) {
      const saved = db.collection('identities').where({ updatedAt: _.lte(justBefore(before)) })
      return (await firstByKey(saved, 'updatedAt', limit)).map((doc) => String(doc._id))
    },

    async deleteIdentity(openid) {
      await withRetries(() =>
        db.runTransaction(async (tx) => {
          const ref = tx.collection('identities').doc(openid)
          if (await txRead(ref)) await ref.remove()
        }),
      )
    },

    async remindersFor(owner) {
      const docs = await fetchAll(db.collection('reminders').where({ owner }).orderBy('createdAt', 'asc').orderBy('_id', 'asc'))
      return docs.map(reminderFromDoc)
    },

    async close() {},
  }
}

// ---------------------------------------------------------------------------------------------
// Proof files in cloud storage: the bytes under `proofs/<owner>/<id>`, the record in `files`.

const FILE_ID = /^f_[0-9a-f]{32}$/
/** Openids are letters, digits, `-` and `_`: anything else never becomes part of a storage path. */
const OWNER = /^[A-Za-z0-9_-]{1,128}$/

export function cloudbaseFiles(api: CloudStorageApi, db: Database): FileStore {
  const files = () => db.collection('files')

  async function record(id: string): Promise<Doc | null> {
    if (!FILE_ID.test(id)) return null
    const { data } = await files().where({ _id: id }).limit(1).get()
    const doc = data[0]
    // A purged upload (never named by a filing) keeps its record but is gone for every caller.
    return doc && !doc.purgedAt ? doc : null
  }

  return {
    async put(owner, bytes, contentType) {
      if (!OWNER.test(owner)) throw new Error('an uploader must be an openid')
      const file = describeFile(owner, bytes, contentType)
      const id = file.id
      const cloudPath = `proofs/${owner}/${id}`
      // Bytes first, record second: a crash between them leaves an unreferenced object in storage,
      // never a record (an id someone may cite) without its bytes.
      const { fileID } = await api.uploadFile({ cloudPath, fileContent: Buffer.from(bytes) })
      // attachedAt/purgedAt start as null (not absent) so that `where` can match them.
      await files().add({ data: { ...fileDoc(file), fileID, cloudPath, attachedAt: null, purgedAt: null } })
      return file
    },

    async read(id) {
      const doc = await record(id)
      if (!doc) return null
      // A record whose bytes are gone is damage, not absence (nothing is ever deleted): it throws.
      const { fileContent: content } = await api.downloadFile({ fileID: doc.fileID as string })
      const file = fileFromDoc(doc)
      if (createHash('sha256').update(content).digest('hex') !== file.sha256) {
        throw new Error(`stored bytes of ${id} do not match their record`)
      }
      return { file, bytes: new Uint8Array(content) }
    },

    async stat(id) {
      const doc = await record(id)
      return doc ? fileFromDoc(doc) : null
    },

    async link(id) {
      const doc = await record(id)
      if (!doc) throw new Error(`no stored file ${id}`)
      // A short-lived link: maxAge in seconds per file (wx-server-sdk getTempFileURL fileList entries
      // { fileID, maxAge }); without it the link lives the service's default (a day).
      const { fileList } = await api.getTempFileURL({ fileList: [{ fileID: doc.fileID as string, maxAge: LINK_SECONDS }] })
      const [entry] = fileList
      if (!entry || entry.status !== 0 || !entry.tempFileURL) throw new Error(`no link for ${id}: ${entry?.errMsg ?? 'empty answer'}`)
      return entry.tempFileURL
    },

    async usage(owner) {
      const docs = await fetchAll(files().where({ owner, purgedAt: null }))
      return { files: docs.length, bytes: docs.reduce((sum, doc) => sum + Number(doc.size ?? 0), 0) }
    },

    async attach(ids, at) {
      for (const id of ids) {
        const doc = await record(id)
        if (!doc || doc.attachedAt) continue
        await files().doc(id).update({ data: { attachedAt: at.toISOString() } })
      }
    },

    async purgeUnattached(before, at) {
      const _ = db.command
      const due = await fetchAll(files().where({ attachedAt: null, purgedAt: null, createdAt: _.lte(before.toISOString()) }))
      let purged = 0
      for (const doc of due) {
        if (!(String(doc.createdAt) < before.toISOString())) continue
        // The record is marked first: from then on the file is refused to everyone, then its bytes go.
        await files().doc(String(doc._id)).update({ data: { purgedAt: at.toISOString() } })
        await api.deleteFile({ fileList: [doc.fileID as string] })
        purged += 1
      }
      return purged
    },

    async erase(ids, at) {
      let erased = 0
      for (const id of ids) {
        if (!FILE_ID.test(id)) continue
        const { data } = await files().where({ _id: id }).limit(1).get()
        const doc = data[0]
        if (!doc) continue
        if (!doc.purgedAt) await files().doc(id).update({ data: { purgedAt: at.toISOString() } })
        const { fileList } = await api.deleteFile({ fileList: [doc.fileID as string] })
        // Already gone (an earlier run stopped after deleting) counts as done, not as erased now.
        if (fileList[0]?.status === 0) erased += 1
      }
      return erased
    },
  }
}
