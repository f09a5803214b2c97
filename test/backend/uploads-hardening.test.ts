// Uploads under attack, over real HTTP: what server.test.ts covers (each type kept, a GIF and text
// refused, exactly 10 MB kept and one byte more refused, an empty file, no identity, a missing
// `file` field, ../../etc/passwd once, 20 at once) is not repeated; this file adds executables and
// archives dressed as proofs, every path-like and odd file name, 50 owners' uploads at once, forms
// with two files or none, wrong content types, bodies cut off or streamed without a length, and
// checks after each refusal that nothing was written: the uploads folder, every other file under
// DATA_DIR, and the files table.
import { createHash, randomBytes } from 'node:crypto'
import { readdirSync, statSync } from 'node:fs'
import { request } from 'node:http'
import { join, relative } from 'node:path'
import Database from 'better-sqlite3'
import { MAX_UPLOAD_BYTES, UPLOAD_MESSAGES } from '../../src/backend/uploads'
import { STAFF, startTestServer, type TestServer } from './http'

const CHINESE = /[\u4e00-\u9fff]/
const FILE_ID = /^f_[0-9a-f]{32}$/
const OWNER = 'up-owner'

let api: TestServer
let db: Database.Database

beforeAll(async () => {
  api = await startTestServer()
  // One proof first: the uploads folder exists from here on.
  await api.upload(OWNER, Buffer.from('%PDF-1.4\n%first\n'), 'first.pdf')
  db = new Database(join(api.dataDir, 'filings.db'), { readonly: true, fileMustExist: true })
})

afterAll(async () => {
  db?.close()
  await api?.close()
})

// ---- helpers -------------------------------------------------------------------------------------

/** Every file under DATA_DIR (relative path → size), SQLite's own files aside, and the files table. */
function state() {
  const tree: Record<string, number> = {}
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      const info = statSync(path)
      if (info.isDirectory()) walk(path)
      else if (!name.startsWith('filings.db')) tree[relative(api.dataDir, path)] = info.size
    }
  }
  walk(api.dataDir)
  const rows = db.prepare('SELECT id, owner, content_type AS type, size, sha256 FROM files ORDER BY rowid').all() as { id: string; owner: string; type: string; size: number; sha256: string }[]
  return { tree, rows }
}

interface Part {
  name?: string
  /** Raw, as written into the header (may hold quotes, NUL, non-ASCII as UTF-8 bytes). */
  filename?: string
  type?: string
  bytes: Buffer
}

const BOUNDARY = '----yd-hardening-7MA4YWxkTrZu0gW'

function multipart(parts: Part[], boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = []
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name ?? 'file'}"${filename}\r\n` + (part.type ? `Content-Type: ${part.type}\r\n` : '') + '\r\n'
    chunks.push(Buffer.from(head, 'utf8'), part.bytes, Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return Buffer.concat(chunks)
}

interface Sent {
  status: number
  body: any
  headers: Record<string, string | string[] | undefined>
}

/** POST /api/upload with a raw body (node:http: any Content-Type, chunked or not). */
function send(body: Buffer | Buffer[], options: { openid?: string; contentType?: string; chunked?: boolean; path?: string } = {}): Promise<Sent> {
  const { hostname, port } = new URL(api.url)
  const headers: Record<string, string | number> = {}
  if (options.openid !== undefined) headers['x-dev-openid'] = options.openid
  if (options.contentType !== undefined) headers['content-type'] = options.contentType
  const pieces = Array.isArray(body) ? body : [body]
  if (!options.chunked) headers['content-length'] = pieces.reduce((n, b) => n + b.length, 0)
  return new Promise((resolve, reject) => {
    let answered = false
    const req = request({ hostname, port, method: 'POST', path: options.path ?? '/api/upload', headers, agent: false }, (res) => {
      answered = true
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let parsed: unknown = null
        try {
          parsed = JSON.parse(text)
        } catch {
          parsed = text
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers })
      })
      res.on('error', reject)
    })
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server may answer and close before it has read all we send: the answer is what counts.
      if (!answered && error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error)
    })
    for (const piece of pieces) req.write(piece)
    req.end()
  })
}

