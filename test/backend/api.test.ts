// The backend over real HTTP on a real SQLite file: every action, every error code, who may do what,
// idempotency, concurrency, restarts, and each seed's rules end to end.
import { deriveState } from '../../src/rules'
import { residentId } from '../rules/fixtures'
import { PDF, QUERY_STAFF, STAFF, at, startTestServer, type As, type TestServer } from './http'
import { encodeCursor } from '../../src/backend/store/cursor'

let api: TestServer
beforeAll(async () => {
  api = await startTestServer()
})
afterAll(async () => {
  await api.close()
})

const TODAY = at('2026-11-22')
let counter = 0
const requestId = () => `req-${Date.now()}-${++counter}`

/** A 达州 resettled retiree moving to 深圳, signing the commitment. */
function retiree(overrides: Record<string, unknown> = {}) {
  return {
    requestId: requestId(),
    policyId: 'dazhou',
    category: 'resettled_retiree',
    applicant: { name: '王秀兰', idType: 'resident_id', idNumber: residentId('511702', '19580612', String(100 + counter).slice(-3)), phone: '13812345678' },
    destination: { provinceCode: '440000', cityCode: '440300' },
    startDate: '2026-11-22',
    commitment: { accepted: true, signature: '王秀兰' },
    ...overrides,
  }
}

async function submit(openid: string, data: Record<string, unknown>, now = TODAY) {
  const result = await api.call('filing', 'submit', data, { openid, now })
  if (!result.body.ok) throw new Error(`submit failed: ${JSON.stringify(result.body.error)}`)
  return result.body.data
}

describe('filing actions: happy paths', () => {
  test('policies lists every profile, without identity', async () => {
    const result = await api.call('filing', 'policies')
    expect(result.status).toBe(200)
    expect(result.body.data.profiles.map((p: { id: string }) => p.id)).toContain('liaoning-provincial')
  })

  test('preview shows validity and locks before filing', async () => {
    const result = await api.call('filing', 'preview', { policyId: 'dazhou', category: 'referral', destination: { provinceCode: '110000' }, startDate: '2026-11-22' }, { openid: 'p-preview', now: TODAY })
    expect(result.body).toMatchObject({ ok: true, data: { validUntil: '2027-05-22', benefit: { points: -10 } } })
  })

  test('submit → mine → get: active at once, no end date, ID masked, history starts with submit', async () => {
    const filing = await submit('p-happy', retiree())
    expect(filing).toMatchObject({ status: 'active', state: 'active', stateLabel: '生效中', validUntil: null, version: 1 })
    expect(filing.id).toMatch(/^YD20261122-[2-9A-Z]{6}$/)
    expect(filing.applicant.idNumber).toMatch(/^511\*{11}\w{4}$/)

    const mine = await api.call('filing', 'mine', {}, { openid: 'p-happy', now: TODAY })
    expect(mine.body.data.filings).toHaveLength(1)

    const detail = await api.call('filing', 'get', { id: filing.id }, { openid: 'p-happy', now: TODAY })
    expect(detail.body.data.history.map((h: { action: string }) => h.action)).toEqual(['submit'])
    expect(detail.body.data.actions).toMatchObject({ change: { allowed: false, allowedFrom: '2027-05-23' }, update_contact: { allowed: true }, cancel: { allowed: true }, supplement: { allowed: false } })
  })

  test('change the phone, then cancel: history records both with reasons', async () => {
    const input = retiree({ policyId: 'shanxi-provincial', destination: { provinceCode: '110000' } })
    const filing = await submit('p-change', input)
    const changed = await api.call('filing', 'change', { id: filing.id, version: 1, patch: { phone: '13900001111' }, reason: '换了手机号' }, { openid: 'p-change', now: TODAY })
    expect(changed.body).toMatchObject({ ok: true, data: { version: 2, applicant: { phone: '13900001111' } } })
    const moved = await api.call('filing', 'change', { id: filing.id, version: 2, patch: { destination: { provinceCode: '310000' } }, reason: '随子女搬到上海' }, { openid: 'p-change', now: TODAY })
    expect(moved.body).toMatchObject({ ok: true, data: { version: 3, destination: { areaCode: '310000', name: '上海市' } } })
    const cancelled = await api.call('filing', 'cancel', { id: filing.id, version: 3, reason: '回山西居住' }, { openid: 'p-change', now: TODAY })
    expect(cancelled.body).toMatchObject({ ok: true, data: { status: 'cancelled', stateLabel: '已取消' } })
    const detail = await api.call('filing', 'get', { id: filing.id }, { openid: 'p-change', now: TODAY })
    expect(detail.body.data.history.map((h: { action: string; reason: string | null }) => [h.action, h.reason])).toEqual([
      ['submit', null],
      ['update_contact', '换了手机号'],
      ['change', '随子女搬到上海'],
      ['cancel', '回山西居住'],
    ])
    // The phone change is shown as such, the phones and the applicant's ID number masked in it.
    const contact = detail.body.data.history[1].changes.find((c: { field: string }) => c.field === 'applicant')
    expect(contact).toMatchObject({ before: { phone: '138****5678' }, after: { phone: '139****1111' } })
    expect(JSON.stringify(detail.body.data.history)).not.toContain((input.applicant as { idNumber: string }).idNumber)
    expect(contact.after.idNumber).toMatch(/^\d{3}\*+\w{4}$/)
  })

  test('checkCoverage answers for a stay', async () => {
    await submit('p-cover', retiree())
    const result = await api.call('filing', 'checkCoverage', { admissionDate: '2026-11-25', destination: { provinceCode: '440000', cityCode: '440300' } }, { openid: 'p-cover', now: TODAY })
    expect(result.body).toMatchObject({ ok: true, data: { verdict: 'direct', covered: true, reason: 'filing', scope: 'cross_province', source: '001 二、四(一)、四(三)1' } })
  })
})

