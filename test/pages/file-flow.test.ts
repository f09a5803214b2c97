// The filing wizard's logic: which steps apply, what each step checks (with the server's messages),
// the payloads, and where a server issue sends the person back to.
import { applicantFilings, chooseForWhom, draftFrom, newDraft, newRequestId, restoreDraft, type Draft } from '../../src/pages/file/draft'
import { asksAuthorization, benefitNeedsHospitalLevel, submissionContext, toPreviewPayload, toSubmitPayload } from '../../src/pages/file/payload'
import { checkAll, checkStep, issuesByStep, nextStep, previousStep, progress, resumeStep, stepOfPath, stepTitle, stepsFor, SECOND_LONG_TERM } from '../../src/pages/file/flow'
import { addMonths, maskIdNumber, submitSchema, validateSubmission } from '../../src/rules'
import type { VerifiedIdentity } from '../../src/pages/verify/model'
import { TODAY, residentId } from '../rules/fixtures'

const context = { today: TODAY }

/** A complete 达州 resettled retiree to 深圳 by commitment; each test changes what it is about. */
function dazhouRetiree(overrides: Partial<Draft> = {}): Draft {
  return {
    ...newDraft('req-test-0001'),
    forWhom: 'self',
    policyId: 'dazhou',
    category: 'resettled_retiree',
    destination: { provinceCode: '440000', cityCode: '440300' },
    startDate: TODAY,
    applicant: { idType: 'resident_id', idNumber: residentId('511702', '19580612', '024'), name: '王秀兰', phone: '13812345678', address: '' },
    proofMode: 'commitment',
    commitment: { accepted: true, signature: '王秀兰' },
    ...overrides,
  }
}

function referralPatient(overrides: Partial<Draft> = {}): Draft {
  return dazhouRetiree({
    category: 'referral',
    destination: { provinceCode: '110000', cityCode: '' },
    proofMode: 'materials',
    materials: { referral_certificate: { fileId: 'file-1', name: '转诊证明.pdf' } },
    commitment: { accepted: false, signature: '' },
    referral: { hospitalName: '达州市中心医院', hospitalLevel: 'grade3a', certificateDate: TODAY, treatingHospitalName: '' },
    ...overrides,
  })
}

describe('steps that apply', () => {
  test.each([
    ['before a category is chosen', { policyId: 'dazhou', category: null }, ['who', 'policy', 'category', 'destination', 'startDate', 'person', 'proof', 'review']],
    ['达州 resettled retiree (materials or commitment)', { policyId: 'dazhou', category: 'resettled_retiree' }, ['who', 'policy', 'category', 'destination', 'startDate', 'person', 'proof', 'review']],
    ['达州 referral adds 转诊信息', { policyId: 'dazhou', category: 'referral' }, ['who', 'policy', 'category', 'destination', 'startDate', 'person', 'proof', 'referral', 'review']],
    ['大同 other temporary: no materials, no commitment (003 免备案材料)', { policyId: 'datong', category: 'other_temporary' }, ['who', 'policy', 'category', 'destination', 'startDate', 'person', 'review']],
    ['济宁 other temporary: nothing to prove', { policyId: 'jining', category: 'other_temporary' }, ['who', 'policy', 'category', 'destination', 'startDate', 'person', 'review']],
    ['辽宁 resident worker: materials only', { policyId: 'liaoning-provincial', category: 'resident_worker' }, ['who', 'policy', 'category', 'destination', 'startDate', 'person', 'proof', 'review']],
  ] as const)('%s', (_name, draft, steps) => {
    expect(stepsFor(draft as Pick<Draft, 'policyId' | 'category'>)).toEqual(steps)
  })

  test('progress counts the steps of this draft', () => {
    expect(progress(dazhouRetiree(), 'destination')).toEqual({ index: 4, total: 8 })
    expect(progress(referralPatient(), 'referral')).toEqual({ index: 8, total: 9 })
    expect(progress(referralPatient(), 'review')).toEqual({ index: 9, total: 9 })
  })

  test('the proof step is named for what it asks', () => {
    expect(stepTitle(dazhouRetiree(), 'proof')).toBe('证明材料或承诺')
    expect(stepTitle(dazhouRetiree({ policyId: 'liaoning-provincial' }), 'proof')).toBe('证明材料')
    expect(stepTitle(dazhouRetiree(), 'review')).toBe('核对信息')
  })

  test('back from the first step leaves the wizard; back elsewhere is the previous step that applies', () => {
    expect(previousStep(dazhouRetiree(), 'who')).toBeNull()
    expect(previousStep(dazhouRetiree(), 'policy')).toBe('who')
    expect(previousStep(dazhouRetiree(), 'review')).toBe('proof')
    expect(previousStep(dazhouRetiree({ policyId: 'jining', category: 'other_temporary' }), 'review')).toBe('person')
  })
})

