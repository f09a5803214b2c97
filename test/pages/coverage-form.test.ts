// 住院能直接结算吗？ — the form's checks (the server's own messages, under their fields) and how an
// answer is put into words.
import type { CoverageAnswer } from '../../src/rules'
import {
  ASK_AGENCY_TEXT,
  OTHER_CHANNEL_TEXT,
  checkForm,
  describeAnswer,
  describeQuestion,
  emptyForm,
  normalisePath,
  type StayForm,
} from '../../src/pages/coverage/form'

const chengdu = { provinceCode: '510000', cityCode: '510100' }
const none = { policy: false, hospital: false }

function form(overrides: Partial<StayForm> = {}): StayForm {
  return { ...emptyForm(), care: 'inpatient', admissionDate: '2026-11-30', discharged: 'no', destination: chengdu, emergency: 'no', ...overrides }
}

describe('checkForm', () => {
  test('nothing chosen: only the kind of care is asked for, since every other question follows it', () => {
    expect(checkForm(emptyForm(), { policy: true, hospital: false })).toEqual({ ok: false, errors: { care: '请选择是住院、看门诊还是买药' } })
  })

  test('a stay still in hospital → the payload, no discharge date', () => {
    expect(checkForm(form(), none)).toEqual({
      ok: true,
      payload: { care: 'inpatient', admissionDate: '2026-11-30', dischargeDate: null, destination: chengdu, emergency: false },
    })
  })

  test('still in hospital with a planned discharge day: it goes along as the discharge, without ticking 已经出院 (issue 16 item 9)', () => {
    const checked = checkForm(form({ plannedDischargeDate: '2026-12-20' }), none, '2026-11-22')
    expect(checked).toEqual({
      ok: true,
      payload: { care: 'inpatient', admissionDate: '2026-11-30', dischargeDate: '2026-12-20', destination: chengdu, emergency: false },
    })
    if (checked.ok) expect(describeQuestion(checked.payload, true)).toContain('还没出院，预计2026年12月20日出院')
  })

  test('a planned discharge day in the past, or before the admission, is refused under its own question', () => {
    expect(checkForm(form({ admissionDate: '2026-11-01', plannedDischargeDate: '2026-11-10' }), none, '2026-11-22')).toEqual({
      ok: false,
      errors: { plannedDischargeDate: '预计出院日期不能早于今天：已经出院的，请选“已经出院”' },
    })
    expect(checkForm(form({ plannedDischargeDate: '2026-11-25' }), none, '2026-11-22')).toEqual({
      ok: false,
      errors: { plannedDischargeDate: '出院日期不能早于入院日期' },
    })
  })

  test('discharged: the date goes along; a province-level place drops the city', () => {
    const checked = checkForm(form({ discharged: 'yes', dischargeDate: '2026-12-10', destination: { provinceCode: '110000', cityCode: '' }, emergency: 'yes' }), none)
    expect(checked).toEqual({
      ok: true,
      payload: { care: 'inpatient', admissionDate: '2026-11-30', dischargeDate: '2026-12-10', destination: { provinceCode: '110000' }, emergency: true },
    })
  })

  test('a stay with nothing else answered: one message per question, in the rules’ words', () => {
    expect(checkForm({ ...emptyForm(), care: 'inpatient' }, { policy: true, hospital: false })).toEqual({
      ok: false,
      errors: {
        admissionDate: '请选择入院日期',
        discharged: '请选择是否已经出院',
        'destination.provinceCode': '请选择就医省份',
        emergency: '请选择是否急诊抢救',
        policyId: '请选择您在哪里参加医保',
      },
    })
  })

  test.each([
    ['outpatient', '请选择看病的日期'],
    ['chronic_outpatient', '请选择看病的日期'],
    ['pharmacy', '请选择买药的日期'],
  ] as const)('%s: the date is the visit’s, and neither discharge nor emergency is asked', (care, message) => {
    expect(checkForm({ ...emptyForm(), care }, none)).toEqual({ ok: false, errors: { admissionDate: message, 'destination.provinceCode': '请选择就医省份' } })
    // Answers left over from 住院 are not sent.
    expect(checkForm(form({ care, discharged: 'yes', dischargeDate: '2026-12-01', emergency: 'yes', hospitalName: '大连医科大学附属第一医院' }), { policy: false, hospital: true })).toEqual({
      ok: true,
      payload: { care, admissionDate: '2026-11-30', destination: chengdu },
    })
  })

  test('a province that needs a city', () => {
    expect(checkForm(form({ destination: { provinceCode: '510000', cityCode: '' } }), none)).toEqual({
      ok: false,
      errors: { 'destination.cityCode': '请选择就医城市' },
    })
  })

  test('a city of another province', () => {
    const checked = checkForm(form({ destination: { provinceCode: '440000', cityCode: '510100' } }), none)
    expect(checked.ok).toBe(false)
    expect(!checked.ok && checked.errors['destination.cityCode']).toBeTruthy()
  })

  test('discharged with no date, and discharged before admitted', () => {
    expect(checkForm(form({ discharged: 'yes' }), none)).toEqual({ ok: false, errors: { dischargeDate: '请选择出院日期' } })
    expect(checkForm(form({ discharged: 'yes', dischargeDate: '2026-11-29' }), none)).toEqual({
      ok: false,
      errors: { dischargeDate: '出院日期不能早于入院日期' },
    })
  })

  test('a discharge date left over from 已经出院 is not sent once the person says 还没出院', () => {
    expect(checkForm(form({ discharged: 'no', dischargeDate: '2026-11-01' }), none)).toMatchObject({ ok: true, payload: { dischargeDate: null } })
  })

  test('the 参保地 goes along only when it was asked', () => {
    expect(checkForm(form({ policyId: 'dazhou' }), { policy: true, hospital: false })).toMatchObject({ ok: true, payload: { policyId: 'dazhou' } })
    expect(checkForm(form({ policyId: 'dazhou' }), none)).toMatchObject({ ok: true, payload: expect.not.objectContaining({ policyId: 'dazhou' }) })
  })

  test('其他参保地（国家统一规定） needs the insured city: the server’s message, then the city or province-level code', () => {
    const national = { policy: true, hospital: false }
    expect(checkForm(form({ policyId: 'national' }), national)).toEqual({ ok: false, errors: { insuredRegionCode: '请选择您的参保地（参保城市）' } })
    expect(checkForm(form({ policyId: 'national', insuredRegion: { provinceCode: '440000', cityCode: '' } }), national)).toEqual({
      ok: false,
      errors: { insuredRegionCode: '请选择您的参保地（参保城市）' },
    })
    expect(checkForm(form({ policyId: 'national', insuredRegion: { provinceCode: '440000', cityCode: '440100' } }), national)).toMatchObject({
      ok: true,
      payload: { policyId: 'national', insuredRegionCode: '440100' },
    })
    expect(checkForm(form({ policyId: 'national', insuredRegion: { provinceCode: '310000', cityCode: '' } }), national)).toMatchObject({
      ok: true,
      payload: { insuredRegionCode: '310000' },
    })
    // A 参保地 that fixes the place sends no city, whatever was picked before switching.
    expect(checkForm(form({ policyId: 'dazhou', insuredRegion: { provinceCode: '440000', cityCode: '440100' } }), national)).toMatchObject({
      ok: true,
      payload: expect.not.objectContaining({ insuredRegionCode: expect.anything() }),
    })
  })

  test('the hospital goes along only for a stay, when asked, and trimmed', () => {
    const asked = { policy: false, hospital: true }
    expect(checkForm(form({ hospitalName: ' 大连医科大学附属第一医院 ' }), asked)).toMatchObject({ ok: true, payload: { hospitalName: '大连医科大学附属第一医院' } })
    expect(checkForm(form({ hospitalName: '   ' }), asked)).toMatchObject({ ok: true, payload: expect.not.objectContaining({ hospitalName: expect.anything() }) })
    expect(checkForm(form({ hospitalName: '大连医科大学附属第一医院' }), none)).toMatchObject({ ok: true, payload: expect.not.objectContaining({ hospitalName: expect.anything() }) })
  })
})

