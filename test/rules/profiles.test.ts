// Every profile as data: it passes the schema, and each rule says what its seed says.
import {
  CATEGORY_CODES,
  NATIONAL_FRAME,
  policyProfileSchema,
  profiles,
  type Category,
  type FiledCategoryRule,
  type PolicyProfile,
} from '../../src/rules'
import { profile } from './fixtures'

const filed = (p: PolicyProfile, category: Category): FiledCategoryRule => {
  const rule = p.categories[category]
  if (rule.filing !== 'required') throw new Error(`${p.id}/${category} is not filed`)
  return rule
}

test('six profiles: the national default and the five seed regions', () => {
  expect(profiles.map((p) => p.id)).toEqual(['shanxi-provincial', 'dazhou', 'liaoning-provincial', 'datong', 'jining', 'national'])
})

// Profiles are not parsed when the rules load (src/rules/profiles/index.ts): this is their check. The
// parse must also give back the very object, so nothing the schema would strip, default or transform
// is in the runtime data.
test.each(profiles.map((p) => [p.id, p] as const))('%s passes the profile schema unchanged', (_id, p) => {
  expect(policyProfileSchema.parse(p)).toStrictEqual(p)
})

describe('the schema refuses profiles that break the rules they claim to follow', () => {
  const base = profile('dazhou')
  const withCategory = (category: Category, patch: Partial<FiledCategoryRule>) => ({
    ...base,
    categories: { ...base.categories, [category]: { ...filed(base, category), ...patch } },
  })

  test('a temporary validity under 6 months (医保发〔2022〕22号: at least 6)', () => {
    const result = policyProfileSchema.safeParse(withCategory('referral', { validity: { kind: 'months', months: 3, source: 'x' } }))
    expect(result.success).toBe(false)
  })

  test('a long-term lock over 6 months (医保发〔2022〕22号: at most 6)', () => {
    const lock = { kind: 'months', months: 12, from: 'filed', onlyAfterExpensesAtDestination: false, restartsOnChange: true, source: 'x' } as const
    expect(policyProfileSchema.safeParse(withCategory('resident_worker', { cancel: lock })).success).toBe(false)
    // 辽宁 2017 predates the national notice: the same 12-month lock is valid there.
    const liaoning = profile('liaoning-provincial')
    expect(filed(liaoning, 'resettled_retiree').change.lock).toMatchObject({ kind: 'months', months: 12 })
  })

  test('a reduction for other temporary patients beyond 20 points', () => {
    const benefits = base.benefits
    if (benefits.kind !== 'adjustments') throw new Error('达州 publishes adjustments')
    const deeper = { ...benefits, rules: [{ categories: ['other_temporary'], scope: 'any', points: -25 }] }
    expect(policyProfileSchema.safeParse({ ...base, benefits: deeper }).success).toBe(false)
  })

  test('a 22号 cap declared for in-province stays (22号 governs cross-province only)', () => {
    const shanxi = profile('shanxi-provincial')
    if (shanxi.benefits.kind !== 'caps') throw new Error('山西 follows the national caps')
    const inProvince = { ...shanxi.benefits, rules: [{ categories: ['referral'], scope: 'in_province', maxReduction: 10 }] }
    expect(policyProfileSchema.safeParse({ ...shanxi, benefits: inProvince }).success).toBe(false)
  })

  test('a scope that says neither whether it is served nor what a stay there gets', () => {
    const scopes = { ...base.scopes, in_province: { served: true, source: 'x' } }
    expect(policyProfileSchema.safeParse({ ...base, scopes }).success).toBe(false)
  })

  test('a care rule with a single case (a "depends" needs at least two)', () => {
    const care = { ...base.care, outpatient: { kind: 'cases', cases: [{ when: '职工', outcome: 'ask', message: 'x' }], source: 'x' } }
    expect(policyProfileSchema.safeParse({ ...base, care }).success).toBe(false)
  })

  test('a guide item on an unknown topic', () => {
    const guide = [{ topic: 'parking', title: 'x', text: 'x', categories: null, places: ['home'], source: 'x' }]
    expect(policyProfileSchema.safeParse({ ...base, guide }).success).toBe(false)
  })

  test('an unknown material kind', () => {
    expect(
      policyProfileSchema.safeParse(withCategory('referral', { materials: [{ kind: 'photo' as never }] })).success,
    ).toBe(false)
  })
})

