// The change flow's logic: what may change, which steps apply, what each step checks (the rules'
// messages), the payload with the version read, and where the server's issues go.
import { personView } from '../../src/backend/views'
import {
  NO_EXCEPTION,
  asksException,
  changeReviewNote,
  changeSummary,
  checkAll,
  checkStep,
  lockedWords,
  newChangeForm,
  placeIssues,
  requiredProof,
  stepsFor,
  targetOptions,
  toChangePayload,
  type ChangeForm,
} from '../../src/pages/filing/change-flow'
import type { FilingDetail } from '../../src/lib/filing-view'
import { changeSchema, parseWith } from '../../src/rules'
import { filingRecord, submitEntry, type FilingOverrides } from '../backend/builders'

const TODAY = '2026-11-22'

function detail(overrides: FilingOverrides = {}, today = TODAY): FilingDetail {
  const record = filingRecord(overrides)
  return personView(record, today, 'self', [submitEntry(record)]) as FilingDetail
}

const shanxi = { policyId: 'shanxi-provincial', category: 'long_term_resident' as const, insuranceType: null, insuredRegion: { name: '山西省省直', code: '140000', poolingArea: '140100' } }

function form(filing: FilingDetail, change: Partial<ChangeForm>): ChangeForm {
  return { ...newChangeForm(filing), ...change }
}

describe('达州: a change of 参保险种 goes through at once with its proof, for every category (001 四(三))', () => {
  test.each(['resettled_retiree', 'other_temporary'] as const)('%s', (category) => {
    const filing = detail({ category, insuranceType: 'employee', commitment: category === 'other_temporary' ? null : undefined })
    const chosen = form(filing, { target: 'insuranceType', insuranceType: 'resident' })
    expect(asksException(filing, chosen)).toBe(false)
    expect(requiredProof(filing, chosen)).toEqual(['insurance_change_proof'])
    expect(stepsFor(filing, chosen)).toEqual(['what', 'value', 'proof', 'reason'])
  })
})

describe('targetOptions', () => {
  test('达州 retiree locked: 就医地 open only through the exceptions; phone, address and 参保险种 (at once, 001 四(三)) always', () => {
    const options = targetOptions(detail({ insuranceType: null }))
    expect(options.map((o) => [o.value, o.disabled])).toEqual([
      ['destination', false],
      ['phone', false],
      ['address', false],
      ['insuranceType', false],
    ])
    expect(options[3].description).toBe('现在：未填写')
    expect(options[0].description).toContain('2027年5月23日起可以变更')
    expect(options[0].description).toContain('工作单位发生变化')
    expect(options[1].description).toBe('现在：13812345678。随时可以修改')
  })

  test('a lock without exceptions (辽宁) disables 就医地 and says from when', () => {
    const liaoning = detail({
      policyId: 'liaoning-provincial',
      commitment: null,
      insuranceType: null,
      insuredRegion: { name: '辽宁省省直', code: '210000', poolingArea: '210100' },
      destination: { provinceCode: '460000', areaCode: '460000' },
    })
    const destination = targetOptions(liaoning)[0]
    expect(destination.disabled).toBe(true)
    expect(destination.description).toMatch(/^现在：海南省。\d{4}年\d+月\d+日起可以变更$/)
  })

  test('险种 is offered where it matters (大同, or a filing that names one)', () => {
    expect(targetOptions(detail({ ...shanxi })).map((o) => o.value)).not.toContain('insuranceType')
    expect(targetOptions(detail({ ...shanxi, insuranceType: 'employee' })).map((o) => o.value)).toContain('insuranceType')
    const datong = detail({ policyId: 'datong', insuranceType: null, insuredRegion: { name: '大同市', code: '140200', poolingArea: '140200' } })
    expect(targetOptions(datong).map((o) => o.value)).toContain('insuranceType')
  })

  test('pending review: 就医地 and 参保险种 disabled, contact open', () => {
    const options = targetOptions(detail({ status: 'pending_review', insuranceType: null }))
    expect(options.map((o) => o.disabled)).toEqual([true, false, false, true])
  })
})

describe('steps', () => {
  test('a phone change: what → value → reason', () => {
    const filing = detail()
    expect(stepsFor(filing, { target: 'phone', exception: null })).toEqual(['what', 'value', 'reason'])
  })

  test('达州 locked destination: the exception question, then its proof', () => {
    const filing = detail()
    expect(asksException(filing, { target: 'destination' })).toBe(true)
    expect(stepsFor(filing, { target: 'destination', exception: null })).toEqual(['what', 'exception', 'value', 'proof', 'reason'])
    expect(requiredProof(filing, { target: 'destination', exception: 'employer_changed' })).toEqual(['employer_certificate'])
    expect(stepsFor(filing, { target: 'destination', exception: NO_EXCEPTION })).toEqual(['what', 'exception', 'value', 'reason'])
  })

  test('"以上都不是" stops at the exception step, saying from when', () => {
    const filing = detail()
    const issues = checkStep(filing, form(filing, { target: 'destination', exception: NO_EXCEPTION }), 'exception')
    expect(issues).toEqual([{ path: 'exception', message: '不属于这些情形的，2027年5月23日起可以变更，现在还不能变更就医地' }])
  })

  test('达州 referral (open): no exception question, but the 转诊证明 every change needs', () => {
    const filing = detail({ category: 'referral', validUntil: '2027-05-21', commitment: null })
    expect(stepsFor(filing, { target: 'destination', exception: null })).toEqual(['what', 'value', 'proof', 'reason'])
    expect(requiredProof(filing, { target: 'destination', exception: null })).toEqual(['referral_certificate'])
    expect(requiredProof(filing, { target: 'phone', exception: null })).toEqual([])
  })
})

