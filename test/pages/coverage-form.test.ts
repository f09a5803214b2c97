// 住院能直接结算吗？ — the form's checks (the server's own messages, under their fields) and how an
// answer is put into words.
import { checkForm, describeAnswer, emptyForm, normalisePath, type StayForm } from '../../src/pages/coverage/form'

const chengdu = { provinceCode: '510000', cityCode: '510100' }

function form(overrides: Partial<StayForm> = {}): StayForm {
  return { ...emptyForm(), admissionDate: '2026-11-30', discharged: 'no', destination: chengdu, emergency: 'no', ...overrides }
}

describe('checkForm', () => {
  test('a complete stay still in hospital → the payload, no discharge date', () => {
    expect(checkForm(form(), false)).toEqual({
      ok: true,
      payload: { admissionDate: '2026-11-30', dischargeDate: null, destination: chengdu, emergency: false },
    })
  })

  test('discharged: the date goes along; a province-level place drops the city', () => {
    const checked = checkForm(form({ discharged: 'yes', dischargeDate: '2026-12-10', destination: { provinceCode: '110000', cityCode: '' }, emergency: 'yes' }), false)
    expect(checked).toEqual({
      ok: true,
      payload: { admissionDate: '2026-11-30', dischargeDate: '2026-12-10', destination: { provinceCode: '110000' }, emergency: true },
    })
  })

  test('nothing answered: one message per question, in the rules’ words', () => {
    expect(checkForm(emptyForm(), true)).toEqual({
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

  test('a province that needs a city', () => {
    expect(checkForm(form({ destination: { provinceCode: '510000', cityCode: '' } }), false)).toEqual({
      ok: false,
      errors: { 'destination.cityCode': '请选择就医城市' },
    })
  })

  test('a city of another province', () => {
    const checked = checkForm(form({ destination: { provinceCode: '440000', cityCode: '510100' } }), false)
    expect(checked.ok).toBe(false)
    expect(!checked.ok && checked.errors['destination.cityCode']).toBeTruthy()
  })

  test('discharged with no date, and discharged before admitted', () => {
    expect(checkForm(form({ discharged: 'yes' }), false)).toEqual({ ok: false, errors: { dischargeDate: '请选择出院日期' } })
    expect(checkForm(form({ discharged: 'yes', dischargeDate: '2026-11-29' }), false)).toEqual({
      ok: false,
      errors: { dischargeDate: '出院日期不能早于入院日期' },
    })
  })

  test('a discharge date left over from 已经出院 is not sent once the person says 还没出院', () => {
    const checked = checkForm(form({ discharged: 'no', dischargeDate: '2026-11-01' }), false)
    expect(checked).toMatchObject({ ok: true, payload: { dischargeDate: null } })
  })

  test('the 参保地 goes along only when it was asked', () => {
    expect(checkForm(form({ policyId: 'dazhou' }), true)).toMatchObject({ ok: true, payload: { policyId: 'dazhou' } })
    expect(checkForm(form({ policyId: 'dazhou' }), false)).toMatchObject({ ok: true, payload: expect.not.objectContaining({ policyId: 'dazhou' }) })
  })
})

test('normalisePath: server issue paths → the fields', () => {
  expect(normalisePath('dischargeDate')).toBe('dischargeDate')
  expect(normalisePath('destination.cityCode')).toBe('destination.cityCode')
  expect(normalisePath('destination')).toBe('destination.provinceCode')
  expect(normalisePath('something')).toBeNull()
})

describe('describeAnswer', () => {
  const filing = { id: 'YD20260531-ABCDEF', destination: { name: '四川省成都市' }, startDate: '2026-05-31', validUntil: '2026-11-30', categoryLabel: '异地转诊就医人员' }

  test('covered by a filing: its number, place and validity', () => {
    const view = describeAnswer({ covered: true, by: 'filing', filingId: filing.id, message: '可以直接结算：…' }, filing)
    expect(view).toMatchObject({ covered: true, headline: '可以直接结算', how: '凭您在四川省成都市的备案直接结算。', fileNow: false, filingId: filing.id })
    expect(view.filingFacts).toEqual([
      { label: '备案编号', value: filing.id },
      { label: '就医地', value: '四川省成都市' },
      { label: '人员类别', value: '异地转诊就医人员' },
      { label: '有效期', value: '2026年5月31日 至 2026年11月30日' },
    ])
  })

  test('covered as an emergency, or with no filing needed', () => {
    expect(describeAnswer({ covered: true, by: 'emergency', message: 'm' }, null)).toMatchObject({ how: '按急诊抢救直接结算，不用备案。', filingId: null })
    expect(describeAnswer({ covered: true, by: 'no_filing_needed', message: 'm' }, null)).toMatchObject({ how: '这次住院不用备案，可以直接结算。' })
  })

  test('not covered: why, what to do, and 现在办理备案 only when filing now helps', () => {
    const fileNow = describeAnswer({ covered: false, reason: 'expired', message: 'why', next: 'file_now', nextText: 'file' }, null)
    expect(fileNow).toMatchObject({ covered: false, headline: '不能直接结算', why: 'why', next: 'file', fileNow: true })
    const manual = describeAnswer({ covered: false, reason: 'expired', message: 'why', next: 'manual_reimbursement', nextText: 'claim' }, null)
    expect(manual).toMatchObject({ next: 'claim', fileNow: false })
  })
})