describe('emergencies (急诊抢救): each seed in its own words', () => {
  test.each([
    ['dazhou', 'required', '001 二: 急诊抢救人员 办理备案后 直接结算'],
    ['shanxi-provincial', 'not_needed', '000 三(一)1: 未办理备案的视同已备案'],
    ['jining', 'not_needed', '004 五(一): 未办理备案的视同已备案'],
    ['liaoning-provincial', 'not_needed', 'seed silent; 22号 cross-province frame (the only scope it serves)'],
    ['datong', 'not_available', 'seed silent: nothing to file, the answer says whom to ask'],
    ['national', 'not_needed', '22号 cross-province frame'],
  ] as const)('%s: filing %s (%s)', (id, filing, _reason) => {
    expect(profile(id).categories.emergency.filing).toBe(filing)
  })

  test('达州 emergency filings are temporary: 6 months, no materials named (001 四(一))', () => {
    const rule = filed(profile('dazhou'), 'emergency')
    expect(rule.validity).toMatchObject({ kind: 'months', months: 6 })
    expect(rule.materials).toEqual([])
  })
})

describe('scopes: which off-site stays each profile serves', () => {
  test.each([
    ['shanxi-provincial', true, true, '000 一(二)2、二(三) 省内外'],
    ['dazhou', true, true, '001 三(一)1 跨省和省内'],
    ['liaoning-provincial', false, true, '002 第二条 跨省住院 only'],
    ['datong', true, true, '003 省内、跨省比例'],
    ['jining', true, true, '004 names no scope'],
    ['national', false, true, '22号 governs cross-province only'],
  ] as const)('%s: in province %s, cross province %s (%s)', (id, inProvince, crossProvince, _reason) => {
    expect(profile(id).scopes.in_province.served).toBe(inProvince)
    expect(profile(id).scopes.cross_province.served).toBe(crossProvince)
  })

  test.each(profiles.map((p) => [p.id, p] as const))('%s: every rule from 22号 is marked as the national frame', (_id, p) => {
    const sources = JSON.stringify(p).match(/"source":"[^"]*"/g) ?? []
    for (const source of sources.filter((text) => text.includes('22号'))) expect(source).toContain(NATIONAL_FRAME)
  })

  test.each(profiles.map((p) => [p.id, p] as const))('%s: every reading names its topic and source', (_id, p) => {
    expect(p.readings.length).toBeGreaterThan(0)
    for (const reading of p.readings) expect(reading.source.length).toBeGreaterThan(0)
  })
})

test.each(profiles.map((p) => [p.id, p] as const))('%s: every category has help text for "which one am I?"', (_id, p) => {
  for (const code of CATEGORY_CODES) expect(p.categories[code].help.length).toBeGreaterThan(5)
})

describe('who files, and who need not (each row names its seed section)', () => {
  test.each([
    ['shanxi-provincial', 'other_temporary', 'not_needed', '000 一(二)2: 取消非急诊且未转诊人员备案'],
    ['shanxi-provincial', 'referral', 'required', '000 一(二)1'],
    ['dazhou', 'other_temporary', 'required', '001 二: 其他临时外出就医人员'],
    ['liaoning-provincial', 'other_temporary', 'not_available', '002 第八条: four categories only'],
    ['liaoning-provincial', 'resident_worker', 'required', '002 第八条(三)'],
    ['datong', 'other_temporary', 'required', '003: 非急未转 自助备案'],
    ['jining', 'other_temporary', 'required', '004 四(一)'],
    ['national', 'long_term_resident', 'required', 'POLICY.md'],
  ] as const)('%s / %s → %s (%s)', (id, category, expected, _reason) => {
    expect(profile(id).categories[category].filing).toBe(expected)
  })
})

describe('validity of a filing (POLICY.md "Validity")', () => {
  test.each([
    ['shanxi-provincial', 'resettled_retiree', { kind: 'open_ended' }, '000 二(一) 长期有效'],
    ['shanxi-provincial', 'referral', { kind: 'months', months: 6 }, '000 二(二) 有效期为6个月'],
    ['dazhou', 'long_term_resident', { kind: 'open_ended' }, '001 四(一) 一次备案、长期有效'],
    ['dazhou', 'referral', { kind: 'months', months: 6 }, '001 四(一) 一次备案、半年有效'],
    ['dazhou', 'other_temporary', { kind: 'months', months: 6 }, '001 四(一)'],
    ['liaoning-provincial', 'resident_worker', { kind: 'open_ended' }, '002'],
    ['liaoning-provincial', 'referral', { kind: 'single_settlement' }, '002 第十六条 一次转诊备案对应一次就医结算'],
    ['datong', 'referral', { kind: 'months', months: 6 }, '003 备案时效为6个月'],
    ['datong', 'other_temporary', { kind: 'months', months: 6 }, '003 非急未转 备案时效也为6个月'],
    ['jining', 'resettled_retiree', { kind: 'open_ended' }, '004 四(一) 不设终止日期'],
    ['jining', 'referral', { kind: 'open_ended' }, '004 四(一) 临时外出就医人员备案不再设置有效期'],
    ['jining', 'other_temporary', { kind: 'open_ended' }, '004 四(一)'],
    ['national', 'referral', { kind: 'months', months: 6 }, '医保发〔2022〕22号'],
  ] as const)('%s / %s → %o (%s)', (id, category, expected, _reason) => {
    expect(filed(profile(id), category).validity).toMatchObject(expected)
  })
})

