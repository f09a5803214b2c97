// The benefit preview: published ratios (大同), adjustments (达州), national caps, or "not published".
import { previewBenefit, type BenefitQuestion } from '../../src/rules'
import { profile } from './fixtures'

const ask = (id: string, question: BenefitQuestion) => previewBenefit(profile(id).benefits, question)

describe('大同: the published fund share of inpatient costs (003)', () => {
  test.each([
    ['employee', true, undefined, 'resettled_retiree', 80],
    ['employee', true, undefined, 'referral', 80],
    ['employee', true, undefined, 'other_temporary', 65],
    ['resident', true, 'grade3a', 'long_term_resident', 60],
    ['resident', true, 'grade3a', 'referral', 60],
    ['resident', true, 'grade3a', 'other_temporary', 45],
    ['resident', true, 'grade2b', 'long_term_resident', 85],
    ['resident', true, 'grade1', 'referral', 85],
    ['resident', true, 'ungraded', 'other_temporary', 70],
    ['employee', false, undefined, 'resident_worker', 80],
    ['employee', false, undefined, 'referral', 70],
    ['employee', false, undefined, 'other_temporary', 55],
    ['resident', false, undefined, 'long_term_resident', 55],
    ['resident', false, undefined, 'referral', 55],
    ['resident', false, undefined, 'other_temporary', 40],
  ] as const)('%s, in province %s, hospital %s, %s → %i%%', (insuranceType, inProvince, hospitalLevel, category, percent) => {
    expect(ask('datong', { insuranceType, inProvince, hospitalLevel, category })).toMatchObject({ kind: 'ratio', percent })
  })

  test('the text says who and how much', () => {
    expect(ask('datong', { insuranceType: 'employee', inProvince: false, category: 'referral' }).text).toBe(
      '职工基本医疗保险跨省就医的异地转诊就医人员，统筹基金支付比例为70%。',
    )
  })

  test.each([
    [{ insuranceType: 'resident', inProvince: true, hospitalLevel: 'grade2a', category: 'referral' }, /在二级甲等医院的支付比例未公布/],
    [{ insuranceType: 'resident', inProvince: false, category: 'resettled_retiree' }, /支付比例未公布/],
    [{ insuranceType: 'employee', inProvince: false, category: 'emergency' }, /支付比例未公布/],
    [{ inProvince: true, category: 'referral' }, /请选择参保险种/],
    [{ insuranceType: 'resident', inProvince: true, category: 'referral' }, /请选择医院等级/],
  ] as const)('%o → not published: %s', (question, text) => {
    expect(ask('datong', question as BenefitQuestion)).toMatchObject({ kind: 'not_published', text: expect.stringMatching(text) })
  })
})

describe('达州: points from the local ratio (001 三(二))', () => {
  test.each([
    ['resettled_retiree', false, 0],
    ['emergency', false, 0],
    ['referral', true, 0],
    ['referral', false, -10],
    ['other_temporary', true, -20],
  ] as const)('%s, in province %s → %i points', (category, inProvince, points) => {
    expect(ask('dazhou', { category, inProvince })).toMatchObject({ kind: 'adjustment', points })
  })

  test('the text names the base', () => {
    expect(ask('dazhou', { category: 'referral', inProvince: false }).text).toBe('在达州市本地住院就医支付比例基础上降低10个百分点。')
  })
})

describe('national caps: "at most" reductions', () => {
  test.each([
    ['national', 'referral', 10],
    ['national', 'emergency', 10],
    ['national', 'other_temporary', 20],
    ['jining', 'other_temporary', 20],
  ] as const)('%s / %s → at most %i points lower', (id, category, points) => {
    expect(ask(id, { category, inProvince: false })).toMatchObject({ kind: 'max_reduction', points })
  })

  test('long-term residents are not reduced by the national rules', () => {
    expect(ask('national', { category: 'resident_worker', inProvince: false }).kind).toBe('not_published')
  })
})

test('辽宁 publishes no ratio (002 第二十条)', () => {
  expect(ask('liaoning-provincial', { category: 'resident_worker', inProvince: false })).toMatchObject({
    kind: 'not_published',
    notes: ['起付标准、支付比例、最高支付限额执行省直基本医疗保险政策，本规程未公布具体比例。'],
  })
})

describe('the notes beside the benefit speak only of the filer\'s category (issue 16 item 12)', () => {
  test('大同: the 15-point cut for 非急诊未转院 goes to other temporary filers, not to a retiree or a referral', () => {
    const cut = '非急诊未办理转院证明的，按备案转诊比例再下调15个百分点。'
    const forCategory = (category: BenefitQuestion['category']) =>
      ask('datong', { category, inProvince: true, insuranceType: 'employee' }).notes
    expect(forCategory('other_temporary')).toContain(cut)
    expect(forCategory('resettled_retiree')).not.toContain(cut)
    expect(forCategory('referral')).not.toContain(cut)
    // The note for everyone stays for everyone.
    expect(forCategory('resettled_retiree')).toHaveLength(1)
  })

  test('达州: the long-term notes (001 三(二)5、8) for long-term filers only; a referral gets none of them', () => {
    expect(ask('dazhou', { category: 'resettled_retiree', inProvince: false }).notes).toHaveLength(2)
    expect(ask('dazhou', { category: 'referral', inProvince: false }).notes).toEqual([])
  })

  test('济宁: the unfiled-emergency note only for emergencies', () => {
    expect(ask('jining', { category: 'emergency', inProvince: false }).notes).toContain('急诊抢救未备案的，按临时外出就医人员待遇标准直接结算。')
    expect(ask('jining', { category: 'resettled_retiree', inProvince: false }).notes).not.toContain('急诊抢救未备案的，按临时外出就医人员待遇标准直接结算。')
  })
})
