// The CloudBase adapter (src/backend/store/cloudbase.ts) over an in-memory stand-in for wx-server-sdk
// (fake-wx-server-sdk.ts). It shows the adapter keeps the store contract given the SDK behaviour the
// stand-in emulates; it does not show that CloudBase behaves that way. Run the functions against a real
// environment in WeChat DevTools before trusting a deployment.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { COLLECTIONS, cloudbaseFiles, cloudbaseStore, upgradeCloudbaseInPlace, type Database, type Doc, type Transaction } from '../../src/backend/store/cloudbase'
import type { UpgradeRun } from '../../src/backend/store/cloudbase-upgrade'
import { COUNTER_SHARDS } from '../../src/backend/store/cloudbase-counters'
import { openSqliteStore } from '../../src/backend/store/sqlite'
import type { FilingRecord } from '../../src/backend/domain/record'
import type { StaffMember, Store } from '../../src/backend/store/port'
import { addDays, type CalendarDate } from '../../src/rules'
import { filingRecord, historyEntry, nextVersion, residentId, submitEntry, temporaryFiling } from './builders'
import { FakeWxCloud, MODEL, invoke, modelledDate, type FakeDatabase } from './fake-wx-server-sdk'
import { CONTRACT_STAFF, runStoreContract } from './store-contract'
import { UNKEYED_TEST_CRYPTO, last4Index, openFiling, personIndex } from '../../src/backend/crypto/fields'

