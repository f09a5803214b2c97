// The local server over real HTTP (an ephemeral port on 127.0.0.1) with a real SQLite file in a
// temporary folder: routing, body limits, dev identity and clock, uploads, static files, shutdown.
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { request, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PRIVACY_NOTICE_VERSION, shanghaiDate, validateSubmission } from '../../src/rules'
import { DEMO_FILINGS } from '../../src/backend/demo'
import { parseIsoInstant } from '../../src/backend/server/identity'
import { startServer, type RunningServer } from '../../src/backend/server/main'
import { verifyingSubmits } from './http'
import { MAX_UPLOAD_BYTES } from '../../src/backend/uploads'
import { residentId } from '../rules/fixtures'

const STAFF = 'admin-a'
const NOW = '2026-11-22T10:00:00+08:00'
const CHINESE = /[\u4e00-\u9fff]/

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000)])
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(1500)])
const PDF = Buffer.from('%PDF-1.4\n% a proof\n%%EOF\n')

let root: string
let dataDir: string
let staticDir: string
let server: RunningServer
const logs: string[] = []

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'yd-server-'))
  dataDir = join(root, 'data')
  staticDir = join(root, 'h5')
  mkdirSync(join(staticDir, 'js'), { recursive: true })
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title><div id="app"></div>')
  writeFileSync(join(staticDir, 'js', 'app.js'), 'console.log("app")')
  writeFileSync(join(root, 'secret.txt'), 'outside the build')
  symlinkSync(join(root, 'secret.txt'), join(staticDir, 'leak.txt'))
  server = await startServer({ port: 0, dataDir, staticDir, adminOpenids: [STAFF], seedDemo: false, log: (line) => logs.push(line) })
})

afterAll(async () => {
  await server?.close()
  rmSync(root, { recursive: true, force: true })
})

// ---- helpers -----------------------------------------------------------------------------------

interface As {
  openid?: string
  now?: string
  asIs?: boolean
}

function devHeaders(as: As = {}): Record<string, string> {
  const headers: Record<string, string> = {}
  if (as.openid !== undefined) headers['x-dev-openid'] = as.openid
  if (as.now !== undefined) headers['x-dev-now'] = as.now
  return headers
}

async function post(path: string, body: string, as: As = {}, contentType = 'application/json') {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, ...devHeaders(as) }, body })
  return { status: response.status, headers: response.headers, body: (await response.json()) as any }
}

const call = verifyingSubmits((fn, action, data, as: As) => post(`/api/${fn}`, JSON.stringify({ action, data }), as))

async function upload(bytes: Buffer, as: As, filename = 'proof.bin', field = 'file') {
  const form = new FormData()
  form.append(field, new Blob([new Uint8Array(bytes)]), filename)
  const response = await fetch(`${server.url}/api/upload`, { method: 'POST', headers: devHeaders(as), body: form })
  return { status: response.status, body: (await response.json()) as any }
}

async function readFile(fileId: string, as: As) {
  const response = await fetch(`${server.url}/api/files/${fileId}`, { headers: devHeaders(as) })
  return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) }
}

/** A raw request over node:http, for bodies fetch will not send (chunked, lying Content-Length). */
function raw(
  options: { method: string; path: string; headers?: Record<string, string | number> },
  write: (req: ReturnType<typeof request>) => void,
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  const { hostname, port } = new URL(server.url)
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method: options.method, path: options.path, headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    // The server may close after answering a body it will not read: that is not a failure here.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error)
    })
    write(req)
  })
}

let people = 0

/** A valid 达州 filing for a new person each time (one person holds one long-term filing). */
function submitInput(requestId: string, name = '王秀兰') {
  people += 1
  return {
    requestId,
    policyId: 'dazhou',
    category: 'resettled_retiree',
    applicant: { name, idType: 'resident_id', idNumber: residentId('511702', '19580612', String(people).padStart(3, '0')), phone: '13812345678' },
    destination: { provinceCode: '440000', cityCode: '440300' },
    startDate: '2026-11-22',
    commitment: { accepted: true, signature: name },
  }
}

// ---- JSON calls --------------------------------------------------------------------------------