describe('change and cancel locks (POLICY.md "Change and cancel")', () => {
  test.each([
    ['shanxi-provincial', 'resident_worker', { kind: 'none' }, { kind: 'none' }, '000 二(一) 不设置取消、变更备案时限'],
    ['dazhou', 'resettled_retiree', { kind: 'months', months: 6, from: 'effective' }, { kind: 'none' }, '001 四(三)1 生效后6个月内不得申请变更'],
    ['dazhou', 'referral', { kind: 'none' }, { kind: 'none' }, '001 四(三)2 凭转诊证明可实时变更'],
    ['dazhou', 'emergency', { kind: 'none' }, { kind: 'none' }, '001 四(三)2 临时外出就医人员'],
    ['liaoning-provincial', 'resettled_retiree', { kind: 'months', months: 12, from: 'filed' }, { kind: 'none' }, '002 第十二条 登记备案后一年内'],
    ['liaoning-provincial', 'long_term_resident', { kind: 'months', months: 12, from: 'filed' }, { kind: 'none' }, '002 第十二条'],
    ['liaoning-provincial', 'resident_worker', { kind: 'months', months: 6, from: 'filed' }, { kind: 'none' }, '002 第十二条 6个月内'],
    ['liaoning-provincial', 'referral', { kind: 'refile' }, { kind: 'none' }, '002 第十三条(三) 重新申请'],
    [
      'jining',
      'long_term_resident',
      { kind: 'months', months: 6, from: 'effective', onlyAfterExpensesAtDestination: true },
      { kind: 'months', months: 6, from: 'effective', onlyAfterExpensesAtDestination: true },
      '004 四(一) 发生医疗费用后 6 个月',
    ],
    ['datong', 'resident_worker', { kind: 'none' }, { kind: 'none' }, '003 sets none'],
  ] as const)('%s / %s: change %o, cancel %o (%s)', (id, category, change, cancel, _reason) => {
    const rule = filed(profile(id), category)
    expect(rule.change.lock).toMatchObject(change)
    expect(rule.cancel).toMatchObject(cancel)
  })

  test('达州: a new resettlement place or employer lifts the lock with proof (001 四(三)1)', () => {
    const exceptions = filed(profile('dazhou'), 'resident_worker').change.exceptions
    expect(exceptions.map((e) => [e.code, e.proof])).toEqual([
      ['resettlement_place_changed', ['hukou']],
      ['employer_changed', ['employer_certificate']],
    ])
  })

  test.each(['resettled_retiree', 'long_term_resident', 'resident_worker', 'referral', 'emergency', 'other_temporary'] as const)(
    '达州 / %s: a change of insurance type goes through at once with proof (001 四(三))',
    (category) => {
      expect(filed(profile('dazhou'), category).change.insuranceType).toEqual({ kind: 'at_once', proof: ['insurance_change_proof'], source: '001 四(三)' })
    },
  )

  test.each([
    ['dazhou', 'resident_worker'],
    ['liaoning-provincial', 'resettled_retiree'],
    ['jining', 'long_term_resident'],
  ] as const)('%s / %s: a 备案变更 restarts the lock (a reading, listed in the profile)', (id, category) => {
    expect(filed(profile(id), category).change.lock).toMatchObject({ kind: 'months', restartsOnChange: true })
    expect(profile(id).readings.some((reading) => reading.topic.includes('变更后') || reading.topic.includes('6个月从哪天算'))).toBe(true)
  })

  test('达州: a temporary filing changes at once with a referral certificate (001 四(三)2)', () => {
    expect(filed(profile('dazhou'), 'referral').change.proof).toEqual(['referral_certificate'])
  })
})

describe('late filing, review and service opening', () => {
  test.each([
    ['jining', 'resident_worker', 5, '004 四(二) 最多可往前提前5日'],
    ['jining', 'referral', null, '004 四(二) 临时外出 不受限制'],
    ['shanxi-provincial', 'resettled_retiree', null, '000 二(三) 出院结算前补办'],
    ['dazhou', 'referral', null, '001 四(二)'],
  ] as const)('%s / %s: start at most %s days back (%s)', (id, category, days, _reason) => {
    expect(filed(profile(id), category).lateFiling.maxDaysBack).toBe(days)
  })

  test('辽宁 long-term filings pass 初审 → 复核 → 审批 and open within 15 working days (002 第十二条, 附表1)', () => {
    for (const category of ['resettled_retiree', 'long_term_resident', 'resident_worker'] as const) {
      const rule = filed(profile('liaoning-provincial'), category)
      expect(rule.review).toMatchObject({ kind: 'staged', stages: [{ label: '初审' }, { label: '复核' }, { label: '审批' }] })
      expect(rule.serviceOpening).toMatchObject({ kind: 'working_days', days: 15 })
    }
    const referral = filed(profile('liaoning-provincial'), 'referral')
    expect(referral.serviceOpening).toEqual({ kind: 'immediate' }) // 即时开通异地转诊人员
  })

  test.each(profiles.filter((p) => p.id !== 'liaoning-provincial').map((p) => [p.id, p] as const))(
    '%s files instantly',
    (_id, p) => {
      for (const code of CATEGORY_CODES) {
        const rule = p.categories[code]
        if (rule.filing === 'required') expect(rule.review.kind).toBe('instant')
      }
    },
  )
})