describe('error codes', () => {
  test('VALIDATION: issues next to fields, in Chinese, and nothing stored', async () => {
    const result = await api.call('filing', 'submit', retiree({ destination: { provinceCode: '440000' }, startDate: '2027-06-01' }), { openid: 'p-invalid', now: TODAY })
    expect(result.status).toBe(400)
    expect(result.body.error).toMatchObject({ code: 'VALIDATION', issues: expect.arrayContaining([{ path: 'destination.cityCode', message: '请选择就医城市' }]) })
    const mine = await api.call('filing', 'mine', {}, { openid: 'p-invalid', now: TODAY })
    expect(mine.body.data.filings).toEqual([])
  })

  test('UNAUTHENTICATED without identity', async () => {
    const result = await api.call('filing', 'mine')
    expect(result).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } })
  })

  test('FORBIDDEN: a person calling admin', async () => {
    expect(await api.call('admin', 'list', {}, { openid: 'p-nosy' })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } })
  })

  test('NOT_FOUND: unknown filing, function or action', async () => {
    expect((await api.call('filing', 'get', { id: 'YD20260101-AAAAAA' }, { openid: 'p-x' })).status).toBe(404)
    expect((await api.call('nothing', 'get', {}, { openid: 'p-x' })).body.error?.code).toBe('NOT_FOUND')
    expect((await api.call('filing', 'delete', {}, { openid: 'p-x' })).body.error?.code).toBe('NOT_FOUND')
    expect((await api.call('filing', '__proto__', {}, { openid: 'p-x' })).body.error?.code).toBe('NOT_FOUND')
  })

  test('CONFLICT: a stale version', async () => {
    const filing = await submit('p-stale', retiree({ policyId: 'shanxi-provincial', destination: { provinceCode: '110000' } }))
    await api.call('filing', 'change', { id: filing.id, version: 1, patch: { phone: '13900002222' }, reason: '新号码' }, { openid: 'p-stale', now: TODAY })
    const stale = await api.call('filing', 'cancel', { id: filing.id, version: 1, reason: '不去了' }, { openid: 'p-stale', now: TODAY })
    expect(stale).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT', message: '这份备案刚刚有了更新，请刷新后再操作' } } })
  })

  test('LOCKED: a 达州 long-term change within 6 months gives the first allowed date', async () => {
    const filing = await submit('p-locked', retiree())
    const result = await api.call('filing', 'change', { id: filing.id, version: 1, patch: { destination: { provinceCode: '110000' } }, reason: '搬家' }, { openid: 'p-locked', now: TODAY })
    expect(result).toMatchObject({ status: 409, body: { error: { code: 'LOCKED', allowedFrom: '2027-05-23' } } })
  })

  test('DUPLICATE: a second long-term filing for the same person', async () => {
    const first = retiree()
    await submit('p-dup', first)
    const second = await api.call('filing', 'submit', { ...first, requestId: requestId(), destination: { provinceCode: '110000' } }, { openid: 'p-dup', now: TODAY })
    expect(second.status).toBe(409)
    expect(second.body.error).toMatchObject({ code: 'DUPLICATE', message: expect.stringMatching(/请变更或取消该备案/) })
  })

  test('a temporary filing alongside a long-term one is fine', async () => {
    const base = retiree()
    await submit('p-both', base)
    const referral = await api.call(
      'filing',
      'submit',
      {
        ...base,
        requestId: requestId(),
        category: 'referral',
        destination: { provinceCode: '110000' },
        referral: { hospitalName: '达州市中心医院', hospitalLevel: 'grade3a', certificateDate: '2026-11-20' },
      },
      { openid: 'p-both', now: TODAY },
    )
    expect(referral.body).toMatchObject({ ok: true, data: { validUntil: '2027-05-22' } })
  })
})