describe('POST /api/<function>', () => {
  test('a call answers with the status from dispatch and a JSON protocol reply', async () => {
    const result = await call('filing', 'policies')
    expect(result.status).toBe(200)
    expect(result.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(result.body.ok).toBe(true)
    expect(result.body.data.profiles.length).toBeGreaterThan(0)
  })

  test('a call without a Content-Type header still reads the JSON body', async () => {
    const response = await fetch(`${server.url}/api/filing`, { method: 'POST', body: '{"action":"policies"}' })
    expect(response.status).toBe(200)
  })

  test.each([
    ['broken JSON', '{"action": "policies"'],
    ['a bare word', 'policies'],
    ['an empty body', ''],
    ['a JSON array', '[1, 2]'],
  ])('%s → 400 VALIDATION with a Chinese message', async (_label, body) => {
    const result = await post('/api/filing', body)
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(result.body.error.message).toMatch(CHINESE)
  })

  test('a body over 1 MB → 413 with a protocol reply (VALIDATION), and the server carries on', async () => {
    const big = JSON.stringify({ action: 'policies', data: { padding: 'x'.repeat(1024 * 1024) } })
    const result = await post('/api/filing', big)
    expect(result.status).toBe(413)
    expect(result.body).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '请求内容太大：不能超过1MB' } })
    expect((await call('filing', 'policies')).status).toBe(200)
  })

  test('a chunked body (no Content-Length) is cut off at 1 MB while streaming', async () => {
    const result = await raw({ method: 'POST', path: '/api/filing', headers: { 'content-type': 'application/json' } }, (req) => {
      const chunk = Buffer.alloc(256 * 1024, 0x20)
      for (let i = 0; i < 6; i += 1) req.write(chunk)
      req.end()
    })
    expect(result.status).toBe(413)
    expect(JSON.parse(result.text)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  test('a declared 100 MB body is refused at once, without waiting for it', async () => {
    const result = await raw(
      { method: 'POST', path: '/api/filing', headers: { 'content-type': 'application/json', 'content-length': 100 * 1024 * 1024 } },
      (req) => req.write('{"action":'),
    )
    expect(result.status).toBe(413)
    expect(result.headers.connection).toBe('close')
    expect(JSON.parse(result.text).error.code).toBe('VALIDATION')
  })

  test('Expect: 100-continue with a body over the limit is refused before the body is sent', async () => {
    const result = await raw(
      { method: 'POST', path: '/api/upload', headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': 50 * 1024 * 1024, expect: '100-continue' } },
      (req) => req.flushHeaders(),
    )
    expect(result.status).toBe(413)
    expect(JSON.parse(result.text)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '文件不能超过10MB' } })
  })

  test.each([
    ['an unknown function', '/api/nosuch', { action: 'policies' }, '没有这个功能'],
    ['an unknown action', '/api/filing', { action: 'nosuch' }, '没有这个操作'],
    ['a prototype key as action', '/api/filing', { action: '__proto__' }, '没有这个操作'],
    ['a prototype key as function', '/api/constructor', { action: 'policies' }, ''],
    ['a nested path', '/api/filing/policies', { action: 'policies' }, ''],
    ['the bare prefix', '/api', { action: 'policies' }, ''],
  ])('%s → 404 NOT_FOUND', async (_label, path, body, message) => {
    const result = await post(path, JSON.stringify(body))
    expect(result.status).toBe(404)
    expect(result.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(result.body.error.message).toContain(message)
    expect(result.body.error.message).toMatch(CHINESE)
  })

  test.each([
    ['GET', '/api/filing', 'POST'],
    ['PUT', '/api/filing', 'POST'],
    ['GET', '/api/upload', 'POST'],
    ['POST', '/api/files/f_00000000000000000000000000000000', 'GET'],
  ])('%s %s → 405 with a protocol reply', async (method, path, allow) => {
    const response = await fetch(`${server.url}${path}`, { method })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe(allow)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    const body = (await response.json()) as any
    expect(body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(body.error.message).toMatch(CHINESE)
  })

  test('POST /api/dev/echo (the empty handler of npm run bench:server) reads the body and answers ok, stores nothing', async () => {
    const payload = JSON.stringify({ action: 'submit', data: { requestId: 'req-echo-000001', padding: 'x'.repeat(200_000) } })
    const echo = await post('/api/dev/echo', payload, { openid: STAFF })
    expect(echo).toMatchObject({ status: 200, body: { ok: true, data: null } })
    expect(echo.headers.get('content-type')).toBe('application/json; charset=utf-8')
    // Staff only: a person, or nobody, is refused.
    expect(await post('/api/dev/echo', payload, { openid: 'p-echo' })).toMatchObject({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN' } } })
    expect(await post('/api/dev/echo', payload, {})).toMatchObject({ status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED' } } })
    expect((await call('filing', 'mine', {}, { openid: 'p-echo' })).body).toMatchObject({ ok: true, data: { filings: [] } })
    const wrong = await fetch(`${server.url}/api/dev/echo`)
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('POST')
  })

  test('POST /api/dev/reminders (the hourly job) is for staff only', async () => {
    expect(await post('/api/dev/reminders', '', { openid: 'p-job' })).toMatchObject({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN' } } })
    expect(await post('/api/dev/reminders', '', {})).toMatchObject({ status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED' } } })
    expect(await post('/api/dev/reminders', '', { openid: STAFF })).toMatchObject({
      status: 200,
      body: { ok: true, data: { created: expect.any(Number), purged: expect.any(Number) } },
    })
  })
})

// ---- identity and clock ----------------------------------------------------------------------------

describe('dev identity (X-Dev-Openid) and clock (X-Dev-Now)', () => {
  test('without identity a public action works and an identified one gives 401', async () => {
    expect((await call('filing', 'policies')).status).toBe(200)
    const mine = await call('filing', 'mine')
    expect(mine.status).toBe(401)
    expect(mine.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect((await call('filing', 'mine', {}, { openid: '   ' })).status).toBe(401)
  })

  test('X-Dev-Openid sets the caller (trimmed): a filing belongs to whoever made it', async () => {
    const made = await call('filing', 'submit', submitInput('req-identity-01', '李红'), { openid: '  person-1 ', now: NOW })
    expect(made.status).toBe(200)
    const own = await call('filing', 'mine', {}, { openid: 'person-1', now: NOW })
    expect(own.body.data.filings.map((f: { id: string }) => f.id)).toEqual([made.body.data.id])
    const other = await call('filing', 'mine', {}, { openid: 'person-2', now: NOW })
    expect(other.body.data.filings).toEqual([])
    const peek = await call('filing', 'get', { id: made.body.data.id }, { openid: 'person-2', now: NOW })
    expect(peek.body.ok).toBe(false)
  })

  test('a field named openid in the payload is ignored', async () => {
    const result = await call('filing', 'mine', { openid: 'person-1' })
    expect(result.status).toBe(401)
  })

  test.each(['a b', '../admin', 'x'.repeat(65), 'o@wx', 'admin-a,admin-b'])('a malformed X-Dev-Openid (%s) → 400 VALIDATION', async (openid) => {
    const result = await call('filing', 'policies', {}, { openid })
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(result.body.error.message).toMatch(CHINESE)
  })

  test('ADMIN_OPENIDS decides staff: staff 200, a person 403, nobody 401', async () => {
    expect((await call('admin', 'stats', {}, { openid: STAFF, now: NOW })).status).toBe(200)
    const person = await call('admin', 'stats', {}, { openid: 'person-1', now: NOW })
    expect(person.status).toBe(403)
    expect(person.body.error.code).toBe('FORBIDDEN')
    expect((await call('admin', 'stats', {}, { now: NOW })).status).toBe(401)
    // admin-dev is only the default: this server was started with admin-a alone.
    expect((await call('admin', 'stats', {}, { openid: 'admin-dev', now: NOW })).status).toBe(403)
  })

  test.each([
    ['2026-11-22T23:30:00+08:00', '2026-11-22'],
    ['2026-11-22T16:30:00Z', '2026-11-23'],
    ['2026-11-22T23:30:00', '2026-11-22'], // no offset: China time, whatever the server's zone
    ['2026-11-23', '2026-11-23'],
  ])('X-Dev-Now %s sets ctx.now: the filing is dated %s', async (now, filedOn) => {
    const requestId = `req-now-${now.replace(/[^0-9A-Za-z]/g, '')}`
    const made = await call('filing', 'submit', { ...submitInput(requestId, '张伟'), startDate: filedOn }, { openid: `clock-${requestId.slice(-12)}`, now })
    expect(made.status).toBe(200)
    expect(made.body.data.filedOn).toBe(filedOn)
  })

  test('without X-Dev-Now the server clock decides today', async () => {
    const today = shanghaiDate(new Date())
    const made = await call('filing', 'submit', { ...submitInput('req-clock-server', '周杰'), startDate: today }, { openid: 'clock-server' })
    expect(made.status).toBe(200)
    expect(made.body.data.filedOn).toBe(today)
  })

  test.each(['yesterday', '2026-02-30', '2026-11-22T25:00:00', '2026-13-01', '22/11/2026', '2026-11-22T10:00:00+25:00'])(
    'an invalid X-Dev-Now (%s) → 400 VALIDATION',
    async (now) => {
      const result = await call('filing', 'policies', {}, { now })
      expect(result.status).toBe(400)
      expect(result.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      expect(result.body.error.message).toContain('X-Dev-Now')
    },
  )

  test('parseIsoInstant reads offsets, fractions and China time', () => {
    expect(parseIsoInstant('2026-11-22T10:00:00.123Z')?.toISOString()).toBe('2026-11-22T10:00:00.123Z')
    expect(parseIsoInstant('2026-11-22T10:00:00-0500')?.toISOString()).toBe('2026-11-22T15:00:00.000Z')
    expect(parseIsoInstant('2026-11-22T10:00')?.toISOString()).toBe('2026-11-22T02:00:00.000Z')
    expect(parseIsoInstant('2026-11-22')?.toISOString()).toBe('2026-11-21T16:00:00.000Z')
    expect(parseIsoInstant('2028-02-29')).not.toBeNull()
    expect(parseIsoInstant('2027-02-29')).toBeNull()
  })
})

// ---- uploads -----------------------------------------------------------------------------------

describe('only this machine: the bind address and the Host header', () => {
  test('a request naming another host is refused before any identity or body is read (DNS rebinding)', async () => {
    const port = new URL(server.url).port
    const asStaff = (host: string) =>
      raw({ method: 'POST', path: '/api/admin', headers: { host, 'content-type': 'application/json', 'x-dev-openid': STAFF } }, (req) => req.end('{"action":"stats"}'))
    for (const host of [`attacker.example:${port}`, `192.168.1.20:${port}`, `localhost.attacker.example:${port}`, `localhost:${Number(port) + 1}`, 'localhost']) {
      const refused = await asStaff(host)
      expect(refused.status).toBe(403)
      expect(JSON.parse(refused.text)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '本地服务只接受本机访问：请用 http://localhost 打开' } })
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `LOCALHOST:${port}`]) expect((await asStaff(host)).status).toBe(200)
    const page = await raw({ method: 'GET', path: '/', headers: { host: `attacker.example:${port}` } }, (req) => req.end())
    expect(page.status).toBe(403)
  })

  test('it will not serve on an address others reach unless ALLOW_REMOTE_DEV says so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yd-remote-'))
    await expect(startServer({ port: 0, host: '0.0.0.0', dataDir, staticDir, seedDemo: false, log: () => {} })).rejects.toThrow(/HOST=0\.0\.0\.0 .*ALLOW_REMOTE_DEV=1/)
    const remote = await startServer({ port: 0, host: '0.0.0.0', allowRemote: true, dataDir, staticDir, seedDemo: false, reminders: false, log: () => {} })
    try {
      const { port } = new URL(remote.url)
      const reply = await fetch(`http://127.0.0.1:${port}/api/filing`, { method: 'POST', headers: { 'x-dev-openid': 'p-remote' }, body: '{"action":"policies"}' })
      expect(reply.status).toBe(200)
    } finally {
      await remote.close()
      rmSync(dataDir, { recursive: true, force: true })
      rmSync(`${dataDir}.key`, { force: true })
    }
  })
})

describe('POST /api/upload and GET /api/files/<fileId>', () => {
  test.each([
    ['JPEG', JPEG, 'image/jpeg'],
    ['PNG', PNG, 'image/png'],
    ['PDF', PDF, 'application/pdf'],
  ])('a %s is kept and reads back byte for byte, for its owner and for staff only', async (_label, bytes, type) => {
    const sent = await upload(bytes, { openid: 'uploader-1' }, 'scan.dat')
    expect(sent.status).toBe(200)
    expect(sent.body).toEqual({ ok: true, data: { fileId: expect.stringMatching(/^f_[0-9a-f]{32}$/) } })
    const { fileId } = sent.body.data

    const owner = await readFile(fileId, { openid: 'uploader-1' })
    expect(owner.status).toBe(200)
    expect(owner.type).toBe(type)
    expect(owner.bytes.equals(bytes)).toBe(true)

    const staff = await readFile(fileId, { openid: STAFF })
    expect(staff.status).toBe(200)
    expect(staff.bytes.equals(bytes)).toBe(true)

    const stranger = await readFile(fileId, { openid: 'uploader-2' })
    expect(stranger.status).toBe(404)
    expect(JSON.parse(stranger.bytes.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await readFile(fileId, {})).status).toBe(401)
  })

  test('a stranger cannot tell an existing file from a missing one', async () => {
    const { body } = await upload(JPEG, { openid: 'uploader-1' })
    const existing = await readFile(body.data.fileId, { openid: 'uploader-2' })
    const missing = await readFile('f_0123456789abcdef0123456789abcdef', { openid: 'uploader-2' })
    expect(existing.status).toBe(missing.status)
    expect(existing.bytes.toString()).toBe(missing.bytes.toString())
  })

  test.each([
    ['a GIF', Buffer.from('GIF89a......')],
    ['text named .jpg', Buffer.from('hello, not an image')],
    ['a PDF lookalike without the dash', Buffer.from('%PDF1.4')],
    ['half a JPEG signature', Buffer.from([0xff, 0xd8])],
  ])('%s → 400 VALIDATION 请上传 JPG、PNG 图片或 PDF 文件', async (_label, bytes) => {
    const result = await upload(bytes, { openid: 'uploader-1' }, 'photo.jpg')
    expect(result.status).toBe(400)
    expect(result.body).toEqual({ ok: false, error: { code: 'VALIDATION', message: '请上传 JPG、PNG 图片或 PDF 文件' } })
  })

  test('the content type comes from the bytes, never from the part header', async () => {
    const form = new FormData()
    form.append('file', new Blob([Buffer.from('<script>alert(1)</script>')], { type: 'image/png' }), 'x.png')
    const response = await fetch(`${server.url}/api/upload`, { method: 'POST', headers: { 'x-dev-openid': 'uploader-1' }, body: form })
    expect(response.status).toBe(400)
  })

  test('a file of exactly 10 MB is kept; one byte more → 413 VALIDATION 文件不能超过10MB', async () => {
    const limit = Buffer.alloc(MAX_UPLOAD_BYTES, 1)
    JPEG.copy(limit, 0, 0, 4)
    const fits = await upload(limit, { openid: 'uploader-big' })
    expect(fits.status).toBe(200)

    const over = Buffer.concat([limit, Buffer.from([0])])
    const result = await upload(over, { openid: 'uploader-big' })
    expect(result.status).toBe(413)
    expect(result.body).toEqual({ ok: false, error: { code: 'VALIDATION', message: '文件不能超过10MB' } })
    expect((await call('filing', 'policies')).status).toBe(200)
  }, 20_000)

  test('an empty file is refused', async () => {
    const result = await upload(Buffer.alloc(0), { openid: 'uploader-1' })
    expect(result.status).toBe(400)
    expect(result.body.error).toMatchObject({ code: 'VALIDATION', message: '文件是空的，请重新选择' })
  })

  test('an upload without identity → 401, and nothing is stored', async () => {
    const before = readdirSync(join(dataDir, 'uploads')).length
    const result = await upload(JPEG, {})
    expect(result.status).toBe(401)
    expect(result.body.error.code).toBe('UNAUTHENTICATED')
    expect(readdirSync(join(dataDir, 'uploads'))).toHaveLength(before)
  })

  test('a form without a `file` field, or not multipart at all → 400 VALIDATION', async () => {
    const wrongField = await upload(JPEG, { openid: 'uploader-1' }, 'a.jpg', 'photo')
    expect(wrongField.status).toBe(400)
    expect(wrongField.body.error).toMatchObject({ code: 'VALIDATION', message: '请选择要上传的文件' })
    const json = await post('/api/upload', '{"file": "x"}', { openid: 'uploader-1' })
    expect(json.status).toBe(400)
    expect(json.body.error.code).toBe('VALIDATION')
    const broken = await post('/api/upload', '--x\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc', { openid: 'uploader-1' }, 'multipart/form-data; boundary=x')
    expect(broken.status).toBe(400)
  })

  test('a path-like filename is never used as a path', async () => {
    const result = await upload(PDF, { openid: 'uploader-1' }, '../../etc/passwd')
    expect(result.status).toBe(200)
    expect(result.body.data.fileId).toMatch(/^f_[0-9a-f]{32}$/)
    expect(readdirSync(dataDir).sort().filter((name) => !name.startsWith('filings.db'))).toEqual(['uploads'])
    expect(readdirSync(join(dataDir, 'uploads')).every((name) => /^f_[0-9a-f]{32}$/.test(name))).toBe(true)
    // data.key: the data key the server generated beside (never inside) its data folder (server/data-key.ts).
    expect(readdirSync(root).sort()).toEqual(['data', 'data.key', 'h5', 'secret.txt'])
    const back = await readFile(result.body.data.fileId, { openid: 'uploader-1' })
    expect(back.bytes.equals(PDF)).toBe(true)
  })

  test.each(['..%2F..%2Ffilings.db', '%2e%2e', 'filings.db', 'f_0123'])('a malformed file id (%s) → 404', async (id) => {
    const result = await readFile(id, { openid: STAFF })
    expect(result.status).toBe(404)
  })

  test('20 uploads at once each get their own id and read back intact', async () => {
    const files = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0 ? Buffer.concat([JPEG.subarray(0, 4), randomBytes(50_000 + i)]) : Buffer.concat([PNG.subarray(0, 8), randomBytes(40_000 + i)]),
    )
    const results = await Promise.all(files.map((bytes, i) => upload(bytes, { openid: `crowd-${i % 4}` })))
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200))
    const ids = results.map((r) => r.body.data.fileId)
    expect(new Set(ids).size).toBe(20)
    const back = await Promise.all(ids.map((id, i) => readFile(id, { openid: `crowd-${i % 4}` })))
    back.forEach((file, i) => {
      expect(file.status).toBe(200)
      expect(file.bytes.equals(files[i])).toBe(true)
    })
  })

  test('an uploaded file can be named as a material by its owner, not by someone else', async () => {
    const { body } = await upload(PDF, { openid: 'material-owner' })
    const materials = [{ kind: 'hukou', fileId: body.data.fileId }]
    const base = { ...submitInput('req-material-01', '吴敏'), commitment: undefined, materials }
    const stolen = await call('filing', 'submit', base, { openid: 'material-thief', now: NOW })
    expect(stolen.status).toBe(400)
    const own = await call('filing', 'submit', base, { openid: 'material-owner', now: NOW })
    expect(own.status).toBe(200)
  })
})

// ---- static files --------------------------------------------------------------------------------

describe('the H5 build', () => {
  test('/ serves index.html; an app route falls back to it; an asset has its type', async () => {
    const home = await fetch(`${server.url}/`)
    expect(home.status).toBe(200)
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await home.text()).toContain('<div id="app">')

    const route = await fetch(`${server.url}/pages/filing/wizard?step=2`)
    expect(route.status).toBe(200)
    expect(await route.text()).toContain('<div id="app">')

    const asset = await fetch(`${server.url}/js/app.js`)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  test('a missing asset is a 404, not the app page', async () => {
    expect((await fetch(`${server.url}/js/missing.js`)).status).toBe(404)
  })

  test.each(['/../secret.txt', '/%2e%2e/secret.txt', '/js/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/leak.txt', '/%00'])(
    'no way out of the build folder: %s',
    async (path) => {
      const result = await raw({ method: 'GET', path }, (req) => req.end())
      expect([400, 403, 404]).toContain(result.status)
      expect(result.text).not.toContain('outside the build')
    },
  )

  test('the data folder is not served', async () => {
    const result = await fetch(`${server.url}/filings.db`)
    expect(result.status).toBe(404)
  })

  test('without a build, / says how to make one and the API still works', async () => {
    const bare = await startServer({ port: 0, dataDir: join(root, 'bare-data'), staticDir: join(root, 'no-such-build'), seedDemo: false, log: () => {} })
    try {
      const home = await fetch(`${bare.url}/`)
      expect(home.status).toBe(200)
      expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(await home.text()).toContain('npm run build:h5')
      const api = await fetch(`${bare.url}/api/filing`, { method: 'POST', body: '{"action":"policies"}' })
      expect(api.status).toBe(200)
    } finally {
      await bare.close()
    }
  })
})

// ---- logs, demo data, shutdown ---------------------------------------------------------------------

describe('around the requests', () => {
  test('one log line per request: method, path, status, time; never a body or an ID number', async () => {
    const input = submitInput('req-logs-0001', '郑洁')
    const idNumber = input.applicant.idNumber
    await call('filing', 'verifyIdentity', { name: input.applicant.name, idType: 'resident_id', idNumber, consent: { version: PRIVACY_NOTICE_VERSION, sensitive: true } }, { openid: 'logger', now: NOW })
    logs.length = 0
    await call('filing', 'submit', input, { openid: 'logger', now: NOW, asIs: true })
    await fetch(`${server.url}/api/filing?idNumber=${idNumber}`, { method: 'POST', body: '{"action":"policies"}' })
    expect(logs).toHaveLength(2)
    expect(logs[0]).toMatch(/^POST \/api\/filing 200 \d+\.\dms$/)
    expect(logs[1]).toMatch(/^POST \/api\/filing 200 \d+\.\dms$/)
    expect(logs.join('\n')).not.toContain(idNumber)
    expect(logs.join('\n')).not.toContain('郑洁')
  })

  test('the demo filings pass the rules as of today', () => {
    const today = shanghaiDate(new Date())
    for (const demo of DEMO_FILINGS) {
      const input = demo.input(today)
      const materials = (demo.uploads ?? []).map((kind) => ({ kind, fileId: `f_${'0'.repeat(32)}` }))
      const checked = validateSubmission(materials.length ? { ...input, materials } : input, { today })
      expect(checked).toMatchObject({ ok: true })
    }
  })

  test('demo data is filed once, on a first start, by different people across regions', async () => {
    const demoDir = join(root, 'demo-data')
    const lines: string[] = []
    let demo = await startServer({ port: 0, dataDir: demoDir, staticDir, seedDemo: true, log: (line) => lines.push(line) })
    const mine = async (openid: string) => {
      const response = await fetch(`${demo.url}/api/filing`, { method: 'POST', headers: { 'x-dev-openid': openid }, body: '{"action":"mine"}' })
      return ((await response.json()) as any).data.filings as { policyId: string; materials?: unknown[] }[]
    }
    try {
      expect(lines).toContain(`demo data: ${DEMO_FILINGS.length} filings by ${DEMO_FILINGS.map((d) => d.openid).join(', ')}`)
      const policies = new Set<string>()
      for (const { openid } of DEMO_FILINGS) {
        const filings = await mine(openid)
        expect(filings).toHaveLength(1)
        policies.add(filings[0].policyId)
      }
      expect(policies.size).toBe(DEMO_FILINGS.length)
      // admin-dev is the default staff member.
      const stats = await fetch(`${demo.url}/api/admin`, { method: 'POST', headers: { 'x-dev-openid': 'admin-dev' }, body: '{"action":"stats"}' })
      expect(((await stats.json()) as any).data.total).toBe(DEMO_FILINGS.length)

      await demo.close()
      demo = await startServer({ port: 0, dataDir: demoDir, staticDir, seedDemo: true, log: () => {} })
      for (const { openid } of DEMO_FILINGS) expect(await mine(openid)).toHaveLength(1)
    } finally {
      await demo.close()
    }
  })

  test('close() lets an in-flight request finish, then refuses new connections', async () => {
    const own = await startServer({ port: 0, dataDir: join(root, 'close-data'), staticDir, seedDemo: false, log: () => {} })
    const { hostname, port } = new URL(own.url)
    const body = JSON.stringify({ action: 'policies' })
    let closed = false
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        { hostname, port, method: 'POST', path: '/api/filing', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => (text += chunk))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
        },
      )
      req.on('error', reject)
      req.write(body.slice(0, 5))
      setTimeout(() => {
        const closing = own.close().then(() => (closed = true))
        setTimeout(() => {
          expect(closed).toBe(false) // still waiting for our request
          req.end(body.slice(5))
        }, 100)
        void closing
      }, 50)
    })
    const result = await answered
    expect(result.status).toBe(200)
    expect(JSON.parse(result.text).ok).toBe(true)
    await own.close()
    expect(closed).toBe(true)
    await expect(fetch(`${own.url}/api/filing`, { method: 'POST', body })).rejects.toThrow()
  })

  test('after all of the above the server still answers', async () => {
    const result = await call('filing', 'policies')
    expect(result.status).toBe(200)
    expect(result.body.ok).toBe(true)
  })
})