describe('materials and the commitment (承诺制)', () => {
  test.each([
    ['shanxi-provincial', 'resettled_retiree', ['hukou'], true, '000 一(一), 附件1'],
    ['shanxi-provincial', 'long_term_resident', ['residence_proof'], true, '000 附件1'],
    ['shanxi-provincial', 'resident_worker', ['employer_certificate'], true, '000 附件1'],
    ['shanxi-provincial', 'referral', ['referral_certificate'], true, '000 附件1'],
    ['liaoning-provincial', 'resettled_retiree', ['hukou', 'direct_settlement_form', 'direct_settlement_request'], false, '002 第九条'],
    ['liaoning-provincial', 'referral', ['referral_certificate'], false, '002 第十条'],
    ['datong', 'other_temporary', [], false, '003 免备案材料'],
    ['jining', 'resident_worker', ['employer_certificate'], true, '004 四(一) 全面实行承诺制'],
  ] as const)('%s / %s: materials %o, commitment %s (%s)', (id, category, kinds, commitment, _reason) => {
    const rule = filed(profile(id), category)
    expect(rule.materials.map((m) => m.kind)).toEqual(kinds)
    expect(rule.commitmentAllowed).toBe(commitment)
  })

  test('辽宁 long-term residents meet one of four conditions (002 第八条(二))', () => {
    expect(filed(profile('liaoning-provincial'), 'long_term_resident').conditions).toHaveLength(4)
  })

  test('the commitment text is seed 000 附件1, word for word', () => {
    const { commitment } = profile('national')
    expect(commitment.notice[0]).toBe('异地安置退休人员：能够提供就医地户口本（首页和本人页）。')
    expect(commitment.pledge).toMatch(/^本人申请办理异地就医备案业务，已阅读并知晓《备案告知书》所述内容/)
    expect(commitment.pledge).toMatch(/由此产生的一切经济损失和法律责任均由本人承担。$/)
    expect(profile('shanxi-provincial').commitment.title).toBe('山西省省直单位异地就医备案个人承诺书')
  })
})

describe('where a profile files to', () => {
  test.each([
    ['shanxi-provincial', '140100'],
    ['dazhou', '511700'],
    ['liaoning-provincial', '210100'],
    ['datong', '140200'],
    ['jining', '370800'],
  ] as const)('%s pools at %s', (id, pool) => {
    expect(profile(id).insuredRegion?.poolingArea).toBe(pool)
  })

  test('the national default asks the person for their 参保地', () => {
    expect(profile('national').insuredRegion).toBeNull()
  })
})

describe('referral certificates (POLICY.md "Referral certificates")', () => {
  test('山西: provincial tier-3A hospitals; a long-term resident\'s local grade-2 hospital (000 一(二)1)', () => {
    expect(profile('shanxi-provincial').referral.issuers.map((i) => [i.minLevel, i.forLongTermFilers])).toEqual([
      ['grade3a', false],
      ['grade2c', true],
    ])
    expect(profile('shanxi-provincial').referral.continuingRefile).toBe(true) // 000 二(二)
  })
  test('达州: grade 2A and above, on the list the agencies publish yearly (001 四(五))', () => {
    const [issuer] = profile('dazhou').referral.issuers
    expect(issuer.minLevel).toBe('grade2a')
    expect(issuer.designated?.publishedBy).toMatch(/每年公布/)
  })
  test('大同 and 山西 (tier-3A): the hospital\'s 医保科 takes the referral through (003, 000 一(二)1)', () => {
    expect(profile('datong').referral.issuers[0].handledBy).toMatchObject({ kind: 'hospital', message: expect.stringMatching(/医院医保科/) })
    expect(profile('shanxi-provincial').referral.issuers.map((issuer) => issuer.handledBy.kind)).toEqual(['hospital', 'person'])
  })
  test('辽宁: the certificate names the one treating hospital (002 第十六条)', () => {
    expect(profile('liaoning-provincial').referral.namesTreatingHospital).toBe(true)
  })
})
