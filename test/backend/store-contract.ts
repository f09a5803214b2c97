// The store port's contract (src/backend/store/port.ts), as one jest suite that every adapter runs:
// `runStoreContract('sqlite', makeStore)`. It uses the port only, so a CloudBase adapter runs it too.
//
// Decisions the port's comments leave open, fixed here for every adapter:
// - listByOwner: newest first (the order the filings were created in, reversed).
// - search/exportAll: an empty list filter (`state: []`) is no filter; `state` is the derived state
//   on the query's `today` (rules `staffState`: 生效中 holds 即将到期, not 未生效 or 已过期); `expiringWithinDays` counts
//   started, approved filings only (as displayState's 即将到期), today … today + N inclusive; a filing with no end
//   date (validUntil null) sorts after every date; ties are broken the same way on every call, so
//   pages neither repeat nor skip a filing; `page` starts at 1; `q` also finds the filing number in
//   lower case and an ID number's last 4 with a lower-case x.
// - stats.expiringIn30Days: started, validUntil >= today and fewer than 30 days away (displayState);
//   stats.byState: every state, counted on `today` as the state filter lists it.
// - updateFiling on an unknown id: 'conflict'. A stale version wins over a duplicate.
// - history/remindersFor: oldest first; dueForReminder: by validUntil.
// - saveFile never replaces a stored file (a second save of an id is refused or ignored).
import { STAFF_STATES, addDays, staffState, type CalendarDate, type StaffState } from '../../src/rules'
import type { FilingRecord, HistoryEntry } from '../../src/backend/domain/record'
import type { IdentityRecord, Reminder, SearchFilters, SearchQuery, SortKey, StaffMember, Store, StoredFile } from '../../src/backend/store/port'
import { anonymisedFiling, anonymisedOwner, redactedEntry } from '../../src/backend/domain/retention'
import { awaitsReviewBy } from '../../src/backend/domain/review-queue'
import { filingRecord, historyEntry, nextVersion, residentId, submitEntry, temporaryFiling, type FilingOverrides } from './builders'

/** The staff list every store under test is made with. */
export const CONTRACT_STAFF: StaffMember[] = [
  { openid: 'admin-a', name: '张科员', roles: ['query', 'review'] },
  { openid: 'admin-b', name: '李科长', roles: ['query'] },
]

export interface StoreUnderTest {
  store: Store
  /** Closes the store and throws its data away. */
  cleanup: () => Promise<void>
  /** Closes the store and opens it again on the same data (adapters that can: the persistence test). */
  reopen?: () => Promise<Store>
}

const TODAY: CalendarDate = '2026-11-22'