test('normalisePath: server issue paths → the fields', () => {
  expect(normalisePath('dischargeDate')).toBe('dischargeDate')
  expect(normalisePath('destination.cityCode')).toBe('destination.cityCode')
  expect(normalisePath('destination')).toBe('destination.provinceCode')
  expect(normalisePath('insuredRegionCode')).toBe('insuredRegionCode')
  expect(normalisePath('something')).toBeNull()
})

test.each([
  [
    'a stay, discharged',
    { care: 'inpatient', admissionDate: '2026-11-30', dischargeDate: '2026-12-10', destination: chengdu, emergency: false },
    '住院：2026年11月30日入院，2026年12月10日出院，在四川省成都市，不是急诊抢救。',
  ],
  [
    'an emergency still in hospital, at a named hospital',
    { care: 'inpatient', admissionDate: '2026-12-04', dischargeDate: null, destination: { provinceCode: '110000' }, emergency: true, hospitalName: '北京协和医院' },
    '住院：2026年12月4日入院，还没出院，在北京市（北京协和医院），急诊抢救。',
  ],
  ['a pharmacy purchase', { care: 'pharmacy', admissionDate: '2026-07-05', destination: { provinceCode: '440000', cityCode: '440300' } }, '药店购药：2026年7月5日，在广东省深圳市。'],
] as const)('describeQuestion: %s', (_name, asked, words) => {
  expect(describeQuestion(asked)).toBe(words)
})