describe('checks with the rules messages', () => {
  const filing = detail({ ...shanxi, destination: { provinceCode: '110000', areaCode: '110000' } })

  test('destination: city missing, inside the pooling area, the same place', () => {
    expect(checkStep(filing, form(filing, { target: 'destination' }), 'value')).toEqual([{ path: 'patch.destination.provinceCode', message: '请选择就医省份' }])
    expect(checkStep(filing, form(filing, { target: 'destination', destination: { provinceCode: '440000', cityCode: '' } }), 'value')).toEqual([
      { path: 'patch.destination.cityCode', message: '请选择就医城市' },
    ])
    const inside = checkStep(filing, form(filing, { target: 'destination', destination: { provinceCode: '140000', cityCode: '140100' } }), 'value')
    expect(inside[0].path).toBe('patch.destination.cityCode')
    expect(checkStep(filing, form(filing, { target: 'destination', destination: { provinceCode: '110000', cityCode: '' } }), 'value')).toEqual([
      { path: 'patch.destination.provinceCode', message: '这就是现在的就医地，请选择新的就医地' },
    ])
    expect(checkStep(filing, form(filing, { target: 'destination', destination: { provinceCode: '440000', cityCode: '440100' } }), 'value')).toEqual([])
  })

  test('phone: the identity module message; the same number; a good one', () => {
    expect(checkStep(filing, form(filing, { target: 'phone', phone: '1391234' }), 'value')).toEqual([
      { path: 'patch.phone', message: '请输入11位手机号码，以13至19开头' },
    ])
    expect(checkStep(filing, form(filing, { target: 'phone' }), 'value')[0].message).toBe('这就是现在的联系电话，请填写新的号码')
    expect(checkStep(filing, form(filing, { target: 'phone', phone: '13900001111' }), 'value')).toEqual([])
  })

  test('the reason is required, at most 200 characters', () => {
    expect(checkStep(filing, form(filing, { target: 'phone', phone: '13900001111' }), 'reason')).toEqual([{ path: 'reason', message: '请填写原因' }])
    expect(checkStep(filing, form(filing, { target: 'phone', phone: '13900001111', reason: '字'.repeat(201) }), 'reason')[0].message).toBe('原因最多200个字')
  })

  test('proof: says which material is missing', () => {
    const dazhou = detail()
    const missing = checkStep(dazhou, form(dazhou, { target: 'destination', exception: 'employer_changed' }), 'proof')
    expect(missing).toEqual([{ path: 'materials', message: '请上传：参保单位出具的常驻异地工作证明（加盖公章）' }])
  })

  test('checkAll finds the first step with a problem', () => {
    expect(checkAll(filing, form(filing, { target: 'phone', phone: '123' }))?.step).toBe('value')
    expect(checkAll(filing, form(filing, { target: 'phone', phone: '13900001111' }))?.step).toBe('reason')
    expect(checkAll(filing, form(filing, { target: 'phone', phone: '13900001111', reason: '换号' }))).toBeNull()
  })
})

describe('payload', () => {
  test('carries the version read, the exception and its proof; passes the shared schema', () => {
    const filing = detail({ version: 4 })
    const payload = toChangePayload(
      filing,
      form(filing, {
        target: 'destination',
        exception: 'employer_changed',
        destination: { provinceCode: '440000', cityCode: '440100' },
        materials: { employer_certificate: { fileId: 'file-1', name: '证明.pdf' } },
        reason: '单位派驻广州',
      }),
    )
    expect(payload).toEqual({
      id: filing.id,
      version: 4,
      patch: { destination: { provinceCode: '440000', cityCode: '440100' } },
      reason: '单位派驻广州',
      exception: 'employer_changed',
      materials: [{ kind: 'employer_certificate', fileId: 'file-1' }],
    })
    expect(parseWith(changeSchema, payload).ok).toBe(true)
  })

  test('a province-level destination sends no city; a phone change sends only the phone', () => {
    const filing = detail()
    expect(toChangePayload(filing, form(filing, { target: 'destination', destination: { provinceCode: '110000', cityCode: '110100' } })).patch).toEqual({ destination: { provinceCode: '110000' } })
    const phone = toChangePayload(filing, form(filing, { target: 'phone', phone: '13900001111', reason: '换号', exception: 'employer_changed' }))
    expect(phone).toEqual({ id: filing.id, version: 1, patch: { phone: '13900001111' }, reason: '换号' })
  })
})

