// The CloudBase adapter's documents and plumbing: the collections, a filing as a document (its flat
// query fields beside the encrypted record), reading in server pages, and retrying failed transactions.
import { createHash, randomBytes } from 'node:crypto'
import { isOpenLongTermFiling, type CalendarDate } from '../../rules'
import type { FilingRecord } from '../domain/record'
import { endedOn } from '../domain/retention'
import { changeReviewFields } from '../domain/review-queue'
import { last4Index, personIndex, sealFiling, type FieldCrypto } from '../crypto/fields'
import type { Reminder, SearchQuery, StoredFile } from './port'
import type { DbQuery, Doc, TxDocument } from './cloudbase-sdk'

export const COLLECTIONS = ['filings', 'history', 'holdings', 'requests', 'files', 'reminders', 'staff', 'identities', 'rate_limits', 'access_log', 'counters'] as const

/** The server SDK returns at most 100 documents per get, whatever `limit` asks for. */
export const PAGE = 100
/** How long a link to a stored proof works, in seconds: long enough to open it, not to pass it around. */
export const LINK_SECONDS = 10 * 60
/** Attempts of one transactional operation; the pauses between them grow to 200 ms (about 1 s in all). */
const ATTEMPTS = 8

/** "No end date" as a sort key: after every date, as the contract orders it. */
export const NO_END_DATE = '9999-12-31'

/** The document field each back-office sort reads (validUntil: with NO_END_DATE for none). */
export const SORT_FIELDS: Record<SearchQuery['sort']['key'], string> = { filedOn: 'filedOn', startDate: 'startDate', validUntil: 'validUntilSort', updatedAt: 'updatedAt' }

/** A plain `{ field: value }` condition (an empty one is no condition), not a command's `_.and` / `_.or`. */
export const isPlainCondition = (condition: object) => Object.getPrototypeOf(condition) === Object.prototype

let stamps = 0
/**
 * The order filings were stored in (listByOwner is newest first, and builders give several filings the
 * same createdAt): this process's clock plus a counter. Across function instances it is only as good
 * as their clocks, which matters only for one owner's filings stored within the same moment.
 */
export const storedStamp = () => `${Date.now().toString().padStart(15, '0')}.${(stamps = (stamps + 1) % 1e9).toString().padStart(9, '0')}`

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
export const token = () => randomBytes(12).toString('hex')
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export const requestKey = (owner: string, requestId: string) => sha256(`${owner}:${requestId}`)
export const historyId = (filingId: string, seq: number) => `${filingId}#${String(seq).padStart(6, '0')}`
export const reminderId = (filingId: string, validUntil: CalendarDate) => `${filingId}@${validUntil}`

export interface FilingDoc extends Doc {
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
  /** Included in the dashboard's counters (`counters`). Absent on documents an older build wrote: the
   * upgrade (or the next write) counts them. */
  counted?: boolean
}

/** The stored document (without `_id`, which `set` may not carry): the record and what queries need. */
export function filingDoc(
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
    // Every write of this document goes with its counters' change (addToCounters).
    counted: true,
    ...meta,
  }
}

export function fileDoc(file: StoredFile): Doc {
  const { id, ...rest } = file
  return { _id: id, ...rest }
}

export function fileFromDoc(doc: Doc): StoredFile {
  return {
    id: String(doc._id),
    owner: doc.owner as string,
    contentType: doc.contentType as string,
    size: doc.size as number,
    sha256: doc.sha256 as string,
    createdAt: doc.createdAt as string,
  }
}

export function reminderFromDoc(doc: Doc): Reminder {
  return {
    filingId: doc.filingId as string,
    owner: doc.owner as string,
    validUntil: doc.validUntil as CalendarDate,
    message: doc.message as string,
    createdAt: doc.createdAt as string,
    sentAt: (doc.sentAt as string | null) ?? null,
  }
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A transactional read by `_id`: null when missing, whichever `throwOnNotFound` the database has. */
export async function txRead<T extends Doc>(ref: TxDocument): Promise<T | null> {
  try {
    const { data } = await ref.get()
    return (data as T | null) ?? null
  } catch (error) {
    if (error instanceof Error && /document with _id .* does not exist/.test(error.message)) return null
    throw error
  }
}

/** Up to `count` documents from `offset` on, page by page (the server caps each get). */
export async function fetchRange(query: DbQuery, offset: number, count: number): Promise<Doc[]> {
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

/** The first `limit` documents (at most one page) in ascending `key`, then `_id`, order. */
export async function firstByKey(query: DbQuery, key: string, limit: number): Promise<Doc[]> {
  const { data } = await query.orderBy(key, 'asc').orderBy('_id', 'asc').limit(Math.min(PAGE, Math.max(1, Math.floor(limit)))).get()
  return data
}

/** Every matching document. Stops on an empty page, not a short one: the cap is the server's to choose. */
export const fetchAll = (query: DbQuery) => fetchRange(query, 0, Number.POSITIVE_INFINITY)

/**
 * Runs `attempt` (one transaction) until it completes, at most ATTEMPTS times. Each attempt re-reads
 * everything it decides on, so re-running one after a conflict or a lost answer is safe.
 */
export async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
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

/** A filing document written by a build before this one's derived fields (retention, the change queue, the counters). */
export const lacksDerivedFields = (doc: Doc) => doc.endedOn === undefined || doc.changeUnderReview === undefined || doc.counted !== true
