// The local file store: proof materials as plain files under DATA_DIR/uploads/, one per random id,
// with their record (owner, type, size, hash) in the store. The folder is private (0700, files
// 0600) and is never served statically: bytes leave only through readUpload's owner/staff check.
//
// The life of an upload (FileStore.usage/attach/purgeUnattached) is a side table in the same
// database file, `file_marks` (file id, 'attached' | 'purged', when): append-only like `files`
// itself (triggers refuse UPDATE and DELETE), so a file's record never changes; a mark is added.
// An attached file is purged only when its filing's retention ran out (`erase`).
// It is created here, idempotently, on a connection of this module's own, rather than by a
// migration of the store (a later migration is to adopt it: `CREATE … IF NOT EXISTS` makes that a no-op on
// files that already have it). Each mark is one statement that checks the other: a file is never
// both attached and purged, whichever comes first wins.
import Database from 'better-sqlite3'
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Store, StoredFile } from '../store/port'
import { EXPORT_ID, EXPORT_LINK_SECONDS, describeFile, newExportId, type FileStore } from './port'

/** `f_` and 32 hex digits (128 random bits): the only shape that ever reaches the file system. */
const FILE_ID = /^f_[0-9a-f]{32}$/

export const isLocalFileId = (id: unknown): id is string => typeof id === 'string' && FILE_ID.test(id)

const FILE_MARKS = `
CREATE TABLE IF NOT EXISTS file_marks (
  file_id TEXT NOT NULL,
  kind    TEXT NOT NULL CHECK (kind IN ('attached', 'purged')),
  at      TEXT NOT NULL,
  PRIMARY KEY (file_id, kind)
) STRICT;
CREATE TRIGGER IF NOT EXISTS file_marks_no_update BEFORE UPDATE ON file_marks
BEGIN SELECT RAISE(ABORT, 'file marks are never changed'); END;
CREATE TRIGGER IF NOT EXISTS file_marks_no_delete BEFORE DELETE ON file_marks
BEGIN SELECT RAISE(ABORT, 'file marks are never deleted'); END;
CREATE INDEX IF NOT EXISTS files_by_owner ON files (owner);
`

