// The store port: everything the handlers need from a database, and nothing more. Two adapters
// implement it — SQLite (the embedded default, local server) and CloudBase (deployed functions) —
// and one contract test suite (test/backend/store-contract.ts) runs against both.
import type { CalendarDate, Category, IdType, StaffState } from '../../rules'
import type { FilingRecord, HistoryEntry } from '../domain/record'

export type CreateResult =
  | { kind: 'created'; filing: FilingRecord }
  /** The same owner sent the same requestId before: the first filing, unchanged. */
  | { kind: 'replayed'; filing: FilingRecord }
  /** The person (same idType + idNumber) already holds a long-term filing under review or active. */
  | { kind: 'duplicate'; existing: { id: string; owner: string } }
  /** Another filing already has this filing number (they are random): nothing written; try another. */
  | { kind: 'number_taken' }

export type UpdateResult = 'ok' | 'conflict' | 'duplicate'

/** An empty list filter (`state: []`) means no filter. */
export interface SearchFilters {
  /** The derived state (rules `staffState`) on the query's `today`: 生效中 holds 即将到期. */
  state?: StaffState[]
  category?: Category[]
  policyId?: string[]
  provinceCode?: string
  cityCode?: string
  startFrom?: CalendarDate
  startTo?: CalendarDate
  /** Started, approved filings (生效中) with validUntil between `today` and today + N days (inclusive). */
  expiringWithinDays?: number
  /**
   * Under review, not yet passed by this staff member (each stage needs a different one), and not
   * waiting for the person's materials.
   */
  needsReviewBy?: string
  /** The 抽查 queue: active filings picked for a check (`spotCheck.state` is `due`). */
  spotCheckDue?: boolean
  /** Filed by someone for the applicant (代办). */
  byAgent?: boolean
  /** A filing number (exact, any case), a name (prefix), or the last 4 characters of an ID number (x = X). */
  q?: string
}

export type SortKey = 'filedOn' | 'startDate' | 'validUntil' | 'updatedAt'

/**
 * Pages start at 1; a filing with no end date sorts after every date; ties break the same way every
 * time (each adapter by a key of its own: CloudBase `_id`, SQLite the row's `seq`).
 *
 * A page is found one of two ways. With `after` (the `next` of the page before, read with the same
 * filters, today and sort) it is the `pageSize` rows that follow that row, found by key (the sort
 * value and the tie-breaker): no row before it is walked past, however deep the page. Without `after`
 * it is rows `(page - 1) × pageSize …` by offset, which the back office asks only for shallow pages
 * (handlers/admin/list.ts DEEP_OFFSET). `page` is then only reported back.
 */
export interface SearchQuery {
  filters: SearchFilters
  today: CalendarDate
  sort: { key: SortKey; direction: 'asc' | 'desc' }
  page: number
  pageSize: number
  /** An opaque cursor (store/cursor.ts): continue after the row it names. */
  after?: string
}

export interface SearchPage {
  items: FilingRecord[]
  /** Every match of the filters (the cursor does not narrow it). */
  total: number
  /** The cursor after this page's last row, or null when no row follows (`page × pageSize ≥ total`). */
  next: string | null
}

/** A slice of an export: filings in (filedOn, tie-breaker) order after `after`, and the cursor to go on from. */
export interface ExportPage {
  items: FilingRecord[]
  /** Null when this slice reached the last match. */
  next: string | null
}

export interface Stats {
  total: number
  /** By stored status (an expired filing is still `active` here): what was decided, not what holds today. */
  byStatus: Record<string, number>
  /** By derived state on `today`, every state present (0 when none): the filter's states, so each figure is what it lists. */
  byState: Record<StaffState, number>
  byCategory: Record<string, number>
  byProvince: Record<string, number>
  /** Filings made per month, `YYYY-MM` → count. */
  byMonth: Record<string, number>
  /** displayState's 即将到期 (started, validUntil within [today, today + 29]): part of byState.active. */
  expiringIn30Days: number
}

export interface StoredFile {
  id: string
  owner: string
  /** `image/jpeg`, `image/png` or `application/pdf`, from the file's first bytes. */
  contentType: string
  size: number
  sha256: string
  createdAt: string
}

export interface Reminder {
  filingId: string
  owner: string
  /** The end date the reminder is about: one reminder per filing and end date. */
  validUntil: CalendarDate
  message: string
  createdAt: string
  /** When the WeChat subscribe message went out (deployed); null locally (the outbox is read by `mine`). */
  sentAt: string | null
}

/**
 * What a staff member may do: `query` — search, view, reveal a full ID number (recorded), the
 * dashboard and export; `review` — review, spot-check and record stays.
 */
/**
 * query: look filings up (list, get, stats, export, proofs); review: decide reviews, 抽查 and stays;
 * reveal: see a full ID number or phone (admin.reveal, with a reason); audit: read the access log.
 * Locally ADMIN_OPENIDS hold all four and QUERY_OPENIDS only query; deployed, the `staff` document's roles.
 */