describe('each step checks with the rules package and its messages', () => {
  test('参保地: a profile is needed; the national default also needs the insured city', () => {
    expect(checkStep(newDraft('req-test-0001'), 'policy', context)).toEqual([{ path: 'policyId', message: '请选择参保地' }])
    const national = { ...newDraft('req-test-0001'), policyId: 'national' }
    expect(checkStep(national, 'policy', context)).toEqual([{ path: 'insuredRegionCode', message: '请选择您的参保地（参保城市）' }])
    const province = { ...national, insuredRegion: { provinceCode: '440000', cityCode: '' } }
    expect(checkStep(province, 'policy', context)).toEqual([{ path: 'insuredRegionCode', message: '请选择您的参保地（参保城市）' }])
    expect(checkStep({ ...national, insuredRegion: { provinceCode: '440000', cityCode: '440100' } }, 'policy', context)).toEqual([])
    // A province-level place needs no city.
    expect(checkStep({ ...national, insuredRegion: { provinceCode: '310000', cityCode: '' } }, 'policy', context)).toEqual([])
  })

  test.each([
    ['济宁 treats an unfiled emergency as filed (004 五(一))', 'jining', 'emergency', /视同已备案/],
    ['大同 is silent on emergencies: whom to ask', 'datong', 'emergency', /大同市医保中心/],
    ['山西 has dropped filing for 非急诊且未转诊', 'shanxi-provincial', 'other_temporary', /山西省省直已取消省外、省内非急诊且未转诊人员备案/],
    ['辽宁 does not take other temporary', 'liaoning-provincial', 'other_temporary', /辽宁省省直跨省异地就医直接结算只面向/],
  ] as const)('人员类别: %s — the profile message is the answer', (_name, policyId, category, message) => {
    const issues = checkStep(dazhouRetiree({ policyId, category }), 'category', context)
    expect(issues).toHaveLength(1)
    expect(issues[0].path).toBe('category')
    expect(issues[0].message).toMatch(message)
  })

  test('人员类别: holding a long-term filing already, a second long-term one stops here, not at submit (issue 16 item 6)', () => {
    const holding = { ...context, openLongTermFiling: { id: 'YD2026A' } }
    expect(checkStep(dazhouRetiree(), 'category', holding)).toEqual([{ path: 'category', message: SECOND_LONG_TERM }])
    // A temporary category is another matter, and so is a filing for a family member (the server decides).
    expect(checkStep(dazhouRetiree({ category: 'other_temporary' }), 'category', holding)).toEqual([])
    expect(checkStep(dazhouRetiree({ forWhom: 'family' }), 'category', holding)).toEqual([])
    expect(checkStep(dazhouRetiree(), 'category', context)).toEqual([])
  })

  test('就医地: city required outside the seven province-level places; province alone for them', () => {
    const noCity = dazhouRetiree({ destination: { provinceCode: '440000', cityCode: '' } })
    expect(checkStep(noCity, 'destination', context)).toEqual([{ path: 'destination.cityCode', message: '请选择就医城市' }])
    const none = dazhouRetiree({ destination: { provinceCode: '', cityCode: '' } })
    expect(checkStep(none, 'destination', context)).toEqual([{ path: 'destination.provinceCode', message: '请选择就医省份' }])
    // A city left over from another province is not sent for 北京.
    const beijing = dazhouRetiree({ destination: { provinceCode: '110000', cityCode: '440300' } })
    expect(checkStep(beijing, 'destination', context)).toEqual([])
  })

  test('就医地: the pooling area and 辽宁 in-province are refused with the profile message', () => {
    const home = dazhouRetiree({ destination: { provinceCode: '510000', cityCode: '511700' } })
    expect(checkStep(home, 'destination', context)).toEqual([
      { path: 'destination.cityCode', message: '在达州市内就医不属于异地就医，无需备案。请选择达州市以外的就医地。' },
    ])
    const liaoning = dazhouRetiree({ policyId: 'liaoning-provincial', destination: { provinceCode: '210000', cityCode: '210200' } })
    expect(checkStep(liaoning, 'destination', context)[0].message).toMatch(/请选择辽宁省以外的就医地/)
    // The national default: the person's own insured city is the pooling area.
    const national = dazhouRetiree({
      policyId: 'national',
      insuredRegion: { provinceCode: '440000', cityCode: '440300' },
      destination: { provinceCode: '440000', cityCode: '440300' },
    })
    expect(checkStep(national, 'destination', context)[0].path).toBe('destination.cityCode')
  })

  test('开始日期: inside the window; 济宁 long-term late filing at most 5 days back', () => {
    expect(checkStep(dazhouRetiree({ startDate: null }), 'startDate', context)).toEqual([{ path: 'startDate', message: '请选择开始日期' }])
    expect(checkStep(dazhouRetiree({ startDate: '2026-11-10' }), 'startDate', context)).toEqual([])
    const jining = dazhouRetiree({ policyId: 'jining', startDate: '2026-11-10' })
    expect(checkStep(jining, 'startDate', context)[0].message).toMatch(/^开始日期最早可选2026年11月17日/)
    expect(checkStep(dazhouRetiree({ startDate: '2027-06-01' }), 'startDate', context)[0].message).toMatch(/最晚可选/)
  })

  test('个人信息: every field with the schema message, the ID number by its checker', () => {
    const empty = dazhouRetiree({ applicant: { idType: 'resident_id', idNumber: '', name: '', phone: '', address: '' } })
    expect(checkStep(empty, 'person', context)).toEqual([
      { path: 'applicant.idNumber', message: '请输入证件号码' },
      { path: 'applicant.name', message: '请输入姓名' },
      { path: 'applicant.phone', message: '请输入手机号码' },
    ])
    const badCheck = dazhouRetiree({ applicant: { ...dazhouRetiree().applicant, idNumber: '511702195806120240' } })
    expect(checkStep(badCheck, 'person', context)).toEqual([
      { path: 'applicant.idNumber', message: expect.stringMatching(/校验位不对/) },
    ])
    expect(checkStep(dazhouRetiree(), 'person', context)).toEqual([])
  })

  test('个人信息: 大同 asks the insurance type, because its benefits depend on it', () => {
    const datong = dazhouRetiree({ policyId: 'datong' })
    expect(checkStep(datong, 'person', context)).toEqual([{ path: 'insuranceType', message: '请选择参保险种' }])
    expect(checkStep({ ...datong, insuranceType: 'employee' }, 'person', context)).toEqual([])
  })

  test('材料或承诺: the server message when neither is given; signature must match the name', () => {
    expect(checkStep(dazhouRetiree({ proofMode: null }), 'proof', context)).toEqual([
      { path: 'materials', message: expect.stringMatching(/^请上传：就医地户口本.*，或选择个人承诺$/) },
    ])
    const unsigned = dazhouRetiree({ commitment: { accepted: true, signature: '王秀' } })
    expect(checkStep(unsigned, 'proof', context)).toEqual([{ path: 'commitment.signature', message: '签名须与申请人姓名一致' }])
    const unticked = dazhouRetiree({ commitment: { accepted: false, signature: '王秀兰' } })
    expect(checkStep(unticked, 'proof', context)).toEqual([{ path: 'commitment.accepted', message: '请阅读告知书和承诺事项后勾选同意' }])
  })

  test('材料: 辽宁 long-term needs every listed proof uploaded', () => {
    const liaoning = dazhouRetiree({
      policyId: 'liaoning-provincial',
      category: 'resident_worker',
      destination: { provinceCode: '110000', cityCode: '' },
      proofMode: 'materials',
      materials: { employer_certificate: { fileId: 'f1', name: 'a.pdf' } },
    })
    const issues = checkStep(liaoning, 'proof', context)
    expect(issues).toHaveLength(1)
    expect(issues[0].path).toBe('materials')
    expect(issues[0].message).toMatch(/直接结算申报表/)
    expect(issues[0].message).not.toMatch(/个人承诺/)
  })

  test('the proof step ignores the referral step still to come', () => {
    const patient = referralPatient({ referral: { hospitalName: '', hospitalLevel: null, certificateDate: null, treatingHospitalName: '' } })
    expect(checkStep(patient, 'proof', context)).toEqual([])
    expect(checkStep(patient, 'referral', context).map((found) => found.path)).toEqual([
      'referral.hospitalName',
      'referral.hospitalLevel',
      'referral.certificateDate',
    ])
  })

  test('转诊信息: the issuer level and the treating hospital where the profile names one', () => {
    const low = referralPatient({ referral: { ...referralPatient().referral, hospitalLevel: 'grade1' } })
    expect(checkStep(low, 'referral', context)[0]).toEqual({ path: 'referral.hospitalLevel', message: expect.stringMatching(/^一级医院不能开具达州市的转诊证明/) })
    const shanxi = referralPatient({ policyId: 'shanxi-provincial', referral: { ...referralPatient().referral, hospitalLevel: 'grade2a' } })
    expect(checkStep(shanxi, 'referral', context)).toHaveLength(1)
    // 山西: a long-term filer may be referred by a local grade-2 hospital.
    expect(checkStep(shanxi, 'referral', { ...context, hasLongTermFiling: true })).toEqual([])
    const liaoning = referralPatient({ policyId: 'liaoning-provincial', destination: { provinceCode: '110000', cityCode: '' } })
    expect(checkStep(liaoning, 'referral', context)).toEqual([
      { path: 'referral.treatingHospitalName', message: '请填写转往的医院名称：转诊备案只对应这一家医院' },
    ])
  })
})

