// The local file store: proof materials as plain files under DATA_DIR/uploads/, one per random id,
// with their record (owner, type, size, hash) in the store. The folder is private (0700, files
// 0600) and is never served statically: bytes leave only through readUpload's owner/staff check.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Store, StoredFile } from '../store/port'
import { describeFile, type FileStore } from './port'

/** `f_` and 32 hex digits (128 random bits): the only shape that ever reaches the file system. */
const FILE_ID = /^f_[0-9a-f]{32}$/

export const isLocalFileId = (id: unknown): id is string => typeof id === 'string' && FILE_ID.test(id)

export function localFiles(dir: string, store: Store): FileStore {
  let ready: Promise<unknown> | null = null
  const ensureDir = () => (ready ??= mkdir(dir, { recursive: true, mode: 0o700 }))
  const pathOf = (id: string) => join(dir, id)

  async function stat(id: string): Promise<StoredFile | null> {
    if (!isLocalFileId(id)) return null
    return store.getFile(id)
  }

  return {
    async put(owner, bytes, contentType) {
      await ensureDir()
      const file = describeFile(owner, bytes, contentType)
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
  }
}
