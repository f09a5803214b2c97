// The life of an upload, over real HTTP (issue 13, item 6): the per-person quota (files and bytes),
// the hourly job's purge of uploads no filing named within 24 hours (run by staff through
// POST /api/dev/reminders at X-Dev-Now), attached files kept, and the headers a proof is served with.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { shanghaiDate } from '../../src/rules'
import { residentId } from '../rules/fixtures'
import { dazhouRetiree } from './builders'
import { startTestServer, type TestServer } from './http'

const CHINESE = /[\u4e00-\u9fff]/
const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n%${tag}\n`)

let api: TestServer

/** At most 3 files and 64 bytes per person. */
beforeAll(async () => {
  api = await startTestServer({ uploadQuota: { files: 3, bytes: 64 } })
})
afterAll(async () => {
  await api?.close()
})

async function rawUpload(openid: string, bytes: Buffer) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)]), 'proof.pdf')
  const response = await fetch(`${api.url}/api/upload`, { method: 'POST', headers: { 'x-dev-openid': openid }, body: form })
  return { status: response.status, body: (await response.json()) as any }
}

async function fetchFile(fileId: string, openid: string) {
  return fetch(`${api.url}/api/files/${fileId}`, { headers: { 'x-dev-openid': openid } })
}

function filesTable(): { id: string; owner: string }[] {
  const db = new Database(join(api.dataDir, 'filings.db'), { readonly: true, fileMustExist: true })
  try {
    return db.prepare('SELECT id, owner FROM files ORDER BY rowid').all() as { id: string; owner: string }[]
  } finally {
    db.close()
  }
}

const uploadsDir = () => readdirSync(join(api.dataDir, 'uploads')).sort()
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString()

test('the quota: a 4th file is refused (429, in Chinese) and nothing is stored; another person is unaffected', async () => {
  for (const tag of ['a', 'b', 'c']) expect((await rawUpload('q-files', pdf(tag))).status).toBe(200)
  const rows = filesTable().length
  const folder = uploadsDir()
  const refused = await rawUpload('q-files', pdf('d'))
  expect(refused).toMatchObject({ status: 429, body: { ok: false, error: { code: 'RATE_LIMITED' } } })
  expect(refused.body.error.message).toMatch(CHINESE)
  expect(refused.body.error.message).toContain('最多3个文件')
  expect(filesTable()).toHaveLength(rows)
  expect(uploadsDir()).toEqual(folder)
  expect((await rawUpload('q-other', pdf('e'))).status).toBe(200)
})

test('the quota counts bytes too: a file that would pass 64 bytes in all is refused', async () => {
  expect((await rawUpload('q-bytes', Buffer.concat([pdf('big'), Buffer.alloc(30, 0x20)]))).status).toBe(200)
  const rows = filesTable().length
  const refused = await rawUpload('q-bytes', Buffer.concat([pdf('bigger'), Buffer.alloc(30, 0x20)]))
  expect(refused).toMatchObject({ status: 429, body: { ok: false, error: { code: 'RATE_LIMITED' } } })
  expect(filesTable()).toHaveLength(rows)
})

test('the hourly job purges uploads no filing named after 24 h; attached files stay; records are never deleted', async () => {
  const person = { name: '王秀兰', idType: 'resident_id', idNumber: residentId('511702', '19580612', '321') }
  const attached = await api.upload('q-purge', pdf('kept'), 'hukou.pdf')
  const loose = await api.upload('q-purge', pdf('loose'), 'loose.pdf')
  const filed = await api.call(
    'filing',
    'submit',
    dazhouRetiree(person, { startDate: shanghaiDate(new Date()), commitment: undefined, materials: [{ kind: 'hukou', fileId: attached }] }),
    { openid: 'q-purge' },
  )
  expect(filed.body).toMatchObject({ ok: true })

  // 23 hours on: too early, nothing goes.
  const early = await api.runReminders(hoursFromNow(23))
  expect(early).toMatchObject({ status: 200, body: { ok: true, data: { purged: 0 } } })
  expect((await fetchFile(loose, 'q-purge')).status).toBe(200)

  // 25 hours on: every unattached upload (this person's loose one, the quota tests' ones) goes.
  const rows = filesTable()
  const job = await api.runReminders(hoursFromNow(25))
  expect(job).toMatchObject({ status: 200, body: { ok: true } })
  expect(job.body.data.purged).toBeGreaterThanOrEqual(1)
  expect(existsSync(join(api.dataDir, 'uploads', loose))).toBe(false)
  expect(existsSync(join(api.dataDir, 'uploads', attached))).toBe(true)
  const gone = await fetchFile(loose, 'q-purge')
  expect(gone.status).toBe(404)
  expect(((await gone.json()) as any).error.code).toBe('NOT_FOUND')
  expect((await fetchFile(attached, 'q-purge')).status).toBe(200)
  // The record stays (nothing is deleted from the store), marked purged beside it.
  expect(filesTable()).toEqual(rows)
  const db = new Database(join(api.dataDir, 'filings.db'), { readonly: true, fileMustExist: true })
  try {
    const marks = db.prepare('SELECT file_id AS id, kind FROM file_marks WHERE file_id IN (?, ?) ORDER BY kind').all(attached, loose)
    expect(marks).toEqual([
      { id: attached, kind: 'attached' },
      { id: loose, kind: 'purged' },
    ])
  } finally {
    db.close()
  }

  // A purged file can no longer be named by a filing; the purge frees the quota.
  const late = await api.call(
    'filing',
    'submit',
    dazhouRetiree({ ...person, idNumber: residentId('511702', '19580612', '322') }, { startDate: shanghaiDate(new Date()), commitment: undefined, materials: [{ kind: 'hukou', fileId: loose }] }),
    { openid: 'q-purge' },
  )
  expect(late.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  // A second run finds nothing more to do.
  expect((await api.runReminders(hoursFromNow(26))).body.data.purged).toBe(0)
  for (const tag of ['x', 'y']) expect((await rawUpload('q-files', pdf(tag))).status).toBe(200)
})

test('a proof is served as a download in a sandbox: never rendered as a page of this origin', async () => {
  const fileId = await api.upload('q-headers', pdf('headers'), '<script>alert(1)</script>.html')
  const response = await fetchFile(fileId, 'q-headers')
  expect(response.status).toBe(200)
  expect(response.headers.get('content-security-policy')).toBe('sandbox')
  expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${fileId}.pdf"`)
  expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  expect(response.headers.get('content-type')).toBe('application/pdf')
})

test('an upload is recorded at the request’s clock (X-Dev-Now), as every other write', async () => {
  const at = '2027-03-05T01:02:03.000Z'
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(pdf('clock'))]), 'proof.pdf')
  const response = await fetch(`${api.url}/api/upload`, { method: 'POST', headers: { 'x-dev-openid': 'q-clock', 'x-dev-now': at }, body: form })
  const body = (await response.json()) as { ok: boolean; data: { fileId: string } }
  expect(body.ok).toBe(true)
  const db = new Database(join(api.dataDir, 'filings.db'), { readonly: true, fileMustExist: true })
  try {
    expect(db.prepare('SELECT created_at FROM files WHERE id = ?').get(body.data.fileId)).toEqual({ created_at: at })
  } finally {
    db.close()
  }
})