const upload = (parts: Part[], openid = OWNER) => send(multipart(parts), { openid, contentType: `multipart/form-data; boundary=${BOUNDARY}` })

async function readBack(fileId: string, openid: string) {
  const response = await fetch(`${api.url}/api/files/${fileId}`, { headers: { 'x-dev-openid': openid } })
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), bytes: Buffer.from(await response.arrayBuffer()) }
}

/** The reply is a 4xx protocol refusal in Chinese, and nothing under DATA_DIR or in the files table changed. */
async function expectRefusal(attempt: () => Promise<Sent>, message?: string): Promise<Sent> {
  const before = state()
  const result = await attempt()
  expect(result.status).toBeGreaterThanOrEqual(400)
  expect(result.status).toBeLessThan(500)
  expect(result.body).toMatchObject({ ok: false, error: { code: expect.any(String), message: expect.stringMatching(CHINESE) } })
  if (message) expect(result.body.error.message).toBe(message)
  expect(state()).toEqual(before)
  return result
}

/** The upload was kept: one new file, named by its id, inside uploads/, and one new row, for `owner`. */
async function expectStoredOnce(attempt: () => Promise<Sent>, bytes: Buffer, owner = OWNER): Promise<string> {
  const before = state()
  const result = await attempt()
  expect(result.status).toBe(200)
  const fileId: string = result.body.data.fileId
  expect(fileId).toMatch(FILE_ID)
  const after = state()
  const added = Object.keys(after.tree).filter((path) => !(path in before.tree))
  expect(added).toEqual([join('uploads', fileId)])
  expect(after.tree[join('uploads', fileId)]).toBe(bytes.length)
  expect(after.rows.slice(before.rows.length)).toEqual([
    { id: fileId, owner, type: expect.stringMatching(/^(image\/jpeg|image\/png|application\/pdf)$/), size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
  ])
  return fileId
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n')
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff, 0xe0])

// ---- wrong bytes -----------------------------------------------------------------------------------

describe('the first bytes decide, whatever the name and the part header say', () => {
  const disguised: [string, Buffer, string, string][] = [
    ['a Windows executable', Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(512)]), 'scan.pdf', 'application/pdf'],
    ['a Linux executable', Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), randomBytes(512)]), 'photo.jpg', 'image/jpeg'],
    ['a zip archive', Buffer.concat([Buffer.from('PK\x03\x04\x14\x00', 'latin1'), randomBytes(256)]), '户口本.pdf', 'application/pdf'],
    ['a .docx (a zip)', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('[Content_Types].xml')]), 'proof.png', 'image/png'],
    ['an HTML page', Buffer.from('<!doctype html><script>fetch("/api/admin")</script>'), 'proof.pdf', 'application/pdf'],
    ['an SVG with a script', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'photo.png', 'image/png'],
    ['a shell script', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'a.jpg', 'image/jpeg'],
    ['a WebP image', Buffer.concat([Buffer.from('RIFF\x00\x00\x00\x00WEBP', 'latin1'), randomBytes(64)]), 'a.jpg', 'image/jpeg'],
    ['a HEIC photo', Buffer.concat([Buffer.from('\x00\x00\x00\x18ftypheic', 'latin1'), randomBytes(64)]), 'IMG_0001.jpg', 'image/jpeg'],
    ['a PDF header after a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), PDF]), 'a.pdf', 'application/pdf'],
    ['a PDF header after a space', Buffer.concat([Buffer.from(' '), PDF]), 'a.pdf', 'application/pdf'],
    ['a lower-case %pdf-', Buffer.from('%pdf-1.4\n'), 'a.pdf', 'application/pdf'],
    ['seven of the PNG signature', PNG_MAGIC.subarray(0, 7), 'a.png', 'image/png'],
    ['a UTF-16 text', Buffer.from('\ufeff%PDF-1.4', 'utf16le'), 'a.pdf', 'application/pdf'],
    ['one zero byte', Buffer.from([0]), 'a.pdf', 'application/pdf'],
  ]
  test.each(disguised.map(([label, bytes, filename, type]) => [label, filename, type, bytes] as const))(
    '%s named %s, sent as %s → 400, nothing written',
    async (_label, filename, type, bytes) => {
      await expectRefusal(() => upload([{ filename, type, bytes }]), UPLOAD_MESSAGES.type)
    },
  )

  test('garbage behind a PNG signature is kept as image/png: the signature is all the server checks (README: "by their first bytes"), and it is served with nosniff', async () => {
    const bytes = Buffer.concat([PNG_MAGIC, Buffer.from('<html><script>alert(1)</script></html>')])
    const fileId = await expectStoredOnce(() => upload([{ filename: 'x.html', type: 'text/html', bytes }]), bytes)
    const back = await readBack(fileId, OWNER)
    expect(back.type).toBe('image/png')
    expect(back.bytes.equals(bytes)).toBe(true)
  })

  test('a PDF sent as image/jpeg is stored and served as a PDF', async () => {
    const fileId = await expectStoredOnce(() => upload([{ filename: 'photo.jpg', type: 'image/jpeg', bytes: PDF }]), PDF)
    const back = await readBack(fileId, OWNER)
    expect(back.type).toBe('application/pdf')
    expect(back.disposition).toBe(`attachment; filename="${fileId}.pdf"`)
  })
})

