// HTTP side of proof uploads: `POST /api/upload` (multipart/form-data, field `file`) and
// `GET /api/files/<fileId>`. The decisions (who, what type, how big) are in ../uploads.ts, shared
// with the cloud functions; this file only gets the bytes off the wire without ever holding more
// than the limit.
//
// Multipart is parsed by busboy: pure JavaScript, streaming, with per-file size limits and part
// counts built in, and a long record on malformed input; a hand-written parser would have to
// re-learn boundary edge cases (split boundaries, CRLF handling, header limits) for no gain.
import busboy from 'busboy'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Ctx } from '../context'
import { requirePerson, requireStaff } from '../handlers/guards'
import { AppError, fail, type Reply } from '../protocol'
import { acceptUpload, MAX_UPLOAD_BYTES, readUpload, UPLOAD_MESSAGES } from '../uploads'
import { declaredLength } from './body'
import { sendJson } from './reply'

/** Room for the multipart boundaries and part headers around the file. */
const MULTIPART_OVERHEAD = 64 * 1024

type Received =
  | { kind: 'file'; bytes: Buffer; filename?: string }
  | { kind: 'no_file' }
  /** A second file part: which one was meant is anyone's guess, so neither is kept. */
  | { kind: 'more_than_one' }
  | { kind: 'too_large' }
  | { kind: 'malformed' }
  | { kind: 'aborted' }

/**
 * The one file part, named `file`, kept only up to MAX_UPLOAD_BYTES (one byte more marks it too
 * large). A form with a second file part is refused whole: keeping the first and dropping the rest
 * would tell the person their upload worked when part of it was thrown away.
 */
function receiveFile(req: IncomingMessage): Promise<Received> {
  const declared = declaredLength(req)
  if (declared !== null && declared > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD) return Promise.resolve({ kind: 'too_large' })

  let parser: busboy.Busboy
  try {
    parser = busboy({
      headers: req.headers,
      // busboy reports the limit when a file *reaches* it: one byte more, so exactly 10 MB is fine.
      limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 20 },
    })
  } catch {
    // Not multipart/form-data, or no boundary.
    return Promise.resolve({ kind: 'malformed' })
  }

  return new Promise((resolve) => {
    let settled = false
    let total = 0
    let file: { chunks: Buffer[]; size: number; filename?: string } | null = null

    const settle = (result: Received) => {
      if (settled) return
      settled = true
      req.off('data', count)
      req.off('close', onClose)
      req.unpipe(parser)
      if (result.kind !== 'file') req.pause()
      // Torn down on the next turn: this may run inside one of the parser's own callbacks.
      setImmediate(() => {
        parser.removeAllListeners()
        parser.on('error', () => {}) // a parser cut off mid-form may still complain
        parser.destroy()
      })
      resolve(result)
    }
    const count = (chunk: Buffer) => {
      total += chunk.length
      if (total > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD) settle({ kind: 'too_large' })
    }
    const onClose = () => {
      if (!req.complete) settle({ kind: 'aborted' })
    }

    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || file) {
        stream.resume()
        return
      }
      const current: { chunks: Buffer[]; size: number; filename?: string } = { chunks: [], size: 0, filename: info.filename }
      file = current
      stream.on('data', (chunk: Buffer) => {
        if (settled) return
        current.chunks.push(chunk)
        current.size += chunk.length
      })
      stream.on('limit', () => settle({ kind: 'too_large' }))
      stream.on('error', () => settle({ kind: 'malformed' }))
    })
    parser.on('error', () => settle({ kind: 'malformed' }))
    // busboy's `files: 1` limit: emitted when a second file part begins (whatever its field name).
    parser.on('filesLimit', () => settle({ kind: 'more_than_one' }))
    parser.on('close', () => {
      if (!file) return settle({ kind: 'no_file' })
      settle({ kind: 'file', bytes: Buffer.concat(file.chunks, file.size), filename: file.filename })
    })

    req.on('data', count)
    req.on('close', onClose)
    req.pipe(parser)
  })
}

/** A reply to send (status and protocol body), or null when the client went away. */
export type UploadOutcome = { status: number; reply: Reply } | null

const refusal = (error: AppError): UploadOutcome => ({ status: error.status, reply: { ok: false, error: error.body } })

/** `POST /api/upload`: the reply to send. What is left of the body is the caller's to drain. */
export async function upload(req: IncomingMessage, ctx: Ctx): Promise<UploadOutcome> {
  try {
    // Refused before a byte of the body is read: an unknown caller uploads nothing.
    requirePerson(ctx)
    const received = await receiveFile(req)
    switch (received.kind) {
      case 'aborted':
        return null
      case 'too_large':
        // 413 at the transport level; the body stays in the protocol: VALIDATION with the message
        // acceptUpload gives for a file over the limit.
        return { status: 413, reply: { ok: false, error: { code: 'VALIDATION', message: UPLOAD_MESSAGES.tooLarge } } }
      case 'malformed':
        throw fail('VALIDATION', '上传格式不对：请用 multipart/form-data，文件放在字段 file 中')
      case 'no_file':
        throw fail('VALIDATION', '请选择要上传的文件')
      case 'more_than_one':
        throw fail('VALIDATION', UPLOAD_MESSAGES.oneFile)
      case 'file':
        return { status: 200, reply: { ok: true, data: await acceptUpload(ctx, received) } }
    }
  } catch (error) {
    if (error instanceof AppError) return refusal(error)
    throw error
  }
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'application/pdf': '.pdf' }

/** `GET /api/files/<fileId>`: the bytes, for the owner or staff; anyone else gets NOT_FOUND. */
export async function sendStoredFile(res: ServerResponse, ctx: Ctx, fileId: string): Promise<void> {
  try {
    const { file, bytes } = await readUpload(ctx, fileId)
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': bytes.length,
      // Always a download, never a page: even a file crafted to be both a PDF and an HTML page is
      // never rendered as this origin's document (the app fetches the bytes itself, so nothing needs
      // them inline). The file name is ours (id and extension), never the uploader's.
      'Content-Disposition': `attachment; filename="${file.id}${EXTENSIONS[file.contentType] ?? ''}"`,
      // And should a browser render it anyway: a sandboxed document (no script, an opaque origin).
      'Content-Security-Policy': 'sandbox',
      // Private proofs: never kept by a cache, never sniffed into another type (only JPEG, PNG and
      // PDF are ever stored, each checked by its first bytes).
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    })
    res.end(bytes)
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    sendJson(res, error.status, { ok: false, error: error.body })
  }
}

/**
 * `GET /api/exports/<id>`: a back-office export (admin.export), for the staff member who made it and
 * only while its link works (files/port.ts EXPORT_LINK_SECONDS); anyone else, an unknown id or a later
 * request gets NOT_FOUND. A download as proofs are (attachment, sandboxed, never cached or sniffed).
 */
export async function sendExport(res: ServerResponse, ctx: Ctx, id: string): Promise<void> {
  try {
    const staff = requireStaff(ctx)
    const found = await ctx.files.readExport(id, staff.openid, ctx.now)
    if (!found) throw fail('NOT_FOUND', '导出文件不存在或链接已过期，请重新导出')
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Length': found.bytes.length,
      // An ASCII name for old clients and the real one (异地就医备案-<date>.csv) as RFC 6266 / 5987 say.
      'Content-Disposition': `attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent(found.filename)}`,
      'Content-Security-Policy': 'sandbox',
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    })
    res.end(found.bytes)
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    sendJson(res, error.status, { ok: false, error: error.body })
  }
}
