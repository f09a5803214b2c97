// Where proof materials live: a private folder under DATA_DIR locally; cloud storage when deployed.
import { createHash, randomBytes } from 'node:crypto'
import type { StoredFile } from '../store/port'

/** The record of a new proof, made `at` (the handler's clock): a random id, the owner, and the bytes' type, size and digest. */
export function describeFile(owner: string, bytes: Uint8Array, contentType: string, at: Date): StoredFile {
  return {
    id: `f_${randomBytes(16).toString('hex')}`,
    owner,
    contentType,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    createdAt: at.toISOString(),
  }
}

/** `x_` and 32 hex digits (128 random bits): an export's id, never a proof's (`f_…`), so no proof route serves it. */
export const EXPORT_ID = /^x_[0-9a-f]{32}$/

export const newExportId = () => `x_${randomBytes(16).toString('hex')}`

/**
 * How long the link to a staff export works, in seconds: long enough to download it, not to pass it
 * around. Deployed it is the cloud temp link's maxAge; locally the server's route checks the same.
 */
export const EXPORT_LINK_SECONDS = 10 * 60

/** A staff export kept for its maker: where to fetch it and until when. */
export interface ExportedFile {
  id: string
  /** Deployed: a short-lived signed cloud-storage link. Locally: `/api/exports/<id>`, for the maker only. */
  url: string
  /** When the link stops working (ISO 8601). */
  expiresAt: string
}

export interface FileStore {
  /**
   * Keeps a back-office export (CSV) for `owner` (the staff member who made it), apart from proofs
   * (never counted in `usage`, never readable by `read`/`stat`/`link`), and returns its link.
   * Exports whose link has expired are deleted: locally at the next export or the hourly job;
   * deployed, the maker's at their next export, and any by the purge of unattached uploads (24 hours).
   */
  putExport(owner: string, filename: string, bytes: Uint8Array, now: Date): Promise<ExportedFile>
  /** The export's bytes for its maker while its link works; null for anyone else, an unknown id or later. */
  readExport(id: string, owner: string, now: Date): Promise<{ filename: string; bytes: Uint8Array } | null>

  /** Keeps `bytes` privately and returns its id; `contentType` was read from the file's first bytes. */
  put(owner: string, bytes: Uint8Array, contentType: string, at: Date): Promise<StoredFile>
  /** The file and its bytes, or null. Callers check who may read it. */
  read(id: string): Promise<{ file: StoredFile; bytes: Uint8Array } | null>
  /** The file's record without its bytes (to check ownership of a material). */
  stat(id: string): Promise<StoredFile | null>
  /**
   * Where a client fetches the bytes of a stored file (callers check who may read it first): a
   * short-lived cloud link when deployed (the mini-program downloads it); locally the server's own
   * route, which checks the caller again.
   */
  link(id: string): Promise<string>

  // The life of an upload (uploads.ts). A file stays until a filing names it; one no filing named
  // within 24 hours loses its bytes (it was never part of a filing) and its record says so. `stat`,
  // `read` and `usage` treat a purged file as gone; its record is never deleted.

  /** The files `owner` keeps (not purged): how many and their bytes, for the per-person quota. */
  usage(owner: string): Promise<{ files: number; bytes: number }>
  /** Marks files as named by a filing (never purged from then on). Unknown ids are skipped. */
  attach(ids: readonly string[], at: Date): Promise<void>
  /** Deletes the bytes of every file created before `before` and never attached; returns how many. */
  purgeUnattached(before: Date, at: Date): Promise<number>
  /**
   * Deletes the bytes of these files, attached or not (a filing whose retention ran out:
   * domain/retention.ts); returns how many were still there. Unknown ids are skipped.
   */
  erase(ids: readonly string[], at: Date): Promise<number>
}