describe('describeAnswer', () => {
  const base: Pick<CoverageAnswer, 'covered' | 'filingId' | 'cases' | 'notes' | 'nextText'> = { covered: false, filingId: null, cases: [], notes: [], nextText: null }
  const dazhouLongTerm = { id: 'YD20260601-ABCDEF', destination: { name: '广东省深圳市' }, startDate: '2026-06-01', validUntil: null, categoryLabel: '异地安置退休人员' }

  // One row per verdict and next step, as the server answers them.
  const rows: [string, CoverageAnswer, Record<string, unknown>][] = [
    [
      'direct, covered by a filing: its facts and 出示备案凭证',
      {
        ...base,
        verdict: 'direct',
        covered: true,
        reason: 'filing',
        scope: 'cross_province',
        care: 'inpatient',
        filingId: dazhouLongTerm.id,
        message: '可以直接结算：这次住院在您的备案范围内。',
        source: '001 二、四(一)、四(三)1',
        next: 'none',
        notes: [{ topic: 'injury_no_third_party', title: '外伤没有第三方责任的，也能直接结算', text: '符合规定的无第三方责任外伤费用纳入异地就医直接结算，费用由就医地经办机构核查。', source: '001 三(二)7' }],
      },
      {
        verdict: 'direct',
        mark: '✓',
        headline: '可以直接结算',
        why: '可以直接结算：这次住院在您的备案范围内。',
        source: '001 二、四(一)、四(三)1',
        next: null,
        scope: '这次是跨省异地就医。',
        fileNow: false,
        filingId: dazhouLongTerm.id,
        filingFacts: [
          { label: '备案编号', value: dazhouLongTerm.id },
          { label: '就医地', value: '广东省深圳市' },
          { label: '人员类别', value: '异地安置退休人员' },
          { label: '有效期', value: '2026年6月1日起长期有效' },
        ],
        notes: [{ topic: 'injury_no_third_party', title: '外伤没有第三方责任的，也能直接结算', text: '符合规定的无第三方责任外伤费用纳入异地就医直接结算，费用由就医地经办机构核查。', source: '001 三(二)7' }],
      },
    ],
    [
      'direct at home: no filing named, nothing to do',
      {
        ...base,
        verdict: 'direct',
        covered: true,
        reason: 'home',
        scope: 'home',
        care: 'inpatient',
        message: '在达州市内就医不属于异地就医，不用备案，按达州市规定结算。',
        source: '001 三(二)8',
        next: 'none',
      },
      { mark: '✓', next: null, scope: '这次在参保地（统筹区内）就医，不属于异地就医。', filingId: null, filingFacts: [], fileNow: false },
    ],
    [
      'not direct, still in hospital: 现在办理备案',
      {
        ...base,
        verdict: 'not_direct',
        reason: 'no_filing',
        scope: 'in_province',
        care: 'inpatient',
        message: '出院结算前补办异地就医备案的，就医地联网定点医疗机构为您直接结算。',
        source: '001 四(二)',
        next: 'file_now',
        nextText: '还没出院结算的，现在办理（补办）备案，出院时就能直接结算。',
      },
      { mark: '✗', headline: '不能直接结算', next: '还没出院结算的，现在办理（补办）备案，出院时就能直接结算。', scope: '这次是省内异地就医。', fileNow: true, filingId: null },
    ],
    [
      'not direct, settled before the filing: the filing it names is no certificate to show',
      {
        ...base,
        verdict: 'not_direct',
        reason: 'settled_before_filing',
        scope: 'cross_province',
        care: 'inpatient',
        filingId: dazhouLongTerm.id,
        message: '这次住院在2026年6月1日办理备案之前已经出院结算：备案不会把已经自费结算的住院改成直接结算，不管备案的开始日期是哪天。',
        source: '001 四(二)、三(一)2',
        next: 'manual_reimbursement',
        nextText: '出院自费结算后按规定补办异地就医备案手续的，可以按规定申请医保手工报销（执行达州市医保支付范围及待遇政策）。',
      },
      { mark: '✗', next: '出院自费结算后按规定补办异地就医备案手续的，可以按规定申请医保手工报销（执行达州市医保支付范围及待遇政策）。', fileNow: false, filingId: null, filingFacts: [] },
    ],
    [
      'not direct, another channel with no words of its own: 原渠道',
      {
        ...base,
        verdict: 'not_direct',
        reason: 'outside_scheme',
        scope: 'in_province',
        care: 'inpatient',
        message: '辽宁省省直的异地就医直接结算规程只适用于跨省住院，省内异地就医不在其中：个人先行垫付，再由参保单位向省社保局申报（原结算方式）。',
        source: '002 第二条；通知 三(二)2、三(四)',
        next: 'other_channel',
      },
      { mark: '✗', next: OTHER_CHANNEL_TEXT, fileNow: false },
    ],
    [
      'not direct, another channel that says how',
      {
        ...base,
        verdict: 'not_direct',
        reason: 'no_filing',
        scope: 'cross_province',
        care: 'inpatient',
        message: '没有办理跨省异地就医直接结算备案的住院费用，个人先行垫付，再由参保单位向省社保局申报（原结算方式）。',
        source: '002 第八条、第十二条；通知 三(二)2',
        next: 'other_channel',
        nextText: '没有办理跨省异地就医直接结算备案的住院费用，个人先行垫付，再由参保单位向省社保局申报（原结算方式）。',
      },
      { next: '没有办理跨省异地就医直接结算备案的住院费用，个人先行垫付，再由参保单位向省社保局申报（原结算方式）。' },
    ],
    [
      'ask: the seed is silent, so ask the 参保地 agency',
      {
        ...base,
        verdict: 'ask',
        reason: 'seed_silent',
        scope: 'cross_province',
        care: 'outpatient',
        message: '跨省普通门诊能否直接结算、是否需要备案，本服务没有收录您参保地的规定。请向参保地医保经办机构咨询。',
        source: '本服务的理解（文件未规定）',
        next: 'ask_agency',
      },
      { verdict: 'ask', mark: '？', headline: '请向经办机构确认', next: ASK_AGENCY_TEXT, fileNow: false, filingId: null },
    ],
    [
      'depends: each case with its own mark and words',
      {
        ...base,
        verdict: 'depends',
        reason: 'depends',
        scope: 'cross_province',
        care: 'chronic_outpatient',
        message: '要看您的情况：',
        source: '003（问：异地定居、安置人员门诊慢特病如何办理、报销）',
        next: 'none',
        cases: [
          { when: '在大同（参保地）鉴定的门诊慢特病', verdict: 'direct', message: '门诊直报已开通，不需要办理相关手续。' },
          { when: '在定居地鉴定的门诊慢特病', verdict: 'not_direct', message: '门诊发生的相关费用回大同手工报销，按参保地待遇报销。' },
        ],
      },
      {
        verdict: 'depends',
        mark: '？',
        headline: '要看情况',
        next: null,
        cases: [
          { when: '在大同（参保地）鉴定的门诊慢特病', verdict: 'direct', mark: '✓', headline: '可以直接结算', message: '门诊直报已开通，不需要办理相关手续。' },
          { when: '在定居地鉴定的门诊慢特病', verdict: 'not_direct', mark: '✗', headline: '不能直接结算', message: '门诊发生的相关费用回大同手工报销，按参保地待遇报销。' },
        ],
      },
    ],
  ]

  test.each(rows)('%s', (_name, answer, view) => {
    const filing = answer.filingId === dazhouLongTerm.id ? dazhouLongTerm : null
    expect(describeAnswer(answer, filing)).toMatchObject(view)
  })

  test('covered by a filing whose details could not be fetched: its number alone', () => {
    const answer: CoverageAnswer = { ...rows[0][1] }
    expect(describeAnswer(answer, null).filingFacts).toEqual([{ label: '备案编号', value: dazhouLongTerm.id }])
  })
})