// ---- sizes ------------------------------------------------------------------------------------------

describe('empty and oversized files write nothing', () => {
  test('an empty file part → 400 文件是空的, nothing written', async () => {
    await expectRefusal(() => upload([{ filename: 'empty.pdf', type: 'application/pdf', bytes: Buffer.alloc(0) }]), UPLOAD_MESSAGES.empty)
  })

  test('one byte over 10 MB → 413, no file and no leftover .part under DATA_DIR', async () => {
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x41)
    PDF.copy(big)
    const result = await expectRefusal(() => upload([{ filename: 'big.pdf', bytes: big }]), UPLOAD_MESSAGES.tooLarge)
    expect(result.status).toBe(413)
  }, 20_000)

  test('the same, streamed without a Content-Length (chunked), is cut off at the limit', async () => {
    const body = multipart([{ filename: 'big.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(MAX_UPLOAD_BYTES, 0x41)]) }])
    const pieces: Buffer[] = []
    for (let at = 0; at < body.length; at += 256 * 1024) pieces.push(body.subarray(at, at + 256 * 1024))
    const result = await expectRefusal(() => send(pieces, { openid: OWNER, contentType: `multipart/form-data; boundary=${BOUNDARY}`, chunked: true }), UPLOAD_MESSAGES.tooLarge)
    expect(result.status).toBe(413)
  }, 20_000)

  test('a Content-Length of 1 GB is refused before the body is read', async () => {
    const { hostname, port } = new URL(api.url)
    const before = state()
    const result = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        { hostname, port, method: 'POST', path: '/api/upload', agent: false, headers: { 'x-dev-openid': OWNER, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': 1024 ** 3 } },
        (res) => {
          let text = ''
          res.on('data', (chunk) => (text += String(chunk)))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
        },
      )
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)))
      req.write(multipart([{ filename: 'a.pdf', bytes: PDF }]).subarray(0, 200))
    })
    expect(result.status).toBe(413)
    expect(JSON.parse(result.text).error.message).toBe(UPLOAD_MESSAGES.tooLarge)
    expect(state()).toEqual(before)
  })

  test('a body cut off mid-file (the client goes away) writes nothing', async () => {
    const { hostname, port } = new URL(api.url)
    const before = state()
    const body = multipart([{ filename: 'a.pdf', bytes: Buffer.concat([PDF, randomBytes(200_000)]) }])
    await new Promise<void>((resolve) => {
      const req = request({ hostname, port, method: 'POST', path: '/api/upload', agent: false, headers: { 'x-dev-openid': OWNER, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': body.length } })
      req.on('error', () => resolve())
      req.on('response', () => resolve())
      req.write(body.subarray(0, 100_000), () => setTimeout(() => req.destroy(), 50))
    })
    // Give the server a moment to notice.
    await new Promise((r) => setTimeout(r, 200))
    expect(state()).toEqual(before)
    expect((await upload([{ filename: 'after.pdf', bytes: PDF }])).status).toBe(200)
  })
})

// ---- names --------------------------------------------------------------------------------------------

describe('a file name is never a path: the stored file is uploads/<server-chosen id>', () => {
  const names: [string, string][] = [
    ['a Windows path up', '..\\..\\x.pdf'],
    ['an absolute path', '/etc/passwd'],
    ['a drive path', 'C:\\Windows\\System32\\drivers\\etc\\hosts'],
    ['the database itself', '../filings.db'],
    ['an encoded path', '..%2F..%2Fetc%2Fpasswd'],
    ['a right-to-left override', 'proof\u202efdp.exe'],
    ['zero-width and emoji', '\u200b🏥证明\u200d.pdf'],
    ['Chinese', '异地就医备案表（签字版）.pdf'],
    ['full-width dots and slashes', '．．／．．／etc／passwd'],
    ['a 1,000-character name', `${'长'.repeat(1_000)}.pdf`],
    ['a 10,000-character name', `${'a'.repeat(10_000)}.pdf`],
    ['only dots', '..'],
    ['quotes and a semicolon', 'a"; filename="../../x.pdf'],
  ]
  test.each(names)('%s', async (_label, filename) => {
    const bytes = Buffer.concat([PDF, randomBytes(64)])
    const fileId = await expectStoredOnce(() => upload([{ filename, type: 'application/pdf', bytes }]), bytes)
    const back = await readBack(fileId, OWNER)
    expect(back.bytes.equals(bytes)).toBe(true)
    expect(back.disposition).toBe(`attachment; filename="${fileId}.pdf"`)
  })

  test('a file name past what a part header may hold (busboy stops at 16 KB) → 400, nothing written', async () => {
    await expectRefusal(() => upload([{ filename: `${'b'.repeat(20_000)}.pdf`, bytes: PDF }]))
  })

  test('a NUL byte in the part header is a malformed form → 400, nothing written', async () => {
    await expectRefusal(() => upload([{ filename: 'proof.pdf\u0000.exe', bytes: PDF }]), '上传格式不对：请用 multipart/form-data，文件放在字段 file 中')
  })

  test('filename="" (what a browser sends for an empty file input) → 400 请选择要上传的文件, nothing written', async () => {
    await expectRefusal(() => upload([{ filename: '', bytes: PDF }]), '请选择要上传的文件')
  })

  test('a CR LF in the name cannot add a header or a part', async () => {
    const bytes = Buffer.concat([PDF, randomBytes(16)])
    const raw = Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf\r\nX-Injected: 1"\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ])
    const before = state()
    const result = await send(raw, { openid: OWNER, contentType: `multipart/form-data; boundary=${BOUNDARY}` })
    if (result.status === 200) {
      expect(result.body.data.fileId).toMatch(FILE_ID)
      expect(Object.keys(state().tree).filter((path) => !(path in before.tree))).toEqual([join('uploads', result.body.data.fileId)])
    } else {
      expect(result.status).toBe(400)
      expect(result.body.error.message).toMatch(CHINESE)
      expect(state()).toEqual(before)
    }
  })
})

// ---- many at once -------------------------------------------------------------------------------------

describe('50 uploads at once by 5 people', () => {
  test('each is stored once, under its own id, and only its owner (and staff) can read it', async () => {
    const before = state()
    const owners = Array.from({ length: 5 }, (_, i) => `up-crowd-${i}`)
    const files = Array.from({ length: 50 }, (_, i) => {
      const magic = [PDF.subarray(0, 9), PNG_MAGIC, JPEG_MAGIC][i % 3]
      return Buffer.concat([magic, randomBytes(20_000 + i * 997)])
    })
    const results = await Promise.all(files.map((bytes, i) => upload([{ filename: '../same-name.pdf', bytes }], owners[i % 5])))
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200))
    const ids = results.map((r) => r.body.data.fileId as string)
    expect(new Set(ids).size).toBe(50)

    const after = state()
    const added = Object.keys(after.tree).filter((path) => !(path in before.tree)).sort()
    expect(added).toEqual(ids.map((id) => join('uploads', id)).sort())
    const rows = after.rows.slice(before.rows.length)
    expect(rows).toHaveLength(50)
    for (const [i, id] of ids.entries()) {
      const row = rows.find((r) => r.id === id)
      expect(row).toMatchObject({ owner: owners[i % 5], size: files[i].length, sha256: createHash('sha256').update(files[i]).digest('hex') })
    }

    const reads = await Promise.all(
      ids.map(async (id, i) => ({
        owner: await readBack(id, owners[i % 5]),
        other: await readBack(id, owners[(i + 1) % 5]),
        staff: await readBack(id, STAFF[0]),
      })),
    )
    reads.forEach(({ owner, other, staff }, i) => {
      expect(owner.status).toBe(200)
      expect(owner.bytes.equals(files[i])).toBe(true)
      expect(other.status).toBe(404)
      expect(staff.status).toBe(200)
    })
  }, 30_000)
})

