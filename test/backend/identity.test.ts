// 实名认证 and 代办 over HTTP against a real SQLite file (issue 12): a filing needs a verified caller;
// filing under someone else's ID is a declared 代办 that staff check before it takes effect; the
// person whose ID it is sees it and may cancel it; a stranger learns nothing from a refusal; and the
// actions worth abusing are rate-limited per openid.
import { certHash } from '../../src/backend/identity/wechat-face'
import { PRIVACY_NOTICE_VERSION } from '../../src/rules'
import { dazhouRetiree, residentId } from './builders'
import { PDF, STAFF, ROOMY_LIMITS, at, startTestServer, type As, type TestServer } from './http'

const TODAY = at('2026-11-22')
const MOTHER = { name: '王秀兰', idType: 'resident_id', idNumber: residentId('511702', '19400312', '024') }
const SON = { name: '李强', idType: 'resident_id', idNumber: residentId('440305', '19680105', '013') }
const STRANGER = { name: '赵六', idType: 'resident_id', idNumber: residentId('110101', '19800101', '011') }

let api: TestServer
let n = 0
const requestId = () => `req-identity-${String((n += 1)).padStart(4, '0')}`

beforeAll(async () => {
  api = await startTestServer()
})
afterAll(async () => {
  await api?.close()
})

const retiree = (person: typeof MOTHER, overrides: Record<string, unknown> = {}) => dazhouRetiree(person, overrides)

/** The same, filed by `agent` for the mother: 代办, the commitment signed by the agent (代签). */
function forMother(agent: typeof SON, overrides: Record<string, unknown> = {}) {
  return retiree(MOTHER, { agent: { relationship: 'child', phone: '13900001111' }, commitment: { accepted: true, signature: agent.name }, ...overrides })
}

/** What the 实名认证 page sends: the person, and the separate consent to the current 个人信息处理规则. */
const claim = (person: typeof MOTHER) => ({ ...person, consent: { version: PRIVACY_NOTICE_VERSION, sensitive: true } })

const as = (openid: string, extra: Partial<As> = {}): As => ({ openid, now: TODAY, asIs: true, ...extra })

async function verify(openid: string, person: typeof MOTHER) {
  const reply = await api.call('filing', 'verifyIdentity', claim(person), as(openid))
  expect(reply.body).toMatchObject({ ok: true, data: { verified: true, method: 'dev_standin', name: person.name } })
  return reply
}

