// Opening the SQLite store's file: its settings (WAL, synchronous FULL, busy timeout), the keyed
// field functions the migrations use, and the migrations themselves (sqlite-schema.ts, sqlite-migrations.ts).
import Database from 'better-sqlite3'
import type { FilingRecord } from '../domain/record'
import { UNKEYED_TEST_CRYPTO, last4Index, personIndex, sealFiling, sealJson, type FieldCrypto } from '../crypto/fields'
import { SCHEMA_MIGRATIONS } from './sqlite-migrations'
import { SCHEMA_VERSION } from './sqlite-schema'

/** How long a write waits for another connection's lock before it fails (ms). */
const BUSY_TIMEOUT_MS = 5000

/**
 * The functions SCHEMA_V4 encrypts an older file with (in place, in the migration's transaction).
 * Registered on every connection, since a statement naming them is prepared whether or not rows exist.
 */
function registerFieldFunctions(db: Database.Database, crypto: FieldCrypto): void {
  const options = { deterministic: false, directOnly: true }
  db.function('fields_seal_filing', options, (record: unknown) =>
    JSON.stringify(sealFiling(crypto, JSON.parse(String(record)) as FilingRecord)),
  )
  db.function('fields_person', options, (idType: unknown, idNumber: unknown) => personIndex(crypto, String(idType), String(idNumber)))
  db.function('fields_last4', options, (last4: unknown) => last4Index(crypto, String(last4)))
  db.function('fields_name', options, (name: unknown) => crypto.nameIndex(String(name)))
  db.function('fields_seal_json', options, (text: unknown) => sealJson(crypto, JSON.parse(String(text))))
}

/** The schema version that encrypts the personal fields (SCHEMA_V4). */
const ENCRYPTED_SINCE = 4

/** Migrates; answers the version the file had (0: new). */
function migrate(db: Database.Database): number {
  // Read and written under one write lock, so two processes opening a new file create it once.
  return db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > SCHEMA_VERSION) {
      throw new Error(`the database was written by a newer build (schema ${version}; this build knows ${SCHEMA_VERSION})`)
    }
    if (version === SCHEMA_VERSION) return version
    // Each migration in turn: a new file runs them all, an older one those it lacks (in place: its
    // filings, history and the rest stay as they are).
    for (let next = version; next < SCHEMA_VERSION; next += 1) db.exec(SCHEMA_MIGRATIONS[next])
    if (version > 0) {
      // New indexes on a database with filings: give the planner their statistics now (sampled, so
      // quick at a million filings) rather than at the next PRAGMA optimize.
      db.pragma('analysis_limit = 1000')
      db.exec('ANALYZE filings')
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
    return version
  }).immediate()
}

/**
 * Opens (creating if need be) the database file with the settings above and the current schema.
 * Exported for tests that look at the database itself; the app uses `openSqliteStore`.
 */
export function openSqliteDatabase(file: string, crypto: FieldCrypto = UNKEYED_TEST_CRYPTO): Database.Database {
  const db = new Database(file)
  try {
    registerFieldFunctions(db, crypto)
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    const mode = db.pragma('journal_mode = WAL', { simple: true })
    if (mode !== 'wal' && file !== ':memory:') throw new Error(`could not turn on WAL (journal_mode is ${String(mode)})`)
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    const from = migrate(db)
    if (from > 0 && from < ENCRYPTED_SINCE && file !== ':memory:') {
      // The file held personal fields in the clear until SCHEMA_V4 encrypted them in place: rebuild it
      // so that no freed page keeps an old value, and empty the WAL of the pages the rewrite left there.
      db.exec('VACUUM')
      db.pragma('wal_checkpoint(TRUNCATE)')
    }
    // Keep the planner's statistics fresh (cheap; SQLite's recommendation for long-lived connections).
    db.pragma('optimize = 0x10002')
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