describe('server issues go under their fields, on their step', () => {
  const filing = detail()

  test('a destination issue → the value step, keyed by its path', () => {
    const placed = placeIssues(filing, form(filing, { target: 'destination', exception: 'employer_changed' }), [
      { path: 'patch.destination.cityCode', message: '在达州市内就医不属于异地就医' },
      { path: 'reason', message: '请填写原因' },
    ])
    expect(placed).toEqual({ step: 'value', errors: { 'patch.destination.cityCode': '在达州市内就医不属于异地就医' } })
  })

  test('materials → the proof step; a whole-request issue → the reason step, shown at the top', () => {
    expect(placeIssues(filing, form(filing, { target: 'destination', exception: 'employer_changed' }), [{ path: 'materials.0.fileId', message: '请重新上传这份材料' }])).toEqual({
      step: 'proof',
      errors: { materials: '请重新上传这份材料' },
    })
    expect(placeIssues(filing, form(filing, { target: 'phone' }), [{ path: 'patch', message: '填写的内容与现在的备案相同' }])).toEqual({
      step: 'reason',
      errors: { '': '填写的内容与现在的备案相同' },
    })
  })
})

describe('words', () => {
  test('summary: before and after', () => {
    const filing = detail()
    expect(changeSummary(filing, form(filing, { target: 'destination', destination: { provinceCode: '440000', cityCode: '440100' } }))).toEqual({
      label: '就医地',
      before: '广东省深圳市',
      after: '广东省广州市',
    })
  })

  test('LOCKED: the day in words and what can be done now', () => {
    const words = lockedWords('2027-05-23', '按规定……', detail())
    expect(words.title).toBe('2027年5月23日起才能变更')
    expect(words.now).toEqual(['联系电话和联系地址现在就可以修改。', '如果不再需要这份备案，可以取消备案，以后需要时重新办理。', '2027年5月23日以后，再来办理变更。'])
  })
})

describe('a change that goes to staff review (辽宁) is said so before it is sent', () => {
  const liaoning = {
    policyId: 'liaoning-provincial',
    category: 'resident_worker' as const,
    commitment: null,
    insuredRegion: { name: '辽宁省省直', code: '210000', poolingArea: '210100' },
    destination: { provinceCode: '310000', areaCode: '310000' },
    reviewers: ['a', 'b', 'c'],
  }

  test.each([
    ['destination', true],
    ['insuranceType', true],
    ['phone', false],
    ['address', false],
  ] as const)('辽宁, %s: told it waits for review: %s', (target, told) => {
    const note = changeReviewNote(detail(liaoning, '2027-06-01'), { target })
    expect(note).toBe(told ? '这项变更要经过经办机构审核，审核通过后才生效；审核通过前，仍按原备案（就医地：上海市）结算。' : null)
  })

  test('达州 (commitment, changes take effect at once): nothing to say', () => {
    expect(changeReviewNote(detail(), { target: 'destination' })).toBeNull()
  })
})

describe('a new start date, before the filing starts (issue 16 item 1)', () => {
  const later = () => detail({ status: 'active', startDate: '2027-02-01', effectiveOn: '2027-02-01' })

  test('offered first while the filing has not started; not at all once it has', () => {
    expect(targetOptions(later())[0]).toMatchObject({ value: 'startDate', title: '开始日期', disabled: false })
    expect(targetOptions(detail({ status: 'active', startDate: '2026-11-01', effectiveOn: '2026-11-01' })).map((o) => o.value)).not.toContain('startDate')
  })

  test('asked for from elsewhere (?target=startDate): chosen already; three steps, no proof; the payload the server takes', () => {
    const filing = later()
    const chosen = { ...newChangeForm(filing, 'startDate'), startDate: '2026-11-20', reason: '住院比备案开始早' }
    expect(chosen.target).toBe('startDate')
    expect(stepsFor(filing, chosen)).toEqual(['what', 'value', 'reason'])
    const payload = toChangePayload(filing, chosen)
    expect(payload.patch).toEqual({ startDate: '2026-11-20' })
    expect(parseWith(changeSchema, payload).ok).toBe(true)
    expect(changeSummary(filing, chosen)).toEqual({ label: '开始日期', before: '2027年2月1日', after: '2026年11月20日' })
  })

  test('the same date again, or none, is said under the date', () => {
    const filing = later()
    expect(checkStep(filing, form(filing, { target: 'startDate', startDate: '2027-02-01' }), 'value')).toEqual([{ path: 'patch.startDate', message: '这就是现在的开始日期，请选择新的日期' }])
    expect(checkStep(filing, form(filing, { target: 'startDate' }), 'value')).toEqual([{ path: 'patch.startDate', message: '请选择新的开始日期' }])
    // A target not on offer is not kept.
    expect(newChangeForm(detail({ status: 'active', startDate: '2026-11-01', effectiveOn: '2026-11-01' }), 'startDate').target).toBeNull()
  })
})
