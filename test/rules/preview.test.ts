// previewFiling: what the check-your-answers page shows before submit.
import { previewFiling } from '../../src/rules'
import { TODAY } from './fixtures'

const preview = (request: Record<string, unknown>, today = TODAY) => previewFiling(request, today)

test('辽宁 resident worker: staged review, service within 15 working days, 6-month lock from filing', () => {
  const result = preview({ policyId: 'liaoning-provincial', category: 'resident_worker', destination: { provinceCode: '310000' }, startDate: TODAY })
  expect(result).toMatchObject({
    ok: true,
    value: {
      filingLevel: 'province',
      area: { code: '310000', name: '上海市' },
      validUntil: null,
      review: { staged: true, stages: ['初审', '复核', '审批'] },
      // Filed Sunday 2026-11-22: 15 working days end on Friday 2026-12-11 (002 第十二条).
      serviceOpensBy: { date: '2026-12-11', estimated: false },
      change: { opensOn: '2027-05-23', text: '登记备案后6个月内不能变更，2027年5月23日起可以变更。' },
      cancel: { opensOn: null, text: '随时可以取消。' },
      commitmentAllowed: false,
    },
  })
})

test('达州 referral: 6 months, benefit 10 points lower out of province', () => {
  const result = preview({ policyId: 'dazhou', category: 'referral', destination: { provinceCode: '330000', cityCode: '330100' }, startDate: '2026-11-25' })
  expect(result).toMatchObject({
    ok: true,
    value: {
      filingLevel: 'city',
      area: { name: '浙江省杭州市' },
      validUntil: '2027-05-25',
      validityText: '自2026年11月25日起至2027年5月25日，有效期6个月；有效期内入院、有效期后出院的，也能直接结算。',
      benefit: { kind: 'adjustment', points: -10 },
      serviceOpensBy: null,
    },
  })
})

test('达州 referral to 重庆 counts as in province (001 三(二)2 含重庆市)', () => {
  const result = preview({ policyId: 'dazhou', category: 'referral', destination: { provinceCode: '500000' }, startDate: TODAY })
  expect(result).toMatchObject({ ok: true, value: { benefit: { kind: 'adjustment', points: 0 } } })
})

test('济宁 long-term: the lock runs only after expenses, and the start window is 5 days back', () => {
  const result = preview({ policyId: 'jining', category: 'long_term_resident', destination: { provinceCode: '110000' }, startDate: '2026-11-20' })
  expect(result).toMatchObject({
    ok: true,
    value: {
      change: { opensOn: '2027-05-21', text: '在备案地发生医疗费用之前随时可以变更；发生费用后，备案生效满6个月才能变更，2027年5月21日起可以变更。' },
      startWindow: { earliest: '2026-11-17', seedLimit: true, latest: '2027-02-20', description: '补办的，开始日期最早可选2026年11月17日（今天往前5天），最晚可选2027年2月20日。' },
    },
  })
})

test('大同 with insurance type and hospital level gets the table ratio', () => {
  const result = preview({
    policyId: 'datong',
    category: 'other_temporary',
    destination: { provinceCode: '140000', cityCode: '140100' },
    startDate: TODAY,
    insuranceType: 'resident',
    hospitalLevel: 'grade3a',
  })
  expect(result).toMatchObject({ ok: true, value: { benefit: { kind: 'ratio', percent: 45 } } })
})

test('the 15 working days skip 国庆 (2026-09-28 filing → 2026-10-23)', () => {
  const result = preview({ policyId: 'liaoning-provincial', category: 'resettled_retiree', destination: { provinceCode: '310000' }, startDate: '2026-09-28' }, '2026-09-28')
  expect(result).toMatchObject({ ok: true, value: { serviceOpensBy: { date: '2026-10-23', estimated: false } } })
})

test('a count running into 2027 is flagged as estimated (no 2027 holiday notice yet)', () => {
  const result = preview({ policyId: 'liaoning-provincial', category: 'resettled_retiree', destination: { provinceCode: '310000' }, startDate: '2026-12-20' }, '2026-12-20')
  expect(result).toMatchObject({ ok: true, value: { serviceOpensBy: { estimated: true } } })
})

test('problems come back as field issues', () => {
  expect(preview({ policyId: 'dazhou', category: 'referral', destination: { provinceCode: '510000', cityCode: '511700' }, startDate: '2027-06-01' })).toEqual({
    ok: false,
    issues: [
      { path: 'destination.cityCode', message: '在达州市内就医不属于异地就医，无需备案。请选择达州市以外的就医地。' },
      { path: 'startDate', message: '开始日期最晚可选2027年2月20日，请在临近出发时再办理' },
    ],
  })
})

test('a category that needs no filing says so', () => {
  expect(preview({ policyId: 'jining', category: 'emergency', destination: { provinceCode: '110000' }, startDate: TODAY })).toMatchObject({
    ok: false,
    issues: [{ path: 'category', message: expect.stringMatching(/视同已备案/) }],
  })
})

test('the preview names the scope, and for a referral what the person must check (001 四(五)) or who handles it (003)', () => {
  const dazhou = preview({ policyId: 'dazhou', category: 'referral', destination: { provinceCode: '510000', cityCode: '510100' }, startDate: TODAY })
  expect(dazhou).toMatchObject({ ok: true, value: { scope: 'in_province', referral: { checkList: expect.stringMatching(/名单内/), hospitalHandles: null } } })
  const datong = preview({ policyId: 'datong', category: 'referral', destination: { provinceCode: '110000' }, startDate: TODAY })
  expect(datong).toMatchObject({ ok: true, value: { scope: 'cross_province', referral: { checkList: null, hospitalHandles: { source: '003' } } } })
})

test('22号 caps are shown for cross-province stays only (山西 in the province: its own rules)', () => {
  const inProvince = preview({ policyId: 'shanxi-provincial', category: 'referral', destination: { provinceCode: '140000', cityCode: '140200' }, startDate: TODAY })
  expect(inProvince).toMatchObject({ ok: true, value: { benefit: { kind: 'not_published', text: expect.stringMatching(/国家跨省规定的下调上限不适用/) } } })
  const crossProvince = preview({ policyId: 'shanxi-provincial', category: 'referral', destination: { provinceCode: '110000' }, startDate: TODAY })
  expect(crossProvince).toMatchObject({ ok: true, value: { benefit: { kind: 'max_reduction', points: 10 } } })
})

test.each([
  // 济宁: late filing at most 5 days back (004 四(二)).
  ['jining', 'long_term_resident', '补办的，开始日期最早可选2026年11月17日（今天往前5天），最晚可选2027年2月20日。'],
  // 山西省直: a stay already under way may be filed before discharge (000 二(三)).
  ['shanxi-provincial', 'referral', '已经住院的，开始日期选入院那天（出院结算前补办，也能直接结算；最早可选2025年11月22日）；开始日期最晚可选2027年2月20日。'],
])('%s %s: the start-date window in words', (policyId, category, words) => {
  const result = preview({ policyId, category, destination: { provinceCode: '110000' }, startDate: TODAY })
  expect(result).toMatchObject({ ok: true, value: { startWindow: { description: words } } })
})