describe('payloads', () => {
  test('a complete draft is exactly what the server accepts', () => {
    for (const draft of [dazhouRetiree(), referralPatient()]) {
      expect(checkAll(draft, context)).toBeNull()
      expect(validateSubmission(toSubmitPayload(draft), context).ok).toBe(true)
    }
  })

  test('only the parts this category uses are sent', () => {
    const withLeftovers = dazhouRetiree({
      materials: { hukou: { fileId: 'f-hukou', name: 'hukou.jpg' }, referral_certificate: { fileId: 'f-ref', name: 'r.pdf' } },
      referral: { hospitalName: '某医院', hospitalLevel: 'grade3a', certificateDate: TODAY, treatingHospitalName: '' },
      insuranceType: 'employee',
    })
    const payload = toSubmitPayload(withLeftovers)
    expect(payload).not.toHaveProperty('materials')
    expect(payload).not.toHaveProperty('referral')
    expect(payload).not.toHaveProperty('insuranceType')
    expect(payload).not.toHaveProperty('insuredRegionCode')
    expect(payload.commitment).toEqual({ accepted: true, signature: '王秀兰' })
    expect(payload.requestId).toBe('req-test-0001')

    const materials = toSubmitPayload({ ...withLeftovers, proofMode: 'materials' })
    expect(materials.materials).toEqual([{ kind: 'hukou', fileId: 'f-hukou' }])
    expect(materials).not.toHaveProperty('commitment')
  })

  test('the national default sends the insured city; province-level places the province', () => {
    const draft = dazhouRetiree({ policyId: 'national', insuredRegion: { provinceCode: '500000', cityCode: '' } })
    expect(toSubmitPayload(draft).insuredRegionCode).toBe('500000')
    expect(toPreviewPayload(draft)).toEqual({
      policyId: 'national',
      category: 'resettled_retiree',
      destination: { provinceCode: '440000', cityCode: '440300' },
      startDate: TODAY,
      insuredRegionCode: '500000',
    })
  })

  test('大同 residents in the province: the ratio depends on the hospital level, so the check page asks it', () => {
    const datong = dazhouRetiree({ policyId: 'datong', category: 'referral', insuranceType: 'resident' })
    expect(benefitNeedsHospitalLevel({ ...datong, destination: { provinceCode: '140000', cityCode: '140100' } })).toBe(true)
    expect(benefitNeedsHospitalLevel({ ...datong, destination: { provinceCode: '110000', cityCode: '' } })).toBe(false)
    expect(benefitNeedsHospitalLevel({ ...datong, insuranceType: 'employee', destination: { provinceCode: '140000', cityCode: '140100' } })).toBe(false)
    expect(benefitNeedsHospitalLevel(dazhouRetiree())).toBe(false)
  })

  test('a referral to 北京 sends the province alone and previews an end date 6 months on', () => {
    const payload = toSubmitPayload(referralPatient())
    expect(payload.destination).toEqual({ provinceCode: '110000' })
    expect(payload.referral).toEqual({ hospitalName: '达州市中心医院', hospitalLevel: 'grade3a', certificateDate: TODAY })
    expect(addMonths(TODAY, 6)).toBe('2027-05-22')
  })
})

