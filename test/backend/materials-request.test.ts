// 要求补充材料 with named materials (issue 16 item 14), over real HTTP on a real SQLite file: staff
// pick the filing's materials they want, only those are accepted (on the server, whatever the page
// sent), the person answers each of them, and every supplement is marked as one; a request with a
// note only still works as before.
import { residentId } from '../rules/fixtures'
import { PDF, STAFF, at, startTestServer, type TestServer } from './http'

let api: TestServer
beforeAll(async () => {
  api = await startTestServer()
})
afterAll(async () => {
  await api.close()
})

const TODAY = at('2026-11-22')
const ASKED_AT = '2026-11-22T04:00:00.000Z'
let counter = 0

/** A 辽宁省省直 常驻异地工作人员 filing (three proofs: 工作证明, 附表1, 申请书), waiting for 初审. */
async function liaoningWorker(openid: string) {
  counter += 1
  const materials = []
  for (const kind of ['employer_certificate', 'direct_settlement_form', 'direct_settlement_request']) {
    materials.push({ kind, fileId: await api.upload(openid, PDF, `${kind}.pdf`) })
  }
  const reply = await api.call(
    'filing',
    'submit',
    {
      requestId: `materials-request-${Date.now()}-${counter}`,
      policyId: 'liaoning-provincial',
      category: 'resident_worker',
      applicant: { name: '刘建国', idType: 'resident_id', idNumber: residentId('210102', '19800315', String(400 + counter)), phone: '13612345678' },
      destination: { provinceCode: '310000' },
      startDate: '2026-11-22',
      materials,
    },
    { openid, now: TODAY },
  )
  expect(reply.body.ok).toBe(true)
  return reply.body.data as { id: string; version: number }
}

const review = (data: Record<string, unknown>) => api.call('admin', 'review', data, { openid: STAFF[0], now: ASKED_AT })
const staffGet = async (id: string) => (await api.call('admin', 'get', { id }, { openid: STAFF[0], now: TODAY })).body.data

test('staff ask for two named materials; the person answers exactly those, and both read as 补充', async () => {
  const filing = await liaoningWorker('p-named')
  const asked = await review({ id: filing.id, version: 1, decision: 'request_materials', items: ['employer_certificate', 'direct_settlement_form'], note: '须加盖单位公章' })
  expect(asked.body.data).toMatchObject({
    state: 'needs_materials',
    materialsRequest: { items: ['employer_certificate', 'direct_settlement_form'], note: '须加盖单位公章', stage: '初审' },
  })
  const seen = await api.call('filing', 'get', { id: filing.id }, { openid: 'p-named', now: TODAY })
  expect(seen.body.data.materialsRequest).toEqual({ items: ['employer_certificate', 'direct_settlement_form'], note: '须加盖单位公章', at: ASKED_AT, stage: '初审' })

  const certificate = await api.upload('p-named', PDF, 'certificate.pdf')
  const form = await api.upload('p-named', PDF, 'form.pdf')
  const hukou = await api.upload('p-named', PDF, 'hukou.pdf')
  const refusals = [
    // One of the two is missing.
    [[{ kind: 'employer_certificate', fileId: certificate }], [{ path: 'materials', message: '请上传：异地就医住院医疗费直接结算申报表' }]],
    // A material not asked for.
    [
      [
        { kind: 'employer_certificate', fileId: certificate },
        { kind: 'direct_settlement_form', fileId: form },
        { kind: 'hukou', fileId: hukou },
      ],
      [{ path: 'materials.2.kind', message: '经办人员没有要求补充“就医地户口本（首页和本人页），或异地户籍、异地身份证”，请只上传要求补充的材料' }],
    ],
  ] as const
  for (const [materials, issues] of refusals) {
    const refused = await api.call('filing', 'supplement', { id: filing.id, version: 2, materials }, { openid: 'p-named', now: TODAY })
    expect(refused.status).toBe(400)
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION', issues })
  }
  expect((await staffGet(filing.id)).version).toBe(2)

  const answered = await api.call(
    'filing',
    'supplement',
    { id: filing.id, version: 2, materials: [{ kind: 'employer_certificate', fileId: certificate }, { kind: 'direct_settlement_form', fileId: form }], note: '已盖章' },
    { openid: 'p-named', now: TODAY },
  )
  expect(answered.body.data).toMatchObject({ state: 'pending_review', materialsRequest: null })
  const supplement = { at: new Date(TODAY).toISOString(), stage: '初审' }
  const expected = [
    { kind: 'employer_certificate', fileId: expect.any(String) },
    { kind: 'direct_settlement_form', fileId: expect.any(String) },
    { kind: 'direct_settlement_request', fileId: expect.any(String) },
    { kind: 'employer_certificate', fileId: certificate, supplement },
    { kind: 'direct_settlement_form', fileId: form, supplement },
  ]
  expect(answered.body.data.materials).toEqual(expected)
  // The originals stay unmarked; staff read the same marks.
  expect(answered.body.data.materials.slice(0, 3).every((m: object) => !('supplement' in m))).toBe(true)
  const staffView = await staffGet(filing.id)
  expect(staffView.materials).toEqual(expected)
  // The history keeps what was asked.
  const request = staffView.history.find((h: { action: string }) => h.action === 'request_materials')
  expect(request.changes).toEqual([
    { field: 'materialsRequest', before: null, after: { note: '须加盖单位公章', items: ['employer_certificate', 'direct_settlement_form'], by: STAFF[0], at: ASKED_AT, stage: '初审' } },
  ])
})

