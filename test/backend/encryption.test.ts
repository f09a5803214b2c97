// Field-level encryption at rest (issue 13, item 2): no ID number, phone or name in the SQLite files
// of a running server; a schema-3 file (personal fields in the clear) encrypted in place on open and
// still readable and searchable; the key held outside DATA_DIR; rotation by key id.
import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { UNKEYED_TEST_CRYPTO, fieldCrypto, keyringFrom, openJson } from '../../src/backend/crypto/fields'
import type { FilingRecord } from '../../src/backend/domain/record'
import type { IdentityRecord, SearchQuery } from '../../src/backend/store/port'
import { openSqliteStore, plainColumnsOf } from '../../src/backend/store/sqlite'
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_VERSION } from '../../src/backend/store/sqlite-schema'
import { PRIVACY_NOTICE_VERSION } from '../../src/rules'
import { dazhouRetiree, filingRecord, historyEntry, residentId, submitEntry, temporaryFiling } from './builders'
import { at, startTestServer } from './http'
import { CONTRACT_STAFF } from './store-contract'

/** Every SQLite file of a database (the main file, its WAL and shared memory), as bytes. */
function databaseBytes(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)))
}

function expectAbsent(bytes: Buffer, secrets: string[]) {
  for (const secret of secrets) expect({ secret, found: bytes.includes(Buffer.from(secret, 'utf8')) }).toEqual({ secret, found: false })
}

describe('over HTTP: the database files hold no filed ID number, phone or name', () => {
  test('verify, file (self and 代办), change the phone, then grep filings.db, -wal and -shm', async () => {
    const api = await startTestServer()
    try {
      const mother = { name: '欧阳秀兰', idType: 'resident_id', idNumber: residentId('511702', '19400312', '024') }
      const son = { name: '司马建国', idType: 'resident_id', idNumber: residentId('440305', '19680105', '013') }
      const now = at('2026-11-22')
      const consent = { version: PRIVACY_NOTICE_VERSION, sensitive: true }
      for (const [openid, person] of [['u-mother', mother], ['u-son', son]] as const) {
        const verified = await api.call('filing', 'verifyIdentity', { ...person, consent }, { openid, now, asIs: true })
        expect(verified.body.ok).toBe(true)
      }
      const own = await api.call('filing', 'submit', dazhouRetiree(mother), { openid: 'u-mother', now, asIs: true })
      expect(own.body).toMatchObject({ ok: true, data: { status: 'active' } })
      const forMother = dazhouRetiree(
        { ...mother, idNumber: residentId('511702', '19420101', '022') },
        { agent: { relationship: 'child', phone: '13900001111' }, commitment: { accepted: true, signature: son.name } },
      )
      const agentFiled = await api.call('filing', 'submit', forMother, { openid: 'u-son', now, asIs: true })
      expect(agentFiled.body.ok).toBe(true)

      // Staff find them by name prefix and by the last 4 of the ID number.
      for (const q of ['欧阳', mother.idNumber.slice(-4)]) {
        const found = await api.call('admin', 'list', { filters: { q } }, { openid: 'admin-a', now })
        expect(found.body.ok).toBe(true)
        expect((found.body.data as { total: number }).total).toBeGreaterThan(0)
      }

      const file = join(api.dataDir, 'filings.db')
      const secrets = [
        mother.idNumber,
        mother.idNumber.slice(6, 14),
        son.idNumber,
        forMother.applicant.idNumber,
        '13812345678',
        '13900001111',
        mother.name,
        son.name,
      ]
      expectAbsent(databaseBytes(file), secrets)
      // The key lives beside the data folder, not in it, readable by its owner alone.
      const keyFile = `${api.dataDir}.key`
      expect(statSync(keyFile).mode & 0o777).toBe(0o600)
      // After a restart (same key file) everything reads back.
      await api.restart()
      const mine = await api.call('filing', 'mine', {}, { openid: 'u-mother', now })
      expect(JSON.stringify(mine.body)).toContain(mother.name)
      expectAbsent(databaseBytes(file), secrets)
    } finally {
      await api.close()
    }
  }, 60_000)
})