describe('server issues go back to their step and field', () => {
  test.each([
    ['policyId', 'policy'],
    ['insuredRegionCode', 'policy'],
    ['category', 'category'],
    ['destination.cityCode', 'destination'],
    ['destination', 'destination'],
    ['startDate', 'startDate'],
    ['applicant.idNumber', 'person'],
    ['insuranceType', 'person'],
    ['materials', 'proof'],
    ['commitment.signature', 'proof'],
    ['referral.hospitalLevel', 'referral'],
    ['requestId', 'review'],
    ['', 'review'],
  ] as const)('%s → %s', (path, step) => {
    expect(stepOfPath(path, referralPatient())).toBe(step)
  })

  test('a step this draft skips falls back to the check page', () => {
    expect(stepOfPath('referral.hospitalName', dazhouRetiree())).toBe('review')
  })

  test('the first step in flow order with an issue is where the person is sent', () => {
    const { byStep, first } = issuesByStep(
      [
        { path: 'commitment.signature', message: '签名须与申请人姓名一致' },
        { path: 'applicant.idNumber', message: '证件号码校验位不对' },
        { path: 'destination.cityCode', message: '请选择就医城市' },
      ],
      dazhouRetiree(),
    )
    expect(first).toBe('destination')
    expect(byStep.person).toEqual([{ path: 'applicant.idNumber', message: '证件号码校验位不对' }])
  })

  test('checkAll finds the first step with a problem', () => {
    const draft = dazhouRetiree({ applicant: { ...dazhouRetiree().applicant, phone: '123' }, startDate: null })
    expect(checkAll(draft, context)?.step).toBe('startDate')
  })
})

