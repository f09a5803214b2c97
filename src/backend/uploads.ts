// Proof materials: the upload check shared by the local server and the cloud functions.
// Not HTTP: the caller hands over the bytes it received; this decides whether to keep them.
import type { Ctx } from './context'
import { requirePerson } from './handlers/guards'
import { requireWithinLimit } from './limits'
import { fail } from './protocol'
import type { StoredFile } from './store/port'

/** 10 MB: the largest proof we keep (a phone photo or a scanned PDF fits easily). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

export const UPLOAD_MESSAGES = {
  type: '请上传 JPG、PNG 图片或 PDF 文件',
  tooLarge: '文件不能超过10MB',
  empty: '文件是空的，请重新选择',
  notFound: '没有找到这个文件',
  oneFile: '一次只能上传一个文件',
} as const

const SIGNATURES: { contentType: string; magic: number[] }[] = [
  { contentType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { contentType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { contentType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
]

/** The content type from the file's first bytes only (never from its name or a client header). */
export function sniffContentType(bytes: Uint8Array): string | null {
  const match = SIGNATURES.find(({ magic }) => magic.length <= bytes.length && magic.every((byte, i) => bytes[i] === byte))
  return match?.contentType ?? null
}

export interface UploadInput {
  bytes: Uint8Array
  /**
   * The name the client gave the file. Accepted for the record of the request only: it never
   * becomes a path, a content type or anything stored (the file gets a random id).
   */
  filename?: string
}

/** Keeps an uploaded proof for the identified caller and returns its id. */
export async function acceptUpload(ctx: Ctx, upload: UploadInput): Promise<{ fileId: string }> {
  const owner = requirePerson(ctx)
  const { bytes } = upload
  if (bytes.length === 0) throw fail('VALIDATION', UPLOAD_MESSAGES.empty)
  if (bytes.length > MAX_UPLOAD_BYTES) throw fail('VALIDATION', UPLOAD_MESSAGES.tooLarge)
  const contentType = sniffContentType(bytes)
  if (!contentType) throw fail('VALIDATION', UPLOAD_MESSAGES.type)
  await requireWithinLimit(ctx, 'upload', owner)
  const stored = await ctx.files.put(owner, bytes, contentType)
  return { fileId: stored.id }
}

/**
 * An uploaded file with its bytes, for its owner or staff. Anyone else gets the same NOT_FOUND as
 * for an id that does not exist, so an id reveals nothing.
 */
export async function readUpload(ctx: Ctx, fileId: string): Promise<{ file: StoredFile; bytes: Uint8Array }> {
  await readableUpload(ctx, fileId)
  const found = await ctx.files.read(fileId)
  if (!found) throw fail('NOT_FOUND', UPLOAD_MESSAGES.notFound)
  return found
}

/** The record of an uploaded file the caller may read (its owner, or staff); else NOT_FOUND. */
export async function readableUpload(ctx: Ctx, fileId: unknown): Promise<StoredFile> {
  const caller = requirePerson(ctx)
  const notFound = () => fail('NOT_FOUND', UPLOAD_MESSAGES.notFound)
  if (typeof fileId !== 'string' || fileId === '') throw notFound()
  const meta = await ctx.files.stat(fileId)
  if (!meta || (meta.owner !== caller && !ctx.caller.staff)) throw notFound()
  return meta
}