describe('who may do what', () => {
  let filingId: string
  beforeAll(async () => {
    const filing = await submit('p-owner', retiree({ policyId: 'shanxi-provincial', destination: { provinceCode: '120000' } }))
    filingId = filing.id
  })

  const personActions: [string, (id: string) => unknown][] = [
    ['get', (id) => ({ id })],
    ['change', (id) => ({ id, version: 1, patch: { phone: '13700000000' }, reason: '试试' })],
    ['cancel', (id) => ({ id, version: 1, reason: '试试' })],
  ]

  test.each(personActions)('filing.%s: another person gets NOT_FOUND, never the filing', async (action, data) => {
    const result = await api.call('filing', action, data(filingId), { openid: 'p-stranger', now: TODAY })
    expect(result).toMatchObject({ status: 404, body: { ok: false, error: { code: 'NOT_FOUND' } } })
    expect(JSON.stringify(result.body)).not.toContain('王秀兰')
  })

  test.each(personActions)('filing.%s: no identity → UNAUTHENTICATED', async (action, data) => {
    expect((await api.call('filing', action, data(filingId))).status).toBe(401)
  })

  test('filing.mine never lists another person\'s filings', async () => {
    const result = await api.call('filing', 'mine', {}, { openid: 'p-stranger', now: TODAY })
    expect(result.body.data.filings.map((f: { id: string }) => f.id)).not.toContain(filingId)
  })

  test('a field called openid in the payload is ignored', async () => {
    const result = await api.call('filing', 'get', { id: filingId, openid: 'p-owner' }, { openid: 'p-stranger', now: TODAY })
    expect(result.status).toBe(404)
  })

  const adminActions: [string, (id: string) => unknown][] = [
    ['list', () => ({})],
    ['get', (id) => ({ id })],
    ['reveal', (id) => ({ id, reason: '核对身份' })],
    ['review', (id) => ({ id, version: 1, decision: 'approve' })],
    ['spotCheck', (id) => ({ id, version: 1, result: 'verified' })],
    ['recordStay', (id) => ({ id, admissionDate: '2026-11-20' })],
    ['stats', () => ({})],
    ['export', () => ({})],
  ]

  test.each(adminActions)('admin.%s: the owner and other people get FORBIDDEN; no identity UNAUTHENTICATED', async (action, data) => {
    for (const openid of ['p-owner', 'p-stranger']) {
      expect(await api.call('admin', action, data(filingId), { openid, now: TODAY })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } })
    }
    expect((await api.call('admin', action, data(filingId))).status).toBe(401)
  })

  test('staff see the record masked; the full ID number and phone only when they ask, and both are recorded', async () => {
    const result = await api.call('admin', 'get', { id: filingId }, { openid: STAFF[0], now: TODAY })
    expect(result.body.data.applicant).toMatchObject({ idNumber: expect.stringMatching(/^511\*{11}\w{4}$/), phone: '138****5678', name: '王秀兰' })
    expect(JSON.stringify(result.body.data)).not.toMatch(/\d{17}[\dX]/)
    // A look-up-only account has no reveal role.
    expect(await api.call('admin', 'reveal', { id: filingId, reason: '核对身份' }, { openid: QUERY_STAFF, now: TODAY })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } })
    const revealed = await api.call('admin', 'reveal', { id: filingId, reason: '核对身份' }, { openid: STAFF[0], now: TODAY })
    expect(revealed.body.data).toMatchObject({ idNumber: expect.stringMatching(/^511\d{14}[\dX]$/), phone: '13812345678' })
    const history = await api.call('filing', 'get', { id: filingId }, { openid: 'p-owner', now: TODAY })
    expect(history.body.data.history.slice(-2)).toMatchObject([
      { action: 'view', label: '经办人员查阅' },
      { action: 'reveal', label: '经办人员查看完整证件号码和电话' },
    ])
    const staffHistory = await api.call('admin', 'get', { id: filingId }, { openid: STAFF[1], now: TODAY })
    expect(staffHistory.body.data.history.find((h: { action: string }) => h.action === 'reveal')).toMatchObject({ actor: STAFF[0], reason: '核对身份' })
  })

  test.each([
    ['review', (id: string) => ({ id, version: 1, decision: 'approve' })],
    ['spotCheck', (id: string) => ({ id, version: 1, result: 'verified' })],
    ['recordStay', (id: string) => ({ id, admissionDate: '2026-11-20' })],
  ] as const)('a look-up-only staff member may not %s', async (action, data) => {
    const refused = await api.call('admin', action, data(filingId), { openid: QUERY_STAFF, now: TODAY })
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN', message: '您的账号只能查询，不能审核、抽查或登记住院费用' } } })
    expect((await api.call('admin', 'list', {}, { openid: QUERY_STAFF, now: TODAY })).body.ok).toBe(true)
  })

  test('admin.list pages by key: each reply’s next leads to the page after; deep offsets and foreign cursors are refused', async () => {
    const me = { openid: STAFF[0], now: TODAY }
    await submit('p-pager', retiree({ policyId: 'shanxi-provincial', destination: { provinceCode: '110000' } }))
    const sort = { key: 'filedOn', direction: 'desc' }
    const first = await api.call('admin', 'list', { filters: {}, sort, page: 1, pageSize: 1 }, me)
    expect(first.body.data.total).toBeGreaterThan(1)
    expect(first.body.data.next).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]+$/))
    const second = await api.call('admin', 'list', { filters: {}, sort, page: 2, pageSize: 1, after: first.body.data.next }, me)
    const byOffset = await api.call('admin', 'list', { filters: {}, sort, page: 2, pageSize: 1 }, me)
    expect(second.body.data.items).toEqual(byOffset.body.data.items)
    expect(second.body.data.items[0].id).not.toBe(first.body.data.items[0].id)
    const refused = (data: object) => api.call('admin', 'list', { filters: {}, sort, pageSize: 20, ...data }, me)
    expect(await refused({ page: 52 })).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION', issues: [{ path: 'page' }] } } })
    expect((await refused({ page: 51 })).body.ok).toBe(true)
    // Made for another sort, by the other store (a document _id, not a row number), or not at all.
    const other = encodeCursor({ key: 'startDate', direction: 'asc', value: '2026-11-22', tie: 3 })
    const cloudCursor = encodeCursor({ key: 'filedOn', direction: 'desc', value: '2026-11-22', tie: 'YD20261122-222222' })
    for (const after of [other, cloudCursor, 'AAAA', '!!']) {
      expect(await refused({ page: 2, after })).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION', issues: [{ path: 'after' }] } } })
    }
  })

  test('staff lists and exports are masked', async () => {
    const list = await api.call('admin', 'list', { filters: { q: filingId } }, { openid: STAFF[0], now: TODAY })
    expect(list.body.data).toMatchObject({ total: 1, items: [{ id: filingId, idNumber: expect.stringMatching(/^511\*{11}\w{4}$/), phone: '138****5678' }] })
    const { csv } = await api.exportCsv({ q: filingId }, { openid: STAFF[0], now: TODAY })
    expect(csv.startsWith('\uFEFF备案编号,')).toBe(true)
    expect(csv).toContain('138****5678')
    expect(csv).not.toMatch(/\d{17}[\dX]/)
  })

  test('an export is a file behind a short link for the staff member who made it, never the CSV in the reply', async () => {
    const me = { openid: STAFF[0], now: TODAY }
    const reply = await api.call('admin', 'export', { filters: {} }, me)
    expect(reply).toMatchObject({ status: 200, body: { ok: true, data: { filename: expect.stringMatching(/^异地就医备案-\d{4}-\d{2}-\d{2}\.csv$/), rows: expect.any(Number), url: expect.stringMatching(/^\/api\/exports\/x_[0-9a-f]{32}$/) } } })
    expect(reply.body.data).not.toHaveProperty('csv')
    const { url, rows, filename } = reply.body.data
    const file = await api.fetchLink(url, me)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    expect(file.headers.get('content-security-policy')).toBe('sandbox')
    expect(file.headers.get('cache-control')).toBe('private, no-store')
    const lines = file.text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean)
    expect(lines[0]).toBe('备案编号,状态,参保地,人员类别,姓名,证件类型,证件号码,联系电话,就医地,开始日期,有效期至,备案日期,代办人')
    expect(lines).toHaveLength(rows + 1)
    expect(lines.slice(1).some((line) => line.startsWith(`${filingId},`))).toBe(true)
    // Nobody else: another staff member, the person, no one; nor the maker once ten minutes are over.
    expect((await api.fetchLink(url, { openid: STAFF[1], now: TODAY })).status).toBe(404)
    expect((await api.fetchLink(url, { openid: 'demo-wang', now: TODAY })).status).toBe(403)
    expect((await api.fetchLink(url, {})).status).toBe(401)
    const later = new Date(Date.parse(TODAY) + 11 * 60_000).toISOString()
    expect((await api.fetchLink(url, { openid: STAFF[0], now: later })).status).toBe(404)
    expect((await api.fetchLink('/api/exports/x_0123456789abcdef0123456789abcdef', me)).status).toBe(404)
    expect((await api.fetchLink('/api/exports/..%2Ffilings.db', me)).status).toBe(404)
    // The access log has the export, its filters and rows, as before.
    const log = await api.call('admin', 'accessLog', { action: 'export' }, me)
    expect(log.body.data.items[0]).toMatchObject({ staff: STAFF[0], action: 'export', rows })
  })
})

describe('idempotency and concurrency', () => {
  test('the same requestId sent 10 times at once makes one filing', async () => {
    const data = retiree()
    const results = await Promise.all(Array.from({ length: 10 }, () => api.call('filing', 'submit', data, { openid: 'p-retry', now: TODAY })))
    const ids = new Set(results.map((r) => r.body.data?.id))
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect(ids.size).toBe(1)
    const mine = await api.call('filing', 'mine', {}, { openid: 'p-retry', now: TODAY })
    expect(mine.body.data.filings).toHaveLength(1)
  })

  test('concurrent changes on one version: one wins, the rest are CONFLICT', async () => {
    const filing = await submit('p-race', retiree({ policyId: 'shanxi-provincial', destination: { provinceCode: '110000' } }))
    const phones = ['13900000001', '13900000002', '13900000003', '13900000004', '13900000005']
    const results = await Promise.all(
      phones.map((phone) => api.call('filing', 'change', { id: filing.id, version: 1, patch: { phone }, reason: '并发' }, { openid: 'p-race', now: TODAY })),
    )
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    expect(results.filter((r) => r.body.error?.code === 'CONFLICT')).toHaveLength(4)
    const detail = await api.call('filing', 'get', { id: filing.id }, { openid: 'p-race', now: TODAY })
    expect(detail.body.data.version).toBe(2)
    expect(detail.body.data.history).toHaveLength(2)
  })
})

test('data survives a server restart', async () => {
  const filing = await submit('p-restart', retiree())
  await api.restart()
  const detail = await api.call('filing', 'get', { id: filing.id }, { openid: 'p-restart', now: TODAY })
  expect(detail.body).toMatchObject({ ok: true, data: { id: filing.id, applicant: { name: '王秀兰' } } })
})