export const STAFF_ROLES = ['query', 'review', 'reveal', 'audit'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

/** A caller's 实名认证: who WeChat 人脸核身 (or, locally, the labelled stand-in) says they are. */
export interface VerifiedIdentity {
  name: string
  idType: IdType
  /** Normalised (upper case). */
  idNumber: string
  method: 'wechat_face' | 'dev_standin'
  verifiedAt: string
  /** The 个人信息处理规则 version the person separately consented to, and when (absent on older records). */
  consent?: { version: string; at: string }
}

/** A face-verification session started for a claim and not yet checked (WeChat getVerifyId). */
export interface FaceSession {
  verifyId: string
  outSeqNo: string
  name: string
  idType: IdType
  idNumber: string
  expiresAt: string
}

/** One per openid: the identity verified so far (kept until a new one replaces it) and a session under way. */
export interface IdentityRecord {
  openid: string
  verified: VerifiedIdentity | null
  pending: FaceSession | null
  updatedAt: string
}

export interface StaffMember {
  openid: string
  name: string
  roles: StaffRole[]
}

export interface Store {
  /**
   * Inserts a filing with its first history entry, atomically, unless the owner already sent this
   * requestId (→ replayed) or the person already holds a long-term filing under review or active
   * (→ duplicate). A person holds a long-term filing while its category is long-term and its
   * status is `pending_review` or `active` (the rules' `isOpenLongTermFiling`).
   */
  createFiling(filing: FilingRecord, entry: HistoryEntry): Promise<CreateResult>
  getFiling(id: string): Promise<FilingRecord | null>
  /** Newest first. */
  listByOwner(owner: string): Promise<FilingRecord[]>
  /** Every filing made under this ID (by the person or by anyone for them), newest first. */
  listByPerson(idType: IdType, idNumber: string): Promise<FilingRecord[]>
  /**
   * Replaces the filing if its stored version is still `expectedVersion` (the new record carries
   * expectedVersion + 1), and appends `entry`, atomically. A change that would give the person a
   * second long-term filing is refused as `duplicate`. An unknown id, or a stale version, is a
   * `conflict` (checked before any duplicate check).
   */
  updateFiling(filing: FilingRecord, expectedVersion: number, entry: HistoryEntry): Promise<UpdateResult>
  /** Appends an entry that changes nothing in the record (a staff view). */
  appendHistory(entry: HistoryEntry): Promise<void>
  /** Oldest first. */
  history(filingId: string): Promise<HistoryEntry[]>
  search(query: SearchQuery): Promise<SearchPage>
  /**
   * At most `limit` filings matching the filters, in filedOn order (ties as `search` breaks them),
   * after the cursor `after` (null: from the first): the export reads the store slice by slice, by key.
   */
  exportPage(filters: SearchFilters, today: CalendarDate, after: string | null, limit: number): Promise<ExportPage>
  /** Every filing matching the filters, in exportPage's order, all at once (tests and small reads). */
  exportAll(filters: SearchFilters, today: CalendarDate): Promise<FilingRecord[]>
  stats(today: CalendarDate): Promise<Stats>

  staffMember(openid: string): Promise<StaffMember | null>

  identityOf(openid: string): Promise<IdentityRecord | null>
  /** Replaces the openid's record. */
  saveIdentity(record: IdentityRecord): Promise<void>

  /**
   * Takes one use of `key` (e.g. `submit:<openid>`) in the fixed window starting at `window` (an ISO
   * instant), atomically, if fewer than `max` were taken in it: true when taken, false (and nothing
   * written) when the window is full. A new window starts from none.
   */
  takeUse(key: string, window: string, max: number): Promise<boolean>

  saveFile(file: StoredFile): Promise<void>
  getFile(id: string): Promise<StoredFile | null>

  /** Active filings whose validUntil is within [from, to] and that have no reminder for that date yet. */
  dueForReminder(from: CalendarDate, to: CalendarDate): Promise<FilingRecord[]>
  /** Records a reminder; false when one for (filingId, validUntil) exists already. */
  addReminder(reminder: Reminder): Promise<boolean>
  markReminderSent(filingId: string, validUntil: CalendarDate, sentAt: string): Promise<void>
  /**
   * Reminders neither sent nor refused, about an end date on or after `validFrom`, created before
   * `createdBefore` (an ISO time: not the ones this run just made), oldest first, at most `limit`:
   * what a run retries after one that failed or timed out between recording and sending.
   */
  unsentReminders(validFrom: CalendarDate, createdBefore: string, limit: number): Promise<Reminder[]>
  /** Records that WeChat refused the message for good (43101: the person allowed none): never retried. */
  markReminderRefused(filingId: string, validUntil: CalendarDate, refusedAt: string): Promise<void>
  remindersFor(owner: string): Promise<Reminder[]>

  // Retention (domain/retention.ts): what is due, and erasing it.

  /** Filings whose last day in force (`endedOn`) is before `before`, not yet anonymised: at most `limit`, earliest first. */
  dueForAnonymisation(before: CalendarDate, limit: number): Promise<FilingRecord[]>
  /**
   * Replaces the filing by its anonymised form (`anonymisedFiling`: a new owner, version + 1) if its
   * stored version is still `expectedVersion`, rewrites every entry of its history with
   * `redactedEntry`, hands its reminders to the new owner and appends `entry`, atomically. A stale
   * version is a `conflict`, and nothing is written.
   */
  anonymiseFiling(filing: FilingRecord, expectedVersion: number, entry: HistoryEntry): Promise<'ok' | 'conflict'>
  /** Openids whose identity record was last saved before `before` (an instant): at most `limit`, oldest first. */
  identitiesSavedBefore(before: string, limit: number): Promise<string[]>
  /** Deletes the openid's identity record (verification and any session); nothing when there is none. */
  deleteIdentity(openid: string): Promise<void>

  close(): Promise<void>
}