async function cloudbase(staff: StaffMember[] = CONTRACT_STAFF, config: { throwOnNotFound?: boolean } = {}) {
  const cloud = new FakeWxCloud()
  const db = cloud.database(config)
  // The console steps of a deployment: create the collections, enter the staff.
  for (const name of COLLECTIONS) await db.createCollection(name)
  for (const member of staff) cloud.put('staff', { _id: member.openid, name: member.name, roles: member.roles })
  return { cloud, db, store: cloudbaseStore(db) }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
/** The holding key: a keyed HMAC of the ID type and number (the store's default, published test key). */
const personKey = (idNumber: string) => personIndex(UNKEYED_TEST_CRYPTO, 'resident_id', idNumber)
const decrypt = (value: unknown) => JSON.parse(UNKEYED_TEST_CRYPTO.decrypt(String(value))) as unknown

describe('CloudBase store against an in-memory wx-server-sdk stand-in (not a substitute for WeChat DevTools)', () => {
  runStoreContract('cloudbase over the wx-server-sdk stand-in', async ({ staff }) => {
    const { store } = await cloudbase(staff)
    return { store, cleanup: () => store.close() }
  })

  describe('collection layout', () => {
    let cloud: FakeWxCloud
    let store: Store

    beforeEach(async () => {
      ;({ cloud, store } = await cloudbase())
    })

    it('keys a holding by a keyed HMAC of the ID type and number, never the number or its plain hash', async () => {
      const filing = filingRecord({ owner: 'o-1', requestId: 'req-1' })
      await store.createFiling(filing, submitEntry(filing))
      const idNumber = filing.applicant.idNumber
      expect(cloud.peek('holdings')).toEqual([{ _id: personKey(idNumber), filingId: filing.id, owner: 'o-1', since: filing.updatedAt }])
      expect(personKey(idNumber)).not.toBe(sha256(`resident_id:${idNumber}`))
      expect(cloud.peek('filings')[0].personKey).toBe(personKey(idNumber))
      expect(cloud.peek('requests')).toEqual([
        { _id: sha256('o-1:req-1'), owner: 'o-1', requestId: 'req-1', filingId: filing.id, createdAt: filing.createdAt },
      ])
      for (const name of COLLECTIONS) {
        for (const doc of cloud.peek(name)) expect(String(doc._id)).not.toContain(idNumber.slice(6))
      }
      const [stored] = cloud.peek('filings')
      expect(stored).toMatchObject({ _id: filing.id, version: 1, historySeq: 1, idLast4: last4Index(UNKEYED_TEST_CRYPTO, idNumber.slice(-4)), holdsLongTerm: true })
      expect(openFiling(UNKEYED_TEST_CRYPTO, stored.record as Record<string, unknown>)).toEqual(filing)
      const [entry] = cloud.peek('history')
      expect({ ...entry, entry: decrypt(entry.entry) }).toEqual({ _id: `${filing.id}#000001`, filingId: filing.id, seq: 1, entry: submitEntry(filing) })
    })

    it('stores no ID number, phone or name in the clear in any document (filings, history, identities)', async () => {
      const agent = { name: '李强', idType: 'resident_id' as const, idNumber: residentId('440305', '19680105', '013'), phone: '13900001111', relationship: 'child' as const, authorization: null }
      const filing = filingRecord({ owner: 'o-son', requestId: 'req-agent', agent })
      await store.createFiling(filing, submitEntry(filing))
      const changed = nextVersion(filing, { applicant: { phone: '13711112222' } })
      const change = historyEntry({ filingId: filing.id, action: 'change', changes: [{ field: 'applicant.phone', before: '13812345678', after: '13711112222' }] })
      expect(await store.updateFiling(changed, 1, change)).toBe('ok')
      const at = '2026-11-22T04:00:00.000Z'
      const verified = { name: agent.name, idType: agent.idType, idNumber: agent.idNumber, method: 'wechat_face' as const, verifiedAt: at }
      const pending = { verifyId: 'v-1', outSeqNo: 's-1', name: '王秀兰', idType: 'resident_id' as const, idNumber: filing.applicant.idNumber, expiresAt: at }
      await store.saveIdentity({ openid: 'o-son', verified, pending, updatedAt: at })
      const secrets = [
        filing.applicant.idNumber,
        filing.applicant.idNumber.slice(-4),
        '13812345678',
        '13711112222',
        filing.applicant.name,
        agent.idNumber,
        agent.phone,
        agent.name,
        ...(filing.applicant.address ? [filing.applicant.address] : []),
      ]
      const everything = JSON.stringify(COLLECTIONS.map((name) => cloud.peek(name)))
      for (const secret of secrets) expect(everything).not.toContain(secret)
      expect(everything).not.toContain(sha256(`resident_id:${filing.applicant.idNumber}`))
      // And all of it reads back.
      expect(await store.getFiling(filing.id)).toEqual(changed)
      expect((await store.history(filing.id))[1]).toEqual(change)
      expect(await store.identityOf('o-son')).toEqual({ openid: 'o-son', verified, pending, updatedAt: at })
      expect((await store.listByPerson('resident_id', filing.applicant.idNumber)).map((f) => f.id)).toEqual([filing.id])
      const today = '2026-11-22'
      for (const q of [filing.applicant.name.slice(0, 1), filing.applicant.name, filing.applicant.idNumber.slice(-4), filing.id]) {
        const found = await store.search({ filters: { q }, today, sort: { key: 'filedOn', direction: 'desc' }, page: 1, pageSize: 20 })
        expect(found.items.map((f) => f.id)).toEqual([filing.id])
      }
    })

    it('holds nothing for a temporary filing, and releases the holding on reject and on cancel', async () => {
      await store.createFiling(...withEntry(temporaryFiling()))
      expect(cloud.peek('holdings')).toEqual([])

      const pending = filingRecord({ status: 'pending_review', effectiveOn: null })
      await store.createFiling(pending, submitEntry(pending))
      expect(cloud.peek('holdings')).toHaveLength(1)
      const rejected = nextVersion(pending, { status: 'rejected', rejectionReason: '材料不全' })
      expect(await store.updateFiling(rejected, 1, historyEntry({ filingId: pending.id, action: 'reject' }))).toBe('ok')
      expect(cloud.peek('holdings')).toEqual([])

      const active = filingRecord({ owner: 'o-2' })
      await store.createFiling(active, submitEntry(active))
      expect(cloud.peek('holdings').map((h) => h.filingId)).toEqual([active.id])
      expect(await store.updateFiling(nextVersion(active, { status: 'cancelled' }), 1, historyEntry({ filingId: active.id, action: 'cancel' }))).toBe('ok')
      expect(cloud.peek('holdings')).toEqual([])
      // Nothing else was removed: both filings and all their history are still there.
      expect(cloud.peek('filings')).toHaveLength(3)
      expect(cloud.peek('history')).toHaveLength(5)
    })

    it('encrypts in place what an older build stored in the clear (upgradeCloudbaseInPlace)', async () => {
      // The documents as the build before encryption wrote them.
      const filing = filingRecord({ owner: 'o-1' })
      const source = await cloudbase()
      await source.store.createFiling(filing, submitEntry(filing))
      const [encrypted] = source.cloud.peek('filings')
      const idNumber = filing.applicant.idNumber
      const legacyKey = sha256(`resident_id:${idNumber}`)
      const at = '2026-11-22T04:00:00.000Z'
      const identity = { verified: { name: filing.applicant.name, idType: 'resident_id' as const, idNumber, method: 'wechat_face' as const, verifiedAt: at }, pending: null, updatedAt: at }
      cloud.put('filings', { ...encrypted, _id: filing.id, record: filing, name: filing.applicant.name, idLast4: idNumber.slice(-4), personKey: legacyKey })
      cloud.put('holdings', { _id: legacyKey, filingId: filing.id, owner: 'o-1', since: filing.updatedAt })
      cloud.put('history', { _id: `${filing.id}#000001`, filingId: filing.id, seq: 1, entry: submitEntry(filing) })
      cloud.put('identities', { _id: 'o-1', ...identity })
      expect(JSON.stringify(cloud.peek('filings'))).toContain(idNumber)

      expect(await upgradeCloudbaseInPlace(cloud.database() as unknown as Database, UNKEYED_TEST_CRYPTO)).toEqual({ filings: 1, history: 1, identities: 1, next: null })
      const everything = JSON.stringify(COLLECTIONS.map((name) => cloud.peek(name)))
      for (const secret of [idNumber, filing.applicant.name, filing.applicant.phone, legacyKey]) expect(everything).not.toContain(secret)
      expect(cloud.peek('holdings').map((h) => h._id)).toEqual([personKey(idNumber)])
      expect(await store.getFiling(filing.id)).toEqual(filing)
      expect(await store.history(filing.id)).toEqual([submitEntry(filing)])
      expect(await store.identityOf('o-1')).toEqual({ openid: 'o-1', ...identity })
      const again = filingRecord({ owner: 'o-2' })
      expect((await store.createFiling(again, submitEntry(again))).kind).toBe('duplicate')
      // A second run finds nothing left to do.
      expect(await upgradeCloudbaseInPlace(cloud.database() as unknown as Database, UNKEYED_TEST_CRYPTO)).toEqual({ filings: 0, history: 0, identities: 0, next: null })
    })

    it('adds the fields this build queries on to documents an older build wrote (upgradeCloudbaseInPlace)', async () => {
      // A cancelled filing and an active one with a change waiting, written before endedOn and the change queue.
      const cancelled = temporaryFiling({ owner: 'o-1', status: 'cancelled', updatedAt: '2021-03-01T02:00:00.000Z', validUntil: '2021-06-01' })
      const changing = filingRecord({
        owner: 'o-2',
        pendingChange: { destination: { provinceCode: '530000', cityCode: '530100', areaCode: '530100' }, requestedOn: '2026-11-20', requestedAt: '2026-11-20T02:00:00.000Z', by: 'o-2', reason: '派驻昆明', materials: [], reviewers: [] },
      })
      for (const filing of [cancelled, changing]) await store.createFiling(filing, submitEntry(filing))
      for (const doc of cloud.peek('filings')) {
        const { endedOn: _e, changeUnderReview: _c, changeReviewers: _r, ...older } = doc
        cloud.put('filings', { ...older, _id: String(doc._id) })
      }
      const queue = { filters: { needsReviewBy: 'admin-a' }, today: '2026-11-22', sort: { key: 'filedOn' as const, direction: 'asc' as const }, page: 1, pageSize: 20 }
      expect(await store.dueForAnonymisation('2026-11-22', 10)).toEqual([])
      expect((await store.search(queue)).total).toBe(0)

      expect(await upgradeCloudbaseInPlace(cloud.database() as unknown as Database, UNKEYED_TEST_CRYPTO)).toEqual({ filings: 2, history: 0, identities: 0, next: null })
      expect(await store.dueForAnonymisation('2026-11-22', 10)).toEqual([cancelled])
      expect((await store.search(queue)).items).toEqual([changing])
      expect(await store.getFiling(changing.id)).toEqual(changing)
      expect(await upgradeCloudbaseInPlace(cloud.database() as unknown as Database, UNKEYED_TEST_CRYPTO)).toEqual({ filings: 0, history: 0, identities: 0, next: null })
    })

    it('moves the holding when a change gives the filing another person', async () => {
      const filing = filingRecord()
      await store.createFiling(filing, submitEntry(filing))
      const otherId = residentId('110101', '19500101', '011')
      const corrected = nextVersion(filing, { applicant: { idNumber: otherId } })
      expect(await store.updateFiling(corrected, 1, historyEntry({ filingId: filing.id, action: 'change' }))).toBe('ok')
      expect(cloud.peek('holdings').map((h) => h._id)).toEqual([personKey(otherId)])
      const again = filingRecord({ owner: 'o-9' })
      expect((await store.createFiling(again, submitEntry(again))).kind).toBe('created')
    })

    it('takes over a holding whose filing no longer holds (left behind by a hand edit)', async () => {
      const filing = filingRecord({ status: 'cancelled' })
      await store.createFiling(filing, submitEntry(filing))
      const key = personKey(filing.applicant.idNumber)
      cloud.put('holdings', { _id: key, filingId: filing.id, owner: filing.owner, since: filing.createdAt })
      const fresh = filingRecord({ owner: 'o-new' })
      expect(await store.createFiling(fresh, submitEntry(fresh))).toEqual({ kind: 'created', filing: fresh })
      expect(cloud.peek('holdings')).toEqual([{ _id: key, filingId: fresh.id, owner: 'o-new', since: fresh.updatedAt }])
    })

    it('refuses a second reminder for the same filing and end date by its _id', async () => {
      const filing = temporaryFiling({ validUntil: '2026-12-01' })
      await store.createFiling(filing, submitEntry(filing))
      const reminder = { filingId: filing.id, owner: filing.owner, validUntil: '2026-12-01', message: 'm', createdAt: filing.createdAt, sentAt: null }
      expect(await store.addReminder(reminder)).toBe(true)
      expect(await store.addReminder(reminder)).toBe(false)
      expect(cloud.peek('reminders').map((r) => r._id)).toEqual([`${filing.id}@2026-12-01`])
    })

    it('reads past the 100-document page of the server SDK', async () => {
      const filing = temporaryFiling({ owner: 'o-many', validUntil: '2026-12-01' })
      await store.createFiling(filing, submitEntry(filing))
      const views = Array.from({ length: 230 }, (_, i) =>
        historyEntry({ filingId: filing.id, action: 'view', actor: 'admin-a', role: 'staff', at: `2026-11-22T03:${String(i % 60).padStart(2, '0')}:00.000Z` }),
      )
      for (const view of views) await store.appendHistory(view)
      expect(await store.history(filing.id)).toEqual([submitEntry(filing), ...views])

      for (let i = 0; i < 104; i += 1) await store.createFiling(...withEntry(temporaryFiling({ owner: 'o-many', validUntil: '2026-12-01' })))
      expect(await store.listByOwner('o-many')).toHaveLength(105)
      expect(await store.dueForReminder('2026-11-22', '2026-12-21')).toHaveLength(105)
      const page = await store.search({ filters: {}, today: '2026-11-22', sort: { key: 'filedOn', direction: 'asc' }, page: 2, pageSize: 100 })
      expect(page.total).toBe(105)
      expect(page.items).toHaveLength(5)
    })
  })

  describe('the dashboard counters (issue 17 item 3): kept with each write, never a scan', () => {
    const PROVINCES = ['440000', '110000', '310000', '320000', '510000']
    const TODAYS: CalendarDate[] = ['2026-06-15', '2026-11-22', '2026-12-31', '2027-03-01', '2028-01-01']
    let people = 0

    /** Filings of every status, category, province and month, each for its own person. */
    function mixedFilings(n: number, tag: string): FilingRecord[] {
      return Array.from({ length: n }, (_, i) => {
        const filedOn = addDays('2026-05-03', i * 9)
        const province = PROVINCES[i % PROVINCES.length]
        const common = {
          owner: `o-${tag}-${i}`,
          requestId: `r-${tag}-${i}`,
          filedOn,
          startDate: i % 7 === 3 ? addDays(filedOn, 60) : filedOn,
          destination: { provinceCode: province, cityCode: `${province.slice(0, 2)}0100`, areaCode: `${province.slice(0, 2)}0100` },
          applicant: { idNumber: residentId('511702', `1958${String(101 + Math.floor((people += 1) / 900)).slice(1)}12`, String(100 + (people % 900)).padStart(3, '0')) },
        }
        if (i % 3 === 0) return temporaryFiling({ ...common, validUntil: addDays(filedOn, 150) })
        if (i % 5 === 1) {
          const asked = i % 10 === 1 ? { note: '请补充居住证明', by: 'admin-a', at: `${filedOn}T03:00:00.000Z`, stage: '初审' } : null
          return filingRecord({ ...common, status: 'pending_review', effectiveOn: null, materialsRequest: asked })
        }
        return filingRecord({ ...common, category: i % 2 === 0 ? 'long_term_resident' : 'resettled_retiree' })
      })
    }

    /** The same writes on a store: every filing, then approvals, cancels, rejects and materials asked and given. */
    async function write(store: Store, filings: FilingRecord[]): Promise<void> {
      for (const filing of filings) expect((await store.createFiling(filing, submitEntry(filing))).kind).toBe('created')
      for (const [i, filing] of filings.entries()) {
        let next: FilingRecord | null = null
        if (filing.status === 'pending_review' && i % 4 === 1) next = nextVersion(filing, { status: 'active', effectiveOn: filing.filedOn, materialsRequest: null })
        else if (filing.status === 'pending_review' && i % 4 === 3) next = nextVersion(filing, { status: 'rejected', rejectionReason: '材料不全' })
        else if (filing.status === 'pending_review') next = nextVersion(filing, { materialsRequest: { note: '请补充', by: 'admin-a', at: '2026-11-23T01:00:00.000Z', stage: null } })
        else if (i % 4 === 2) next = nextVersion(filing, { status: 'cancelled' })
        else if (i % 8 === 0) next = nextVersion(filing, { destination: { provinceCode: '530000', cityCode: '530100', areaCode: '530100' } })
        if (next) expect(await store.updateFiling(next, filing.version, historyEntry({ filingId: filing.id, action: 'change' }))).toBe('ok')
      }
    }

    it('gives the SQLite store’s figures on the same data, on every day', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'yd-counters-'))
      const sqlite = openSqliteStore({ file: join(dir, 'filings.db'), staff: CONTRACT_STAFF })
      try {
        const { store } = await cloudbase()
        const filings = mixedFilings(40, 'same')
        await write(sqlite, filings)
        await write(store, filings)
        for (const today of TODAYS) expect([today, await store.stats(today)]).toEqual([today, await sqlite.stats(today)])
        const stats = await store.stats('2026-11-22')
        expect(stats.total).toBe(40)
        expect(Object.keys(stats.byMonth).length).toBeGreaterThan(6)
        expect(stats.byState.needs_materials).toBeGreaterThan(0)
      } finally {
        await sqlite.close()
        rmSync(dir, { recursive: true, force: true })
      }
    })

    it('keeps the counts exact under parallel filings and changes (shards retried, never lost or doubled)', async () => {
      const { cloud, store } = await cloudbase()
      const filings = mixedFilings(48, 'par')
      const results = await Promise.all(filings.map((filing) => store.createFiling(filing, submitEntry(filing))))
      expect(results.every((r) => r.kind === 'created')).toBe(true)
      await Promise.all(
        filings.filter((f) => f.status === 'active').map((f) => store.updateFiling(nextVersion(f, { status: 'cancelled' }), 1, historyEntry({ filingId: f.id, action: 'cancel' }))),
      )
      const active = filings.filter((f) => f.status === 'active').length
      const stats = await store.stats('2026-11-22')
      expect(stats.total).toBe(48)
      expect(stats.byStatus).toEqual({ cancelled: active, pending_review: 48 - active })
      expect(Object.values(stats.byCategory).reduce((a, b) => a + b, 0)).toBe(48)
      expect(Object.values(stats.byProvince).reduce((a, b) => a + b, 0)).toBe(48)
      // Spread over the shards, as many as there are.
      const shards = cloud.peek('counters')
      expect(shards.length).toBeGreaterThan(1)
      expect(shards.length).toBeLessThanOrEqual(COUNTER_SHARDS)
    })

    it('reads a handful of documents for the dashboard, however many filings there are', async () => {
      const { cloud, store } = await cloudbase()
      const cost = async () => {
        const before = cloud.meter()
        await store.stats('2026-11-22')
        const after = cloud.meter()
        return { requests: after.requests - before.requests, bytes: after.bytes - before.bytes, skipped: after.skipped - before.skipped }
      }
      await write(store, mixedFilings(10, 'few'))
      const few = await cost()
      await write(store, mixedFilings(300, 'many'))
      const many = await cost()
      // One get of the shards and three counts; no filing is answered.
      expect(many.requests).toBe(4)
      expect(few.requests).toBe(4)
      expect(many.skipped).toBe(0)
      expect(many.bytes).toBeLessThanOrEqual(COUNTER_SHARDS * 2048)
      expect(many.bytes).toBeLessThan(JSON.stringify(cloud.peek('filings').slice(0, 10)).length)
    })

    it('builds the counters of a deployment that has filings but none (upgradeCloudbaseInPlace), once', async () => {
      const { cloud, db, store } = await cloudbase()
      const filings = mixedFilings(25, 'old')
      await write(store, filings)
      const expected = await store.stats('2026-11-22')
      // As an older build left them: no counters, no `counted` mark.
      for (const shard of cloud.peek('counters')) cloud.drop('counters', String(shard._id))
      for (const doc of cloud.peek('filings')) {
        const { counted: _counted, ...older } = doc
        cloud.put('filings', { ...older, _id: String(doc._id) })
      }
      expect((await store.stats('2026-11-22')).total).toBe(0)
      // A write before the upgrade counts its filing (not yet counted: its new figures only).
      const current = (await store.getFiling(String(cloud.peek('filings').find((doc) => doc.status === 'active')!._id)))!
      expect(await store.updateFiling(nextVersion(current, { status: 'cancelled' }, '2026-11-24T01:00:00.000Z'), current.version, historyEntry({ filingId: current.id, action: 'cancel' }))).toBe('ok')
      expect((await store.stats('2026-11-22')).total).toBe(1)

      expect(await upgradeCloudbaseInPlace(db, UNKEYED_TEST_CRYPTO)).toEqual({ filings: 24, history: 0, identities: 0, next: null })
      const after = await store.stats('2026-11-22')
      expect(after.total).toBe(expected.total)
      expect(after.byStatus).toEqual({ ...expected.byStatus, active: expected.byStatus.active - 1, cancelled: (expected.byStatus.cancelled ?? 0) + 1 })
      expect(after.byCategory).toEqual(expected.byCategory)
      expect(after.byMonth).toEqual(expected.byMonth)
      // Idempotent: nothing left to count.
      expect(await upgradeCloudbaseInPlace(db, UNKEYED_TEST_CRYPTO)).toEqual({ filings: 0, history: 0, identities: 0, next: null })
      expect(await store.stats('2026-11-22')).toEqual(after)
    })

    it('upgrades in batches: a run stops while it still has time and the next goes on from its cursor', async () => {
      const { cloud, db, store } = await cloudbase()
      await write(store, mixedFilings(250, 'old'))
      const expected = await store.stats('2026-11-22')
      for (const shard of cloud.peek('counters')) cloud.drop('counters', String(shard._id))
      for (const doc of cloud.peek('filings')) {
        const { counted: _counted, ...older } = doc
        cloud.put('filings', { ...older, _id: String(doc._id) })
      }
      // Each run has time for one page of 100 (the budget is asked before each page and each document).
      const runs: UpgradeRun[] = []
      let after: string | null = null
      do {
        let asked = 0
        const run: UpgradeRun = await upgradeCloudbaseInPlace(db, UNKEYED_TEST_CRYPTO, { after, remainingMs: () => (asked++ < 101 ? 60_000 : 1_000) })
        runs.push(run)
        after = run.next
      } while (after !== null && runs.length < 10)
      expect(runs.length).toBeGreaterThan(3)
      expect(runs.slice(0, 3).map((run) => run.filings)).toEqual([100, 100, 50])
      expect(runs.reduce((n, run) => n + run.filings, 0)).toBe(250)
      expect(runs.slice(0, -1).every((run) => run.next !== null)).toBe(true)
      expect(runs[runs.length - 1].next).toBeNull()
      expect(await store.stats('2026-11-22')).toEqual(expected)
      await expect(upgradeCloudbaseInPlace(db, UNKEYED_TEST_CRYPTO, { after: 'made-up' })).rejects.toThrow('not a cursor')
    })
  })

  describe('atomicity under concurrency', () => {
    let cloud: FakeWxCloud
    let store: Store

    beforeEach(async () => {
      ;({ cloud, store } = await cloudbase())
    })

    it('lets one of many simultaneous long-term filings for one person through', async () => {
      const attempts = Array.from({ length: 12 }, (_, i) => filingRecord({ owner: `o-${i}` }))
      const results = await Promise.all(attempts.map((filing) => store.createFiling(filing, submitEntry(filing))))
      const created = results.filter((r) => r.kind === 'created')
      expect(created).toHaveLength(1)
      const winner = created[0].kind === 'created' ? created[0].filing : null
      for (const r of results) if (r.kind === 'duplicate') expect(r.existing).toEqual({ id: winner!.id, owner: winner!.owner })
      expect(cloud.peek('filings')).toHaveLength(1)
      expect(cloud.peek('holdings')).toHaveLength(1)
      expect(cloud.peek('history')).toHaveLength(1)
    })

    it('stores one filing when the same request arrives many times at once', async () => {
      const copies = Array.from({ length: 12 }, () => temporaryFiling({ owner: 'o-1', requestId: 'req-same' }))
      const results = await Promise.all(copies.map((copy) => store.createFiling(copy, submitEntry(copy))))
      expect(results.filter((r) => r.kind === 'created')).toHaveLength(1)
      expect(results.filter((r) => r.kind === 'replayed')).toHaveLength(11)
      const [stored] = cloud.peek('filings')
      for (const r of results) expect('filing' in r && r.filing.id).toBe(stored._id)
      expect(cloud.peek('filings')).toHaveLength(1)
      expect(cloud.peek('requests')).toHaveLength(1)
    })

    it('lets exactly one of two updates from the same version through, with its history', async () => {
      const filing = filingRecord()
      await store.createFiling(filing, submitEntry(filing))
      const a = nextVersion(filing, { applicant: { phone: '13900000001' } })
      const b = nextVersion(filing, { status: 'cancelled' })
      const results = await Promise.all([
        store.updateFiling(a, 1, historyEntry({ filingId: filing.id, action: 'update_contact' })),
        store.updateFiling(b, 1, historyEntry({ filingId: filing.id, action: 'cancel' })),
      ])
      expect([...results].sort()).toEqual(['conflict', 'ok'])
      const winner = results[0] === 'ok' ? a : b
      expect(await store.getFiling(filing.id)).toEqual(winner)
      const history = await store.history(filing.id)
      expect(history.map((e) => e.action)).toEqual(['submit', winner === a ? 'update_contact' : 'cancel'])
      expect(cloud.peek('holdings')).toHaveLength(winner === a ? 1 : 0)
    })

    it('appends simultaneous views and an update without losing or reordering any', async () => {
      const filing = filingRecord()
      await store.createFiling(filing, submitEntry(filing))
      const views = Array.from({ length: 8 }, (_, i) => historyEntry({ filingId: filing.id, action: 'view', actor: `admin-${i}`, role: 'staff' }))
      const update = historyEntry({ filingId: filing.id, action: 'update_contact' })
      const results = await Promise.all([
        ...views.map((view) => store.appendHistory(view)),
        store.updateFiling(nextVersion(filing, { applicant: { phone: '13900000002' } }), 1, update),
      ])
      expect(results[results.length - 1]).toBe('ok')
      const history = await store.history(filing.id)
      expect(history).toHaveLength(10)
      expect(history[0]).toEqual(submitEntry(filing))
      expect(new Set(history.slice(1))).toEqual(new Set([...views, update]))
      expect(cloud.peek('history').map((h) => h.seq).sort((x, y) => Number(x) - Number(y))).toEqual(Array.from({ length: 10 }, (_, i) => i + 1))
    })
  })

  describe('a commit whose answer is lost', () => {
    /** The database, except that the first transaction's answer is lost after it committed. */
    function losingOneAnswer(db: Database): Database {
      let lose = false
      return {
        command: db.command,
        collection: (name) => db.collection(name),
        async runTransaction<T>(callback: (transaction: Transaction) => Promise<T>, times?: number): Promise<T> {
          const result = await db.runTransaction(callback, times)
          if (lose) {
            lose = false
            // As wx-server-sdk reports a failure it has no code for: SYS_ERR, -501001.
            throw Object.assign(new Error('runTransaction:fail -501001 request timed out'), { errCode: -501001 })
          }
          return result
        },
        // Arms the loss for the next transaction.
        ...{ arm: () => (lose = true) },
      } as Database & { arm: () => void }
    }

    it('is retried and recognised as its own write: created, ok, one entry', async () => {
      const { db, cloud } = await cloudbase()
      const flaky = losingOneAnswer(db) as Database & { arm: () => void }
      const store = cloudbaseStore(flaky)
      const filing = filingRecord()

      flaky.arm()
      expect(await store.createFiling(filing, submitEntry(filing))).toEqual({ kind: 'created', filing })

      flaky.arm()
      const changed = nextVersion(filing, { applicant: { phone: '13900000003' } })
      expect(await store.updateFiling(changed, 1, historyEntry({ filingId: filing.id, action: 'update_contact' }))).toBe('ok')

      flaky.arm()
      await store.appendHistory(historyEntry({ filingId: filing.id, action: 'view', actor: 'admin-a', role: 'staff' }))

      expect(await store.getFiling(filing.id)).toEqual(changed)
      expect((await store.history(filing.id)).map((e) => e.action)).toEqual(['submit', 'update_contact', 'view'])
      expect(cloud.peek('filings')).toHaveLength(1)
    })
  })

  describe('failures', () => {
    it('surfaces an error other than -501001 at once, leaving nothing half-written', async () => {
      const cloud = new FakeWxCloud()
      const db: FakeDatabase = cloud.database()
      for (const name of COLLECTIONS.filter((n) => n !== 'history')) await db.createCollection(name)
      let transactions = 0
      const counting: Database = { ...db, runTransaction: (callback, times) => ((transactions += 1), db.runTransaction(callback, times)) }
      const store = cloudbaseStore(counting)
      const filing = filingRecord()
      await expect(store.createFiling(filing, submitEntry(filing))).rejects.toThrow(/-502005 database collection not exists/)
      // A missing collection is not a conflict: one transaction, not eight.
      expect(transactions).toBe(1)
      expect(cloud.peek('filings')).toEqual([])
      expect(cloud.peek('holdings')).toEqual([])
      expect(cloud.peek('requests')).toEqual([])
    })

    it('refuses history for a filing that does not exist', async () => {
      const { store } = await cloudbase()
      await expect(store.appendHistory(historyEntry({ filingId: 'YD20261122-ZZZZZZ', action: 'view' }))).rejects.toThrow(/no filing/)
    })

    it('works the same on a database made with throwOnNotFound: false', async () => {
      const { store } = await cloudbase(CONTRACT_STAFF, { throwOnNotFound: false })
      const filing = filingRecord()
      expect(await store.createFiling(filing, submitEntry(filing))).toEqual({ kind: 'created', filing })
      const again = filingRecord({ owner: 'o-2' })
      expect((await store.createFiling(again, submitEntry(again))).kind).toBe('duplicate')
      expect(await store.updateFiling(nextVersion(filing, { status: 'cancelled' }), 1, historyEntry({ filingId: filing.id, action: 'cancel' }))).toBe('ok')
      expect((await store.createFiling(again, submitEntry(again))).kind).toBe('created')
    })

    it('writes nothing to the console and never puts an ID number in an error', async () => {
      const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => jest.spyOn(console, method).mockImplementation(() => undefined))
      try {
        const { store } = await cloudbase()
        const filing = filingRecord()
        await store.createFiling(filing, submitEntry(filing))
        const duplicate = filingRecord({ owner: 'o-x' })
        await store.createFiling(duplicate, submitEntry(duplicate))
        await store.updateFiling(nextVersion(filing, {}), 7, historyEntry({ filingId: filing.id }))
        await store.search({ filters: { q: filing.applicant.idNumber.slice(-4) }, today: '2026-11-22', sort: { key: 'filedOn', direction: 'desc' }, page: 1, pageSize: 20 })
        await store.stats('2026-11-22')
        const clash = filingRecord({ id: filing.id, owner: 'o-y', requestId: 'r-y', category: 'emergency', validUntil: '2027-01-01' })
        const error: Error = await store.createFiling(clash, submitEntry(clash)).then(
          () => new Error('no error'),
          (e: Error) => e,
        )
        expect(error.message).not.toContain(filing.applicant.idNumber)
        for (const spy of spies) expect(spy).not.toHaveBeenCalled()
      } finally {
        for (const spy of spies) spy.mockRestore()
      }
    })
  })

  describe('security rules', () => {
    it('closes every collection the adapter uses to clients, and names no other', () => {
      const rules = JSON.parse(readFileSync(join(__dirname, '../../cloudfunctions/database-rules.json'), 'utf8')) as Record<string, unknown>
      expect(Object.keys(rules).sort()).toEqual([...COLLECTIONS].sort())
      for (const rule of Object.values(rules)) expect(rule).toEqual({ read: false, write: false })
    })
  })

  describe('proof files in cloud storage', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])

    it('uploads under proofs/<owner>/<id>, records the file, and reads the bytes back', async () => {
      const { cloud, db, store } = await cloudbase()
      const files = cloudbaseFiles(cloud, db)
      const file = await files.put('o-wang-xiulan', new Uint8Array(png), 'image/png', new Date())
      expect(file).toEqual({
        id: expect.stringMatching(/^f_[0-9a-f]{32}$/),
        owner: 'o-wang-xiulan',
        contentType: 'image/png',
        size: png.length,
        sha256: createHash('sha256').update(png).digest('hex'),
        createdAt: expect.any(String),
      })
      const [object] = cloud.objectIds()
      expect(object).toMatch(new RegExp(`^cloud://[^/]+/proofs/o-wang-xiulan/${file.id}$`))
      expect(cloud.peek('files')).toEqual([{ _id: file.id, ...withoutId(file), fileID: object, cloudPath: `proofs/o-wang-xiulan/${file.id}`, attachedAt: null, purgedAt: null }])
      expect(await files.stat(file.id)).toEqual(file)
      expect(await store.getFile(file.id)).toEqual(file)
      const read = await files.read(file.id)
      expect(read?.file).toEqual(file)
      expect(Buffer.from(read!.bytes).equals(png)).toBe(true)
    })

    it('hands out a short-lived link to the stored object, and none for an unknown id', async () => {
      const { cloud, db } = await cloudbase()
      const files = cloudbaseFiles(cloud, db)
      const file = await files.put('o-wang-xiulan', new Uint8Array(png), 'image/png', new Date())
      // Ten minutes: a link to a proof is for opening it now.
      expect(await files.link(file.id)).toMatch(new RegExp(`^https://[^/]+/proofs/o-wang-xiulan/${file.id}\\?sign=[0-9a-f]+&t=600$`))
      await expect(files.link(`f_${'0'.repeat(32)}`)).rejects.toThrow(/no stored file/)
      const lost = cloudbaseFiles(
        {
          uploadFile: cloud.uploadFile.bind(cloud),
          downloadFile: cloud.downloadFile.bind(cloud),
          getTempFileURL: async ({ fileList }) => ({ fileList: fileList.map(({ fileID }) => ({ fileID, tempFileURL: '', status: -503003, errMsg: 'STORAGE_FILE_NONEXIST' })) }),
          deleteFile: cloud.deleteFile.bind(cloud),
        },
        db,
      )
      await expect(lost.link(file.id)).rejects.toThrow(/no link .*STORAGE_FILE_NONEXIST/)
    })

    it('answers null for an unknown or malformed id', async () => {
      const { cloud, db } = await cloudbase()
      const files = cloudbaseFiles(cloud, db)
      expect(await files.stat(`f_${'0'.repeat(32)}`)).toBeNull()
      expect(await files.read(`f_${'0'.repeat(32)}`)).toBeNull()
      expect(await files.stat('../../etc/passwd')).toBeNull()
      expect(await files.read('cloud://env/proofs/x')).toBeNull()
    })

    it('refuses an owner that is not an openid, before uploading anything', async () => {
      const { cloud, db } = await cloudbase()
      const files = cloudbaseFiles(cloud, db)
      await expect(files.put('../other', new Uint8Array(png), 'image/png', new Date())).rejects.toThrow(/openid/)
      expect(cloud.objectIds()).toEqual([])
    })

    it('counts what a person keeps, purges what no filing named after the cut-off, keeps attached files and every record', async () => {
      const { cloud, db } = await cloudbase()
      const files = cloudbaseFiles(cloud, db)
      const kept = await files.put('o-life', new Uint8Array(png), 'image/png', new Date())
      const loose = await files.put('o-life', new Uint8Array(png), 'image/png', new Date())
      await files.put('o-other', new Uint8Array(png), 'image/png', new Date())
      expect(await files.usage('o-life')).toEqual({ files: 2, bytes: 2 * png.length })
      await files.attach([kept.id, `f_${'0'.repeat(32)}`], new Date())
      const objects = cloud.objectIds().length
      // A cut-off before they were made: nothing goes.
      expect(await files.purgeUnattached(new Date(Date.parse(kept.createdAt) - 1000), new Date())).toBe(0)
      const later = new Date(Date.now() + 25 * 3600_000)
      expect(await files.purgeUnattached(new Date(later.getTime() - 24 * 3600_000), later)).toBe(2)
      expect(cloud.objectIds()).toHaveLength(objects - 2)
      expect(await files.stat(loose.id)).toBeNull()
      expect(await files.read(loose.id)).toBeNull()
      expect(await files.stat(kept.id)).toEqual(kept)
      expect(await files.usage('o-life')).toEqual({ files: 1, bytes: png.length })
      // Records stay, marked.
      expect(cloud.peek('files')).toHaveLength(3)
      expect(cloud.peek('files').find((doc) => doc._id === loose.id)).toMatchObject({ purgedAt: later.toISOString(), attachedAt: null })
      // A purged file cannot be attached afterwards.
      await files.attach([loose.id], later)
      expect(cloud.peek('files').find((doc) => doc._id === loose.id)).toMatchObject({ attachedAt: null })
    })

    it('writes no record when the upload fails', async () => {
      const { cloud, db } = await cloudbase()
      const failing = {
        uploadFile: () => Promise.reject(new Error('uploadFile:fail -503001 storage request fail.')),
        downloadFile: cloud.downloadFile.bind(cloud),
        getTempFileURL: cloud.getTempFileURL.bind(cloud),
        deleteFile: cloud.deleteFile.bind(cloud),
      }
      await expect(cloudbaseFiles(failing, db).put('o-1', new Uint8Array(png), 'image/png', new Date())).rejects.toThrow(/uploadFile:fail/)
      expect(cloud.peek('files')).toEqual([])
    })

    it('throws when the stored bytes no longer match the record', async () => {
      const { cloud, db } = await cloudbase()
      const files = cloudbaseFiles(cloud, db)
      const file = await files.put('o-1', new Uint8Array(png), 'image/png', new Date())
      cloud.corrupt(cloud.objectIds()[0], Buffer.from('not the same'))
      await expect(files.read(file.id)).rejects.toThrow(/do not match/)
    })
  })

  describe('the stand-in itself (what the adapter relies on)', () => {
    let cloud: FakeWxCloud
    let db: FakeDatabase

    beforeEach(async () => {
      cloud = new FakeWxCloud()
      db = cloud.database()
      await db.createCollection('c')
    })

    it('returns at most 1000 documents per get, 100 without a limit, and counts what skip() walks past', async () => {
      for (let i = 0; i < 1030; i += 1) await db.collection('c').add({ data: { n: i } })
      expect((await db.collection('c').get()).data).toHaveLength(100)
      expect((await db.collection('c').limit(5000).get()).data).toHaveLength(1000)
      expect(cloud.skippedDocuments()).toBe(0)
      expect((await db.collection('c').skip(1000).limit(100).get()).data).toHaveLength(30)
      expect(cloud.skippedDocuments()).toBe(1000)
      expect((await db.collection('c').count()).total).toBe(1030)
    })

    it('meters requests and the bytes of what they answer', async () => {
      await db.collection('c').add({ data: { _id: 'a', n: 1 } })
      const before = cloud.meter()
      const { data } = await db.collection('c').get()
      await db.collection('c').count()
      await db.runTransaction(async (tx) => tx.collection('c').doc('a').get())
      const after = cloud.meter()
      // get, count; the transaction's start, read and commit.
      expect(after.requests - before.requests).toBe(5)
      expect(after.bytes - before.bytes).toBe(Buffer.byteLength(JSON.stringify(data)))
    })

    it('refuses a query result over 1 MB, however few documents it holds', async () => {
      for (let i = 0; i < 12; i += 1) await db.collection('c').add({ data: { n: i, blob: 'x'.repeat(100_000) } })
      expect((await db.collection('c').limit(10).get()).data).toHaveLength(10)
      await expect(db.collection('c').limit(12).get()).rejects.toThrow(/query result exceeds 1048576 bytes/)
    })

    it('gives a temporary link the lifetime asked for, and refuses an entry without fileID and maxAge', async () => {
      const { fileID } = await cloud.uploadFile({ cloudPath: 'a/b.png', fileContent: Buffer.from('x') })
      expect((await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 600 }] })).fileList).toEqual([expect.objectContaining({ fileID, maxAge: 600, status: 0 })])
      expect((await cloud.getTempFileURL({ fileList: [fileID] })).fileList).toEqual([expect.objectContaining({ maxAge: 86400, status: 0 })])
      await expect(cloud.getTempFileURL({ fileList: [{ fileID } as { fileID: string; maxAge: number }] })).rejects.toThrow(/fileID 和 maxAge/)
    })

    it('refuses an add with an existing _id, and counts updates', async () => {
      await db.collection('c').add({ data: { _id: 'a', n: 1 } })
      await expect(db.collection('c').add({ data: { _id: 'a', n: 2 } })).rejects.toMatchObject({ errCode: -501001 })
      expect(await db.collection('c').doc('a').update({ data: { n: 3 } })).toMatchObject({ stats: { updated: 1 } })
      expect(await db.collection('c').doc('b').update({ data: { n: 3 } })).toMatchObject({ stats: { updated: 0 } })
      expect(cloud.peek('c')).toEqual([{ _id: 'a', n: 3 }])
    })

    it('refuses a query no declared index serves (-502001, the code a guess), unless the manifest allows the scan', async () => {
      const _ = db.command
      await db.createCollection('filings')
      for (let i = 0; i < 3; i += 1) await db.collection('filings').add({ data: { status: 'active', category: 'referral', updatedAt: `2026-11-2${i}`, validUntil: '2026-12-01' } })
      // Served: by _id, by the status_valid_until prefix, in natural order with no condition.
      expect((await db.collection('filings').where({ _id: _.in(['x']) }).get()).data).toEqual([])
      expect((await db.collection('filings').where({ status: 'active' }).orderBy('validUntil', 'asc').get()).data).toHaveLength(3)
      expect((await db.collection('filings').limit(2).get()).data).toHaveLength(2)
      // Refused: a sort and a filter no index covers, and any aggregate.
      await expect(db.collection('filings').orderBy('updatedAt', 'desc').get()).rejects.toMatchObject({ errCode: -502001, message: expect.stringContaining('no declared index of filings serves this get') })
      await expect(db.collection('filings').where({ updatedAt: '2026-11-20' }).get()).rejects.toMatchObject({ errCode: -502001 })
      await expect(db.collection('filings').aggregate().group({ _id: '$status', n: _.aggregate.sum(1) }).end()).rejects.toMatchObject({ errCode: -502001 })
      // The scan deploy/database.json allows: a count on residual filters only.
      expect((await db.collection('filings').where({ category: 'referral' }).count()).total).toBe(3)
      await expect(db.collection('filings').where({ category: 'referral' }).get()).rejects.toMatchObject({ errCode: -502001 })
    })

    it('charges an invocation its modelled time, runs its clock on it, and stops it past its timeout (-504003)', async () => {
      await db.collection('c').add({ data: { _id: 'a' } })
      const ModelledDate = modelledDate()
      /** `n` gets by _id, each MODEL.databaseMs (and a few bytes); what the invocation's clock says they took. */
      const gets = (n: number) => async () => {
        const started = ModelledDate.now()
        for (let i = 0; i < n; i += 1) await db.collection('c').where({ _id: 'a' }).get()
        return ModelledDate.now() - started
      }
      const fit = Math.floor(1000 / MODEL.databaseMs) - 1
      const took = await invoke('f', 1, gets(fit))
      expect(took).toBeGreaterThanOrEqual(fit * MODEL.databaseMs)
      await expect(invoke('f', 1, gets(fit + 2))).rejects.toMatchObject({ errCode: -504003, message: expect.stringContaining('Invoking task timed out after 1 seconds') })
      // Outside an invocation nothing is charged, and nothing stops.
      await expect(gets(fit + 2)()).resolves.toEqual(expect.any(Number))
    })

    it('stops a function mid-transaction past its timeout: nothing of that transaction commits, and it blocks no one', async () => {
      await db.collection('c').add({ data: { _id: 'a', n: 0 } })
      const slow = invoke('f', 0.1, () =>
        db.runTransaction(async (tx) => {
          await tx.collection('c').doc('a').update({ data: { n: 1 } })
          // Two more requests: past 100 ms.
          await tx.collection('c').doc('a').get()
          await tx.collection('c').doc('a').get()
        }),
      )
      await expect(slow).rejects.toMatchObject({ errCode: -504003 })
      expect(cloud.peek('c')).toEqual([{ _id: 'a', n: 0 }])
      await db.runTransaction(async (tx) => tx.collection('c').doc('a').update({ data: { n: 2 } }))
      expect(cloud.peek('c')).toEqual([{ _id: 'a', n: 2 }])
    })

    it('rejects calls on a collection that was never created', async () => {
      await expect(db.collection('nope').get()).rejects.toMatchObject({ errCode: -502005 })
    })

    it('throws like the SDK for a where() whose values are all undefined', () => {
      expect(() => db.collection('c').where({ a: undefined })).toThrow('查询参数对象值不能均为undefined')
    })

    it('gives a transaction its snapshot, and fails the second writer of a document at once, without a code', async () => {
      await db.collection('c').add({ data: { _id: 'a', n: 0 } })
      let release!: () => void
      const gate = new Promise<void>((resolve) => (release = resolve))
      const first = db.runTransaction(async (tx) => {
        await tx.collection('c').doc('a').set({ data: { n: 1 } })
        await gate
        return 'first'
      })
      const second = db.runTransaction(async (tx) => {
        expect((await tx.collection('c').doc('a').get()).data).toEqual({ _id: 'a', n: 0 })
        await tx.collection('c').doc('a').set({ data: { n: 2 } })
        return 'second'
      })
      const failure = await second.catch((e: Error & { code?: string; errCode?: number }) => e)
      release()
      expect(await first).toBe('first')
      expect(failure).toMatchObject({ errCode: -501001 })
      expect((failure as { code?: string }).code).toBeUndefined()
      expect(cloud.peek('c')).toEqual([{ _id: 'a', n: 1 }])
    })

    it('rolls a transaction back when its callback throws', async () => {
      await expect(
        db.runTransaction(async (tx) => {
          await tx.collection('c').add({ data: { _id: 'x' } })
          throw new Error('changed my mind')
        }),
      ).rejects.toThrow('changed my mind')
      expect(cloud.peek('c')).toEqual([])
    })

    it("rejects a transactional get of a missing document by default, like wx-server-sdk's throwOnNotFound", async () => {
      await expect(db.runTransaction((tx) => tx.collection('c').doc('missing').get())).rejects.toThrow(/document with _id missing does not exist/)
      const lenient = cloud.database({ throwOnNotFound: false })
      expect(await lenient.runTransaction((tx) => tx.collection('c').doc('missing').get())).toEqual({ data: null })
    })

    it('returns at most 20 aggregate rows without a limit stage', async () => {
      // An aggregate is a scan: served only with the index rules off.
      const open = new FakeWxCloud({ indexes: null })
      const db = open.database()
      await db.createCollection('c')
      for (let i = 0; i < 25; i += 1) await db.collection('c').add({ data: { k: `k${i}` } })
      const group = { _id: '$k', count: db.command.aggregate.sum(1) }
      expect((await db.collection('c').aggregate().group(group).end()).list).toHaveLength(20)
      expect((await db.collection('c').aggregate().group(group).limit(100).end()).list).toHaveLength(25)
    })
  })
})

function withEntry(filing: ReturnType<typeof filingRecord>) {
  return [filing, submitEntry(filing)] as const
}

function withoutId(value: { id: string }): Doc {
  const rest: Doc = { ...value }
  delete rest.id
  return rest
}
