// Staff views over HTTP (issue 13, item 3): every ID number, phone and address masked in every staff
// response (history diffs included) unless revealed; admin.reveal needs a reason and the reveal role;
// lists, exports, proof reads and reveals go into an access log that only `audit` staff can read.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { dazhouRetiree, residentId } from './builders'
import { PDF, QUERY_STAFF, STAFF, at, startTestServer, type As, type TestServer } from './http'

const TODAY = at('2026-11-22')
const PERSON = { name: '王秀兰', idType: 'resident_id', idNumber: residentId('511702', '19400312', '024') }
const FIRST_PHONE = '13812345678'
const NEW_PHONE = '13987654321'
const ADDRESS = '四川省达州市通川区朝阳路88号3栋2单元'
const NEW_ADDRESS = '广东省深圳市福田区福华三路100号'

let api: TestServer
let filingId: string
let proof: string
const as = (openid: string): As => ({ openid, now: TODAY })

beforeAll(async () => {
  api = await startTestServer()
  const filed = await api.call('filing', 'submit', dazhouRetiree(PERSON, { applicant: { ...PERSON, phone: FIRST_PHONE, address: ADDRESS } }), as('p-owner'))
  expect(filed.body.ok).toBe(true)
  filingId = filed.body.data.id
  const changed = await api.call('filing', 'change', { id: filingId, version: filed.body.data.version, patch: { phone: NEW_PHONE, address: NEW_ADDRESS }, reason: '换了手机号' }, as('p-owner'))
  expect(changed.body.ok).toBe(true)
  proof = await api.upload('p-owner', PDF, 'proof.pdf')
})
afterAll(async () => {
  await api?.close()
})

/** Any full ID number, phone or street address of the person in `value`'s JSON. */
function leaks(value: unknown): string[] {
  const json = JSON.stringify(value)
  return [PERSON.idNumber, FIRST_PHONE, NEW_PHONE, ADDRESS, NEW_ADDRESS].filter((secret) => json.includes(secret))
}

describe('masked everywhere unless revealed', () => {
  test('list, get (history diffs included), export and stats hold no full ID number, phone or address', async () => {
    const list = await api.call('admin', 'list', {}, as(STAFF[0]))
    expect(list.body.data.items.map((i: { id: string }) => i.id)).toContain(filingId)
    const get = await api.call('admin', 'get', { id: filingId }, as(STAFF[0]))
    const change = get.body.data.history.flatMap((h: { changes: unknown[] }) => h.changes).find((c: { field: string }) => c.field === 'applicant')
    expect(change).toMatchObject({ before: { phone: '138****5678' }, after: { phone: '139****4321', address: '广东省深圳市********' } })
    expect(get.body.data.applicant).toMatchObject({ phone: '139****4321', address: '广东省深圳市********' })
    const exported = await api.call('admin', 'export', {}, as(STAFF[0]))
    const stats = await api.call('admin', 'stats', {}, as(STAFF[0]))
    for (const reply of [list, get, exported, stats]) {
      expect(reply.body.ok).toBe(true)
      expect(leaks(reply.body)).toEqual([])
    }
    // The look-up-only account sees the same masked detail.
    expect(leaks((await api.call('admin', 'get', { id: filingId }, as(QUERY_STAFF))).body)).toEqual([])
  })
})

describe('admin.reveal', () => {
  test('without a reason: 400 at reason, nothing revealed or recorded', async () => {
    for (const data of [{ id: filingId }, { id: filingId, reason: '   ' }]) {
      const refused = await api.call('admin', 'reveal', data, as(STAFF[0]))
      expect(refused.status).toBe(400)
      expect(refused.body.error?.issues?.map((i) => i.path)).toEqual(['reason'])
      expect(leaks(refused.body)).toEqual([])
    }
    const history = (await api.call('admin', 'get', { id: filingId }, as(STAFF[1]))).body.data.history
    expect(history.filter((h: { action: string }) => h.action === 'reveal')).toEqual([])
  })

  test('a look-up-only account has no reveal role: 403', async () => {
    const refused = await api.call('admin', 'reveal', { id: filingId, reason: '核对身份' }, as(QUERY_STAFF))
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN', message: '您的账号不能查看完整证件号码和电话' } } })
  })

  test('with a reason: the full values, and the reason in the history staff and the person see', async () => {
    const revealed = await api.call('admin', 'reveal', { id: filingId, reason: '申请人来电核对身份' }, as(STAFF[0]))
    expect(revealed.body.data).toEqual({ idNumber: PERSON.idNumber, phone: NEW_PHONE, address: NEW_ADDRESS })
    const staffHistory = (await api.call('admin', 'get', { id: filingId }, as(STAFF[1]))).body.data.history
    expect(staffHistory.find((h: { action: string }) => h.action === 'reveal')).toMatchObject({ actor: STAFF[0], reason: '申请人来电核对身份' })
    const own = (await api.call('filing', 'get', { id: filingId }, as('p-owner'))).body.data.history
    expect(own.find((h: { action: string }) => h.action === 'reveal')).toMatchObject({ reason: '申请人来电核对身份' })
  })
})