describe('seed scenarios end to end', () => {
  async function liaoningWorker(openid: string) {
    const materials = []
    for (const kind of ['employer_certificate', 'direct_settlement_form', 'direct_settlement_request']) {
      materials.push({ kind, fileId: await api.upload(openid, PDF, `${kind}.pdf`) })
    }
    return submit(
      openid,
      retiree({
        policyId: 'liaoning-provincial',
        category: 'resident_worker',
        applicant: { name: '刘建国', idType: 'resident_id', idNumber: residentId('210102', '19800315', String(counter).padStart(3, '0')), phone: '13612345678' },
        destination: { provinceCode: '310000' },
        commitment: undefined,
        materials,
      }),
    )
  }

  test('admin.get says which forms this staff member may use, and why not the others', async () => {
    const filing = await liaoningWorker('p-liaoning-actions')
    const get = async (openid: string) => (await api.call('admin', 'get', { id: filing.id }, { openid, now: TODAY })).body.data.staffActions
    expect(await get(STAFF[0])).toEqual({
      review: { applies: true, allowed: true, message: null, decisions: ['approve', 'reject', 'request_materials'] },
      spotCheck: { applies: false, allowed: false, message: null },
      recordStay: { applies: false, allowed: false, message: null },
      reveal: { applies: true, allowed: true, message: null },
    })
    // Look-up-only staff: told, not offered the form and refused after pressing submit.
    expect(await get(QUERY_STAFF)).toMatchObject({
      review: { applies: true, allowed: false, message: '您的账号只能查询，不能审核、抽查或登记住院费用', decisions: ['approve', 'reject', 'request_materials'] },
      reveal: { applies: true, allowed: false, message: '您的账号不能查看完整证件号码和电话' },
    })
    // After 初审 the same person may not take 复核; the reply already says so.
    const passed = await api.call('admin', 'review', { id: filing.id, version: 1, decision: 'approve' }, { openid: STAFF[0], now: TODAY })
    expect(passed.body.data.staffActions.review).toMatchObject({ allowed: false, message: '每一级审核须由不同的工作人员办理，您已审核过这份备案' })
    expect((await get(STAFF[1])).review).toMatchObject({ allowed: true, decisions: ['approve', 'reject', 'request_materials'] })
    // Waiting for the person's materials: only 驳回 is offered.
    await api.call('admin', 'review', { id: filing.id, version: 2, decision: 'request_materials', note: '请补充劳动合同' }, { openid: STAFF[1], now: TODAY })
    expect((await get(STAFF[2])).review).toEqual({ applies: true, allowed: true, message: null, decisions: ['reject'] })
    const approve = await api.call('admin', 'review', { id: filing.id, version: 3, decision: 'approve' }, { openid: STAFF[2], now: TODAY })
    expect(approve.body.error).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'decision', message: '正在等申请人补充材料，收到后才能审核通过' }] })
  })

  test('辽宁 resident worker: 初审 → 复核 → 审批 by three different staff, then active (002 附表1)', async () => {
    const filing = await liaoningWorker('p-liaoning')
    expect(filing).toMatchObject({ status: 'pending_review', stateLabel: '审核中', review: { labels: ['初审', '复核', '审批'], passed: 0 } })

    const first = await api.call('admin', 'review', { id: filing.id, version: 1, decision: 'approve' }, { openid: STAFF[0], now: TODAY })
    expect(first.body.data).toMatchObject({ status: 'pending_review', review: { passed: 1 } })
    const again = await api.call('admin', 'review', { id: filing.id, version: 2, decision: 'approve' }, { openid: STAFF[0], now: TODAY })
    expect(again.body.error).toMatchObject({ code: 'FORBIDDEN', message: '每一级审核须由不同的工作人员办理，您已审核过这份备案' })
    const queue = await api.call('admin', 'list', { filters: { needsMyReview: true } }, { openid: STAFF[0], now: TODAY })
    expect(queue.body.data.items.map((i: { id: string }) => i.id)).not.toContain(filing.id)

    await api.call('admin', 'review', { id: filing.id, version: 2, decision: 'approve' }, { openid: STAFF[1], now: TODAY })
    const last = await api.call('admin', 'review', { id: filing.id, version: 3, decision: 'approve', note: '材料齐全' }, { openid: STAFF[2], now: at('2026-11-24') })
    expect(last.body.data).toMatchObject({ status: 'active', effectiveOn: '2026-11-24', review: { passed: 3 } })

    const seen = await api.call('filing', 'get', { id: filing.id }, { openid: 'p-liaoning', now: at('2026-11-24') })
    expect(seen.body.data).toMatchObject({ stateLabel: '生效中' })
    expect(seen.body.data.history.map((h: { label: string }) => h.label)).toEqual(['提交备案', '初审：审核通过', '复核：审核通过', '审批：审批通过，备案生效'])
    // 002 第十二条: the 6-month lock counts from the filing day (2026-11-22).
    expect(seen.body.data.actions.change).toMatchObject({ allowed: false, allowedFrom: '2027-05-23' })

    // The stored record is what its history adds up to.
    const full = await api.call('admin', 'get', { id: filing.id }, { openid: STAFF[0], now: at('2026-11-24') })
    expect(deriveState(full.body.data.history, 3)).toEqual({ status: full.body.data.status, reviewers: STAFF, awaitingMaterials: false, changeReview: null, anonymised: false })
  })

  test('a rejection carries its reason to the person', async () => {
    const filing = await liaoningWorker('p-rejected')
    const noReason = await api.call('admin', 'review', { id: filing.id, version: 1, decision: 'reject' }, { openid: STAFF[0], now: TODAY })
    expect(noReason.body.error?.issues).toEqual([{ path: 'note', message: '驳回时请填写原因，申请人会看到这段话' }])
    await api.call('admin', 'review', { id: filing.id, version: 1, decision: 'reject', note: '派驻证明未加盖单位公章，请补充后重新申请' }, { openid: STAFF[0], now: TODAY })
    const seen = await api.call('filing', 'get', { id: filing.id }, { openid: 'p-rejected', now: TODAY })
    expect(seen.body.data).toMatchObject({ status: 'rejected', stateLabel: '已驳回', rejectionReason: '派驻证明未加盖单位公章，请补充后重新申请' })
  })

  /** A 辽宁 resident worker's filing approved through 初审 → 复核 → 审批 on 2026-11-22 (destination 上海). */
  async function approvedLiaoning(openid: string) {
    const filing = await liaoningWorker(openid)
    for (const [index, staff] of STAFF.entries()) {
      await api.call('admin', 'review', { id: filing.id, version: index + 1, decision: 'approve' }, { openid: staff, now: TODAY })
    }
    const seen = await api.call('filing', 'get', { id: filing.id }, { openid, now: CHANGE_DAY })
    expect(seen.body.data).toMatchObject({ status: 'active', version: 4, changeNeedsReview: true, pendingChange: null })
    return seen.body.data
  }
  // The 6-month lock (002 第十二条) has opened.
  const CHANGE_DAY = at('2027-06-01')
  const KUNMING = { provinceCode: '530000', cityCode: '530100' }

  async function askToMove(openid: string, filing: { id: string; version: number }) {
    const proof = await api.upload(openid, PDF, 'employer.pdf')
    return api.call(
      'filing',
      'change',
      { id: filing.id, version: filing.version, patch: { destination: KUNMING }, reason: '单位派驻昆明', materials: [{ kind: 'employer_certificate', fileId: proof }] },
      { openid, now: CHANGE_DAY },
    )
  }

  test('辽宁: a change of destination of an approved filing goes back through 初审 → 复核 → 审批; until then the old terms hold', async () => {
    const filing = await approvedLiaoning('p-rereview')
    const asked = await askToMove('p-rereview', filing)
    expect(asked.body.ok).toBe(true)
    // Still active, still 上海: the change waits, and the person is told so.
    expect(asked.body.data).toMatchObject({
      status: 'active',
      stateLabel: '生效中',
      destination: { provinceCode: '310000' },
      pendingChange: { destination: { areaCode: '530100', name: '云南省昆明市' }, summary: '就医地 上海市 → 云南省昆明市', requestedOn: '2027-06-01', reason: '单位派驻昆明', review: { labels: ['初审', '复核', '审批'], passed: 0 }, notice: '变更审核中，审核通过前按原备案结算' },
    })
    expect(asked.body.data.materials).toHaveLength(3)
    expect(asked.body.data.actions.change).toEqual({ allowed: false, allowedFrom: null, message: '已有一项变更在审核中，审核结束后才能再次变更就医地或险种。' })
    expect(asked.body.data.actions).toMatchObject({ update_contact: { allowed: true }, cancel: { allowed: true } })
    // A stay in 上海 still settles on the filing; one in 昆明 does not yet.
    const shanghai = await api.call('filing', 'checkCoverage', { admissionDate: '2027-06-02', destination: { provinceCode: '310000' }, policyId: 'liaoning-provincial' }, { openid: 'p-rereview', now: CHANGE_DAY })
    expect(shanghai.body.data.verdict).toBe('direct')
    const kunming = await api.call('filing', 'checkCoverage', { admissionDate: '2027-06-02', destination: KUNMING, policyId: 'liaoning-provincial' }, { openid: 'p-rereview', now: CHANGE_DAY })
    expect(kunming.body.data.verdict).not.toBe('direct')

    // No second change while one waits; a phone number still changes at once.
    const again = await askToMove('p-rereview', asked.body.data)
    expect(again.body.error?.issues).toEqual([{ path: 'patch', message: '已有一项变更在审核中，审核结束后才能再次变更就医地或险种。' }])
    const phone = await api.call('filing', 'change', { id: filing.id, version: 5, patch: { phone: '13987654321' }, reason: '换号' }, { openid: 'p-rereview', now: CHANGE_DAY })
    expect(phone.body.data).toMatchObject({ version: 6, applicant: { phone: '13987654321' }, pendingChange: { summary: '就医地 上海市 → 云南省昆明市' } })

    // Staff see it in the detail and the list row.
    const detail = await api.call('admin', 'get', { id: filing.id }, { openid: STAFF[0], now: CHANGE_DAY })
    expect(detail.body.data.pendingChange).toMatchObject({ summary: '就医地 上海市 → 云南省昆明市', review: { passed: 0 } })
    const list = await api.call('admin', 'list', { filters: { q: filing.id } }, { openid: STAFF[0], now: CHANGE_DAY })
    expect(list.body.data.items[0].pendingChange).toMatchObject({ summary: '就医地 上海市 → 云南省昆明市' })

    // 初审, 复核, 审批 by three different staff (the same ones who approved the filing may review its change).
    const first = await api.call('admin', 'review', { id: filing.id, version: 6, decision: 'approve' }, { openid: STAFF[0], now: CHANGE_DAY })
    expect(first.body.data).toMatchObject({ destination: { provinceCode: '310000' }, pendingChange: { review: { passed: 1 } } })
    const twice = await api.call('admin', 'review', { id: filing.id, version: 7, decision: 'approve' }, { openid: STAFF[0], now: CHANGE_DAY })
    expect(twice.body.error).toMatchObject({ code: 'FORBIDDEN' })
    await api.call('admin', 'review', { id: filing.id, version: 7, decision: 'approve' }, { openid: STAFF[1], now: CHANGE_DAY })
    const last = await api.call('admin', 'review', { id: filing.id, version: 8, decision: 'approve', note: '派驻证明无误' }, { openid: STAFF[2], now: at('2027-06-03') })
    expect(last.body.data).toMatchObject({ status: 'active', destination: { provinceCode: '530000', cityCode: '530100' }, pendingChange: null })
    expect(last.body.data.materials).toHaveLength(4)

    const seen = await api.call('filing', 'get', { id: filing.id }, { openid: 'p-rereview', now: at('2027-06-03') })
    expect(seen.body.data).toMatchObject({ destination: { name: '云南省昆明市' }, pendingChange: null, changeRejection: null })
    // 002 第十二条: the lock counts again from the day the change took effect.
    expect(seen.body.data.actions.change).toMatchObject({ allowed: false, allowedFrom: '2027-12-04' })
    expect(seen.body.data.history.map((h: { label: string }) => h.label).slice(4)).toEqual([
      '申请变更，等待审核',
      '修改联系方式',
      '经办人员查阅',
      '变更初审：审核通过',
      '变更复核：审核通过',
      '变更审批：审批通过，变更生效',
    ])
    const full = await api.call('admin', 'get', { id: filing.id }, { openid: STAFF[0], now: at('2027-06-03') })
    expect(deriveState(full.body.data.history, 3)).toEqual({ status: 'active', reviewers: STAFF, awaitingMaterials: false, changeReview: null, anonymised: false })
  })

  test('辽宁: a rejected change is discarded; the old terms stay and the person reads why', async () => {
    const filing = await approvedLiaoning('p-rereject')
    const asked = await askToMove('p-rereject', filing)
    const noReason = await api.call('admin', 'review', { id: filing.id, version: 5, decision: 'reject' }, { openid: STAFF[0], now: CHANGE_DAY })
    expect(noReason.body.error?.issues).toEqual([{ path: 'note', message: '驳回时请填写原因，申请人会看到这段话' }])
    const more = await api.call('admin', 'review', { id: filing.id, version: 5, decision: 'request_materials', note: '请补充派驻文件' }, { openid: STAFF[0], now: CHANGE_DAY })
    expect(more.body.data).toMatchObject({ status: 'active', materialsRequest: { note: '请补充派驻文件', stage: '变更初审' } })
    const early = await api.call('admin', 'review', { id: filing.id, version: 6, decision: 'approve' }, { openid: STAFF[1], now: CHANGE_DAY })
    expect(early.body.error?.issues).toEqual([{ path: 'decision', message: '正在等申请人补充材料，收到后才能审核通过' }])
    const proof = await api.upload('p-rereject', PDF, 'posting.pdf')
    const added = await api.call('filing', 'supplement', { id: filing.id, version: 6, materials: [{ kind: 'employer_certificate', fileId: proof }] }, { openid: 'p-rereject', now: CHANGE_DAY })
    expect(added.body.data).toMatchObject({ materialsRequest: null, pendingChange: { review: { passed: 0 } } })
    expect(added.body.data.pendingChange.materials).toHaveLength(2)
    expect(added.body.data.materials).toHaveLength(3)

    const rejected = await api.call('admin', 'review', { id: filing.id, version: 7, decision: 'reject', note: '派驻文件与单位证明不一致' }, { openid: STAFF[1], now: CHANGE_DAY })
    expect(rejected.body.data).toMatchObject({ status: 'active', destination: { provinceCode: '310000' }, pendingChange: null })
    const seen = await api.call('filing', 'get', { id: filing.id }, { openid: 'p-rereject', now: CHANGE_DAY })
    expect(seen.body.data).toMatchObject({
      status: 'active',
      stateLabel: '生效中',
      destination: { provinceCode: '310000' },
      pendingChange: null,
      changeRejection: { reason: '派驻文件与单位证明不一致', summary: '就医地 上海市 → 云南省昆明市', on: '2027-06-01' },
      actions: { change: { allowed: true } },
    })
    expect(seen.body.data.history.map((h: { label: string }) => h.label).slice(4)).toEqual(['申请变更，等待审核', '变更初审：要求补充材料', '补充材料', '变更初审：变更未通过审核'])
    const full = await api.call('admin', 'get', { id: filing.id }, { openid: STAFF[0], now: CHANGE_DAY })
    expect(deriveState(full.body.data.history, 3)).toEqual({ status: 'active', reviewers: STAFF, awaitingMaterials: false, changeReview: null, anonymised: false })
    expect(asked.body.ok).toBe(true)
  })

  test('辽宁: cancelling a filing takes its pending change with it', async () => {
    const filing = await approvedLiaoning('p-recancel')
    const asked = await askToMove('p-recancel', filing)
    const cancelled = await api.call('filing', 'cancel', { id: filing.id, version: asked.body.data.version, reason: '不去了' }, { openid: 'p-recancel', now: CHANGE_DAY })
    expect(cancelled.body.data).toMatchObject({ status: 'cancelled', pendingChange: null })
  })

  test('初审 asks for more materials: the person sees what, adds them, and the review goes on', async () => {
    const filing = await liaoningWorker('p-more')
    const noNote = await api.call('admin', 'review', { id: filing.id, version: 1, decision: 'request_materials' }, { openid: STAFF[0], now: TODAY })
    expect(noNote.body.error?.issues).toEqual([{ path: 'items', message: '请勾选需要补充的材料，或在说明里写明需要补充什么' }])
    const asked = await api.call('admin', 'review', { id: filing.id, version: 1, decision: 'request_materials', note: '请补充劳动合同首页' }, { openid: STAFF[0], now: TODAY })
    expect(asked.body.data).toMatchObject({ status: 'pending_review', state: 'needs_materials', stateLabel: '待补充材料', materialsRequest: { note: '请补充劳动合同首页', stage: '初审' } })

    // Out of everyone's review queue, and no approval until the person answers.
    const queue = await api.call('admin', 'list', { filters: { needsMyReview: true } }, { openid: STAFF[1], now: TODAY })
    expect(queue.body.data.items.map((i: { id: string }) => i.id)).not.toContain(filing.id)
    const early = await api.call('admin', 'review', { id: filing.id, version: 2, decision: 'approve' }, { openid: STAFF[1], now: TODAY })
    expect(early.body.error?.issues).toEqual([{ path: 'decision', message: '正在等申请人补充材料，收到后才能审核通过' }])

    const seen = await api.call('filing', 'get', { id: filing.id }, { openid: 'p-more', now: TODAY })
    expect(seen.body.data).toMatchObject({ stateLabel: '待补充材料', materialsRequest: { note: '请补充劳动合同首页' } })
    expect(seen.body.data.actions).toMatchObject({ supplement: { allowed: true }, update_contact: { allowed: true }, cancel: { allowed: true }, change: { allowed: false } })
    const empty = await api.call('filing', 'supplement', { id: filing.id, version: 2, materials: [] }, { openid: 'p-more', now: TODAY })
    expect(empty.body.error?.issues).toEqual([{ path: 'materials', message: '请上传经办人员要求补充的材料' }])
    const contract = await api.upload('p-more', PDF, 'contract.pdf')
    const stranger = await api.call('filing', 'supplement', { id: filing.id, version: 2, materials: [{ kind: 'employer_certificate', fileId: contract }] }, { openid: 'p-someone-else', now: TODAY })
    expect(stranger.body.error?.code).toBe('NOT_FOUND')
    const added = await api.call('filing', 'supplement', { id: filing.id, version: 2, materials: [{ kind: 'employer_certificate', fileId: contract }], note: '已补劳动合同' }, { openid: 'p-more', now: TODAY })
    expect(added.body.data).toMatchObject({ stateLabel: '审核中', materialsRequest: null })
    expect(added.body.data.materials).toHaveLength(4)
    const twice = await api.call('filing', 'supplement', { id: filing.id, version: 3, materials: [{ kind: 'employer_certificate', fileId: contract }] }, { openid: 'p-more', now: TODAY })
    expect(twice.body.error?.issues).toEqual([{ path: 'id', message: '经办人员没有要求这份备案补充材料，不需要再上传' }])
    // The view said so before the person tried, in the same words.
    expect(added.body.data.actions.supplement).toEqual({ allowed: false, allowedFrom: null, message: twice.body.error?.issues?.[0].message })

    const back = await api.call('admin', 'list', { filters: { needsMyReview: true } }, { openid: STAFF[1], now: TODAY })
    expect(back.body.data.items.map((i: { id: string }) => i.id)).toContain(filing.id)
    const passed = await api.call('admin', 'review', { id: filing.id, version: 3, decision: 'approve' }, { openid: STAFF[0], now: TODAY })
    expect(passed.body.data).toMatchObject({ review: { passed: 1 } })
    expect(passed.body.data.history.map((h: { label: string; reason: string | null }) => [h.label, h.reason])).toEqual([
      ['提交备案', null],
      ['初审：要求补充材料', '请补充劳动合同首页'],
      ['补充材料', '已补劳动合同'],
      ['初审：审核通过', null],
    ])
    expect(deriveState(passed.body.data.history, 3)).toEqual({ status: 'pending_review', reviewers: [STAFF[0]], awaitingMaterials: false, changeReview: null, anonymised: false })
  })

  test('materials must be the caller\'s own uploads', async () => {
    const stranger = await api.upload('p-other-uploader', PDF, 'x.pdf')
    const result = await api.call('filing', 'submit', retiree({ commitment: undefined, materials: [{ kind: 'hukou', fileId: stranger }] }), { openid: 'p-borrower', now: TODAY })
    expect(result.body.error?.issues).toEqual([{ path: 'materials.0.fileId', message: '这份材料没有找到，请重新上传' }])
  })

  test('proofLink: where the owner or staff fetch a proof; anyone else is told it is not there', async () => {
    const fileId = await api.upload('p-proof-owner', PDF, 'hukou.pdf')
    const mine = await api.call('filing', 'proofLink', { fileId }, { openid: 'p-proof-owner' })
    expect(mine.body).toEqual({ ok: true, data: { url: `/api/files/${fileId}`, contentType: 'application/pdf' } })
    // The link is the server's own route, which checks the caller again.
    const bytes = await fetch(`${api.url}${mine.body.data.url}`, { headers: { 'x-dev-openid': 'p-proof-owner' } })
    expect(Buffer.from(await bytes.arrayBuffer()).equals(Buffer.from(PDF))).toBe(true)

    const staff = await api.call('filing', 'proofLink', { fileId }, { openid: STAFF[0] })
    expect(staff.body).toMatchObject({ ok: true, data: { url: `/api/files/${fileId}` } })
    for (const [data, openid] of [[{ fileId }, 'p-someone-else'], [{ fileId: 'f_0000' }, 'p-proof-owner'], [{}, 'p-proof-owner'], [null, 'p-proof-owner']] as const) {
      const refused = await api.call('filing', 'proofLink', data, { openid })
      expect(refused.body).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/[\u4e00-\u9fff]/) } })
    }
    expect((await api.call('filing', 'proofLink', { fileId })).body.error?.code).toBe('UNAUTHENTICATED')
  })

  test('济宁 long-term: late filing at most 5 days back (004 四(二))', async () => {
    const filing = retiree({ policyId: 'jining' })
    const tooEarly = await api.call('filing', 'submit', { ...filing, startDate: '2026-11-16' }, { openid: 'p-jining', now: TODAY })
    expect(tooEarly.body.error?.issues).toEqual([{ path: 'startDate', message: '开始日期最早可选2026年11月17日：补办备案最多往前5天' }])
    const fine = await api.call('filing', 'submit', { ...filing, requestId: requestId(), startDate: '2026-11-17' }, { openid: 'p-jining', now: TODAY })
    expect(fine.body).toMatchObject({ ok: true, data: { startDate: '2026-11-17' } })
  })

  test('济宁: cancel any time until expenses are recorded, then LOCKED for 6 months (004 四(一))', async () => {
    const filing = await submit(
      'p-jining-stay',
      retiree({
        policyId: 'jining',
        applicant: { name: '孔繁华', idType: 'resident_id', idNumber: residentId('370811', '19560101', '017'), phone: '13512345678' },
        commitment: { accepted: true, signature: '孔繁华' },
      }),
    )
    const stay = await api.call('admin', 'recordStay', { id: filing.id, admissionDate: '2026-11-22', dischargeDate: '2026-11-22' }, { openid: STAFF[1], now: TODAY })
    expect(stay.body).toMatchObject({ ok: true, data: { version: 2 } })
    const cancel = await api.call('filing', 'cancel', { id: filing.id, version: 2, reason: '回济宁' }, { openid: 'p-jining-stay', now: at('2026-12-01') })
    expect(cancel.body.error).toMatchObject({ code: 'LOCKED', allowedFrom: '2027-05-23' })
    const later = await api.call('filing', 'cancel', { id: filing.id, version: 2, reason: '回济宁' }, { openid: 'p-jining-stay', now: at('2027-05-23') })
    expect(later.body).toMatchObject({ ok: true, data: { status: 'cancelled' } })
  })

  test('达州 referral: 6 months; a stay admitted on the last day is covered past the end (001 四(一))', async () => {
    const filing = await submit(
      'p-dazhou-ref',
      retiree({ category: 'referral', destination: { provinceCode: '500000' }, startDate: '2026-05-31', referral: { hospitalName: '达州市中心医院', hospitalLevel: 'grade3a', certificateDate: '2026-05-30' } }),
      at('2026-05-31'),
    )
    expect(filing.validUntil).toBe('2026-11-30')
    const covered = await api.call('filing', 'checkCoverage', { admissionDate: '2026-11-30', dischargeDate: '2026-12-10', destination: { provinceCode: '500000' } }, { openid: 'p-dazhou-ref', now: at('2026-12-05') })
    expect(covered.body.data).toMatchObject({ covered: true, filingId: filing.id })
    const late = await api.call('filing', 'checkCoverage', { admissionDate: '2026-12-01', dischargeDate: '2026-12-03', destination: { provinceCode: '500000' } }, { openid: 'p-dazhou-ref', now: at('2026-12-05') })
    expect(late.body.data).toMatchObject({ covered: false, reason: 'expired', next: 'manual_reimbursement' })
  })

  test('山西省直 other temporary: no filing needed; 大同 other temporary: instant, 6 months', async () => {
    const shanxi = await api.call('filing', 'submit', retiree({ policyId: 'shanxi-provincial', category: 'other_temporary' }), { openid: 'p-sx', now: TODAY })
    expect(shanxi.body.error?.issues?.[0]).toMatchObject({ path: 'category', message: expect.stringMatching(/不用备案/) })
    const datong = await submit('p-dt', retiree({ policyId: 'datong', category: 'other_temporary', commitment: undefined, destination: { provinceCode: '140000', cityCode: '140100' } }))
    expect(datong).toMatchObject({ status: 'active', validUntil: '2027-05-22' })
  })
})