describe('going forward, and coming back', () => {
  test('继续 goes to the next step; from the check page it returns there when nothing else is missing', () => {
    expect(nextStep(dazhouRetiree(), 'startDate', context)).toBe('person')
    expect(nextStep(dazhouRetiree({ returnToReview: true }), 'startDate', context)).toBe('review')
    // Changing the category to referral from the check page: the new 转诊信息 step is asked next.
    const nowReferral = referralPatient({
      returnToReview: true,
      referral: { hospitalName: '', hospitalLevel: null, certificateDate: null, treatingHospitalName: '' },
    })
    expect(nextStep(nowReferral, 'category', context)).toBe('referral')
  })

  test('a stored draft is resumed at its step; a broken or foreign one is dropped', () => {
    const stored = JSON.parse(JSON.stringify({ ...dazhouRetiree(), step: 'person' }))
    const restored = restoreDraft(stored)!
    expect(restored.requestId).toBe('req-test-0001')
    expect(resumeStep(restored, context)).toBe('person')
    expect(restoreDraft(null)).toBeNull()
    expect(restoreDraft({ v: 2, requestId: 'x', step: 'policy' })).toBeNull()
    expect(restoreDraft({ v: 1, requestId: 'abcdefgh', step: 'nowhere' })).toBeNull()
    // A referral step kept after the category changed back to retiree: the first step still to answer.
    expect(resumeStep({ ...dazhouRetiree(), step: 'referral' }, context)).toBe('review')
    expect(resumeStep({ ...dazhouRetiree({ startDate: null }), step: 'referral' }, context)).toBe('startDate')
  })

  test('a new draft from an earlier filing keeps its answers, asks the ID number, start date and signature again', () => {
    const earlier = {
      id: 'YD20261001-ABCDEF',
      policyId: 'shanxi-provincial',
      category: 'referral' as const,
      insuredRegion: { code: '140000' },
      insuranceType: null,
      applicant: { name: '李建国', idType: 'resident_id' as const, phone: '13987654321', address: null },
      destination: { provinceCode: '110000' },
      materials: [{ kind: 'referral_certificate' as const, fileId: 'file-first-certificate' }],
      commitment: null,
      referral: { hospitalName: '山西白求恩医院', hospitalLevel: 'grade3a' as const, certificateDate: '2026-10-01', treatingHospitalName: null },
    }
    const draft = draftFrom(earlier, 'req-again-0001')
    expect(draft).toMatchObject({
      requestId: 'req-again-0001',
      policyId: 'shanxi-provincial',
      category: 'referral',
      destination: { provinceCode: '110000', cityCode: '' },
      startDate: null,
      applicant: { idType: 'resident_id', idNumber: '', name: '李建国', phone: '13987654321', address: '' },
      proofMode: 'materials',
      materials: { referral_certificate: { fileId: 'file-first-certificate' } },
      commitment: { accepted: false, signature: '' },
      referral: { hospitalName: '山西白求恩医院', hospitalLevel: 'grade3a', certificateDate: '2026-10-01', treatingHospitalName: '' },
    })
    // What is left to answer: the start date first, then the ID number.
    expect(checkAll(draft, context)?.step).toBe('startDate')
    const dated = { ...draft, startDate: TODAY }
    expect(checkAll(dated, context)?.issues).toEqual([{ path: 'applicant.idNumber', message: '请输入证件号码' }])
    expect(checkAll({ ...dated, applicant: { ...dated.applicant, idNumber: residentId('140105', '19600315', '037') } }, context)).toBeNull()

    // The national default: the insured city comes back as province + city.
    const national = draftFrom({ ...earlier, policyId: 'national', category: 'resettled_retiree', insuredRegion: { code: '320500' }, referral: null })
    expect(national.insuredRegion).toEqual({ provinceCode: '320000', cityCode: '320500' })
    expect(draftFrom({ ...earlier, policyId: 'national', insuredRegion: { code: '310000' } }).insuredRegion).toEqual({ provinceCode: '310000', cityCode: '' })
  })

  test('request ids are accepted by the submit schema and differ', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newRequestId()))
    expect(ids.size).toBe(50)
    for (const id of ids) expect(submitSchema.shape.requestId.safeParse(id).success).toBe(true)
    expect(newRequestId(0, (n) => Array(n).fill(0))).toBe('f0-AAAAAAAAAAAAAAAA')
  })
})

