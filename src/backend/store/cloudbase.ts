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
//   counters   _id = `filings#00` … `filings#15`; { counts: { total, status:…, category:…, province:…,
//              month:…, needs_materials } }: the dashboard's figures, sharded (cloudbase-counters.ts)
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
//
// By concern: the SDK's shape (cloudbase-sdk.ts), documents and retries (cloudbase-docs.ts), query
// conditions (cloudbase-query.ts), the dashboard's counters (cloudbase-counters.ts), the upgrade of an
// older build's data (cloudbase-upgrade.ts) and the file store (cloudbase-files.ts); this file holds the
// port's methods.
import { EXPIRING_WITHIN_DAYS, isOpenLongTermFiling, type CalendarDate } from '../../rules'
import type { FilingRecord, HistoryEntry } from '../domain/record'
import { redactedEntry } from '../domain/retention'
import { UNKEYED_TEST_CRYPTO, openFiling, openValue, personIndex, type FieldCrypto } from '../crypto/fields'
import { STAFF_ROLES, type CreateResult, type ExportPage, type IdentityRecord, type SearchFilters, type SearchQuery, type StaffMember, type Stats, type Store, type UpdateResult } from './port'
import { CursorError, cursorFor, encodeCursor, type Cursor } from './cursor'
import { queryConditions } from './cloudbase-query'
import { addToCounters, counterDelta, readCounters, statsFrom } from './cloudbase-counters'
import type { Database, Doc, Transaction } from './cloudbase-sdk'
import { PAGE, SORT_FIELDS, fetchAll, fetchRange, fileDoc, fileFromDoc, filingDoc, firstByKey, historyId, isPlainCondition, reminderFromDoc, reminderId, requestKey, sha256, storedStamp, token, txRead, withRetries, type FilingDoc } from './cloudbase-docs'
export type { CloudStorageApi, Database, DbAggregate, DbCollection, DbCommand, DbQuery, Doc, Operator, Transaction, TxDocument } from './cloudbase-sdk'
export { COLLECTIONS } from './cloudbase-docs'
export { upgradeCloudbaseInPlace } from './cloudbase-upgrade'
export { cloudbaseFiles } from './cloudbase-files'