// ---- the form itself -----------------------------------------------------------------------------------

describe('a form that does not hold exactly one file', () => {
  // Found here: the first file was kept and the second dropped without a word (200 with one fileId).
  test('two files in `file` → 400 一次只能上传一个文件, nothing written', async () => {
    await expectRefusal(
      () => upload([{ filename: 'a.pdf', bytes: PDF }, { filename: 'b.pdf', bytes: Buffer.concat([PDF, Buffer.from('b')]) }]),
      UPLOAD_MESSAGES.oneFile,
    )
  })

  test('a file in another field besides `file` → 400, nothing written', async () => {
    await expectRefusal(() => upload([{ filename: 'a.pdf', bytes: PDF }, { name: 'other', filename: 'b.pdf', bytes: PDF }]), UPLOAD_MESSAGES.oneFile)
    await expectRefusal(() => upload([{ name: 'other', filename: 'b.pdf', bytes: PDF }, { filename: 'a.pdf', bytes: PDF }]), UPLOAD_MESSAGES.oneFile)
  })

  test.each([
    ['an empty form', multipart([])],
    ['only text fields', multipart([{ name: 'note', bytes: Buffer.from('hello') }, { name: 'file', bytes: PDF }])],
    ['a part without a Content-Disposition', Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--${BOUNDARY}--\r\n`)],
    ['no closing boundary', Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4\r\n`)],
    ['another boundary than declared', multipart([{ filename: 'a.pdf', bytes: PDF }], 'somethingelse')],
    ['an empty body', Buffer.alloc(0)],
    ['garbage', randomBytes(4096)],
  ])('%s → 400, nothing written', async (_label, body) => {
    await expectRefusal(() => send(body, { openid: OWNER, contentType: `multipart/form-data; boundary=${BOUNDARY}` }))
  })

  test('more than 12 parts → 400, nothing written', async () => {
    const parts = Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, bytes: Buffer.from('x') }))
    await expectRefusal(() => upload([...parts, { filename: 'a.pdf', bytes: PDF }]))
  })
})