describe('SCHEMA_V4 encrypts a schema-3 file in place', () => {
  const SECRET_NAME = '诸葛秀英'
  const SECRET_ID = residentId('510104', '19520303', '046')
  const SECRET_PHONE = '13698765432'

  /** A file as the schema-3 build wrote it: its schema, and filings, history and identities in the clear. */
  function schemaThreeFile(): { path: string; filings: FilingRecord[]; identity: IdentityRecord } {
    const path = join(mkdtempSync(join(tmpdir(), 'yd-v3-')), 'filings.db')
    const filings = [
      filingRecord({ owner: 'o-1', filedOn: '2026-01-10', applicant: { name: SECRET_NAME, idNumber: SECRET_ID, phone: SECRET_PHONE } }),
      temporaryFiling({ owner: 'o-2', filedOn: '2026-06-01' }),
      temporaryFiling({
        owner: 'o-3',
        filedOn: '2026-06-02',
        agent: { name: '李强', idType: 'resident_id', idNumber: residentId('440305', '19680105', '013'), phone: '13900001111', relationship: 'child', authorization: null },
      }),
    ]
    const identity: IdentityRecord = {
      openid: 'o-1',
      verified: { name: SECRET_NAME, idType: 'resident_id', idNumber: SECRET_ID, method: 'dev_standin', verifiedAt: '2026-01-10T00:00:00.000Z' },
      pending: null,
      updatedAt: '2026-01-10T00:00:00.000Z',
    }
    const db = new Database(path)
    try {
      db.pragma('journal_mode = WAL')
      db.exec(SCHEMA_V1)
      db.exec(SCHEMA_V2)
      db.exec(SCHEMA_V3)
      db.pragma('user_version = 3')
      const names = Object.keys(plainColumnsOf(filings[0]))
      const insert = db.prepare(`INSERT INTO filings (${names.join(', ')}) VALUES (${names.map((n) => '@' + n).join(', ')})`)
      const history = db.prepare('INSERT INTO history (filing_id, at, actor, role, action, entry) VALUES (?, ?, ?, ?, ?, ?)')
      for (const filing of filings) {
        insert.run(plainColumnsOf(filing))
        const entry = submitEntry(filing)
        history.run(entry.filingId, entry.at, entry.actor, entry.role, entry.action, JSON.stringify(entry))
      }
      const change = historyEntry({ filingId: filings[0].id, action: 'update_contact', changes: [{ field: 'applicant.phone', before: SECRET_PHONE, after: '13700000000' }] })
      history.run(change.filingId, change.at, change.actor, change.role, change.action, JSON.stringify(change))
      db.prepare('INSERT INTO identities (openid, record, updated_at) VALUES (?, ?, ?)').run('o-1', JSON.stringify(identity), identity.updatedAt)
      db.pragma('wal_checkpoint(TRUNCATE)')
    } finally {
      db.close()
    }
    return { path, filings, identity }
  }

  test('a generated schema-3 file: plaintext before; after opening, every value encrypted, readable and searchable', async () => {
    const { path, filings, identity } = schemaThreeFile()
    const secrets = [SECRET_NAME, SECRET_ID, SECRET_PHONE, SECRET_ID.slice(6, 14), '李强', '13900001111']
    // The generated file does hold them in the clear.
    for (const secret of [SECRET_NAME, SECRET_ID, SECRET_PHONE]) expect(databaseBytes(path).includes(Buffer.from(secret))).toBe(true)

    const crypto = fieldCrypto({ keys: { k1: Buffer.alloc(32, 1) }, current: 'k1' })
    const store = openSqliteStore({ file: path, staff: CONTRACT_STAFF, crypto })
    try {
      expectAbsent(databaseBytes(path), secrets)
      for (const filing of filings) expect(await store.getFiling(filing.id)).toEqual(filing)
      expect((await store.history(filings[0].id))[1].changes?.[0]).toMatchObject({ before: SECRET_PHONE })
      expect(await store.identityOf('o-1')).toEqual(identity)
      expect((await store.listByPerson('resident_id', SECRET_ID)).map((f) => f.id)).toEqual([filings[0].id])
      const search = (q: string) => {
        const query: SearchQuery = { filters: { q }, today: '2026-11-22', sort: { key: 'filedOn', direction: 'desc' }, page: 1, pageSize: 20 }
        return store.search(query)
      }
      for (const q of ['诸', '诸葛', SECRET_NAME, SECRET_ID.slice(-4)]) expect((await search(q)).items.map((f) => f.id)).toEqual([filings[0].id])
      expect((await search('诸葛亮')).total).toBe(0)
      // The one-long-term-filing rule still holds on the keyed person index.
      const second = filingRecord({ owner: 'o-9', applicant: { name: SECRET_NAME, idNumber: SECRET_ID, phone: SECRET_PHONE } })
      expect((await store.createFiling(second, submitEntry(second))).kind).toBe('duplicate')
    } finally {
      await store.close()
    }
    // Every stored value is a v1:k1: ciphertext or a keyed lookup value.
    const db = new Database(path, { readonly: true })
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      for (const row of db.prepare('SELECT record, id_number, id_last4, name FROM filings').all() as Record<string, string>[]) {
        const record = JSON.parse(row.record) as Record<string, unknown>
        expect(String(record.applicant)).toMatch(/^v1:k1:/)
        expect(row.id_number).not.toMatch(/^\d/)
        expect(row.name).toMatch(/^[A-Za-z0-9_-]+$/)
      }
      for (const row of db.prepare('SELECT entry FROM history').all() as { entry: string }[]) expect(JSON.parse(row.entry)).toMatch(/^v1:k1:/)
      const [identityRow] = db.prepare('SELECT record FROM identities').all() as { record: string }[]
      expect(openJson(crypto, identityRow.record)).toEqual(identity)
    } finally {
      db.close()
    }
  })
})