describe('a submit needs a verified caller', () => {
  test('bad input is still 400 with field issues; then an unverified caller gets 403 UNVERIFIED; nothing is stored', async () => {
    const bad = await api.call('filing', 'submit', retiree(MOTHER, { startDate: '2026-02-30' }), as('u-new'))
    expect(bad.status).toBe(400)
    expect(bad.body.error?.issues?.map((i) => i.path)).toEqual(['startDate'])

    const unverified = await api.call('filing', 'submit', retiree(MOTHER), as('u-new'))
    expect(unverified).toEqual({ status: 403, body: { ok: false, error: { code: 'UNVERIFIED', message: '请先完成实名认证，再办理备案' } } })
    expect((await api.call('filing', 'mine', {}, as('u-new'))).body.data).toEqual({ identity: { verified: false }, filings: [], reminders: [] })
  })

  test('verifyIdentity checks the claim like the form does, and the reply masks the ID number', async () => {
    const typo = await api.call('filing', 'verifyIdentity', claim({ ...MOTHER, idNumber: MOTHER.idNumber.slice(0, 17) + '0' }), as('u-typo'))
    expect(typo.status).toBe(400)
    expect(typo.body.error?.issues?.[0].path).toBe('idNumber')
    const done = await verify('u-self', MOTHER)
    expect(done.body.data).toEqual({
      verified: true,
      name: '王秀兰',
      idType: 'resident_id',
      idTypeLabel: '居民身份证',
      idNumberMasked: expect.stringMatching(/^511\*+\d{3}[\dX]$/),
      method: 'dev_standin',
      verifiedAt: '2026-11-22T04:00:00.000Z',
      consentCurrent: true,
    })
    expect(JSON.stringify(done.body)).not.toContain(MOTHER.idNumber)
    expect((await api.call('filing', 'identity', {}, as('u-self'))).body.data).toEqual(done.body.data)
  })

  test('filing for one’s own verified ID works as before: a 达州 commitment filing is active at once', async () => {
    const person = { ...MOTHER, idNumber: residentId('511702', '19450101', '028') }
    await verify('u-own', person)
    const filed = await api.call('filing', 'submit', retiree(person), as('u-own'))
    expect(filed.body).toMatchObject({ ok: true, data: { status: 'active', party: 'self', agent: null, commitment: { signedBy: 'applicant' } } })
  })

  test('someone else’s ID without 代办 is refused at the ID number, saying to choose 为家人办理; another name at the name', async () => {
    await verify('u-mismatch', SON)
    const other = await api.call('filing', 'submit', retiree(MOTHER), as('u-mismatch'))
    expect(other.status).toBe(400)
    expect(other.body.error?.issues).toEqual([
      { path: 'applicant.name', message: '姓名须与您实名认证的姓名（李强）一致；为家人办理，请在第一步选择“为家人办理”' },
      { path: 'applicant.idNumber', message: '这不是您实名认证的证件号码；为家人办理，请在第一步选择“为家人办理”' },
    ])
    // Declaring 代办 for oneself is refused too.
    const self = await api.call('filing', 'submit', retiree(SON, { agent: { relationship: 'child', phone: '13900001111' } }), as('u-mismatch'))
    expect(self.body.error?.issues?.[0]).toEqual({ path: 'agent', message: '这是您本人的证件号码：为自己办理，请在第一步选择“本人”' })
  })
})