describe('the access log', () => {
  test('lists, exports, proof reads and reveals are recorded with staff, filters and rows; only audit staff read it', async () => {
    const filters = { q: PERSON.idNumber.slice(-4), state: ['active', 'pending_review'] }
    const listed = await api.call('admin', 'list', { filters, page: 1, pageSize: 5 }, as(STAFF[1]))
    const rows = listed.body.data.items.length
    const byNumber = await api.call('admin', 'list', { filters: { q: PERSON.idNumber } }, as(STAFF[2]))
    expect(byNumber.body.ok).toBe(true)
    // A filter saved before issue 16 (the stored status) still works, read as the states it meant.
    const exported = await api.call('admin', 'export', { filters: { status: 'pending_review' } }, as(QUERY_STAFF))
    // The owner reading their own proof is not logged; staff reading it is.
    const read = (openid: string) => fetch(`${api.url}/api/files/${encodeURIComponent(proof)}`, { headers: { 'x-dev-openid': openid, 'x-dev-now': TODAY } })
    expect((await read('p-owner')).status).toBe(200)
    expect((await read(QUERY_STAFF)).status).toBe(200)
    expect((await api.call('filing', 'proofLink', { fileId: proof }, as(STAFF[1]))).body.ok).toBe(true)

    for (const openid of [QUERY_STAFF, 'p-owner']) {
      expect(await api.call('admin', 'accessLog', {}, as(openid))).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } })
    }
    const log = await api.call('admin', 'accessLog', { pageSize: 100 }, as(STAFF[0]))
    expect(log.body.ok).toBe(true)
    const items: { staff: string; action: string; filters: Record<string, unknown> | null; rows: number | null; page: number | null; fileId: string | null; reason: string | null }[] =
      log.body.data.items
    expect(items).toContainEqual(expect.objectContaining({ staff: STAFF[1], action: 'list', page: 1, rows, filters: expect.objectContaining({ q: filters.q, state: filters.state, pageSize: 5 }) }))
    expect(items).toContainEqual(expect.objectContaining({ staff: STAFF[2], action: 'list', filters: expect.objectContaining({ q: '511***********' + PERSON.idNumber.slice(-4) }) }))
    expect(items).toContainEqual(expect.objectContaining({ staff: QUERY_STAFF, action: 'export', rows: exported.body.data.rows, filters: { state: ['pending_review', 'needs_materials'] } }))
    expect(items.filter((i) => i.action === 'proof').map((i) => [i.staff, i.fileId])).toEqual([
      [STAFF[1], proof],
      [QUERY_STAFF, proof],
    ])
    expect(items).toContainEqual(expect.objectContaining({ staff: STAFF[0], action: 'reveal', reason: '申请人来电核对身份' }))
    // Newest first, and never a full number.
    expect(items[0]).toMatchObject({ staff: STAFF[1], action: 'proof' })
    expect(leaks(log.body)).toEqual([])

    const onlyExports = await api.call('admin', 'accessLog', { action: 'export', staff: QUERY_STAFF, from: '2026-11-22', to: '2026-11-22' }, as(STAFF[0]))
    expect(onlyExports.body.data).toMatchObject({ total: 1, items: [{ action: 'export', staff: QUERY_STAFF }] })
    const before = await api.call('admin', 'accessLog', { to: '2026-11-21' }, as(STAFF[0]))
    expect(before.body.data).toMatchObject({ total: 0, items: [] })
    const bad = await api.call('admin', 'accessLog', { action: 'delete', from: 'yesterday' }, as(STAFF[0]))
    expect(bad.status).toBe(400)
  })

  test('at rest, the filters (a searched name) and reasons are sealed; staff, action and time are not', async () => {
    expect((await api.call('admin', 'list', { filters: { q: PERSON.name } }, as(STAFF[1]))).body.ok).toBe(true)
    const db = new Database(join(api.dataDir, 'filings.db'), { readonly: true })
    try {
      const rows = db.prepare('SELECT staff, action, filters, reason FROM access_log').all() as { staff: string; action: string; filters: string | null; reason: string | null }[]
      expect(rows.length).toBeGreaterThan(5)
      const text = JSON.stringify(rows)
      for (const secret of [PERSON.name, '申请人来电核对身份']) expect(text).not.toContain(secret)
      expect(rows).toContainEqual(expect.objectContaining({ staff: STAFF[1], action: 'list' }))
    } finally {
      db.close()
    }
    const log = await api.call('admin', 'accessLog', { staff: STAFF[1], action: 'list', pageSize: 1 }, as(STAFF[0]))
    expect(log.body.data.items[0].filters).toMatchObject({ q: PERSON.name })
  })

  test('the log survives a restart', async () => {
    await api.restart()
    const log = await api.call('admin', 'accessLog', { action: 'export' }, as(STAFF[0]))
    expect(log.body.data.total).toBeGreaterThanOrEqual(2)
  })
})