// ————— 实名认证 and 代办 —————

const MOTHER_ID = residentId('511702', '19580612', '024')
const SON_ID = residentId('511702', '19850315', '011')

/** The son's 实名认证 as `filing.identity` sends it (masked). */
const son: VerifiedIdentity = {
  verified: true,
  name: '张伟',
  idType: 'resident_id',
  idTypeLabel: '居民身份证',
  idNumberMasked: maskIdNumber(SON_ID),
  method: 'dev_standin',
  verifiedAt: '2026-11-22T02:00:00.000Z', consentCurrent: true,
}
const verifiedSon = { today: TODAY, identity: son }

/** The son files his mother's 达州 resettled-retiree filing by commitment, signing in his own name (代签). */
function forMother(overrides: Partial<Draft> = {}): Draft {
  return dazhouRetiree({
    forWhom: 'family',
    applicant: { idType: 'resident_id', idNumber: MOTHER_ID, name: '王秀兰', phone: '13812345678', address: '' },
    agent: { relationship: 'child', phone: '13900001111', authorization: null },
    commitment: { accepted: true, signature: '张伟' },
    ...overrides,
  })
}

describe('为谁办理 (the first question)', () => {
  test('it is asked first, and nothing goes on without an answer', () => {
    const fresh = newDraft('req-test-0001')
    expect(fresh.step).toBe('who')
    expect(checkStep(fresh, 'who', context)).toEqual([{ path: 'forWhom', message: '请选择为谁办理：本人，还是为家人办理' }])
    expect(checkAll({ ...fresh, policyId: 'dazhou' }, context)?.step).toBe('who')
    // A draft kept from before the question existed opens on it.
    expect(resumeStep({ ...dazhouRetiree(), forWhom: null, step: 'person' }, context)).toBe('who')
  })

  test('为家人办理 adds the 代办 step after the 参保人\'s details, and names that step for them', () => {
    expect(stepsFor(forMother())).toEqual(['who', 'policy', 'category', 'destination', 'startDate', 'person', 'agent', 'proof', 'review'])
    expect(stepTitle(forMother(), 'person')).toBe('参保人信息')
    expect(stepTitle(dazhouRetiree(), 'person')).toBe('个人信息')
    expect(stepTitle(forMother(), 'agent')).toBe('代办信息')
  })

  test('本人 fills in the verified name and ID type; switching starts the person and the signature afresh', () => {
    const self = chooseForWhom(newDraft('req-test-0001'), 'self', son)
    expect(self.applicant).toMatchObject({ name: '张伟', idType: 'resident_id', idNumber: '' })
    const typed = { ...self, applicant: { ...self.applicant, idNumber: SON_ID }, commitment: { accepted: true, signature: '张伟' } }
    expect(chooseForWhom(typed, 'self', son)).toBe(typed)
    const family = chooseForWhom(typed, 'family', son)
    expect(family.applicant).toMatchObject({ name: '', idNumber: '' })
    expect(family.commitment).toEqual({ accepted: false, signature: '' })
    // Back to 本人: the verified name again, and the 代办 answers dropped.
    const back = chooseForWhom({ ...family, agent: { relationship: 'child', phone: '13900001111', authorization: null } }, 'self', son)
    expect(back.applicant.name).toBe('张伟')
    expect(back.agent).toEqual({ relationship: null, phone: '', authorization: null })
  })

  test('a draft kept from before the question keeps what was typed', () => {
    const old = { ...dazhouRetiree(), forWhom: null }
    expect(chooseForWhom(old, 'family', son).applicant).toEqual(old.applicant)
  })
})