describe('代办: a son files for his mother', () => {
  let filingId: string

  test('the filing waits for 代办核验 whatever the profile’s channel; the commitment is signed by the son (代签)', async () => {
    await verify('u-son', SON)
    const signedAsMother = await api.call('filing', 'submit', forMother(SON, { commitment: { accepted: true, signature: MOTHER.name } }), as('u-son'))
    expect(signedAsMother.body.error?.issues).toEqual([{ path: 'commitment.signature', message: '代签：请签您本人的姓名（李强）' }])

    const filed = await api.call('filing', 'submit', forMother(SON), as('u-son'))
    expect(filed.body).toMatchObject({
      ok: true,
      data: {
        status: 'pending_review',
        party: 'agent',
        effectiveOn: null,
        review: { labels: ['代办核验'], passed: 0 },
        agent: { name: '李强', relationship: 'child', relationshipLabel: '子女', idNumberMasked: expect.stringMatching(/^440\*+/), phoneMasked: '139****1111' },
        commitment: { signature: '李强', signedBy: 'agent' },
      },
    })
    filingId = filed.body.data.id
    const sons = await api.call('filing', 'mine', {}, as('u-son'))
    expect(sons.body.data.filings.map((f: { id: string; party: string }) => [f.id, f.party])).toEqual([[filingId, 'agent']])
  })

  test('staff see the agent, list 代办 filings apart, and approve 代办核验: the filing takes effect', async () => {
    const listed = await api.call('admin', 'list', { filters: { byAgent: true } }, as(STAFF[0]))
    expect(listed.body.data.items).toEqual([expect.objectContaining({ id: filingId, agent: { name: '李强', relationship: 'child', relationshipLabel: '子女' } })])
    const detail = await api.call('admin', 'get', { id: filingId }, as(STAFF[0]))
    expect(detail.body.data.agent).toEqual({
      name: '李强',
      idType: 'resident_id',
      idTypeLabel: '居民身份证',
      idNumberMasked: expect.stringMatching(/^440\*+/),
      phoneMasked: '139****1111',
      relationship: 'child',
      relationshipLabel: '子女',
      authorization: null,
    })
    const { csv } = await api.exportCsv({ byAgent: true }, as(STAFF[0]))
    expect(csv).toContain('李强（子女）')
    const revealed = await api.call('admin', 'reveal', { id: filingId, reason: '核对代办人' }, as(STAFF[0]))
    expect(revealed.body.data.agent).toEqual({ idNumber: SON.idNumber, phone: '13900001111' })
    const approved = await api.call('admin', 'review', { id: filingId, version: 1, decision: 'approve', note: '已电话核实母子关系' }, as(STAFF[0]))
    expect(approved.body.data).toMatchObject({ status: 'active', effectiveOn: '2026-11-22', review: { labels: ['代办核验'], passed: 1 } })
    expect(approved.body.data.history.map((h: { label: string }) => h.label)).toContain('代办核验：审批通过，备案生效')
  })

  test('the mother, once verified, sees it under her own filings with who filed it, may cancel it but not change it', async () => {
    expect((await api.call('filing', 'get', { id: filingId }, as('u-mother'))).status).toBe(404)
    await verify('u-mother', MOTHER)
    const mine = await api.call('filing', 'mine', {}, as('u-mother'))
    const seen = mine.body.data.filings.find((f: { id: string }) => f.id === filingId)
    expect(seen).toMatchObject({ party: 'applicant', agent: { name: '李强', relationshipLabel: '子女' } })
    expect(seen.actions.cancel.allowed).toBe(true)
    expect(seen.actions.change).toEqual({ allowed: false, allowedFrom: null, message: expect.stringContaining('由代办人办理') })

    // Her stays in 深圳 are covered by it; her son's are not (it covers her, not him).
    const stay = { admissionDate: '2026-11-22', destination: { provinceCode: '440000', cityCode: '440300' } }
    expect((await api.call('filing', 'checkCoverage', stay, as('u-mother'))).body.data).toMatchObject({ covered: true, filingId })
    const sonsStay = await api.call('filing', 'checkCoverage', { ...stay, policyId: 'dazhou' }, as('u-son'))
    expect(sonsStay.body.data).toMatchObject({ covered: false, filingId: null })

    const change = await api.call('filing', 'change', { id: filingId, version: 2, patch: { phone: '13700001234' }, reason: '换号' }, as('u-mother'))
    expect(change.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('由代办人办理') })

    const cancelled = await api.call('filing', 'cancel', { id: filingId, version: 2, reason: '我没有让儿子办理' }, as('u-mother'))
    expect(cancelled.body).toMatchObject({ ok: true, data: { status: 'cancelled', party: 'applicant' } })
    const staffView = await api.call('admin', 'get', { id: filingId }, as(STAFF[1]))
    expect(staffView.body.data.history).toContainEqual(
      expect.objectContaining({ action: 'cancel', role: 'applicant', label: '本人撤销代办备案', reason: '我没有让儿子办理', actor: 'u-mother' }),
    )
    const sons = await api.call('filing', 'mine', {}, as('u-son'))
    expect(sons.body.data.filings[0]).toMatchObject({ id: filingId, status: 'cancelled', party: 'agent' })
  })

  test('辽宁 asks every agent for a signed 授权委托书, and its 代办 goes through 代办核验 and its three stages', async () => {
    const files = await Promise.all([1, 2, 3, 4].map(() => api.upload('u-son', PDF, 'proof.pdf')))
    const liaoning = {
      requestId: requestId(),
      policyId: 'liaoning-provincial',
      category: 'resident_worker',
      applicant: { ...STRANGER, name: '刘建国', idNumber: residentId('210102', '19660101', '011'), phone: '13612345678' },
      destination: { provinceCode: '310000' },
      startDate: '2026-11-22',
      materials: ['employer_certificate', 'direct_settlement_form', 'direct_settlement_request'].map((kind, i) => ({ kind, fileId: files[i] })),
      agent: { relationship: 'spouse', phone: '13900001111' },
    }
    const without = await api.call('filing', 'submit', liaoning, as('u-son'))
    expect(without.body.error?.issues).toEqual([{ path: 'agent.authorization', message: '辽宁省省直要求代办人上传参保人签名的授权委托书' }])
    const stolen = await api.call('filing', 'submit', { ...liaoning, agent: { ...liaoning.agent, authorization: await api.upload('u-other', PDF, 'x.pdf') } }, as('u-son'))
    expect(stolen.body.error?.issues).toEqual([{ path: 'agent.authorization', message: '这份材料没有找到，请重新上传' }])
    const filed = await api.call('filing', 'submit', { ...liaoning, agent: { ...liaoning.agent, authorization: files[3] } }, as('u-son'))
    expect(filed.body.data.review.labels).toEqual(['代办核验', '初审', '复核', '审批'])
    const detail = await api.call('admin', 'get', { id: filed.body.data.id }, as(STAFF[0]))
    expect(detail.body.data.agent.authorization).toBe(files[3])
  })
})

