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

/**
 * What one person may keep at a time (UPLOAD_QUOTA, e.g. `50/104857600`: at most 50 files and
 * 100 MB). Uploads no filing names are purged after a day, so the quota frees itself; files a
 * filing names count for good.
 */
export interface UploadQuota {
  files: number
  bytes: number
}
export const DEFAULT_UPLOAD_QUOTA: UploadQuota = { files: 50, bytes: 200 * 1024 * 1024 }

/** `UPLOAD_QUOTA=<files>/<bytes>`; unset: the default. */
export function uploadQuotaFrom(value: string | undefined): UploadQuota {
  const text = value?.trim()
  if (!text) return { ...DEFAULT_UPLOAD_QUOTA }
  const match = /^(\d{1,6})\/(\d{1,13})$/.exec(text)
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
    throw new Error(`UPLOAD_QUOTA must be "<files>/<bytes>", e.g. 50/209715200; got "${text}"`)
  }
  return { files: Number(match[1]), bytes: Number(match[2]) }
}

/** How long an upload waits for a filing to name it before its bytes are deleted. */
export const UNATTACHED_UPLOAD_HOURS = 24

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10}MB`
}

/** Refuses (429 RATE_LIMITED) an upload that would take `owner` past the quota. */
async function requireWithinQuota(ctx: Ctx, owner: string, size: number): Promise<void> {
  const quota = ctx.config.uploadQuota ?? DEFAULT_UPLOAD_QUOTA
  const used = await ctx.files.usage(owner)
  if (used.files + 1 > quota.files || used.bytes + size > quota.bytes) {
    throw fail(
      'RATE_LIMITED',
      `您保存的材料已达上限（最多${quota.files}个文件、共${megabytes(quota.bytes)}）。未用于备案的材料24小时后会自动清除，请稍后再试`,
    )
  }
}

/** Deletes the bytes of uploads no filing named within UNATTACHED_UPLOAD_HOURS of `ctx.now`. */
export async function purgeUnattachedUploads(ctx: Ctx): Promise<number> {
  const before = new Date(ctx.now.getTime() - UNATTACHED_UPLOAD_HOURS * 3600_000)
  return ctx.files.purgeUnattached(before, ctx.now)
}

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
  await requireWithinQuota(ctx, owner, bytes.length)
  await requireWithinLimit(ctx, 'upload', owner)
  const stored = await ctx.files.put(owner, bytes, contentType, ctx.now)
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

/** The record of an uploaded file the caller may read (its owner, or staff: recorded in the access log); else NOT_FOUND. */
export async function readableUpload(ctx: Ctx, fileId: unknown): Promise<StoredFile> {
  const caller = requirePerson(ctx)
  const notFound = () => fail('NOT_FOUND', UPLOAD_MESSAGES.notFound)
  if (typeof fileId !== 'string' || fileId === '') throw notFound()
  const meta = await ctx.files.stat(fileId)
  if (!meta || (meta.owner !== caller && !ctx.caller.staff)) throw notFound()
  // Staff reading someone else's proof (filing.proofLink deployed, GET /api/files/<id> locally): logged.
  if (meta.owner !== caller && ctx.caller.staff) {
    await ctx.accessLog.record({ at: ctx.now.toISOString(), staff: caller, action: 'proof', filters: null, page: null, rows: null, filingId: null, fileId: meta.id, reason: null })
  }
  return meta
}