describe('本人: the applicant must be the verified caller', () => {
  const mine = (applicant: Partial<Draft['applicant']>) => dazhouRetiree({ applicant: { ...dazhouRetiree().applicant, name: '张伟', idNumber: SON_ID, ...applicant } })

  test('the verified name and a number that fits the verified one pass', () => {
    expect(checkStep(mine({}), 'person', verifiedSon)).toEqual([])
  })

  test('another name: the rules\' message, next to the name', () => {
    expect(checkStep(mine({ name: '王秀兰' }), 'person', verifiedSon)).toEqual([
      { path: 'applicant.name', message: '姓名须与您实名认证的姓名（张伟）一致；为家人办理，请在第一步选择“为家人办理”' },
    ])
  })

  test('a number that cannot be the verified one (its masked form differs): the server\'s message, next to the number', () => {
    expect(checkStep(mine({ idNumber: MOTHER_ID }), 'person', verifiedSon)).toEqual([
      { path: 'applicant.idNumber', message: '这不是您实名认证的证件号码；为家人办理，请在第一步选择“为家人办理”' },
    ])
    expect(submissionContext(mine({ idNumber: MOTHER_ID }), verifiedSon).filer).toEqual({ name: '张伟', idType: 'resident_id', idNumber: '' })
  })

  test('before the identity is read, the person step checks only the fields', () => {
    expect(checkStep(mine({ name: '王秀兰', idNumber: MOTHER_ID }), 'person', context)).toEqual([])
  })

  test('the commitment is signed by the applicant', () => {
    const signed = mine({})
    expect(checkStep({ ...signed, commitment: { accepted: true, signature: '张伟' } }, 'proof', verifiedSon)).toEqual([])
    expect(checkAll({ ...signed, commitment: { accepted: true, signature: '张伟' } }, verifiedSon)).toBeNull()
  })
})