describe('answers a person can act on (issue rows, over HTTP)', () => {
  const coverage = (openid: string, stay: Record<string, unknown>, now = TODAY) => api.call('filing', 'checkCoverage', stay, { openid, now })

  test('达州 long-term resident filed to 成都, admitted back home in 达州: settles under 达州 policy (001 三(二)8)', async () => {
    await submit('p-home', retiree({ destination: { provinceCode: '510000', cityCode: '510100' } }))
    const home = await coverage('p-home', { admissionDate: '2026-11-25', destination: { provinceCode: '510000', cityCode: '511700' } })
    expect(home.body.data).toMatchObject({ verdict: 'direct', reason: 'home', scope: 'home', source: '001 三(二)8', next: 'none' })
  })

  test('山西省直 with no filing, a stay in 太原: not off-site at all', async () => {
    const home = await coverage('p-ty', { admissionDate: '2026-11-25', destination: { provinceCode: '140000', cityCode: '140100' }, policyId: 'shanxi-provincial' })
    expect(home.body.data).toMatchObject({ verdict: 'direct', reason: 'home' })
  })

  test('达州: a filing made after a self-paid discharge does not make that stay direct (001 四(二))', async () => {
    await submit('p-late', retiree({ category: 'other_temporary', commitment: undefined, startDate: '2025-01-05' }), at('2025-06-01'))
    const stay = await coverage('p-late', { admissionDate: '2025-01-10', dischargeDate: '2025-01-20', destination: { provinceCode: '440000', cityCode: '440300' } }, at('2025-06-02'))
    expect(stay.body.data).toMatchObject({ verdict: 'not_direct', reason: 'settled_before_filing', next: 'manual_reimbursement' })
  })

  test('辽宁省直 emergency in 大连: in-province goes through 原渠道 (002 第二条)', async () => {
    const dalian = await coverage('p-ln', { admissionDate: '2026-11-25', destination: { provinceCode: '210000', cityCode: '210200' }, emergency: true, policyId: 'liaoning-provincial' })
    expect(dalian.body.data).toMatchObject({ verdict: 'not_direct', reason: 'outside_scheme', scope: 'in_province' })
  })

  test('达州 emergency patient files (001 二): active at once, 6 months', async () => {
    const filed = await submit('p-er', retiree({ category: 'emergency', commitment: undefined, destination: { provinceCode: '500000' } }))
    expect(filed).toMatchObject({ status: 'active', category: 'emergency', validUntil: '2027-05-22' })
  })

  test('济宁 long-term: expenses in 北京, changed to 上海, then cancel — allowed at once (004 四(一))', async () => {
    const filing = await submit('p-jn', retiree({ policyId: 'jining', destination: { provinceCode: '110000' }, startDate: '2025-08-01' }), at('2025-08-01'))
    const stay = await api.call('admin', 'recordStay', { id: filing.id, admissionDate: '2025-08-01', dischargeDate: '2025-08-01' }, { openid: STAFF[0], now: at('2025-08-01') })
    expect(stay.body.ok).toBe(true)
    const moved = await api.call('filing', 'change', { id: filing.id, version: stay.body.data.version, patch: { destination: { provinceCode: '310000' } }, reason: '搬到上海' }, { openid: 'p-jn', now: at('2025-08-02') })
    expect(moved.body).toMatchObject({ ok: false, error: { code: 'LOCKED', allowedFrom: '2026-02-02' } })
    // Expenses in 北京 lock the move out of 北京 — after the lock opens, then the cancel is free again.
    const later = await api.call('filing', 'change', { id: filing.id, version: stay.body.data.version, patch: { destination: { provinceCode: '310000' } }, reason: '搬到上海' }, { openid: 'p-jn', now: at('2026-02-02') })
    expect(later.body.ok).toBe(true)
    const cancelled = await api.call('filing', 'cancel', { id: filing.id, version: later.body.data.version, reason: '回济宁住了' }, { openid: 'p-jn', now: at('2026-02-03') })
    expect(cancelled.body).toMatchObject({ ok: true, data: { status: 'cancelled' } })
  })

  test('达州 temporary filer changes insurance type at once with proof (001 四(三))', async () => {
    const filing = await submit('p-ins', retiree({ category: 'other_temporary', commitment: undefined, insuranceType: 'employee' }))
    const missing = await api.call('filing', 'change', { id: filing.id, version: filing.version, patch: { insuranceType: 'resident' }, reason: '改参加城乡居民医保' }, { openid: 'p-ins', now: TODAY })
    expect(missing.body.error?.issues?.[0]).toMatchObject({ path: 'materials', message: expect.stringMatching(/参保险种等参保关系变更的证明/) })
    const fileId = await api.upload('p-ins', PDF, 'proof.pdf')
    const changed = await api.call(
      'filing',
      'change',
      { id: filing.id, version: filing.version, patch: { insuranceType: 'resident' }, reason: '改参加城乡居民医保', materials: [{ kind: 'insurance_change_proof', fileId }] },
      { openid: 'p-ins', now: TODAY },
    )
    expect(changed.body).toMatchObject({ ok: true, data: { insuranceType: 'resident' } })
  })
})