describe('no disclosure: a refusal tells only the ID’s verified owner that a filing exists', () => {
  const holder = { ...MOTHER, name: '周桂芝', idNumber: residentId('511702', '19420202', '026') }

  test('a stranger filing for an ID that holds a long-term filing gets the same refusal as for a bad ID number', async () => {
    await verify('u-holder', holder)
    expect((await api.call('filing', 'submit', retiree(holder), as('u-holder'))).body.data.status).toBe('active')

    await verify('u-stranger', STRANGER)
    const strangerFor = (person: typeof MOTHER) => forMother(STRANGER, { applicant: { ...person, phone: '13812345678' } })
    const probing = await api.call('filing', 'submit', strangerFor(holder), as('u-stranger'))
    const message = '该证件号码暂不能在线办理，请本人实名认证后查看，或联系参保地医保经办机构'
    expect(probing).toEqual({ status: 400, body: { ok: false, error: { code: 'VALIDATION', message, issues: [{ path: 'applicant.idNumber', message }] } } })
    // The shape of any other refusal of that field: a mistyped ID number.
    const typo = await api.call('filing', 'submit', strangerFor({ ...holder, idNumber: holder.idNumber.slice(0, 17) + (holder.idNumber.endsWith('1') ? '2' : '1') }), as('u-stranger'))
    expect(typo.status).toBe(probing.status)
    expect(Object.keys(typo.body.error!)).toEqual(Object.keys(probing.body.error!))
    expect(typo.body.error?.issues?.map((i) => i.path)).toEqual(['applicant.idNumber'])
    // Nor can the stranger read or list it.
    const held = (await api.call('filing', 'mine', {}, as('u-holder'))).body.data.filings[0].id
    expect((await api.call('filing', 'get', { id: held }, as('u-stranger'))).status).toBe(404)
    expect((await api.call('filing', 'mine', {}, as('u-stranger'))).body.data.filings).toEqual([])
  })

  test('the owner of the ID is told which filing stands in the way', async () => {
    const again = await api.call('filing', 'submit', retiree(holder), as('u-holder'))
    expect(again.body.error).toMatchObject({ code: 'DUPLICATE', message: expect.stringMatching(/^您已有一份审核中或生效中的长期居住备案（编号YD/) })
  })

  test('a stranger’s 代办 cannot make a filing active, and blocks nothing the owner cannot undo', async () => {
    const victim = { ...MOTHER, name: '钱淑珍', idNumber: residentId('511702', '19430303', '024') }
    const attack = await api.call('filing', 'submit', forMother(STRANGER, { applicant: { ...victim, phone: '13812345678' }, agent: { relationship: 'other', phone: '13900001111' } }), as('u-stranger'))
    // 达州 asks a non-relative for the insured person's 授权委托书; with one, it still only waits for staff.
    expect(attack.body.error?.issues).toEqual([{ path: 'agent.authorization', message: '达州市要求代办人上传参保人签名的授权委托书' }])
    const forged = await api.upload('u-stranger', PDF, 'forged.pdf')
    const pending = await api.call(
      'filing',
      'submit',
      forMother(STRANGER, { applicant: { ...victim, phone: '13812345678' }, agent: { relationship: 'other', phone: '13900001111', authorization: forged } }),
      as('u-stranger'),
    )
    expect(pending.body.data).toMatchObject({ status: 'pending_review', review: { labels: ['代办核验'] } })
    // The real person, filing for herself, is told what exists under her ID and where to cancel it.
    await verify('u-victim', victim)
    const refused = await api.call('filing', 'submit', retiree(victim), as('u-victim'))
    expect(refused.body.error).toMatchObject({ code: 'DUPLICATE', message: expect.stringContaining('由他人代办') })
    const cancelled = await api.call('filing', 'cancel', { id: pending.body.data.id, version: 1, reason: '不认识代办人' }, as('u-victim'))
    expect(cancelled.body.data.status).toBe('cancelled')
    expect((await api.call('filing', 'submit', retiree(victim), as('u-victim'))).body.data.status).toBe('active')
  })
})