describe('为家人办理 (代办)', () => {
  test('a complete 代办 is what the server accepts: the agent part carries no name or ID (they come from 实名认证)', () => {
    const draft = forMother()
    expect(checkAll(draft, verifiedSon)).toBeNull()
    const payload = toSubmitPayload(draft)
    expect(payload.agent).toEqual({ relationship: 'child', phone: '13900001111' })
    expect(payload.applicant).toMatchObject({ name: '王秀兰', idNumber: MOTHER_ID })
    expect(validateSubmission(payload, { today: TODAY, filer: { name: '张伟', idType: 'resident_id', idNumber: SON_ID } }).ok).toBe(true)
    expect(toSubmitPayload(dazhouRetiree())).not.toHaveProperty('agent')
  })

  test('the 代办 step: relationship and the agent\'s own phone, with the rules\' messages', () => {
    const blank = forMother({ agent: { relationship: null, phone: '', authorization: null } })
    expect(checkStep(blank, 'agent', verifiedSon)).toEqual([
      { path: 'agent.relationship', message: '请选择您与申请人的关系' },
      { path: 'agent.phone', message: '请输入手机号码' },
    ])
    expect(checkStep(forMother({ agent: { relationship: 'child', phone: '123', authorization: null } }), 'agent', verifiedSon)).toEqual([
      { path: 'agent.phone', message: '请输入11位手机号码，以13至19开头' },
    ])
  })

  test('a 授权委托书 where the profile asks for one for that relationship (辽宁: every 代办; elsewhere: non-relatives)', () => {
    expect(asksAuthorization(forMother())).toBe(false)
    const other = forMother({ agent: { relationship: 'other', phone: '13900001111', authorization: null } })
    expect(asksAuthorization(other)).toBe(true)
    expect(checkStep(other, 'agent', verifiedSon)).toEqual([{ path: 'agent.authorization', message: '达州市要求代办人上传参保人签名的授权委托书' }])
    const uploaded = { ...other, agent: { ...other.agent, authorization: { fileId: 'file-auth', name: '委托书.pdf' } } }
    expect(checkStep(uploaded, 'agent', verifiedSon)).toEqual([])
    expect(toSubmitPayload(uploaded).agent).toEqual({ relationship: 'other', phone: '13900001111', authorization: 'file-auth' })

    const liaoning = forMother({ policyId: 'liaoning-provincial', category: 'resettled_retiree', destination: { provinceCode: '440000', cityCode: '440300' } })
    expect(asksAuthorization(liaoning)).toBe(true)
    expect(checkStep(liaoning, 'agent', verifiedSon)).toEqual([{ path: 'agent.authorization', message: '辽宁省省直要求代办人上传参保人签名的授权委托书' }])
    // An upload left from a relationship that needed it is not sent for one that does not.
    expect(toSubmitPayload({ ...uploaded, agent: { ...uploaded.agent, relationship: 'child' } }).agent).toEqual({ relationship: 'child', phone: '13900001111' })
  })

  test('代签: the commitment is signed with the agent\'s own verified name, not the 参保人\'s', () => {
    expect(checkStep(forMother({ commitment: { accepted: true, signature: '王秀兰' } }), 'proof', verifiedSon)).toEqual([
      { path: 'commitment.signature', message: '代签：请签您本人的姓名（张伟）' },
    ])
    expect(checkStep(forMother(), 'proof', verifiedSon)).toEqual([])
  })

  test('the family member\'s name and number are not held against the agent\'s own', () => {
    expect(checkStep(forMother(), 'person', verifiedSon)).toEqual([])
    expect(submissionContext(forMother(), verifiedSon).filer).toEqual({ name: '张伟', idType: 'resident_id' })
  })

  test('server issues at agent.* go to the 代办 step; a bare agent issue to the first question', () => {
    expect(stepOfPath('agent.authorization', forMother())).toBe('agent')
    expect(stepOfPath('agent.phone', forMother())).toBe('agent')
    expect(stepOfPath('agent', forMother())).toBe('who')
    expect(stepOfPath('agent.phone', dazhouRetiree())).toBe('review')
    const { first, byStep } = issuesByStep([{ path: 'agent.authorization', message: '达州市要求代办人上传参保人签名的授权委托书' }], forMother())
    expect(first).toBe('agent')
    expect(byStep.agent).toHaveLength(1)
  })

  test('filed again from an earlier 代办: for the family member, by the same relationship', () => {
    const earlier = {
      id: 'YD20261001-ABCDEF',
      policyId: 'dazhou',
      category: 'resettled_retiree' as const,
      insuredRegion: { code: '511700' },
      insuranceType: null,
      applicant: { name: '王秀兰', idType: 'resident_id' as const, phone: '13812345678', address: null },
      destination: { provinceCode: '440000', cityCode: '440300' },
      materials: [],
      commitment: { signature: '张伟' },
      referral: null,
      agent: { relationship: 'child' as const },
    }
    expect(draftFrom(earlier)).toMatchObject({ forWhom: 'family', agent: { relationship: 'child', phone: '', authorization: null } })
    expect(draftFrom({ ...earlier, agent: null }).forWhom).toBe('self')
  })

  test('the filings of the person filed for: 本人\'s own and those filed for them; none known for a family member', () => {
    const mine = [{ id: 'A', party: 'self' }, { id: 'B', party: 'agent' }, { id: 'C', party: 'applicant' }]
    expect(applicantFilings(mine, { forWhom: 'self' }).map((f) => f.id)).toEqual(['A', 'C'])
    expect(applicantFilings(mine, { forWhom: 'family' })).toEqual([])
  })
})