test("a request naming a material outside the filing's list is refused in Chinese and changes nothing", async () => {
  const filing = await liaoningWorker('p-unlisted')
  const refused = await review({ id: filing.id, version: 1, decision: 'request_materials', items: ['employer_certificate', 'hukou'] })
  expect(refused.status).toBe(400)
  expect(refused.body.error).toMatchObject({
    code: 'VALIDATION',
    issues: [{ path: 'items.1', message: '这份备案不需要“就医地户口本（首页和本人页），或异地户籍、异地身份证”，请从列出的材料中勾选' }],
  })
  const unknown = await review({ id: filing.id, version: 1, decision: 'request_materials', items: ['passport'] })
  expect(unknown.body.error).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'items.0', message: '请选择材料类型' }] })
  const nothing = await review({ id: filing.id, version: 1, decision: 'request_materials', items: [] })
  expect(nothing.body.error?.issues).toEqual([{ path: 'items', message: '请勾选需要补充的材料，或在说明里写明需要补充什么' }])
  const onApproval = await review({ id: filing.id, version: 1, decision: 'approve', items: ['employer_certificate'] })
  expect(onApproval.body.error?.issues).toEqual([{ path: 'items', message: '只有要求补充材料时才勾选材料' }])

  const unchanged = await staffGet(filing.id)
  expect(unchanged).toMatchObject({ version: 1, state: 'pending_review', materialsRequest: null })
  expect(unchanged.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'view'])
})

test('a request with a note only (as before items existed) takes any of the filing materials, marked 补充', async () => {
  const filing = await liaoningWorker('p-note-only')
  const asked = await review({ id: filing.id, version: 1, decision: 'request_materials', note: '请补充劳动合同首页' })
  expect(asked.body.data.materialsRequest).toEqual({ note: '请补充劳动合同首页', items: [], at: ASKED_AT, stage: '初审' })
  const contract = await api.upload('p-note-only', PDF, 'contract.pdf')
  const added = await api.call('filing', 'supplement', { id: filing.id, version: 2, materials: [{ kind: 'employer_certificate', fileId: contract }] }, { openid: 'p-note-only', now: TODAY })
  expect(added.body.data).toMatchObject({ state: 'pending_review', materialsRequest: null })
  expect(added.body.data.materials.at(-1)).toEqual({ kind: 'employer_certificate', fileId: contract, supplement: { at: new Date(TODAY).toISOString(), stage: '初审' } })
})