/** The marks' statements, on a connection opened at first use (the store has created `files` by then). */
function openMarks(file: string) {
  const db = new Database(file, { fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  db.exec(FILE_MARKS)
  const purged = `EXISTS (SELECT 1 FROM file_marks m WHERE m.file_id = f.id AND m.kind = 'purged')`
  return {
    db,
    isPurged: db.prepare<[string]>(`SELECT 1 FROM file_marks WHERE file_id = ? AND kind = 'purged'`).pluck(),
    usage: db.prepare<[string], { files: number; bytes: number }>(
      `SELECT count(*) AS files, coalesce(sum(size), 0) AS bytes FROM files f WHERE owner = ? AND NOT ${purged}`,
    ),
    attach: db.prepare<[string, string]>(
      `INSERT OR IGNORE INTO file_marks (file_id, kind, at)
       SELECT f.id, 'attached', ? FROM files f WHERE f.id = ? AND NOT ${purged}`,
    ),
    due: db.prepare<[string], { id: string }>(
      `SELECT id FROM files f WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM file_marks m WHERE m.file_id = f.id)`,
    ),
    purge: db.prepare<[{ id: string; at: string }]>(
      `INSERT OR IGNORE INTO file_marks (file_id, kind, at)
       SELECT @id, 'purged', @at WHERE NOT EXISTS (SELECT 1 FROM file_marks WHERE file_id = @id AND kind = 'attached')`,
    ),
    // Retention: attached or not (its filing was anonymised).
    erase: db.prepare<[{ id: string; at: string }]>(
      `INSERT OR IGNORE INTO file_marks (file_id, kind, at) SELECT f.id, 'purged', @at FROM files f WHERE f.id = @id`,
    ),
  }
}

/**
 * `dir` holds the bytes; `database` is the store's SQLite file (default: `filings.db` beside `dir`,
 * as the server lays out DATA_DIR).
 */
export function localFiles(dir: string, store: Store, database: string = join(dirname(dir), 'filings.db')): FileStore & { close(): void } {
  let ready: Promise<unknown> | null = null
  const ensureDir = () => (ready ??= mkdir(dir, { recursive: true, mode: 0o700 }))
  const pathOf = (id: string) => join(dir, id)
  let marksDb: ReturnType<typeof openMarks> | null = null
  const marks = () => (marksDb ??= openMarks(database))

  // Staff exports: `<DATA_DIR>/exports/<id>.csv` with `<id>.json` ({ owner, filename, createdAt }),
  // served only to their maker by GET /api/exports/<id> for EXPORT_LINK_SECONDS, then deleted.
  const exportsDir = join(dirname(dir), 'exports')
  const exportMeta = async (id: string): Promise<{ owner: string; filename: string; createdAt: string } | null> => {
    try {
      return JSON.parse(await readFile(join(exportsDir, `${id}.json`), 'utf8'))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return null
      throw error
    }
  }
  const linkAlive = (createdAt: string, now: Date) => now.getTime() - Date.parse(createdAt) <= EXPORT_LINK_SECONDS * 1000
  /** Deletes every export whose link has expired at `now`, and any leftover without its meta (the meta goes last, and comes first). */
  async function sweepExports(now: Date): Promise<void> {
    let names: string[]
    try {
      names = await readdir(exportsDir)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
      throw error
    }
    for (const name of names) {
      const id = name.replace(/\.(json|csv|part)$/, '')
      if (!EXPORT_ID.test(id)) continue
      const meta = await exportMeta(id)
      if (meta && linkAlive(meta.createdAt, now)) continue
      await rm(join(exportsDir, `${id}.part`), { force: true })
      await rm(join(exportsDir, `${id}.csv`), { force: true })
      await rm(join(exportsDir, `${id}.json`), { force: true })
    }
  }

  async function stat(id: string): Promise<StoredFile | null> {
    if (!isLocalFileId(id)) return null
    const file = await store.getFile(id)
    if (!file || marks().isPurged.get(id)) return null
    return file
  }

  return {
    async put(owner, bytes, contentType, at) {
      await ensureDir()
      const file = describeFile(owner, bytes, contentType, at)
      const id = file.id
      // Written under a temporary name and renamed: a crash never leaves half a file under an id.
      const temporary = `${pathOf(id)}.part`
      await writeFile(temporary, bytes, { mode: 0o600, flag: 'wx' })
      try {
        await rename(temporary, pathOf(id))
        await store.saveFile(file)
      } catch (error) {
        await rm(temporary, { force: true })
        await rm(pathOf(id), { force: true })
        throw error
      }
      return file
    },

    async link(id) {
      return `/api/files/${encodeURIComponent(id)}`
    },

    async putExport(owner, filename, bytes, now) {
      await mkdir(exportsDir, { recursive: true, mode: 0o700 })
      await sweepExports(now)
      const id = newExportId()
      // The meta first (a sweep meanwhile keeps what it names), then the bytes under a temporary name.
      await writeFile(join(exportsDir, `${id}.json`), JSON.stringify({ owner, filename, createdAt: now.toISOString() }), { mode: 0o600, flag: 'wx' })
      const temporary = join(exportsDir, `${id}.part`)
      await writeFile(temporary, bytes, { mode: 0o600, flag: 'wx' })
      await rename(temporary, join(exportsDir, `${id}.csv`))
      return { id, url: `/api/exports/${id}`, expiresAt: new Date(now.getTime() + EXPORT_LINK_SECONDS * 1000).toISOString() }
    },

    async readExport(id, owner, now) {
      if (!EXPORT_ID.test(id)) return null
      const meta = await exportMeta(id)
      if (!meta || meta.owner !== owner || !linkAlive(meta.createdAt, now)) return null
      try {
        return { filename: meta.filename, bytes: await readFile(join(exportsDir, `${id}.csv`)) }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },

    async read(id) {
      const file = await stat(id)
      if (!file) return null
      try {
        return { file, bytes: await readFile(pathOf(file.id)) }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },

    stat,

    async usage(owner) {
      const { files, bytes } = marks().usage.get(owner)!
      return { files, bytes }
    },

    async attach(ids, at) {
      if (ids.length === 0) return
      const { attach } = marks()
      for (const id of ids) if (isLocalFileId(id)) attach.run(at.toISOString(), id)
    },

    async purgeUnattached(before, at) {
      // The hourly job also takes the exports whose link has expired.
      await sweepExports(at)
      const { due, purge } = marks()
      let purged = 0
      for (const { id } of due.all(before.toISOString())) {
        // Marked first (from then on refused to everyone), then the bytes go; the record stays.
        if (purge.run({ id, at: at.toISOString() }).changes === 0) continue
        await rm(pathOf(id), { force: true })
        purged += 1
      }
      return purged
    },

    async erase(ids, at) {
      const { erase } = marks()
      let erased = 0
      for (const id of ids) {
        if (!isLocalFileId(id)) continue
        erase.run({ id, at: at.toISOString() })
        // The bytes go even when an earlier run marked the file and stopped before deleting them.
        try {
          await rm(pathOf(id))
          erased += 1
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
        }
      }
      return erased
    },

    close() {
      marksDb?.db.close()
      marksDb = null
    },
  }
}