/** `crypto`: the keys of the encrypted fields (cloud/runtime.ts passes the function's); default: the published test key. */
export function cloudbaseStore(db: Database, crypto: FieldCrypto = UNKEYED_TEST_CRYPTO): Store {
  const _ = db.command
  const { conditions, pastCursor } = queryConditions(_, crypto)
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
   * Up to `count` filings matching `base` in (field, _id) order after `cursor` (null: from the
   * first), a page of the server's at a time, each continuing after the last row read: key-based
   * paging, so the server never walks past the rows before (skip would, on every page).
   */
  async function fetchByKey(base: object, field: string, direction: 'asc' | 'desc', cursor: Cursor | null, count: number): Promise<Doc[]> {
    const out: Doc[] = []
    let from = cursor
    while (out.length < count) {
      const parts = [base, ...(from ? [pastCursor(field, direction, from)] : [])].filter((part) => Object.keys(part).length > 0 || !isPlainCondition(part))
      const where = parts.length === 0 ? {} : parts.length === 1 ? parts[0] : _.and(parts)
      const { data } = await filings()
        .where(where)
        .orderBy(field, direction)
        .orderBy('_id', direction)
        .limit(Math.min(PAGE, count - out.length))
        .get()
      if (data.length === 0) break
      out.push(...data)
      const last = data[data.length - 1]
      from = { key: cursor?.key ?? 'filedOn', direction, value: String(last[field]), tie: String(last._id) }
    }
    return out
  }

  async function exportPage(filters: SearchFilters, today: CalendarDate, after: string | null, limit: number): Promise<ExportPage> {
    const cursor = cursorFor(after, 'filedOn', 'asc')
    if (after && (!cursor || typeof cursor.tie !== 'string')) throw new CursorError()
    const want = Math.max(1, Math.floor(limit))
    // One more than asked: whether anything follows, without a count.
    const docs = await fetchByKey(conditions(filters, today), 'filedOn', 'asc', cursor, want + 1)
    const items = docs.slice(0, want)
    const last = items[items.length - 1]
    const next = docs.length > want && last ? encodeCursor({ key: 'filedOn', direction: 'asc', value: String(last.filedOn), tie: String(last._id) }) : null
    return { items: items.map(openDoc), next }
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
          const doc = filingDoc(crypto, filing, { historySeq: 1, lastWrite: write, stored })
          await tx.collection('filings').add({ data: { _id: filing.id, ...doc } })
          await addToCounters(tx, txRead, counterDelta(null, doc))
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
          const doc = filingDoc(crypto, filing, { historySeq: seq, lastWrite: write, stored: current.stored })
          await tx.collection('filings').doc(filing.id).set({ data: doc })
          await addToCounters(tx, txRead, counterDelta(current.counted === true ? current : null, doc))
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
      const base = conditions(query.filters, query.today)
      const { total } = await filings().where(base).count()
      const { key, direction } = query.sort
      const field = SORT_FIELDS[key]
      const pageSize = Math.max(1, Math.floor(query.pageSize))
      const cursor = cursorFor(query.after, key, direction)
      if (query.after && (!cursor || typeof cursor.tie !== 'string')) throw new CursorError()
      // Deep pages by key (after the cursor's row: no skip); shallow ones by offset.
      const docs = cursor
        ? await fetchByKey(base, field, direction, cursor, pageSize)
        : await fetchRange(filings().where(base).orderBy(field, direction).orderBy('_id', direction), (Math.max(1, query.page) - 1) * pageSize, pageSize)
      const last = docs[docs.length - 1]
      const more = docs.length === pageSize && Math.max(1, query.page) * pageSize < total
      const next = more && last ? encodeCursor({ key, direction, value: String(last[field]), tie: String(last._id) }) : null
      return { items: docs.map(openDoc), total, next }
    },

    exportPage,

    async exportAll(filters, today) {
      const out: FilingRecord[] = []
      let after: string | null = null
      do {
        const page = await exportPage(filters, today, after, 1000)
        out.push(...page.items)
        after = page.next
      } while (after)
      return out
    },

    async stats(today): Promise<Stats> {
      // The counters (one get of the shards), and three counts for what depends on today, each narrowed
      // by an index: 未生效, 已过期 and 即将到期 (cloudbase-counters.ts), as the list's filters select them.
      const [counts, notYetActive, expired, expiring] = await Promise.all([
        readCounters(db),
        filings().where(conditions({ state: ['not_yet_active'] }, today)).count(),
        filings().where(conditions({ state: ['expired'] }, today)).count(),
        filings().where(conditions({ expiringWithinDays: EXPIRING_WITHIN_DAYS - 1 }, today)).count(),
      ])
      return statsFrom(counts, { notYetActive: notYetActive.total, expired: expired.total, expiring: expiring.total })
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
        .where({ sentAt: null, refusedAt: null, validUntil: _.gte(validFrom), createdAt: _.lt(createdBefore) })
      return (await firstByKey(unsent, 'createdAt', limit)).map(reminderFromDoc)
    },

    async markReminderRefused(filingId, validUntil, refusedAt) {
      await settleReminder(reminderId(filingId, validUntil), { refusedAt })
    },

    async dueForAnonymisation(before, limit) {
      // `lte` the day before: the service's `lt` is not modelled by the test stand-in, and dates are whole days.
      return (await firstByKey(filings().where({ endedOn: _.lt(before) }), 'endedOn', limit)).map(openDoc)
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
          const doc = filingDoc(crypto, filing, { historySeq: seq, lastWrite: write, stored: current.stored })
          await tx.collection('filings').doc(filing.id).set({ data: doc })
          await addToCounters(tx, txRead, counterDelta(current.counted === true ? current : null, doc))
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
      const saved = db.collection('identities').where({ updatedAt: _.lt(before) })
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