export function runStoreContract(name: string, makeStore: (options: { staff: StaffMember[] }) => Promise<StoreUnderTest>): void {
  describe(`store contract: ${name}`, () => {
    let subject: StoreUnderTest
    let store: Store

    beforeEach(async () => {
      subject = await makeStore({ staff: CONTRACT_STAFF })
      store = subject.store
    })

    afterEach(async () => {
      await subject.cleanup()
    })

    /** Stores `filing` (which must be created) with its submit entry. */
    async function stored(overrides: FilingOverrides = {}): Promise<FilingRecord> {
      const filing = filingRecord(overrides)
      const result = await store.createFiling(filing, submitEntry(filing))
      expect(result).toEqual({ kind: 'created', filing })
      return filing
    }

    async function storedTemporary(overrides: FilingOverrides = {}): Promise<FilingRecord> {
      return stored({ ...temporaryFiling(overrides) })
    }

    describe('createFiling, getFiling, listByOwner', () => {
      it('stores a filing whole and reads it back by id', async () => {
        const filing = filingRecord({
          materials: [{ kind: 'residence_proof', fileId: 'file-1' }],
          destination: { provinceCode: '110000', areaCode: '110000' },
          referral: null,
          stays: [{ admissionDate: '2026-11-01', dischargeDate: null, recordedBy: 'admin-a', recordedAt: '2026-11-05T01:00:00.000Z' }],
        })
        expect(await store.createFiling(filing, submitEntry(filing))).toEqual({ kind: 'created', filing })
        expect(await store.getFiling(filing.id)).toEqual(filing)
        expect(await store.getFiling('YD20261122-ZZZZZZ')).toBeNull()
      })

      it('writes the first history entry with the filing', async () => {
        const filing = filingRecord()
        const entry = submitEntry(filing)
        await store.createFiling(filing, entry)
        expect(await store.history(filing.id)).toEqual([entry])
      })

      it("lists an owner's filings, newest first, and nobody else's", async () => {
        const first = await storedTemporary({ owner: 'o-1' })
        const second = await storedTemporary({ owner: 'o-1' })
        await storedTemporary({ owner: 'o-2' })
        expect(await store.listByOwner('o-1')).toEqual([second, first])
        expect(await store.listByOwner('o-nobody')).toEqual([])
      })

      it('returns the first filing, unchanged, when the owner sends the same requestId again', async () => {
        const first = await storedTemporary({ owner: 'o-1', requestId: 'req-1' })
        const again = temporaryFiling({ owner: 'o-1', requestId: 'req-1', startDate: '2026-12-01' })
        expect(await store.createFiling(again, submitEntry(again))).toEqual({ kind: 'replayed', filing: first })
        expect(await store.getFiling(again.id)).toBeNull()
        expect(await store.listByOwner('o-1')).toEqual([first])
        expect(await store.history(first.id)).toHaveLength(1)
      })

      it('replays a long-term filing rather than calling it a duplicate of itself', async () => {
        const first = await stored({ requestId: 'req-1' })
        const again = filingRecord({ requestId: 'req-1' })
        expect(await store.createFiling(again, submitEntry(again))).toEqual({ kind: 'replayed', filing: first })
      })

      it('refuses a filing number that is already taken, and stores nothing', async () => {
        const first = await storedTemporary({ owner: 'o-1' })
        const clash = temporaryFiling({ id: first.id, owner: 'o-2', requestId: 'req-other' })
        expect(await store.createFiling(clash, submitEntry(clash))).toEqual({ kind: 'number_taken' })
        expect(await store.getFiling(first.id)).toEqual(first)
        expect(await store.history(first.id)).toHaveLength(1)
        expect(await store.listByOwner('o-2')).toEqual([])
      })

      it('keeps the same requestId from another owner as a separate filing', async () => {
        const mine = await storedTemporary({ owner: 'o-1', requestId: 'req-1' })
        const theirs = await storedTemporary({ owner: 'o-2', requestId: 'req-1' })
        expect(theirs.id).not.toBe(mine.id)
        expect(await store.getFiling(mine.id)).toEqual(mine)
        expect(await store.getFiling(theirs.id)).toEqual(theirs)
      })
    })

    describe('listByPerson: every filing under one ID, whoever filed it', () => {
      it("lists the person's own and their family's filings for them, newest first, and nobody else's", async () => {
        const idNumber = residentId('511702', '19400101', '017')
        const own = await storedTemporary({ owner: 'o-mother', applicant: { idNumber } })
        const agent = { name: '李强', idType: 'resident_id' as const, idNumber: residentId('511702', '19700101', '012'), phone: '13900001111', relationship: 'child' as const, authorization: null }
        const bySon = await storedTemporary({ owner: 'o-son', applicant: { idNumber }, agent })
        await storedTemporary({ owner: 'o-son' })
        expect(await store.listByPerson('resident_id', idNumber)).toEqual([bySon, own])
        expect(await store.listByPerson('hmt_residence_permit', idNumber)).toEqual([])
        expect(await store.listByPerson('resident_id', residentId('511702', '19400101', '025'))).toEqual([])
      })
    })

    describe('identities: one 实名认证 per openid', () => {
      const identity: IdentityRecord = {
        openid: 'o-mother',
        verified: { name: '王秀兰', idType: 'resident_id', idNumber: residentId('511702', '19400101', '017'), method: 'wechat_face', verifiedAt: '2026-11-22T02:00:00.000Z' },
        pending: null,
        updatedAt: '2026-11-22T02:00:00.000Z',
      }

      it('reads back what was saved, replaces it, and knows nothing of other openids', async () => {
        expect(await store.identityOf('o-mother')).toBeNull()
        await store.saveIdentity(identity)
        expect(await store.identityOf('o-mother')).toEqual(identity)
        const pending = { ...identity, pending: { verifyId: 'v-1', outSeqNo: 'yd-1', name: '王秀兰', idType: 'resident_id' as const, idNumber: identity.verified!.idNumber, expiresAt: '2026-11-22T03:00:00.000Z' }, updatedAt: '2026-11-22T02:30:00.000Z' }
        await store.saveIdentity(pending)
        expect(await store.identityOf('o-mother')).toEqual(pending)
        expect(await store.identityOf('o-son')).toBeNull()
      })
    })

    describe('takeUse: the rate limits\' counter', () => {
      it('takes up to max uses in a window, refuses the next without counting it, and starts again in the next window', async () => {
        const results = []
        for (let i = 0; i < 4; i += 1) results.push(await store.takeUse('submit:o-1', '2026-11-22T02:00:00.000Z', 3))
        expect(results).toEqual([true, true, true, false])
        // Another key, or another action for the same openid, counts apart.
        expect(await store.takeUse('submit:o-2', '2026-11-22T02:00:00.000Z', 3)).toBe(true)
        expect(await store.takeUse('upload:o-1', '2026-11-22T02:00:00.000Z', 3)).toBe(true)
        expect(await store.takeUse('submit:o-1', '2026-11-22T03:00:00.000Z', 3)).toBe(true)
        expect(await store.takeUse('submit:o-1', '2026-11-22T03:00:00.000Z', 1)).toBe(false)
      })
    })

    describe('one long-term filing per person', () => {
      it('refuses a second long-term filing for the same ID, even from another owner, and stores nothing', async () => {
        const held = await stored({ owner: 'o-1', status: 'active' })
        const second = filingRecord({ owner: 'o-2', category: 'long_term_resident' })
        expect(await store.createFiling(second, submitEntry(second))).toEqual({
          kind: 'duplicate',
          existing: { id: held.id, owner: 'o-1' },
        })
        expect(await store.getFiling(second.id)).toBeNull()
        expect(await store.history(second.id)).toEqual([])
        expect(await store.listByOwner('o-2')).toEqual([])
      })

      it('counts a long-term filing under review as held', async () => {
        const held = await stored({ status: 'pending_review', effectiveOn: null })
        const second = filingRecord({ category: 'resident_worker', status: 'pending_review' })
        expect(await store.createFiling(second, submitEntry(second))).toEqual({
          kind: 'duplicate',
          existing: { id: held.id, owner: held.owner },
        })
      })

      it('does not count temporary filings', async () => {
        await storedTemporary({ category: 'emergency' })
        await storedTemporary({ category: 'referral' })
        await storedTemporary({ category: 'other_temporary' })
        await stored({ category: 'resettled_retiree' })
        await storedTemporary({ category: 'emergency' })
      })

      it('does not count cancelled or rejected long-term filings', async () => {
        await stored({ status: 'cancelled' })
        await stored({ status: 'rejected' })
        await stored({ status: 'active' })
      })

      it('tells people apart by ID type and number together', async () => {
        await stored({ applicant: { idType: 'resident_id', idNumber: residentId('110101', '19550307', '123') } })
        await stored({ applicant: { idType: 'resident_id', idNumber: residentId('110101', '19550307', '125') } })
        await stored({ applicant: { idType: 'hmt_residence_permit', idNumber: residentId('810000', '19600101', '013') } })
        await stored({ applicant: { idType: 'resident_id', idNumber: residentId('810000', '19600101', '013') } })
      })
    })

    describe('updateFiling', () => {
      it('replaces the filing and appends the entry when the version matches', async () => {
        const filing = await stored()
        const changed = nextVersion(filing, { applicant: { phone: '13900001111' } })
        const entry = historyEntry({
          filingId: filing.id,
          at: changed.updatedAt,
          action: 'update_contact',
          changes: [{ field: 'applicant.phone', before: '13812345678', after: '13900001111' }],
        })
        expect(await store.updateFiling(changed, 1, entry)).toBe('ok')
        expect(await store.getFiling(filing.id)).toEqual(changed)
        expect(await store.listByOwner(filing.owner)).toEqual([changed])
        expect(await store.history(filing.id)).toEqual([submitEntry(filing), entry])
      })

      it('refuses a stale version as a conflict and changes nothing', async () => {
        const filing = await stored()
        const v2 = nextVersion(filing, { applicant: { phone: '13900001111' } })
        expect(await store.updateFiling(v2, 1, historyEntry({ filingId: filing.id, action: 'update_contact' }))).toBe('ok')
        const fromStaleRead = nextVersion(filing, { status: 'cancelled' })
        const entry = historyEntry({ filingId: filing.id, action: 'cancel', reason: '不再需要' })
        expect(await store.updateFiling(fromStaleRead, 1, entry)).toBe('conflict')
        expect(await store.getFiling(filing.id)).toEqual(v2)
        expect(await store.history(filing.id)).toHaveLength(2)
      })

      it('answers conflict for a filing that does not exist', async () => {
        const ghost = nextVersion(filingRecord(), { status: 'cancelled' })
        expect(await store.updateFiling(ghost, 1, historyEntry({ filingId: ghost.id, action: 'cancel' }))).toBe('conflict')
        expect(await store.getFiling(ghost.id)).toBeNull()
      })

      it('lets a change keep the filing the person already holds', async () => {
        const filing = await stored()
        const moved = nextVersion(filing, { destination: { provinceCode: '440000', cityCode: '440100', areaCode: '440100' } })
        expect(await store.updateFiling(moved, 1, historyEntry({ filingId: filing.id, action: 'change' }))).toBe('ok')
      })

      it('releases the long-term holding on cancel, so a new long-term filing can be made', async () => {
        const filing = await stored({ owner: 'o-1' })
        const blocked = filingRecord({ owner: 'o-1' })
        expect((await store.createFiling(blocked, submitEntry(blocked))).kind).toBe('duplicate')
        const cancelled = nextVersion(filing, { status: 'cancelled' })
        expect(await store.updateFiling(cancelled, 1, historyEntry({ filingId: filing.id, action: 'cancel', reason: '搬回原籍' }))).toBe('ok')
        expect(await store.createFiling(blocked, submitEntry(blocked))).toEqual({ kind: 'created', filing: blocked })
      })

      it('refuses a change that would give the person a second long-term filing, and changes nothing', async () => {
        const held = await stored()
        const temporary = await storedTemporary()
        const toLongTerm = nextVersion(temporary, { category: 'long_term_resident', validUntil: null })
        expect(await store.updateFiling(toLongTerm, 1, historyEntry({ filingId: temporary.id, action: 'change' }))).toBe('duplicate')
        expect(await store.getFiling(temporary.id)).toEqual(temporary)
        expect(await store.history(temporary.id)).toHaveLength(1)
        expect(await store.getFiling(held.id)).toEqual(held)
      })
    })

    describe('history', () => {
      it('keeps every entry, oldest first, with all its content', async () => {
        const filing = await stored({ status: 'pending_review', effectiveOn: null })
        const entries: HistoryEntry[] = [
          submitEntry(filing),
          historyEntry({ filingId: filing.id, at: '2026-11-22T03:00:00.000Z', actor: 'admin-a', role: 'staff', action: 'view' }),
          historyEntry({
            filingId: filing.id,
            at: '2026-11-22T03:05:00.000Z',
            actor: 'admin-a',
            role: 'staff',
            action: 'review_pass',
            stage: '初审',
            reason: '材料齐全',
          }),
          historyEntry({
            filingId: filing.id,
            at: '2026-11-23T01:00:00.000Z',
            actor: 'admin-b',
            role: 'staff',
            action: 'approve',
            stage: '复审',
            changes: [
              { field: 'status', before: 'pending_review', after: 'active' },
              { field: 'effectiveOn', before: null, after: '2026-11-23' },
            ],
          }),
        ]
        await store.appendHistory(entries[1])
        const passed = nextVersion(filing, { reviewers: ['admin-a'] })
        expect(await store.updateFiling(passed, 1, entries[2])).toBe('ok')
        const approved = nextVersion(passed, { status: 'active', effectiveOn: '2026-11-23', reviewers: ['admin-a', 'admin-b'] })
        expect(await store.updateFiling(approved, 2, entries[3])).toBe('ok')
        expect(await store.history(filing.id)).toEqual(entries)
      })

      it('appends an entry without changing the record', async () => {
        const filing = await stored()
        const view = historyEntry({ filingId: filing.id, actor: 'admin-b', role: 'staff', action: 'view', at: '2026-11-24T08:00:00.000Z' })
        await store.appendHistory(view)
        await store.appendHistory(view)
        expect(await store.getFiling(filing.id)).toEqual(filing)
        expect(await store.history(filing.id)).toEqual([submitEntry(filing), view, view])
      })

      it('keeps each filing’s history apart, and has none for an unknown filing', async () => {
        const a = await storedTemporary()
        const b = await storedTemporary()
        await store.appendHistory(historyEntry({ filingId: b.id, action: 'view', actor: 'admin-a', role: 'staff' }))
        expect(await store.history(a.id)).toEqual([submitEntry(a)])
        expect(await store.history(b.id)).toHaveLength(2)
        expect(await store.history('YD20261122-ZZZZZZ')).toEqual([])
      })
    })

    describe('search, exportAll and stats', () => {
      // Ten filings, today 2026-11-22. Each key names one; `expiring` notes are relative to today.
      const X_ID = residentId('440106', '19820315', '001') // ends in X
      const seeds: Record<string, FilingOverrides> = {
        A: { applicant: { name: '王秀兰', idNumber: residentId('511702', '19580612', '024') }, category: 'resettled_retiree', status: 'active', policyId: 'dazhou', destination: { provinceCode: '440000', cityCode: '440300', areaCode: '440300' }, startDate: '2026-01-10', validUntil: null, filedOn: '2026-01-10', updatedAt: '2026-01-10T02:00:00.000Z' },
        B: { applicant: { name: '王建国', idNumber: residentId('140105', '19600301', '015') }, category: 'long_term_resident', status: 'pending_review', policyId: 'shanxi-provincial', destination: { provinceCode: '110000', areaCode: '110000' }, startDate: '2026-11-25', validUntil: null, filedOn: '2026-11-20', updatedAt: '2026-11-20T02:00:00.000Z', reviewers: [] },
        C: { applicant: { name: '李王芳', idNumber: residentId('140202', '19700405', '026') }, category: 'emergency', status: 'active', policyId: 'datong', destination: { provinceCode: '310000', areaCode: '310000' }, startDate: '2026-10-01', validUntil: '2026-11-22', filedOn: '2026-10-02', updatedAt: '2026-10-02T02:00:00.000Z' }, // expires today
        D: { applicant: { name: '张伟', idNumber: residentId('370811', '19751212', '031') }, category: 'referral', status: 'active', policyId: 'jining', destination: { provinceCode: '440000', cityCode: '440100', areaCode: '440100' }, startDate: '2026-06-01', validUntil: '2026-12-22', filedOn: '2026-06-01', updatedAt: '2026-06-01T02:00:00.000Z' }, // today + 30
        E: { applicant: { name: '刘洋', idNumber: residentId('511702', '19880808', '047') }, category: 'other_temporary', status: 'active', policyId: 'dazhou', destination: { provinceCode: '510000', cityCode: '510100', areaCode: '510100' }, startDate: '2026-09-01', validUntil: '2026-12-21', filedOn: '2026-09-01', updatedAt: '2026-11-21T02:00:00.000Z' }, // today + 29
        F: { applicant: { name: '陈静', idNumber: residentId('210102', '19650214', '062') }, category: 'resident_worker', status: 'cancelled', policyId: 'liaoning-provincial', destination: { provinceCode: '440000', cityCode: '440300', areaCode: '440300' }, startDate: '2025-12-20', validUntil: '2026-12-01', filedOn: '2025-12-15', updatedAt: '2026-03-01T02:00:00.000Z' },
        G: { applicant: { name: '赵敏', idNumber: residentId('511702', '19590909', '083') }, category: 'resettled_retiree', status: 'rejected', policyId: 'dazhou', destination: { provinceCode: '440000', cityCode: '440300', areaCode: '440300' }, startDate: '2026-11-05', validUntil: null, filedOn: '2026-11-01', updatedAt: '2026-11-03T02:00:00.000Z', rejectionReason: '居住证明不清晰' },
        H: { applicant: { name: '孙丽', idNumber: residentId('370811', '19620520', '104') }, category: 'long_term_resident', status: 'pending_review', policyId: 'jining', destination: { provinceCode: '460000', cityCode: '460200', areaCode: '460200' }, startDate: '2026-12-01', validUntil: null, filedOn: '2026-11-15', updatedAt: '2026-11-18T02:00:00.000Z', reviewers: ['admin-a'] },
        I: { applicant: { name: '周杰', idNumber: residentId('310104', '19790101', '115') }, category: 'emergency', status: 'active', policyId: 'national', destination: { provinceCode: '320000', cityCode: '320100', areaCode: '320100' }, startDate: '2026-05-21', validUntil: '2026-11-21', filedOn: '2026-05-21', updatedAt: '2026-05-21T02:00:00.000Z' }, // expired yesterday
        J: { applicant: { name: '吴刚', idNumber: X_ID }, category: 'referral', status: 'active', policyId: 'jining', destination: { provinceCode: '440000', cityCode: '440100', areaCode: '440100' }, startDate: '2026-11-01', validUntil: '2026-11-30', filedOn: '2026-11-01', updatedAt: '2026-11-01T05:00:00.000Z' }, // today + 8
      }
      const keyOf = new Map<string, string>()
      const byKey: Record<string, FilingRecord> = {}

      beforeEach(async () => {
        keyOf.clear()
        for (const [key, overrides] of Object.entries(seeds)) {
          const filing = await stored({ ...overrides, owner: `o-${key}`, effectiveOn: overrides.status === 'pending_review' ? null : overrides.startDate })
          keyOf.set(filing.id, key)
          byKey[key] = filing
        }
      })

      const keys = (items: FilingRecord[]) => items.map((item) => keyOf.get(item.id) ?? item.id)

      async function find(filters: SearchFilters, sort: SearchQuery['sort'] = { key: 'filedOn', direction: 'asc' }) {
        const result = await store.search({ filters, today: TODAY, sort, page: 1, pageSize: 100 })
        return { keys: keys(result.items), total: result.total, items: result.items }
      }

      async function found(filters: SearchFilters): Promise<string[]> {
        const result = await find(filters)
        expect(result.total).toBe(result.keys.length)
        return [...result.keys].sort()
      }

      it('finds every filing without filters, whole', async () => {
        const result = await find({})
        expect(result.total).toBe(10)
        expect([...result.keys].sort()).toEqual(Object.keys(seeds))
        expect(result.items.find((item) => item.id === byKey.J.id)).toEqual(byKey.J)
      })

      it('filters by state', async () => {
        expect(await found({ state: ['pending_review'] })).toEqual(['B', 'H'])
        expect(await found({ state: ['cancelled', 'rejected'] })).toEqual(['F', 'G'])
        expect(await found({ state: ['expired'] })).toEqual(['I'])
        expect(await found({ state: ['active'] })).toEqual(['A', 'C', 'D', 'E', 'J'])
        expect(await found({ state: [] })).toHaveLength(10)
      })

      it('filters by category', async () => {
        expect(await found({ category: ['resettled_retiree'] })).toEqual(['A', 'G'])
        expect(await found({ category: ['emergency', 'referral'] })).toEqual(['C', 'D', 'I', 'J'])
      })

      it('filters by policy', async () => {
        expect(await found({ policyId: ['dazhou'] })).toEqual(['A', 'E', 'G'])
        expect(await found({ policyId: ['jining', 'national'] })).toEqual(['D', 'H', 'I', 'J'])
        expect(await found({ policyId: ['nowhere'] })).toEqual([])
      })

      it('filters by destination province and city', async () => {
        expect(await found({ provinceCode: '440000' })).toEqual(['A', 'D', 'F', 'G', 'J'])
        expect(await found({ provinceCode: '440000', cityCode: '440100' })).toEqual(['D', 'J'])
        expect(await found({ cityCode: '440300' })).toEqual(['A', 'F', 'G'])
        expect(await found({ provinceCode: '110000' })).toEqual(['B'])
      })

      it('filters by start date range, both ends inclusive', async () => {
        expect(await found({ startFrom: '2026-11-01' })).toEqual(['B', 'G', 'H', 'J'])
        expect(await found({ startTo: '2026-06-01' })).toEqual(['A', 'D', 'F', 'I'])
        expect(await found({ startFrom: '2026-06-01', startTo: '2026-11-05' })).toEqual(['C', 'D', 'E', 'G', 'J'])
      })

      it('finds active filings ending within N days of today, both ends inclusive', async () => {
        expect(await found({ expiringWithinDays: 0 })).toEqual(['C'])
        expect(await found({ expiringWithinDays: 8 })).toEqual(['C', 'J'])
        expect(await found({ expiringWithinDays: 29 })).toEqual(['C', 'E', 'J'])
        expect(await found({ expiringWithinDays: 30 })).toEqual(['C', 'D', 'E', 'J'])
        expect(await found({ expiringWithinDays: 366 })).toEqual(['C', 'D', 'E', 'J'])
      })

      it('finds filings under review that this staff member has not passed yet', async () => {
        expect(await found({ needsReviewBy: 'admin-a' })).toEqual(['B'])
        expect(await found({ needsReviewBy: 'admin-b' })).toEqual(['B', 'H'])
        expect(await found({ needsReviewBy: 'admin-b', state: ['active'] })).toEqual([])
      })

      it('leaves filings waiting for the person\'s materials out of the review queue', async () => {
        const waiting = await stored({
          owner: 'o-waiting',
          status: 'pending_review',
          effectiveOn: null,
          applicant: { idNumber: residentId('210102', '19700101', '131') },
          materialsRequest: { note: '请补充居住证明', by: 'admin-a', at: '2026-11-20T02:00:00.000Z', stage: '初审' },
        })
        expect(await found({ needsReviewBy: 'admin-b' })).toEqual(['B', 'H'])
        expect(await found({ state: ['pending_review', 'needs_materials'] })).toEqual(['B', 'H', waiting.id])
        expect(await found({ state: ['needs_materials'] })).toEqual([waiting.id])
        expect(await found({ state: ['pending_review'] })).toEqual(['B', 'H'])
      })

      it('finds the 抽查 queue: active filings picked and not yet checked', async () => {
        const due = await storedTemporary({ owner: 'o-due', spotCheck: { state: 'due', sampledOn: '2026-11-20' } })
        await storedTemporary({ owner: 'o-checked', spotCheck: { state: 'verified', sampledOn: '2026-11-20', note: null, by: 'admin-a', on: '2026-11-21' } })
        await storedTemporary({ owner: 'o-gone', status: 'cancelled', spotCheck: { state: 'due', sampledOn: '2026-11-20' } })
        expect(await found({ spotCheckDue: true })).toEqual([due.id])
      })

      it('searches by filing number (exact), name prefix, or the last 4 of the ID number', async () => {
        expect(await found({ q: byKey.D.id })).toEqual(['D'])
        expect(await found({ q: byKey.D.id.toLowerCase() })).toEqual(['D'])
        expect(await found({ q: byKey.D.id.slice(0, -1) })).toEqual([])
        expect(await found({ q: '王' })).toEqual(['A', 'B'])
        expect(await found({ q: '王秀' })).toEqual(['A'])
        expect(await found({ q: '王秀兰' })).toEqual(['A'])
        expect(await found({ q: '秀兰' })).toEqual([])
        expect(await found({ q: byKey.E.applicant.idNumber.slice(-4) })).toEqual(['E'])
        expect(X_ID.endsWith('X')).toBe(true)
        expect(await found({ q: X_ID.slice(-4) })).toEqual(['J'])
        expect(await found({ q: X_ID.slice(-4).toLowerCase() })).toEqual(['J'])
        expect(await found({ q: byKey.E.applicant.idNumber.slice(-5) })).toEqual([])
        expect(await found({ q: '欧阳' })).toEqual([])
      })

      it('combines filters (all must hold)', async () => {
        expect(await found({ state: ['active'], provinceCode: '440000' })).toEqual(['A', 'D', 'J'])
        expect(await found({ state: ['active'], policyId: ['jining'], expiringWithinDays: 10 })).toEqual(['J'])
        expect(await found({ state: ['expired'], category: ['emergency'] })).toEqual(['I'])
        expect(await found({ state: ['expired', 'cancelled'], provinceCode: '440000' })).toEqual(['F'])
        expect(await found({ category: ['resettled_retiree'], q: '王' })).toEqual(['A'])
      })

      const SORT_KEYS: SortKey[] = ['filedOn', 'startDate', 'validUntil', 'updatedAt']
      const sortValue = (filing: FilingRecord, key: SortKey): string =>
        key === 'validUntil' ? (filing.validUntil ?? '9999-12-31') : filing[key]

      for (const key of SORT_KEYS) {
        for (const direction of ['asc', 'desc'] as const) {
          it(`sorts by ${key} ${direction}`, async () => {
            // updatedAt has no index: CloudBase serves it under a narrowing filter only (every state here: all ten).
            const { items } = await find(key === 'updatedAt' ? { state: [...STAFF_STATES] } : {}, { key, direction })
            expect(items).toHaveLength(10)
            const values = items.map((item) => sortValue(item, key))
            const expected = [...values].sort()
            expect(values).toEqual(direction === 'asc' ? expected : expected.reverse())
          })
        }
      }

      it('puts filings without an end date last when sorting by validUntil ascending', async () => {
        const { keys: order } = await find({}, { key: 'validUntil', direction: 'asc' })
        expect(order.slice(0, 3)).toEqual(['I', 'C', 'J'])
        expect([...order.slice(-4)].sort()).toEqual(['A', 'B', 'G', 'H'])
      })

      it('pages through the results without repeating or skipping, with the total on every page', async () => {
        for (const sort of [{ key: 'filedOn', direction: 'desc' }, { key: 'validUntil', direction: 'asc' }] as const) {
          const all = (await find({}, sort)).keys
          const pages: string[] = []
          for (let page = 1; page <= 4; page += 1) {
            const result = await store.search({ filters: {}, today: TODAY, sort, page, pageSize: 3 })
            expect(result.total).toBe(10)
            expect(result.items.length).toBe(page < 4 ? 3 : 1)
            pages.push(...keys(result.items))
          }
          expect(pages).toEqual(all)
          const beyond = await store.search({ filters: {}, today: TODAY, sort, page: 5, pageSize: 3 })
          expect(beyond).toEqual({ items: [], total: 10, next: null })
        }
      })

      it('pages a filtered list with its own total', async () => {
        const first = await store.search({ filters: { state: ['active'] }, today: TODAY, sort: { key: 'filedOn', direction: 'desc' }, page: 1, pageSize: 4 })
        const second = await store.search({ filters: { state: ['active'] }, today: TODAY, sort: { key: 'filedOn', direction: 'desc' }, page: 2, pageSize: 4 })
        expect(first.total).toBe(5)
        expect(second.total).toBe(5)
        expect(keys(first.items)).toEqual(['J', 'C', 'E', 'D'])
        expect(keys(second.items)).toEqual(['A'])
      })

      // Key-based paging (issue 17): each page after the cursor the page before returned, never an offset.
      async function byCursor(filters: SearchFilters, sort: SearchQuery['sort'], pageSize: number) {
        const pages: { keys: string[]; total: number; next: string | null }[] = []
        let after: string | undefined
        for (let page = 1; page <= 20; page += 1) {
          const result = await store.search({ filters, today: TODAY, sort, page, pageSize, ...(after ? { after } : {}) })
          pages.push({ keys: keys(result.items), total: result.total, next: result.next })
          if (!result.next) break
          after = result.next
        }
        return pages
      }

      it('pages by key after the cursor: the same rows as by offset, every sort, filtered or not, ties included', async () => {
        // Ties on every sort key: four filings filed, starting, ending and changed on the same days.
        for (let i = 0; i < 4; i += 1) {
          await storedTemporary({ owner: `tie-${i}`, filedOn: '2026-11-01', startDate: '2026-11-05', validUntil: '2026-11-30', updatedAt: '2026-11-01T05:00:00.000Z' })
        }
        const filterSets: SearchFilters[] = [{}, { state: ['active'] }, { q: '王' }, { provinceCode: '440000' }, { expiringWithinDays: 30 }]
        for (const filters of filterSets) {
          for (const key of SORT_KEYS) {
            // updatedAt has no index of its own: CloudBase serves it only under a narrowing filter
            // (deploy/database.json, filings.search), as the back office asks for it.
            if (key === 'updatedAt' && !filters.state && !filters.q && filters.expiringWithinDays === undefined) continue
            for (const direction of ['asc', 'desc'] as const) {
              const sort = { key, direction }
              const all = await find(filters, sort)
              const pages = await byCursor(filters, sort, 3)
              const what = `${JSON.stringify(filters)} ${key} ${direction}`
              expect([what, pages.flatMap((page) => page.keys)]).toEqual([what, all.keys])
              expect(pages.every((page) => page.total === all.total)).toBe(true)
              expect(pages[pages.length - 1].next).toBeNull()
              // Every page but the last is full; no page is empty unless the list is.
              expect(pages.slice(0, -1).every((page) => page.keys.length === 3)).toBe(true)
            }
          }
        }
      })

      it('answers the same page by key as by offset, and refuses a cursor made for another sort', async () => {
        const sort = { key: 'filedOn', direction: 'desc' } as const
        const first = await store.search({ filters: {}, today: TODAY, sort, page: 1, pageSize: 4 })
        expect(first.next).toEqual(expect.any(String))
        const byKey2 = await store.search({ filters: {}, today: TODAY, sort, page: 2, pageSize: 4, after: first.next! })
        const byOffset = await store.search({ filters: {}, today: TODAY, sort, page: 2, pageSize: 4 })
        expect(keys(byKey2.items)).toEqual(keys(byOffset.items))
        expect(byKey2.next).toEqual(byOffset.next)
        await expect(store.search({ filters: {}, today: TODAY, sort: { key: 'startDate', direction: 'desc' }, page: 2, pageSize: 4, after: first.next! })).rejects.toThrow()
        await expect(store.search({ filters: {}, today: TODAY, sort, page: 2, pageSize: 4, after: 'not-a-cursor' })).rejects.toThrow()
      })

      it('exports slice by slice by key: the same filings in the same order as all at once', async () => {
        for (let i = 0; i < 7; i += 1) await storedTemporary({ owner: `slice-${i}`, filedOn: i < 4 ? '2026-11-01' : '2026-11-21' })
        for (const filters of [{}, { state: ['active'] }, { q: '王' }, { needsReviewBy: 'admin-b' }] as SearchFilters[]) {
          const whole = keys(await store.exportAll(filters, TODAY))
          const sliced: string[] = []
          let after: string | null = null
          let slices = 0
          do {
            const slice: { items: FilingRecord[]; next: string | null } = await store.exportPage(filters, TODAY, after, 3)
            expect(slice.items.length).toBeLessThanOrEqual(3)
            sliced.push(...keys(slice.items))
            after = slice.next
            slices += 1
          } while (after && slices < 20)
          expect([filters, sliced]).toEqual([filters, whole])
          expect(slices).toBe(Math.max(1, Math.ceil(whole.length / 3)))
        }
        await expect(store.exportPage({}, TODAY, 'not-a-cursor', 3)).rejects.toThrow()
      })

      it('sees a change: the search reads the current record', async () => {
        const cancelled = nextVersion(byKey.J, { status: 'cancelled' })
        expect(await store.updateFiling(cancelled, 1, historyEntry({ filingId: cancelled.id, action: 'cancel' }))).toBe('ok')
        expect(await found({ state: ['active'], policyId: ['jining'] })).toEqual(['D'])
        expect(await found({ expiringWithinDays: 30 })).toEqual(['C', 'D', 'E'])
        expect((await find({ q: byKey.J.id })).items).toEqual([cancelled])
      })

      it('exports every matching filing in filedOn order, without paging', async () => {
        const everything = await store.exportAll({}, TODAY)
        expect(everything).toHaveLength(10)
        const filedOn = everything.map((item) => item.filedOn)
        expect(filedOn).toEqual([...filedOn].sort())
        expect(keys(everything)[0]).toBe('F')
        expect(keys(await store.exportAll({ state: ['active'] }, TODAY))).toEqual(['A', 'D', 'E', 'C', 'J'])
        expect(keys(await store.exportAll({ state: ['expired'] }, TODAY))).toEqual(['I'])
        expect(keys(await store.exportAll({ expiringWithinDays: 29 }, TODAY))).toEqual(['E', 'C', 'J'])
        expect(keys(await store.exportAll({ needsReviewBy: 'admin-b' }, TODAY))).toEqual(['H', 'B'])
        expect(keys(await store.exportAll({ q: '王' }, TODAY))).toEqual(['A', 'B'])
        // "Today" comes from the caller, not from the store's clock.
        expect(keys(await store.exportAll({ expiringWithinDays: 0 }, '2026-11-30'))).toEqual(['J'])
      })

      it('exports more filings than a page holds', async () => {
        for (let i = 0; i < 120; i += 1) await storedTemporary({ owner: `bulk-${i}`, filedOn: '2026-11-21' })
        expect(await store.exportAll({}, TODAY)).toHaveLength(130)
      })

      it('counts filings by status, category, destination province and month filed', async () => {
        expect(await store.stats(TODAY)).toEqual({
          total: 10,
          byStatus: { active: 6, pending_review: 2, cancelled: 1, rejected: 1 },
          // I ended yesterday: still stored as active, counted as 已过期.
          byState: { pending_review: 2, needs_materials: 0, not_yet_active: 0, active: 5, expired: 1, rejected: 1, cancelled: 1 },
          byCategory: { resettled_retiree: 2, long_term_resident: 2, resident_worker: 1, emergency: 2, referral: 2, other_temporary: 1 },
          byProvince: { '440000': 5, '110000': 1, '310000': 1, '510000': 1, '460000': 1, '320000': 1 },
          byMonth: { '2025-12': 1, '2026-01': 1, '2026-05': 1, '2026-06': 1, '2026-09': 1, '2026-10': 1, '2026-11': 4 },
          // C (today), J (today + 8), E (today + 29); not D (today + 30), I (yesterday) or F (cancelled).
          expiringIn30Days: 3,
        })
      })

      it('counts expiring filings relative to the given day', async () => {
        expect((await store.stats('2026-11-23')).expiringIn30Days).toBe(3) // J, E, D; C ended yesterday
        expect((await store.stats('2026-12-22')).expiringIn30Days).toBe(1) // D only
        expect((await store.stats('2027-01-01')).expiringIn30Days).toBe(0)
      })
    })

    describe('search, exportAll and stats by derived state (issue 16)', () => {
      // On TODAY each filing is in the state its key starts with; `moving` goes 未生效 → 生效中 → 即将到期 → 已过期.
      const asked = { note: '请补充居住证明', by: 'admin-a', at: '2026-11-20T02:00:00.000Z', stage: '初审' }
      const SEEDS: Record<string, FilingOverrides> = {
        'pending_review': { status: 'pending_review', effectiveOn: null, startDate: '2026-12-01', validUntil: null },
        'needs_materials': { status: 'pending_review', effectiveOn: null, startDate: '2026-12-01', validUntil: null, materialsRequest: asked },
        'not_yet_active/moving': { category: 'emergency', startDate: '2026-12-05', validUntil: '2027-06-04', policyId: 'jining' },
        // Short, and ending within 30 days, but not started: not 即将到期.
        'not_yet_active/short': { category: 'emergency', startDate: '2026-11-25', validUntil: '2026-12-05' },
        'not_yet_active/long-term': { startDate: '2027-01-01', validUntil: null, destination: { provinceCode: '110000', areaCode: '110000' } },
        'active/long-term': { startDate: '2026-01-01', validUntil: null },
        'active/temporary': { category: 'referral', startDate: '2026-06-01', validUntil: '2027-05-31', policyId: 'jining' },
        'active/expiring': { category: 'emergency', startDate: '2026-11-01', validUntil: '2026-12-10' },
        'active/last day': { category: 'emergency', startDate: '2026-10-01', validUntil: TODAY },
        'expired/yesterday': { category: 'emergency', startDate: '2026-05-22', validUntil: addDays(TODAY, -1), policyId: 'jining' },
        'expired/long ago': { category: 'referral', startDate: '2026-01-01', validUntil: '2026-06-30', destination: { provinceCode: '110000', areaCode: '110000' } },
        'rejected': { status: 'rejected', startDate: '2026-06-01', validUntil: '2026-07-01', rejectionReason: '材料不全' },
        // Ended long ago too, but cancelled: never 已过期.
        'cancelled': { category: 'emergency', status: 'cancelled', startDate: '2026-01-01', validUntil: '2026-03-01' },
      }
      const byName: Record<string, FilingRecord> = {}
      const nameOf = new Map<string, string>()
      const names = (items: FilingRecord[]) => items.map((item) => nameOf.get(item.id) ?? item.id).sort()

      beforeEach(async () => {
        nameOf.clear()
        let n = 0
        for (const [name, overrides] of Object.entries(SEEDS)) {
          n += 1
          const filing = await stored({
            filedOn: '2026-05-01',
            ...overrides,
            owner: `o-${name}`,
            applicant: { idNumber: residentId('110101', '19600101', String(100 + n)) },
            updatedAt: `2026-11-${String(n).padStart(2, '0')}T02:00:00.000Z`,
          })
          byName[name] = filing
          nameOf.set(filing.id, name)
        }
      })

      const search = (filters: SearchFilters, today: CalendarDate = TODAY, sort: SearchQuery['sort'] = { key: 'filedOn', direction: 'asc' }, page = 1, pageSize = 100) =>
        store.search({ filters, today, sort, page, pageSize })
      const expectedIn = (states: StaffState[], today: CalendarDate = TODAY) =>
        Object.keys(SEEDS).filter((name) => states.includes(staffState(byName[name], today))).sort()

      it('puts each seed in the state its name says (the rules decide, not the store)', () => {
        for (const name of Object.keys(SEEDS)) expect([name, staffState(byName[name], TODAY)]).toEqual([name, name.split('/')[0]])
      })

      it.each(STAFF_STATES.map((state) => [state]))('lists exactly the %s filings, with their total, in the list and the export', async (state) => {
        const found = await search({ state: [state] })
        expect(names(found.items)).toEqual(expectedIn([state]))
        expect(found.total).toBe(expectedIn([state]).length)
        expect(names(await store.exportAll({ state: [state] }, TODAY))).toEqual(expectedIn([state]))
      })

      it('takes several states as any of them, and none as no filter', async () => {
        for (const states of [['active', 'expired'], ['pending_review', 'needs_materials'], ['not_yet_active', 'active', 'expired'], ['expired', 'cancelled'], ['needs_materials', 'active']] as StaffState[][]) {
          const found = await search({ state: states })
          expect([states, names(found.items), found.total]).toEqual([states, expectedIn(states), expectedIn(states).length])
        }
        expect((await search({ state: [] })).total).toBe(Object.keys(SEEDS).length)
      })

      it('combines a state with the other filters', async () => {
        expect(names((await search({ state: ['expired'], category: ['emergency'] })).items)).toEqual(['expired/yesterday'])
        expect(names((await search({ state: ['expired'], provinceCode: '110000' })).items)).toEqual(['expired/long ago'])
        expect(names((await search({ state: ['active'], policyId: ['jining'] })).items)).toEqual(['active/temporary'])
        expect(names((await search({ state: ['not_yet_active'], provinceCode: '110000' })).items)).toEqual(['not_yet_active/long-term'])
        expect(names((await search({ state: ['active'], expiringWithinDays: 30 })).items)).toEqual(['active/expiring', 'active/last day'])
        expect(names((await search({ state: ['active', 'not_yet_active'], startFrom: '2026-11-01' })).items)).toEqual(['active/expiring', 'not_yet_active/long-term', 'not_yet_active/moving', 'not_yet_active/short'])
        expect(names((await search({ expiringWithinDays: 30 })).items)).toEqual(['active/expiring', 'active/last day'])
        expect(names((await search({ state: ['expired'], q: byName['expired/long ago'].id })).items)).toEqual(['expired/long ago'])
        expect((await search({ state: ['expired'], category: ['resettled_retiree'] })).total).toBe(0)
      })

      it('sorts and pages a state filter with its total on every page', async () => {
        const states: StaffState[] = ['active', 'expired']
        const expected = expectedIn(states)
        for (const key of ['filedOn', 'startDate', 'validUntil', 'updatedAt'] as const) {
          for (const direction of ['asc', 'desc'] as const) {
            const whole = await search({ state: states }, TODAY, { key, direction })
            const value = (f: FilingRecord) => (key === 'validUntil' ? (f.validUntil ?? '9999-12-31') : f[key])
            const values = whole.items.map(value)
            const sorted = [...values].sort()
            expect(values).toEqual(direction === 'asc' ? sorted : sorted.reverse())
            const paged: string[] = []
            for (let page = 1; page <= 3; page += 1) {
              const result = await search({ state: states }, TODAY, { key, direction }, page, 2)
              expect(result.total).toBe(expected.length)
              paged.push(...result.items.map((item) => item.id))
            }
            expect(paged).toEqual(whole.items.map((item) => item.id))
          }
        }
      })

      it('counts every state on the given day, 生效中 without 未生效 and 已过期', async () => {
        const stats = await store.stats(TODAY)
        expect(stats.byState).toEqual({ pending_review: 1, needs_materials: 1, not_yet_active: 3, active: 4, expired: 2, rejected: 1, cancelled: 1 })
        expect(stats.byStatus).toEqual({ pending_review: 2, active: 9, rejected: 1, cancelled: 1 })
        // 即将到期 (part of 生效中): 12-10 and today; not the not-yet-active one.
        expect(stats.expiringIn30Days).toBe(2)
        for (const state of STAFF_STATES) expect([state, stats.byState[state]]).toEqual([state, expectedIn([state]).length])
      })

      it('moves one filing from 未生效 to 生效中, 即将到期 and 已过期 as today advances', async () => {
        const moving = byName['not_yet_active/moving']
        const days: [CalendarDate, StaffState, boolean][] = [
          ['2026-12-04', 'not_yet_active', false],
          ['2026-12-05', 'active', false],
          ['2027-05-05', 'active', false],
          ['2027-05-06', 'active', true],
          ['2027-06-04', 'active', true],
          ['2027-06-05', 'expired', false],
        ]
        for (const [today, state, expiring] of days) {
          for (const candidate of STAFF_STATES) {
            const ids = (await search({ state: [candidate] }, today)).items.map((item) => item.id)
            expect([today, candidate, ids.includes(moving.id)]).toEqual([today, candidate, candidate === state])
          }
          const stats = await store.stats(today)
          expect([today, stats.byState]).toEqual([today, Object.fromEntries(STAFF_STATES.map((s) => [s, expectedIn([s], today).length]))])
          const expiringNow = (await search({ state: ['active'], expiringWithinDays: 29 }, today)).items.map((item) => item.id)
          expect([today, expiringNow.includes(moving.id)]).toEqual([today, expiring])
          expect([today, stats.expiringIn30Days]).toEqual([today, expiringNow.length])
        }
      })
    })

    describe('search and exportAll: 待我审核 holds changes waiting for review too', () => {
      it('selects exactly what awaitsReviewBy says, for each staff member', async () => {
        const change = (reviewers: string[]) => ({
          destination: { provinceCode: '530000', cityCode: '530100', areaCode: '530100' },
          requestedOn: '2026-11-20',
          requestedAt: '2026-11-20T02:00:00.000Z',
          by: 'o-x',
          reason: '单位派驻昆明',
          materials: [],
          reviewers,
        })
        const asked = { note: '请补充劳动合同', by: 'admin-a', at: '2026-11-21T02:00:00.000Z', stage: '初审' }
        const person = (n: number) => ({ idNumber: residentId('210102', '19600101', String(100 + n * 7).slice(0, 3)) })
        const records = [
          await stored({ status: 'pending_review', effectiveOn: null, reviewers: [], applicant: person(1) }),
          await stored({ status: 'pending_review', effectiveOn: null, reviewers: ['admin-a'], applicant: person(2) }),
          await stored({ status: 'pending_review', effectiveOn: null, reviewers: [], materialsRequest: asked, applicant: person(3) }),
          await stored({ status: 'active', reviewers: ['admin-a', 'admin-b'], pendingChange: change([]), applicant: person(4) }),
          await stored({ status: 'active', reviewers: [], pendingChange: change(['admin-b']), applicant: person(5) }),
          await stored({ status: 'active', reviewers: [], pendingChange: change([]), materialsRequest: asked, applicant: person(6) }),
          await stored({ status: 'active', reviewers: [], applicant: person(7) }),
        ]
        for (const me of ['admin-a', 'admin-b']) {
          const expected = records.filter((record) => awaitsReviewBy(record, me)).map((record) => record.id).sort()
          const query: SearchQuery = { filters: { needsReviewBy: me }, today: TODAY, sort: { key: 'filedOn', direction: 'asc' }, page: 1, pageSize: 20 }
          const found = await store.search(query)
          expect(found.items.map((record) => record.id).sort()).toEqual(expected)
          expect(found.total).toBe(expected.length)
          expect((await store.exportAll({ needsReviewBy: me }, TODAY)).map((record) => record.id).sort()).toEqual(expected)
        }
        // Not vacuous: the queues hold a change (records[3]) and tell the two staff members apart.
        expect(records.filter((record) => awaitsReviewBy(record, 'admin-b')).map((record) => record.id)).toEqual([records[0].id, records[1].id, records[3].id])
        expect(records.filter((record) => awaitsReviewBy(record, 'admin-a')).map((record) => record.id)).toEqual([records[0].id, records[3].id, records[4].id])
      })
    })

    describe('search and exportAll: the 代办 filter', () => {
      it('finds only filings made by an agent, in the list and the export', async () => {
        const agent = { name: '李强', idType: 'resident_id' as const, idNumber: residentId('511702', '19700101', '012'), phone: '13900001111', relationship: 'child' as const, authorization: 'f-auth' }
        const byAgent = await storedTemporary({ owner: 'o-son', agent })
        await storedTemporary({ owner: 'o-self' })
        const query = { filters: { byAgent: true }, today: TODAY, sort: { key: 'filedOn' as const, direction: 'desc' as const }, page: 1, pageSize: 20 }
        expect(await store.search(query)).toEqual({ items: [byAgent], total: 1, next: null })
        expect(await store.search({ ...query, filters: { byAgent: true, state: ['cancelled'] } })).toEqual({ items: [], total: 0, next: null })
        expect(await store.exportAll({ byAgent: true }, TODAY)).toEqual([byAgent])
      })
    })

    describe('stats on an empty store', () => {
      it('counts nothing', async () => {
        const byState = { pending_review: 0, needs_materials: 0, not_yet_active: 0, active: 0, expired: 0, rejected: 0, cancelled: 0 }
        expect(await store.stats(TODAY)).toEqual({ total: 0, byStatus: {}, byState, byCategory: {}, byProvince: {}, byMonth: {}, expiringIn30Days: 0 })
        expect(await store.search({ filters: {}, today: TODAY, sort: { key: 'filedOn', direction: 'desc' }, page: 1, pageSize: 20 })).toEqual({
          items: [],
          total: 0,
          next: null,
        })
        expect(await store.exportAll({}, TODAY)).toEqual([])
      })
    })

    describe('staffMember', () => {
      it('answers from the staff list', async () => {
        expect(await store.staffMember('admin-a')).toEqual({ openid: 'admin-a', name: '张科员', roles: ['query', 'review'] })
        expect(await store.staffMember('admin-b')).toEqual({ openid: 'admin-b', name: '李科长', roles: ['query'] })
        expect(await store.staffMember('o-wang-xiulan')).toBeNull()
        expect(await store.staffMember('')).toBeNull()
      })
    })

    describe('files', () => {
      const file: StoredFile = {
        id: 'f-3b8c1e',
        owner: 'o-wang-xiulan',
        contentType: 'image/jpeg',
        size: 482_113,
        sha256: 'a3f1c2d4e5b60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
        createdAt: '2026-11-22T02:10:00.000Z',
      }

      it('saves a file record and reads it back', async () => {
        await store.saveFile(file)
        await store.saveFile({ ...file, id: 'f-2', contentType: 'application/pdf', size: 1024 })
        expect(await store.getFile(file.id)).toEqual(file)
        expect(await store.getFile('f-2')).toEqual({ ...file, id: 'f-2', contentType: 'application/pdf', size: 1024 })
        expect(await store.getFile('f-none')).toBeNull()
      })

      it('never replaces a stored file', async () => {
        await store.saveFile(file)
        await store.saveFile({ ...file, owner: 'o-someone-else' }).catch(() => undefined)
        expect(await store.getFile(file.id)).toEqual(file)
      })
    })

    describe('reminders', () => {
      const reminder = (filing: FilingRecord, overrides: Partial<Reminder> = {}): Reminder => ({
        filingId: filing.id,
        owner: filing.owner,
        validUntil: filing.validUntil ?? '',
        message: `您的异地就医备案（编号${filing.id}）将于${filing.validUntil}到期。`,
        createdAt: '2026-11-22T00:00:05.000Z',
        sentAt: null,
        ...overrides,
      })
      const FROM = TODAY
      const TO = addDays(TODAY, 29)

      it('finds active filings ending within [from, to] that have no reminder for that end date', async () => {
        const first = await storedTemporary({ validUntil: FROM })
        const last = await storedTemporary({ validUntil: TO })
        const middle = await storedTemporary({ validUntil: '2026-12-01' })
        await storedTemporary({ validUntil: addDays(FROM, -1) })
        await storedTemporary({ validUntil: addDays(TO, 1) })
        await storedTemporary({ validUntil: '2026-12-01', status: 'cancelled' })
        await storedTemporary({ validUntil: '2026-12-01', status: 'pending_review', effectiveOn: null })
        await stored({ validUntil: null })
        expect(await store.dueForReminder(FROM, TO)).toEqual([first, middle, last])

        expect(await store.addReminder(reminder(middle))).toBe(true)
        expect(await store.dueForReminder(FROM, TO)).toEqual([first, last])
      })

      it('reminds again when a change moves the end date', async () => {
        const filing = await storedTemporary({ validUntil: '2026-12-01' })
        expect(await store.addReminder(reminder(filing))).toBe(true)
        expect(await store.dueForReminder(FROM, TO)).toEqual([])
        const moved = nextVersion(filing, { validUntil: '2026-12-10' })
        expect(await store.updateFiling(moved, 1, historyEntry({ filingId: filing.id, action: 'change' }))).toBe('ok')
        expect(await store.dueForReminder(FROM, TO)).toEqual([moved])
        expect(await store.addReminder(reminder(moved))).toBe(true)
        expect(await store.dueForReminder(FROM, TO)).toEqual([])
      })

      it('records one reminder per filing and end date', async () => {
        const filing = await storedTemporary({ validUntil: '2026-12-01' })
        expect(await store.addReminder(reminder(filing))).toBe(true)
        expect(await store.addReminder(reminder(filing, { message: '另一条', createdAt: '2026-11-23T00:00:05.000Z' }))).toBe(false)
        expect(await store.remindersFor(filing.owner)).toEqual([reminder(filing)])
      })

      it('lists an owner’s reminders, oldest first, and marks one sent', async () => {
        const a = await storedTemporary({ owner: 'o-1', validUntil: '2026-12-01' })
        const b = await storedTemporary({ owner: 'o-1', validUntil: '2026-12-05' })
        const other = await storedTemporary({ owner: 'o-2', validUntil: '2026-12-01' })
        await store.addReminder(reminder(a))
        await store.addReminder(reminder(other))
        await store.addReminder(reminder(b, { createdAt: '2026-11-26T00:00:05.000Z' }))
        await store.markReminderSent(b.id, '2026-12-05', '2026-11-26T00:00:09.000Z')
        expect(await store.remindersFor('o-1')).toEqual([
          reminder(a),
          reminder(b, { createdAt: '2026-11-26T00:00:05.000Z', sentAt: '2026-11-26T00:00:09.000Z' }),
        ])
        expect(await store.remindersFor('o-2')).toEqual([reminder(other)])
        expect(await store.remindersFor('o-nobody')).toEqual([])
      })

      it('finds the unsent ones to retry: neither sent nor refused, not past, made before the run, oldest first', async () => {
        const early = await storedTemporary({ validUntil: '2026-12-01' })
        const later = await storedTemporary({ validUntil: '2026-12-03' })
        const sent = await storedTemporary({ validUntil: '2026-12-02' })
        const refused = await storedTemporary({ validUntil: '2026-12-04' })
        const past = await storedTemporary({ validUntil: '2026-11-21' })
        const justNow = await storedTemporary({ validUntil: '2026-12-05' })
        await store.addReminder(reminder(later, { createdAt: '2026-11-21T01:00:00.000Z' }))
        await store.addReminder(reminder(early, { createdAt: '2026-11-20T01:00:00.000Z' }))
        await store.addReminder(reminder(sent, { createdAt: '2026-11-20T01:00:00.000Z' }))
        await store.addReminder(reminder(refused, { createdAt: '2026-11-20T01:00:00.000Z' }))
        await store.addReminder(reminder(past, { createdAt: '2026-11-01T01:00:00.000Z' }))
        await store.addReminder(reminder(justNow, { createdAt: '2026-11-22T01:00:00.000Z' }))
        await store.markReminderSent(sent.id, '2026-12-02', '2026-11-20T01:00:01.000Z')
        await store.markReminderRefused(refused.id, '2026-12-04', '2026-11-20T01:00:01.000Z')
        const run = '2026-11-22T01:00:00.000Z'
        expect(await store.unsentReminders(TODAY, run, 10)).toEqual([
          reminder(early, { createdAt: '2026-11-20T01:00:00.000Z' }),
          reminder(later, { createdAt: '2026-11-21T01:00:00.000Z' }),
        ])
        expect(await store.unsentReminders(TODAY, run, 1)).toEqual([reminder(early, { createdAt: '2026-11-20T01:00:00.000Z' })])
        // A refusal is final, and only an unsent reminder is refused.
        await store.markReminderRefused(sent.id, '2026-12-02', '2026-11-22T00:00:00.000Z')
        await store.markReminderSent(refused.id, '2026-12-04', '2026-11-22T00:00:00.000Z')
        expect((await store.remindersFor(sent.owner)).find((r) => r.filingId === sent.id)?.sentAt).toBe('2026-11-20T01:00:01.000Z')
        expect((await store.remindersFor(refused.owner)).find((r) => r.filingId === refused.id)?.sentAt).toBeNull()
        expect(await store.unsentReminders(TODAY, run, 10)).toHaveLength(2)
      })
    })

    describe('retention: what is due, anonymising it, old verifications', () => {
      // Ended: cancelled or rejected on the Shanghai day of their last change, active on validUntil.
      const at = (day: string) => `${day}T02:00:00.000Z`

      it('finds filings that ended before the day, earliest first, and none under review, in force or anonymised', async () => {
        const cancelled = await storedTemporary({ status: 'cancelled', updatedAt: at('2021-03-01'), validUntil: '2021-06-01' })
        const expired = await storedTemporary({ validUntil: '2021-02-01' })
        const rejected = await stored({ status: 'rejected', effectiveOn: null, updatedAt: at('2021-04-01'), applicant: { idNumber: residentId('110101', '19550307', '141') } })
        await storedTemporary({ validUntil: '2021-12-01' })
        await stored({ status: 'pending_review', effectiveOn: null, updatedAt: at('2020-01-01'), applicant: { idNumber: residentId('110101', '19550307', '168') } })
        await stored({ status: 'active', validUntil: null, applicant: { idNumber: residentId('110101', '19550307', '176') } })
        expect(await store.dueForAnonymisation('2021-04-02', 10)).toEqual([expired, cancelled, rejected])
        expect(await store.dueForAnonymisation('2021-04-01', 10)).toEqual([expired, cancelled])
        expect(await store.dueForAnonymisation('2021-04-02', 2)).toEqual([expired, cancelled])
        // The day is Shanghai's: cancelled at 00:30 on the 11th there (16:30 UTC on the 10th) ended on the 11th.
        const late = await storedTemporary({ status: 'cancelled', updatedAt: '2021-01-10T16:30:00.000Z', validUntil: '2021-06-01' })
        expect((await store.dueForAnonymisation('2021-01-11', 10)).map((f) => f.id)).toEqual([])
        expect((await store.dueForAnonymisation('2021-01-12', 10)).map((f) => f.id)).toEqual([late.id])
      })

      it('replaces the filing, redacts its history and hands its reminders over, once', async () => {
        const filing = await storedTemporary({ owner: 'o-1', validUntil: '2021-02-01', materials: [{ kind: 'residence_proof', fileId: 'f-1' }] })
        const contact = historyEntry({ filingId: filing.id, actor: 'o-1', role: 'owner', action: 'update_contact', changes: [{ field: 'applicant.phone', before: '13812345678', after: '13900001111' }] })
        const revealed = historyEntry({ filingId: filing.id, actor: 'admin-a', role: 'staff', action: 'reveal', reason: '王秀兰来电核对' })
        const v2 = nextVersion(filing, { applicant: { phone: '13900001111' } })
        expect(await store.updateFiling(v2, 1, contact)).toBe('ok')
        await store.appendHistory(revealed)
        expect(await store.addReminder({ filingId: filing.id, owner: 'o-1', validUntil: '2021-02-01', message: '即将到期', createdAt: at('2021-01-05'), sentAt: null })).toBe(true)

        const now = new Date(at('2026-02-02'))
        const anonymised = anonymisedFiling(v2, now)
        const entry = historyEntry({ filingId: filing.id, actor: 'system', role: 'system', action: 'anonymise', at: now.toISOString() })
        // Made from the first version, which the contact update has replaced: nothing is written.
        expect(await store.anonymiseFiling(anonymisedFiling(filing, now), 1, entry)).toBe('conflict')
        expect(await store.getFiling(filing.id)).toEqual(v2)
        expect(await store.history(filing.id)).toEqual([submitEntry(filing), contact, revealed])
        expect(await store.anonymiseFiling(anonymised, 2, entry)).toBe('ok')

        expect(await store.getFiling(filing.id)).toEqual(anonymised)
        expect(anonymised.owner).toBe(anonymisedOwner(filing.id))
        expect(await store.listByOwner('o-1')).toEqual([])
        expect(await store.listByPerson(filing.applicant.idType, filing.applicant.idNumber)).toEqual([])
        expect(await store.history(filing.id)).toEqual([redactedEntry(submitEntry(filing)), redactedEntry(contact), redactedEntry(revealed), entry])
        const [, changed, reveal] = await store.history(filing.id)
        expect(changed).toMatchObject({ actor: '', changes: [{ field: 'applicant.phone', before: null, after: null }], redacted: true })
        expect(reveal).toMatchObject({ actor: 'admin-a', redacted: true })
        expect(reveal.reason).toBeUndefined()
        expect(await store.remindersFor('o-1')).toEqual([])
        expect(await store.remindersFor(anonymised.owner)).toHaveLength(1)
        expect(await store.dueForAnonymisation('2026-01-01', 10)).toEqual([])
        // Never again: the anonymised record at its own version is refused as any other write would be.
        const again = { ...anonymised, version: anonymised.version + 1 }
        // (Any rejection: better-sqlite3's error may come from another realm than jest's Error.)
        const refused = await store.updateFiling(again, anonymised.version, historyEntry({ filingId: filing.id, action: 'view' })).then(
          () => false,
          () => true,
        )
        expect(refused).toBe(true)
        expect(await store.getFiling(filing.id)).toEqual(anonymised)
      })

      it('lists verifications saved before an instant, oldest first, and deletes one', async () => {
        const saved = (openid: string, updatedAt: string): IdentityRecord => ({ openid, verified: null, pending: null, updatedAt })
        await store.saveIdentity(saved('o-2', '2021-03-01T00:00:00.000Z'))
        await store.saveIdentity(saved('o-1', '2021-01-01T00:00:00.000Z'))
        await store.saveIdentity(saved('o-3', '2021-06-01T00:00:00.000Z'))
        expect(await store.identitiesSavedBefore('2021-06-01T00:00:00.000Z', 10)).toEqual(['o-1', 'o-2'])
        expect(await store.identitiesSavedBefore('2021-06-01T00:00:00.000Z', 1)).toEqual(['o-1'])
        await store.deleteIdentity('o-1')
        await store.deleteIdentity('o-nobody')
        expect(await store.identityOf('o-1')).toBeNull()
        expect(await store.identitiesSavedBefore('2021-06-01T00:00:00.000Z', 10)).toEqual(['o-2'])
        expect(await store.identityOf('o-3')).toEqual(saved('o-3', '2021-06-01T00:00:00.000Z'))
      })
    })

    describe('persistence', () => {
      it('keeps everything across a close and reopen', async () => {
        if (!subject.reopen) return
        const filing = await stored({ status: 'pending_review', effectiveOn: null })
        const passed = nextVersion(filing, { reviewers: ['admin-a'] })
        const entry = historyEntry({ filingId: filing.id, actor: 'admin-a', role: 'staff', action: 'review_pass', stage: '初审' })
        expect(await store.updateFiling(passed, 1, entry)).toBe('ok')
        const temporary = await storedTemporary({ validUntil: '2026-12-01' })
        const file: StoredFile = { id: 'f-1', owner: filing.owner, contentType: 'application/pdf', size: 10, sha256: 'ab'.repeat(32), createdAt: filing.createdAt }
        await store.saveFile(file)
        const note: Reminder = { filingId: temporary.id, owner: temporary.owner, validUntil: '2026-12-01', message: '即将到期', createdAt: filing.createdAt, sentAt: null }
        expect(await store.addReminder(note)).toBe(true)
        const identity: IdentityRecord = { openid: filing.owner, verified: null, pending: null, updatedAt: filing.createdAt }
        await store.saveIdentity(identity)
        expect(await store.takeUse('submit:o-1', '2026-11-22T02:00:00.000Z', 1)).toBe(true)

        store = await subject.reopen()
        expect(await store.identityOf(filing.owner)).toEqual(identity)
        expect(await store.takeUse('submit:o-1', '2026-11-22T02:00:00.000Z', 1)).toBe(false)
        expect(await store.getFiling(filing.id)).toEqual(passed)
        expect(await store.listByOwner(filing.owner)).toEqual([temporary, passed])
        expect(await store.history(filing.id)).toEqual([submitEntry(filing), entry])
        expect(await store.getFile('f-1')).toEqual(file)
        expect(await store.remindersFor(temporary.owner)).toEqual([note])
        expect(await store.addReminder(note)).toBe(false)
        expect(await store.listByPerson(filing.applicant.idType, filing.applicant.idNumber)).toEqual([temporary, passed])
        const second = filingRecord({ owner: 'o-other' })
        expect((await store.createFiling(second, submitEntry(second))).kind).toBe('duplicate')
        expect((await store.search({ filters: { needsReviewBy: 'admin-b' }, today: TODAY, sort: { key: 'filedOn', direction: 'desc' }, page: 1, pageSize: 20 })).total).toBe(1)
      })
    })
  })
}
