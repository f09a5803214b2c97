// Group commit (src/backend/store/group-commit.ts): writes that arrive together share one transaction
// and one commit, yet each keeps its own checks and its own failure, and none is acknowledged before
// the commit. Shown on a real database file, through the store and through the bare helper.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { groupCommit } from '../../src/backend/store/group-commit'
import { openSqliteStore } from '../../src/backend/store/sqlite'
import { openSqliteDatabase } from '../../src/backend/store/sqlite-open'
import type { Store } from '../../src/backend/store/port'
import { filingRecord, nextVersion, residentId, submitEntry, temporaryFiling } from './builders'
import { CONTRACT_STAFF } from './store-contract'

let dir: string
let file: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'yd-group-'))
  file = join(dir, 'store.db')
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('the bare helper', () => {
  let db: Database.Database
  let other: Database.Database

  beforeEach(() => {
    db = openSqliteDatabase(file)
    db.exec('CREATE TABLE IF NOT EXISTS notes (n INTEGER PRIMARY KEY)')
    // Another connection, as another process would see the file.
    other = new Database(file, { readonly: true })
  })

  afterEach(() => {
    other.close()
    db.close()
  })

  const visibleElsewhere = () => (other.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n

  it('runs the writes of one turn in one transaction, committed once after the last', async () => {
    const commits = groupCommit(db)
    const seen: number[] = []
    const writes = [1, 2, 3].map((n) =>
      commits.write(() => {
        db.prepare('INSERT INTO notes (n) VALUES (?)').run(n)
        // Inside the batch, earlier writes are not yet visible to anyone else: they are not committed.
        seen.push(visibleElsewhere())
        return n
      }),
    )
    expect(db.inTransaction).toBe(false) // nothing runs before the turn ends
    expect(await Promise.all(writes)).toEqual([1, 2, 3])
    expect(seen).toEqual([0, 0, 0])
    expect(visibleElsewhere()).toBe(3)
  })

  it('undoes a write that throws, and only that one', async () => {
    const commits = groupCommit(db)
    const first = commits.write(() => db.prepare('INSERT INTO notes (n) VALUES (1)').run().changes)
    const failing = commits.write(() => {
      db.prepare('INSERT INTO notes (n) VALUES (2)').run()
      throw new Error('refused after writing')
    })
    const third = commits.write(() => db.prepare('INSERT INTO notes (n) VALUES (3)').run().changes)
    await expect(first).resolves.toBe(1)
    await expect(failing).rejects.toThrow('refused after writing')
    await expect(third).resolves.toBe(1)
    expect(other.prepare('SELECT n FROM notes ORDER BY n').all()).toEqual([{ n: 1 }, { n: 3 }])
  })

  it('runs writes in the order they came, each seeing the ones before it', async () => {
    const commits = groupCommit(db)
    const counts = await Promise.all(
      [10, 20, 30].map((n) =>
        commits.write(() => {
          db.prepare('INSERT INTO notes (n) VALUES (?)').run(n)
          return db.prepare('SELECT group_concat(n) AS all_n FROM notes').get()
        }),
      ),
    )
    expect(counts).toEqual([{ all_n: '10' }, { all_n: '10,20' }, { all_n: '10,20,30' }])
  })

  it('commits what is queued when flushed before closing', async () => {
    const commits = groupCommit(db)
    const write = commits.write(() => db.prepare('INSERT INTO notes (n) VALUES (7)').run().changes)
    commits.flush()
    expect(visibleElsewhere()).toBe(1)
    await expect(write).resolves.toBe(1)
  })
})

describe('the store, with writes arriving together', () => {
  let store: Store

  beforeEach(() => {
    store = openSqliteStore({ file, staff: CONTRACT_STAFF })
  })

  afterEach(async () => {
    await store.close()
  })

  it('keeps every one of 200 filings sent at once, across a reopen', async () => {
    const filings = Array.from({ length: 200 }, (_, i) =>
      temporaryFiling({ owner: `o-person-${i}`, applicant: { idNumber: residentId('511702', '19580612', String(100 + i)) } }),
    )
    const results = await Promise.all(filings.map((filing) => store.createFiling(filing, submitEntry(filing))))
    expect(results.every((result) => result.kind === 'created')).toBe(true)
    await store.close()
    store = openSqliteStore({ file, staff: CONTRACT_STAFF })
    for (const filing of filings) {
      expect(await store.getFiling(filing.id)).toEqual(filing)
      expect(await store.history(filing.id)).toHaveLength(1)
    }
  })

  it('still gives one person one long-term filing when both arrive in the same turn', async () => {
    const a = filingRecord({ owner: 'o-a' })
    const b = filingRecord({ owner: 'o-b' }) // the same ID number, from another account
    const [first, second] = await Promise.all([store.createFiling(a, submitEntry(a)), store.createFiling(b, submitEntry(b))])
    expect(first.kind).toBe('created')
    expect(second).toEqual({ kind: 'duplicate', existing: { id: a.id, owner: 'o-a' } })
    expect(await store.getFiling(b.id)).toBeNull()
  })

  it('replays a requestId sent twice in the same turn', async () => {
    const a = temporaryFiling({ requestId: 'req-same' })
    const again = temporaryFiling({ requestId: 'req-same' })
    const [first, second] = await Promise.all([store.createFiling(a, submitEntry(a)), store.createFiling(again, submitEntry(again))])
    expect(first).toEqual({ kind: 'created', filing: a })
    expect(second).toEqual({ kind: 'replayed', filing: a })
    expect(await store.listByOwner(a.owner)).toHaveLength(1)
  })

  it('lets one of two changes of the same version win, in the same turn', async () => {
    const filing = temporaryFiling()
    await store.createFiling(filing, submitEntry(filing))
    const phone = nextVersion(filing, { applicant: { phone: '13900001111' } })
    const city = nextVersion(filing, { destination: { provinceCode: '440000', cityCode: '440100', areaCode: '440100' } })
    const entry = { filingId: filing.id, at: phone.updatedAt, actor: filing.owner, role: 'owner' as const, action: 'change' as const }
    const outcomes = await Promise.all([store.updateFiling(phone, 1, entry), store.updateFiling(city, 1, entry)])
    expect(outcomes).toEqual(['ok', 'conflict'])
    expect(await store.getFiling(filing.id)).toEqual(phone)
    expect((await store.history(filing.id)).map((e) => e.action)).toEqual(['submit', 'change'])
  })

  it('refuses a broken write alone while the rest of its batch is kept', async () => {
    const good = temporaryFiling({ owner: 'o-good' })
    const broken = temporaryFiling({ owner: 'o-broken' })
    const outcomes = await Promise.allSettled([
      store.createFiling(good, submitEntry(good)),
      store.createFiling(broken, submitEntry(good)), // its entry belongs to another filing
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected'])
    expect(await store.getFiling(good.id)).toEqual(good)
    expect(await store.getFiling(broken.id)).toBeNull()
  })
})
