// The cursor of key-based paging (store/port.ts SearchQuery.after, exportPage): where a page ended —
// the sort it was read in, the last row's sort value and its tie-breaker (CloudBase `_id`, SQLite the
// row's `seq`) — as an opaque base64url string. The client hands it back untouched; a cursor that
// does not decode, or was made for another sort, is refused (the handler answers VALIDATION).
import type { SortKey } from './port'

export interface Cursor {
  key: SortKey
  direction: 'asc' | 'desc'
  /** The last row's value of the sort key (a date or an instant; validUntil's "no end date" as stored). */
  value: string
  /** The last row's tie-breaker: a document `_id` (CloudBase) or a row number (SQLite). */
  tie: string | number
}

/** A cursor an adapter cannot continue from (not made here, for another sort, or for another store). */
export class CursorError extends Error {
  constructor() {
    super('a cursor this store did not make for this sort')
  }
}

const SORT_KEYS: readonly SortKey[] = ['filedOn', 'startDate', 'validUntil', 'updatedAt']
/** Longer than any cursor this code makes; the request schema holds the same bound. */
export const CURSOR_MAX_LENGTH = 300

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.direction, cursor.value, cursor.tie]), 'utf8').toString('base64url')
}

/** The cursor, or null for anything this code did not make. */
export function decodeCursor(text: unknown): Cursor | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > CURSOR_MAX_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return null
  const [key, direction, value, tie] = parsed as unknown[]
  if (!SORT_KEYS.includes(key as SortKey) || (direction !== 'asc' && direction !== 'desc')) return null
  if (typeof value !== 'string' || value.length > 64) return null
  const tieOk = (typeof tie === 'string' && tie.length > 0 && tie.length <= 64) || (typeof tie === 'number' && Number.isSafeInteger(tie) && tie >= 0)
  if (!tieOk) return null
  return { key: key as SortKey, direction, value, tie: tie as string | number }
}

/** The cursor when it was made for this sort; null otherwise. */
export function cursorFor(text: string | null | undefined, key: SortKey, direction: 'asc' | 'desc'): Cursor | null {
  const cursor = text ? decodeCursor(text) : null
  return cursor && cursor.key === key && cursor.direction === direction ? cursor : null
}