describe('not multipart/form-data', () => {
  test.each([
    ['no Content-Type', undefined, PDF],
    ['application/pdf (the raw file)', 'application/pdf', PDF],
    ['application/octet-stream', 'application/octet-stream', PDF],
    ['multipart/form-data without a boundary', 'multipart/form-data', multipart([{ filename: 'a.pdf', bytes: PDF }])],
    ['multipart/mixed', `multipart/mixed; boundary=${BOUNDARY}`, multipart([{ filename: 'a.pdf', bytes: PDF }])],
    ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', Buffer.from('file=%25PDF-1.4')],
    ['text/plain', 'text/plain', Buffer.from('%PDF-1.4')],
  ])('%s → 400 in Chinese, nothing written', async (_label, contentType, body) => {
    const result = await expectRefusal(() => send(body, { openid: OWNER, contentType }))
    expect(result.status).toBe(400)
  })

  test('a malformed X-Dev-Openid → 400 before anything is read, nothing written', async () => {
    await expectRefusal(() => send(multipart([{ filename: 'a.pdf', bytes: PDF }]), { openid: '../up-owner', contentType: `multipart/form-data; boundary=${BOUNDARY}` }))
  })
})

test('after all of it: every file in uploads/ is named by an id, has its row, and nothing else is under DATA_DIR', () => {
  const { tree, rows } = state()
  expect(Object.keys(tree).filter((path) => !(path.startsWith(`uploads/`) && FILE_ID.test(path.slice('uploads/'.length))))).toEqual([])
  expect(Object.keys(tree).sort()).toEqual(rows.map((row) => join('uploads', row.id)).sort())
})