describe('rate limits per openid (429 RATE_LIMITED)', () => {
  let limited: TestServer
  beforeAll(async () => {
    limited = await startTestServer({
      rateLimits: { ...ROOMY_LIMITS, submit: { max: 2, windowSeconds: 3600 }, verifyIdentity: { max: 2, windowSeconds: 3600 }, upload: { max: 2, windowSeconds: 3600 } },
    })
  })
  afterAll(async () => {
    await limited?.close()
  })

  test('submit: refused past the limit with the limit in Chinese; bad input costs nothing; the next hour opens again', async () => {
    const person = { ...MOTHER, name: '孙立', idNumber: residentId('110101', '19620304', '051') }
    await limited.call('filing', 'verifyIdentity', claim(person), as('r-submit'))
    const temporary = (overrides = {}) => retiree(person, { category: 'other_temporary', destination: { provinceCode: '110000' }, ...overrides })
    expect((await limited.call('filing', 'submit', temporary({ startDate: 'soon' }), as('r-submit'))).status).toBe(400)
    expect((await limited.call('filing', 'submit', temporary(), as('r-submit'))).status).toBe(200)
    expect((await limited.call('filing', 'submit', temporary(), as('r-submit'))).status).toBe(200)
    const third = await limited.call('filing', 'submit', temporary(), as('r-submit'))
    expect(third).toEqual({ status: 429, body: { ok: false, error: { code: 'RATE_LIMITED', message: '提交备案太频繁了（每小时最多2次），请稍后再试' } } })
    // Someone else is not held up; the same person is, until the next hour.
    await limited.call('filing', 'verifyIdentity', claim(STRANGER), as('r-other'))
    expect((await limited.call('filing', 'submit', retiree(STRANGER, { category: 'other_temporary', destination: { provinceCode: '110000' } }), as('r-other'))).status).toBe(200)
    expect((await limited.call('filing', 'submit', temporary(), as('r-submit', { now: at('2026-11-22').replace('12:00', '13:00') }))).status).toBe(200)
  })

  test('verifyIdentity and upload', async () => {
    for (let i = 0; i < 2; i += 1) expect((await limited.call('filing', 'verifyIdentity', claim(MOTHER), as('r-verify'))).status).toBe(200)
    expect((await limited.call('filing', 'verifyIdentity', claim(MOTHER), as('r-verify'))).body.error).toEqual({
      code: 'RATE_LIMITED',
      message: '实名认证太频繁了（每小时最多2次），请稍后再试',
    })
    await limited.upload('r-upload', PDF, 'a.pdf')
    await limited.upload('r-upload', PDF, 'b.pdf')
    await expect(limited.upload('r-upload', PDF, 'c.pdf')).rejects.toThrow(/RATE_LIMITED/)
  })
})

test('cert_hash is computed as WeChat documents it (its own worked example)', () => {
  expect(certHash({ name: '张三', idNumber: '310101199801011234' })).toBe('3c241f7ff324977aeb91f173bb2a7b06569e6fd784d5573db34a636d8671108b')
})