describe('expiry reminders', () => {
  test('a filing ending within 30 days gets one reminder, in the outbox that mine returns', async () => {
    const filing = await submit(
      'p-remind',
      retiree({ category: 'referral', destination: { provinceCode: '110000' }, startDate: '2026-06-10', referral: { hospitalName: '达州市中心医院', hospitalLevel: 'grade3a', certificateDate: '2026-06-09' } }),
      at('2026-06-10'),
    )
    expect(filing.validUntil).toBe('2026-12-10')
    // 2026-11-10: 30 days before the end, not yet within the window.
    await api.runReminders(at('2026-11-10'))
    expect((await api.call('filing', 'mine', {}, { openid: 'p-remind', now: at('2026-11-10') })).body.data.reminders).toEqual([])

    const run = await api.runReminders(at('2026-11-11'))
    expect(run.body.data.created).toBeGreaterThanOrEqual(1)
    await api.runReminders(at('2026-11-12'))
    const mine = await api.call('filing', 'mine', {}, { openid: 'p-remind', now: at('2026-11-12') })
    expect(mine.body.data.filings[0]).toMatchObject({ id: filing.id, state: 'expiring', stateLabel: '即将到期' })
    expect(mine.body.data.reminders).toEqual([
      { filingId: filing.id, validUntil: '2026-12-10', message: expect.stringMatching(/将于2026年12月10日到期/), createdAt: expect.any(String) },
    ])
  })
})