describe('keys', () => {
  test('a value keeps its key id: after a rotation the old values still read, new ones use the new key, lookups stay', () => {
    const k1 = Buffer.alloc(32, 1).toString('base64')
    const k2 = Buffer.alloc(32, 2).toString('base64')
    const before = fieldCrypto(keyringFrom({ DATA_KEY: k1, DATA_KEY_ID: 'k1' })!)
    const after = fieldCrypto(keyringFrom({ DATA_KEY: k2, DATA_KEY_ID: 'k2', DATA_KEYS_OLD: `k1:${k1}`, DATA_INDEX_KEY_ID: 'k1' })!)
    const old = before.encrypt('13812345678')
    expect(old).toMatch(/^v1:k1:/)
    expect(after.decrypt(old)).toBe('13812345678')
    expect(after.encrypt('x')).toMatch(/^v1:k2:/)
    expect(after.blind('person', 'a')).toBe(before.blind('person', 'a'))
    expect(after.nameIndex('王秀兰')).toBe(before.nameIndex('王秀兰'))
    expect(() => UNKEYED_TEST_CRYPTO.decrypt(old)).toThrow(/no data key k1/)
    // Tampering is refused (GCM's tag).
    const parts = old.split(':')
    parts[4] = Buffer.from('00000000000', 'utf8').toString('base64url')
    expect(() => after.decrypt(parts.join(':'))).toThrow()
  })

  test('a name prefix index is a prefix of the name index', () => {
    const c = UNKEYED_TEST_CRYPTO
    expect(c.nameIndex('王秀兰').startsWith(c.nameIndex('王秀'))).toBe(true)
    expect(c.nameIndex('王秀兰').startsWith(c.nameIndex('王'))).toBe(true)
    expect(c.nameIndex('王秀兰').startsWith(c.nameIndex('李'))).toBe(false)
  })
})