describe('抽查: commitment filings picked for a check afterwards (every one, on this server)', () => {
  let sampling: TestServer
  beforeAll(async () => {
    sampling = await startTestServer({ spotCheckRate: 1 })
  })
  afterAll(async () => {
    await sampling.close()
  })

  test('picked when filed, unseen by the person until checked; a problem and its note reach them', async () => {
    const filed = await sampling.call('filing', 'submit', retiree(), { openid: 'p-spot', now: TODAY })
    const id = filed.body.data.id
    expect(filed.body.data.spotCheck).toBeNull()
    // A filing with proofs instead of the commitment is never picked.
    const proof = await sampling.upload('p-proof', PDF, 'hukou.pdf')
    const withProof = await sampling.call('filing', 'submit', retiree({ commitment: undefined, materials: [{ kind: 'hukou', fileId: proof }] }), { openid: 'p-proof', now: TODAY })
    expect(withProof.body.ok).toBe(true)

    const queue = await sampling.call('admin', 'list', { filters: { spotCheckDue: true } }, { openid: STAFF[0], now: TODAY })
    expect(queue.body.data.items.map((i: { id: string }) => i.id)).toEqual([id])
    const staffView = await sampling.call('admin', 'get', { id }, { openid: STAFF[0], now: TODAY })
    expect(staffView.body.data.spotCheck).toEqual({ state: 'due', sampledOn: '2026-11-22' })

    const noNote = await sampling.call('admin', 'spotCheck', { id, version: 1, result: 'problem' }, { openid: STAFF[0], now: TODAY })
    expect(noNote.body.error?.issues).toEqual([{ path: 'note', message: '请写明核查发现的问题和申请人要做什么，申请人会看到这段话' }])
    const checked = await sampling.call('admin', 'spotCheck', { id, version: 1, result: 'problem', note: '请于30日内向参保地经办机构提供居住证明原件' }, { openid: STAFF[0], now: at('2026-11-25') })
    expect(checked.body.data.spotCheck).toMatchObject({ state: 'problem', by: STAFF[0], on: '2026-11-25' })
    const again = await sampling.call('admin', 'spotCheck', { id, version: 2, result: 'verified' }, { openid: STAFF[1], now: TODAY })
    expect(again.body.error?.issues).toEqual([{ path: 'id', message: '这份备案不在抽查名单中，或已经核查过' }])
    expect((await sampling.call('admin', 'list', { filters: { spotCheckDue: true } }, { openid: STAFF[0], now: TODAY })).body.data.total).toBe(0)

    const seen = await sampling.call('filing', 'get', { id }, { openid: 'p-spot', now: at('2026-11-25') })
    expect(seen.body.data.spotCheck).toEqual({ result: 'problem', note: '请于30日内向参保地经办机构提供居住证明原件', on: '2026-11-25' })
    expect(seen.body.data.history.at(-1)).toMatchObject({ label: '抽查核查', reason: '请于30日内向参保地经办机构提供居住证明原件' })
  })
})

export type { As }
