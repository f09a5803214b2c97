// checkCoverage: "住院能直接结算吗?" — placed first (home, 省内, 跨省), then the profile's rules, with
// the dates a person would use. Each row names the seed section it rests on.
import {
  CARE_KINDS,
  checkCoverage,
  findProfile,
  type CareKind,
  type CoverageAnswer,
  type FilingFacts,
  type StayQuestion,
  type StayScope,
} from '../../src/rules'
import { TODAY, filing, profile } from './fixtures'

function ask(stay: StayQuestion, filings: FilingFacts[], policyId = 'dazhou', today = TODAY, insuredRegionCode?: string): CoverageAnswer {
  const result = checkCoverage({ stay, filings, profile: profile(policyId), insuredRegionCode, profileOf: (f) => findProfile(f.policyId)!, today })
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.value
}

const shenzhen = { provinceCode: '440000', cityCode: '440300' }
const chengdu = { provinceCode: '510000', cityCode: '510100' }
const dazhouCity = { provinceCode: '510000', cityCode: '511700' }
const referral = filing({ id: 'R1', category: 'referral', startDate: '2026-05-10', validUntil: '2026-11-10', filedOn: '2026-05-10' })

describe('the rows of the issue, as a person would ask them', () => {
  test('达州 long-term resident filed to 成都, admitted back home in 达州: settles there under 达州 policy, nothing to file (001 三(二)8)', () => {
    const toChengdu = filing({ destination: { ...chengdu, areaCode: '510100' } })
    const answer = ask({ admissionDate: '2026-11-20', destination: dazhouCity }, [toChengdu])
    expect(answer).toMatchObject({ verdict: 'direct', covered: true, reason: 'home', scope: 'home', next: 'none', source: '001 三(二)8' })
    expect(answer.message).toMatch(/执行达州市就医医保待遇支付政策/)
  })

  test('山西省省直, no filing, a stay in 太原: not an off-site stay at all — not the reduced 非急未转 rate', () => {
    const answer = ask({ admissionDate: '2026-11-20', destination: { provinceCode: '140000', cityCode: '140100' } }, [], 'shanxi-provincial')
    expect(answer).toMatchObject({ verdict: 'direct', reason: 'home', scope: 'home' })
    expect(answer.message).not.toMatch(/非急诊且未转诊/)
  })

  test('达州 temporary filing made 2025-06-01 with start 2025-01-05; stay 2025-01-10 → 01-20, self-paid: manual reimbursement (001 四(二))', () => {
    const late = filing({ category: 'other_temporary', startDate: '2025-01-05', validUntil: '2025-07-05', filedOn: '2025-06-01', effectiveOn: '2025-01-05' })
    const answer = ask({ admissionDate: '2025-01-10', dischargeDate: '2025-01-20', destination: shenzhen }, [late], 'dazhou', '2025-06-02')
    expect(answer).toMatchObject({ verdict: 'not_direct', reason: 'settled_before_filing', next: 'manual_reimbursement', filingId: 'F1', source: '001 四(二)、三(一)2' })
    expect(answer.message).toMatch(/不管备案的开始日期是哪天/)
    expect(answer.nextText).toMatch(/手工报销/)
  })

  test('辽宁省省直, an emergency stay in 大连 (in the province): outside the cross-province scheme, 原渠道 (002 第二条)', () => {
    const answer = ask({ admissionDate: '2026-11-20', destination: { provinceCode: '210000', cityCode: '210200' }, emergency: true }, [], 'liaoning-provincial')
    expect(answer).toMatchObject({ verdict: 'not_direct', reason: 'outside_scheme', scope: 'in_province', next: 'other_channel' })
    expect(answer.message).toMatch(/只适用于跨省住院/)
    expect(answer.source).toMatch(/002 第二条/)
  })

  test('辽宁 referral: a stay at another hospital than the one the filing names is not covered (002 第十六条)', () => {
    const named = filing({ policyId: 'liaoning-provincial', category: 'referral', startDate: '2026-11-01', validUntil: null, treatingHospitalName: '北京协和医院', destination: { provinceCode: '110000', areaCode: '110000' } })
    const beijing = { provinceCode: '110000' }
    expect(ask({ admissionDate: '2026-11-03', destination: beijing, hospitalName: '北京大学第一医院' }, [named], 'liaoning-provincial')).toMatchObject({
      verdict: 'not_direct',
      reason: 'other_hospital',
      message: expect.stringContaining('只对应转往的北京协和医院'),
    })
    expect(ask({ admissionDate: '2026-11-03', destination: beijing, hospitalName: '北京协和医院' }, [named], 'liaoning-provincial')).toMatchObject({ verdict: 'direct', filingId: 'F1' })
    // Without a hospital name: covered, and the answer says where.
    expect(ask({ admissionDate: '2026-11-03', destination: beijing }, [named], 'liaoning-provincial').message).toMatch(/只在转诊备案对应的北京协和医院直接结算/)
  })
})

describe('a filing covers a stay', () => {
  test('a long-term filing covers a stay in its city', () => {
    expect(ask({ admissionDate: '2026-11-01', destination: shenzhen }, [filing()])).toMatchObject({ verdict: 'direct', reason: 'filing', filingId: 'F1', scope: 'cross_province' })
  })

  test('admitted on the last valid day and discharged after it: still covered (001 四(一))', () => {
    const answer = ask({ admissionDate: '2026-11-10', dischargeDate: '2026-11-20', destination: shenzhen }, [referral])
    expect(answer).toMatchObject({ verdict: 'direct', filingId: 'R1', source: '001 二、四(一)、四(三)2' })
    expect(answer.message).toBe(
      '可以直接结算：这次住院在您的备案范围内。入院时在备案有效期内，出院晚于有效期（2026年11月10日）的，也按有效期内直接结算。',
    )
  })

  test('a province-level filing covers every city in it', () => {
    const beijing = filing({ destination: { provinceCode: '110000', areaCode: '110000' } })
    expect(ask({ admissionDate: '2026-11-01', destination: { provinceCode: '110000', cityCode: '110108' } }, [beijing]).covered).toBe(true)
  })

  test('filed on the day of discharge: covered, with the caveat that a filing after settlement is claimed by hand', () => {
    const sameDay = filing({ filedOn: '2026-11-20' })
    expect(ask({ admissionDate: '2026-11-15', dischargeDate: '2026-11-20', destination: shenzhen }, [sameDay]).message).toMatch(/结算之后办的请申请手工报销/)
  })
})

describe('a filing that does not cover the stay says why, and what to do', () => {
  test('admitted the day after validity ended, still in hospital → file now', () => {
    expect(ask({ admissionDate: '2026-11-11', destination: shenzhen }, [referral])).toMatchObject({
      verdict: 'not_direct',
      reason: 'expired',
      message: '您的备案已于2026年11月10日到期，入院日期不在有效期内。出院结算前补办异地就医备案的，就医地联网定点医疗机构为您直接结算。',
      next: 'file_now',
      nextText: '还没出院结算的，现在办理（补办）备案，出院时就能直接结算。',
    })
  })

  test('discharged and settled before today → manual reimbursement (001 四(二))', () => {
    expect(ask({ admissionDate: '2026-11-12', dischargeDate: '2026-11-20', destination: shenzhen }, [referral])).toMatchObject({
      verdict: 'not_direct',
      next: 'manual_reimbursement',
      nextText: expect.stringMatching(/申请医保手工报销/),
    })
  })

  test('discharged today: not settled yet, so filing now still helps', () => {
    expect(ask({ admissionDate: '2026-11-12', dischargeDate: TODAY, destination: shenzhen }, [referral])).toMatchObject({ next: 'file_now' })
  })

  test('a stay in another city', () => {
    expect(ask({ admissionDate: '2026-11-01', destination: { provinceCode: '440000', cityCode: '440100' } }, [filing()])).toMatchObject({
      verdict: 'not_direct',
      reason: 'no_filing',
      message: expect.stringMatching(/^您的备案地是广东省深圳市，这次住院的地方不在备案范围内。/),
    })
  })

  test('admitted before the filing started', () => {
    expect(ask({ admissionDate: '2026-01-05', destination: shenzhen }, [filing()])).toMatchObject({ reason: 'not_started' })
  })

  describe('a stay before a filing\'s start: move the start or refile, never "file now" (issue 16 item 1)', () => {
    const future = filing({ startDate: '2027-03-05', effectiveOn: '2027-03-05', filedOn: '2026-11-20' })

    test('not started yet: change the start date to the admission day, or cancel and refile', () => {
      const answer = ask({ admissionDate: '2026-11-21', destination: shenzhen }, [future])
      expect(answer).toMatchObject({ verdict: 'not_direct', reason: 'not_started', next: 'change_start_date', filingId: 'F1' })
      expect(answer.message).toBe('入院日期早于备案开始日期2027年3月5日。')
      expect(answer.nextText).toContain('生效前可以变更开始日期')
      expect(answer.nextText).toContain('改到入院那天（2026年11月21日）或更早')
      expect(answer.nextText).toContain('取消这份备案')
    })

    test('济宁 long-term: an admission further back than the 5-day window says the start cannot reach it', () => {
      const jining = filing({ policyId: 'jining', startDate: '2027-03-05', effectiveOn: '2027-03-05' })
      const answer = ask({ admissionDate: '2026-11-01', destination: shenzhen }, [jining], 'jining')
      expect(answer).toMatchObject({ next: 'change_start_date' })
      expect(answer.nextText).toContain('最早只能改到2026年11月17日')
    })

    test('already started (admitted before its start): the start is fixed, cancel and refile', () => {
      const answer = ask({ admissionDate: '2026-01-05', destination: shenzhen }, [filing()])
      expect(answer).toMatchObject({ reason: 'not_started', next: 'cancel_and_refile', filingId: 'F1' })
      expect(answer.nextText).toContain('开始日期不能再变更')
    })

    test('a stay already discharged and settled: manual reimbursement, as before', () => {
      const answer = ask({ admissionDate: '2026-11-01', dischargeDate: '2026-11-10', destination: shenzhen }, [future])
      expect(answer).toMatchObject({ next: 'manual_reimbursement' })
    })
  })

  test('a filing still under review: wait for approval', () => {
    expect(ask({ admissionDate: '2026-11-01', destination: shenzhen }, [filing({ status: 'pending_review' })])).toMatchObject({ reason: 'pending_review', next: 'none' })
  })

  test('cancelled and rejected filings count as none', () => {
    expect(ask({ admissionDate: '2026-11-01', destination: shenzhen }, [filing({ status: 'cancelled' }), filing({ status: 'rejected' })])).toMatchObject({
      reason: 'no_filing',
      message: '您还没有这个就医地的有效备案。出院结算前补办异地就医备案的，就医地联网定点医疗机构为您直接结算。',
    })
  })

  test('the most useful reason wins when several filings miss', () => {
    const elsewhere = filing({ id: 'F2', destination: { provinceCode: '110000', areaCode: '110000' } })
    expect(ask({ admissionDate: '2026-11-11', destination: shenzhen }, [elsewhere, referral])).toMatchObject({ reason: 'expired' })
  })
})

describe('辽宁 referral: one filing, one settlement (002 第十六条)', () => {
  const liaoning = filing({ policyId: 'liaoning-provincial', category: 'referral', startDate: '2026-09-01', validUntil: null, filedOn: '2026-09-01' })
  const used = { ...liaoning, stays: [{ admissionDate: '2026-09-03', dischargeDate: '2026-09-20' }] }
  test('the recorded stay itself is covered', () => {
    expect(ask({ admissionDate: '2026-09-03', destination: shenzhen }, [used], 'liaoning-provincial').covered).toBe(true)
  })
  test('a second admission needs a new referral filing; without one the employer claims (通知 三(二)2)', () => {
    expect(ask({ admissionDate: '2026-11-01', destination: shenzhen }, [used], 'liaoning-provincial')).toMatchObject({
      verdict: 'not_direct',
      reason: 'settlement_used',
      next: 'other_channel',
      nextText: expect.stringMatching(/个人先行垫付，再由参保单位向省社保局申报/),
    })
  })
})

describe('emergencies, each seed in its own words', () => {
  const unfiled = (policyId: string, destination: StayQuestion['destination'], insured?: string) =>
    ask({ admissionDate: '2026-11-20', destination, emergency: true }, [], policyId, TODAY, insured)

  test.each([
    ['dazhou', chengdu, 'in_province', 'not_direct', 'file_now', '001 二、四(二)'],
    ['dazhou', shenzhen, 'cross_province', 'direct', 'none', '医保发〔2022〕22号'],
    ['shanxi-provincial', { provinceCode: '140000', cityCode: '140200' }, 'in_province', 'direct', 'none', '000 三(一)1'],
    ['shanxi-provincial', shenzhen, 'cross_province', 'direct', 'none', '000 三(一)1'],
    ['jining', { provinceCode: '370000', cityCode: '370100' }, 'in_province', 'direct', 'none', '004 五(一)'],
    ['jining', shenzhen, 'cross_province', 'direct', 'none', '004 五(一)'],
    ['liaoning-provincial', { provinceCode: '210000', cityCode: '210200' }, 'in_province', 'not_direct', 'other_channel', '002 第二条'],
    ['liaoning-provincial', shenzhen, 'cross_province', 'direct', 'none', '医保发〔2022〕22号'],
    ['datong', { provinceCode: '140000', cityCode: '140100' }, 'in_province', 'ask', 'ask_agency', '003'],
    ['datong', shenzhen, 'cross_province', 'direct', 'none', '医保发〔2022〕22号'],
  ] as const)('%s, an unfiled emergency in %o (%s) → %s, next %s (%s)', (policyId, destination, scope, verdict, next, source) => {
    expect(unfiled(policyId, destination)).toMatchObject({ scope, verdict, next, source: expect.stringContaining(source) })
  })

  test('济宁: an unfiled emergency settles at the 临时外出就医人员 rate (004 五(一))', () => {
    expect(unfiled('jining', shenzhen).message).toMatch(/临时外出就医人员/)
  })

  test('达州: a cross-province emergency is treated as filed under 22号, and the answer says 达州 also lets you file (001 二)', () => {
    expect(unfiled('dazhou', shenzhen).message).toMatch(/按国家规定视同已备案.*补办/)
  })

  test('the national default: a cross-province emergency is treated as filed; in the province, ask', () => {
    expect(unfiled('national', { provinceCode: '310000' }, '330100')).toMatchObject({ verdict: 'direct', reason: 'emergency_as_filed' })
    expect(unfiled('national', { provinceCode: '330000', cityCode: '330200' }, '330100')).toMatchObject({ verdict: 'ask', next: 'ask_agency' })
  })

  test('大同 in the province: says what is known (instant self-service filing) and whom to ask', () => {
    expect(unfiled('datong', { provinceCode: '140000', cityCode: '140100' }).message).toMatch(/医院医保科.*山西医保/)
  })
})

describe('care other than a hospital stay', () => {
  const care = (policyId: string, kind: CareKind, destination: StayQuestion['destination'] = shenzhen, filings: FilingFacts[] = []) =>
    ask({ admissionDate: '2026-11-20', destination, care: kind }, filings, policyId, TODAY, policyId === 'national' ? '330100' : undefined)

  test('达州: ordinary outpatient care and pharmacies need no filing (001 四(四))', () => {
    expect(care('dazhou', 'outpatient')).toMatchObject({ verdict: 'direct', reason: 'care_without_filing', source: '001 四(四)、三(二)6' })
    expect(care('dazhou', 'pharmacy')).toMatchObject({ verdict: 'direct', reason: 'care_without_filing', source: '001 四(四)' })
  })

  test('达州: 门诊特殊疾病 follows the filing, as a stay does (001 二、三(一)1)', () => {
    expect(care('dazhou', 'chronic_outpatient')).toMatchObject({ verdict: 'not_direct', next: 'file_now' })
    expect(care('dazhou', 'chronic_outpatient', shenzhen, [filing()])).toMatchObject({ verdict: 'direct', reason: 'filing' })
  })

  test('辽宁: outpatient care and 门特 go through the former channel (002 第十九条)', () => {
    expect(care('liaoning-provincial', 'outpatient')).toMatchObject({ verdict: 'not_direct', reason: 'care_elsewhere', next: 'other_channel', source: '002 第二条、第十九条' })
    expect(care('liaoning-provincial', 'chronic_outpatient')).toMatchObject({ verdict: 'not_direct', source: '002 第十九条' })
  })

  test('大同: 门诊慢特病 depends on where it was assessed — direct if at 大同, manual reimbursement if at the 定居地 (003)', () => {
    expect(care('datong', 'chronic_outpatient')).toMatchObject({
      verdict: 'depends',
      cases: [
        { when: '在大同（参保地）鉴定的门诊慢特病', verdict: 'direct' },
        { when: '在定居地鉴定的门诊慢特病', verdict: 'not_direct', message: expect.stringMatching(/回大同手工报销/) },
      ],
    })
  })

  test('大同: employees use their personal account without filing; residents ask (003)', () => {
    expect(care('datong', 'outpatient').cases.map((c) => [c.when, c.verdict])).toEqual([
      ['参保职工', 'direct'],
      ['城乡居民', 'ask'],
    ])
  })

  test.each(['outpatient', 'chronic_outpatient', 'pharmacy'] as const)('山西 and 济宁 are silent on %s: ask, never a guess', (kind) => {
    expect(care('shanxi-provincial', kind)).toMatchObject({ verdict: 'ask', next: 'ask_agency' })
    expect(care('jining', kind)).toMatchObject({ verdict: 'ask', next: 'ask_agency' })
  })
})

// Every profile × scope × care kind × (filed / unfiled / expired / discharged before filing).
describe('the whole grid', () => {
  type State = 'filed' | 'unfiled' | 'expired' | 'discharged'
  const STATES: State[] = ['filed', 'unfiled', 'expired', 'discharged']

  /** A home city, a city in the insured province, and a place in another province, per profile. */
  const PLACES: Record<string, Record<StayScope, { provinceCode: string; cityCode?: string }>> = {
    dazhou: { home: dazhouCity, in_province: chengdu, cross_province: shenzhen },
    'shanxi-provincial': { home: { provinceCode: '140000', cityCode: '140100' }, in_province: { provinceCode: '140000', cityCode: '140200' }, cross_province: { provinceCode: '110000' } },
    'liaoning-provincial': { home: { provinceCode: '210000', cityCode: '210100' }, in_province: { provinceCode: '210000', cityCode: '210200' }, cross_province: { provinceCode: '110000' } },
    datong: { home: { provinceCode: '140000', cityCode: '140200' }, in_province: { provinceCode: '140000', cityCode: '140100' }, cross_province: { provinceCode: '110000' } },
    jining: { home: { provinceCode: '370000', cityCode: '370800' }, in_province: { provinceCode: '370000', cityCode: '370100' }, cross_province: { provinceCode: '310000' } },
    national: { home: { provinceCode: '330000', cityCode: '330100' }, in_province: { provinceCode: '330000', cityCode: '330200' }, cross_province: { provinceCode: '310000' } },
  }

  /** The filing a person in each state holds for a stay at `place`, admitted 2026-11-20. */
  function filingsFor(policyId: string, state: State, place: { provinceCode: string; cityCode?: string }): FilingFacts[] {
    const destination = { ...place, areaCode: place.cityCode ?? place.provinceCode }
    const base = { policyId, destination, insuredRegion: { name: '杭州市', code: '330100', poolingArea: '330100' } }
    switch (state) {
      case 'unfiled':
        return []
      case 'filed':
        return [filing({ ...base, category: 'resident_worker' })]
      case 'expired': {
        // A referral filing that ran out the day before admission (济宁's never runs out; 辽宁's serves one stay).
        const rule = profile(policyId).categories.referral
        const months = rule.filing === 'required' && rule.validity.kind === 'months'
        return [filing({ ...base, category: 'referral', startDate: '2026-05-19', validUntil: months ? '2026-11-19' : null, filedOn: '2026-05-19', stays: [{ admissionDate: '2026-06-01' }] })]
      }
      case 'discharged':
        return [filing({ ...base, category: 'resident_worker', startDate: '2026-11-20', filedOn: '2026-11-21', effectiveOn: '2026-11-20' })]
    }
  }

  const DISCHARGED = '2026-11-20'
  const answerFor = (policyId: string, scope: StayScope, care: CareKind, state: State) => {
    const place = PLACES[policyId][scope]
    const stay = { admissionDate: '2026-11-20', dischargeDate: state === 'discharged' ? DISCHARGED : null, destination: place, care }
    return ask(stay, filingsFor(policyId, state, place), policyId, TODAY, policyId === 'national' ? '330100' : undefined)
  }

  /** verdict/next for an inpatient stay in each state, per profile and off-site scope it serves. */
  const INPATIENT: Record<string, Partial<Record<StayScope, Record<State, string>>>> = {
    dazhou: {
      in_province: { filed: 'direct', unfiled: 'not_direct/file_now', expired: 'not_direct/file_now', discharged: 'not_direct/manual_reimbursement' },
      cross_province: { filed: 'direct', unfiled: 'not_direct/file_now', expired: 'not_direct/file_now', discharged: 'not_direct/manual_reimbursement' },
    },
    // 000 一(二)2: 非急诊且未转诊 settles directly with no filing, in the province and outside it.
    'shanxi-provincial': {
      in_province: { filed: 'direct', unfiled: 'direct', expired: 'direct', discharged: 'direct' },
      cross_province: { filed: 'direct', unfiled: 'direct', expired: 'direct', discharged: 'direct' },
    },
    'liaoning-provincial': {
      in_province: { filed: 'not_direct/other_channel', unfiled: 'not_direct/other_channel', expired: 'not_direct/other_channel', discharged: 'not_direct/other_channel' },
      cross_province: { filed: 'direct', unfiled: 'not_direct/other_channel', expired: 'not_direct/other_channel', discharged: 'not_direct/manual_reimbursement' },
    },
    datong: {
      in_province: { filed: 'direct', unfiled: 'not_direct/file_now', expired: 'not_direct/file_now', discharged: 'not_direct/manual_reimbursement' },
      cross_province: { filed: 'direct', unfiled: 'not_direct/file_now', expired: 'not_direct/file_now', discharged: 'not_direct/manual_reimbursement' },
    },
    // 004 四(一): a temporary filing has no end date, so "expired" still covers.
    jining: {
      in_province: { filed: 'direct', unfiled: 'not_direct/file_now', expired: 'direct', discharged: 'not_direct/manual_reimbursement' },
      cross_province: { filed: 'direct', unfiled: 'not_direct/file_now', expired: 'direct', discharged: 'not_direct/manual_reimbursement' },
    },
    national: {
      in_province: { filed: 'ask/ask_agency', unfiled: 'ask/ask_agency', expired: 'ask/ask_agency', discharged: 'ask/ask_agency' },
      cross_province: { filed: 'direct', unfiled: 'not_direct/file_now', expired: 'not_direct/file_now', discharged: 'not_direct/manual_reimbursement' },
    },
  }

  /** Other care off-site: the answer the profile gives whatever the filing (达州 门诊慢特病 follows the filing, as a stay). */
  const OTHER_CARE: Record<string, Record<Exclude<CareKind, 'inpatient'>, string>> = {
    dazhou: { outpatient: 'direct', chronic_outpatient: 'as_inpatient', pharmacy: 'direct' },
    'shanxi-provincial': { outpatient: 'ask', chronic_outpatient: 'ask', pharmacy: 'ask' },
    'liaoning-provincial': { outpatient: 'not_direct', chronic_outpatient: 'not_direct', pharmacy: 'not_direct' },
    datong: { outpatient: 'depends', chronic_outpatient: 'depends', pharmacy: 'depends' },
    jining: { outpatient: 'ask', chronic_outpatient: 'ask', pharmacy: 'ask' },
    national: { outpatient: 'ask', chronic_outpatient: 'ask', pharmacy: 'ask' },
  }

  const grid = Object.keys(PLACES).flatMap((policyId) =>
    (['home', 'in_province', 'cross_province'] as const).flatMap((scope) => CARE_KINDS.flatMap((care) => STATES.map((state) => [policyId, scope, care, state] as const))),
  )

  test.each(grid)('%s · %s · %s · %s', (policyId, scope, care, state) => {
    const answer = answerFor(policyId, scope, care, state)
    expect(answer.scope).toBe(scope)
    expect(answer.message.length).toBeGreaterThan(5)
    expect(answer.source.length).toBeGreaterThan(1)
    const got = answer.verdict === 'direct' || answer.verdict === 'depends' ? answer.verdict : `${answer.verdict}/${answer.next}`
    if (scope === 'home') {
      // Not off-site at all: nothing to file, settled under the insured place's own rules.
      expect(answer).toMatchObject({ verdict: 'direct', reason: 'home', source: profile(policyId).home.source })
      return
    }
    const rule = profile(policyId).scopes[scope]
    const other = care === 'inpatient' ? 'as_inpatient' : OTHER_CARE[policyId][care]
    if (!rule.served || other === 'as_inpatient') {
      expect(got).toBe(INPATIENT[policyId][scope]![state])
    } else {
      expect(answer.verdict).toBe(other)
    }
  })
})

describe('what a person must be told, where the question arises', () => {
  test('a covered stay in 山西 names the injury promise and the outside-test form (000 三(一)2、3)', () => {
    const titles = ask({ admissionDate: '2026-11-20', destination: shenzhen }, [], 'shanxi-provincial').notes.map((note) => note.title)
    expect(titles).toEqual(expect.arrayContaining(['外伤没有第三方责任的，签承诺书后直接结算', '住院期间到外院检查或到药店买药']))
  })

  test('山西: a stay across the year end settles once, at discharge (000 三(二)1)', () => {
    const notes = ask({ admissionDate: '2026-12-28', dischargeDate: '2027-01-05', destination: shenzhen }, [], 'shanxi-provincial', '2027-01-06').notes
    expect(notes.map((note) => note.source)).toContain('000 三(二)1')
    expect(ask({ admissionDate: '2026-11-02', dischargeDate: '2026-11-10', destination: shenzhen }, [], 'shanxi-provincial').notes.map((note) => note.source)).not.toContain('000 三(二)1')
  })

  test('济宁: a long-term filer back home is told the materials for equal benefits (004 三)', () => {
    const home = ask({ admissionDate: '2026-11-20', destination: { provinceCode: '370000', cityCode: '370800' } }, [filing({ policyId: 'jining' })], 'jining')
    expect(home.message).toMatch(/户籍证明、居住证或单位工作证明/)
    expect(home.notes.map((note) => note.source)).toContain('004 三')
  })

  test('山西 referral: a continuing referral is re-filed with the first certificate (000 二(二))', () => {
    const held = filing({ policyId: 'shanxi-provincial', category: 'referral', destination: { provinceCode: '110000', areaCode: '110000' }, validUntil: '2027-01-09' })
    expect(ask({ admissionDate: '2026-11-20', destination: { provinceCode: '110000' } }, [held], 'shanxi-provincial').notes.map((note) => note.source)).toContain('000 二(二)')
  })

  test('辽宁: the voluntary scheme, and 原渠道 for outpatient care (通知 三(二)2, 002 第十九条)', () => {
    const held = [filing({ policyId: 'liaoning-provincial' })]
    expect(ask({ admissionDate: '2026-11-20', destination: shenzhen }, held, 'liaoning-provincial').notes.map((note) => note.title)).toContain('直接结算是自愿选择的')
    expect(ask({ admissionDate: '2026-11-20', destination: shenzhen, care: 'outpatient' }, held, 'liaoning-provincial').notes.map((note) => note.source)).toContain('002 第十九条')
  })

  test('达州: outpatient and pharmacy need no filing, told on those questions (001 四(四))', () => {
    expect(ask({ admissionDate: '2026-11-20', destination: shenzhen, care: 'pharmacy' }, []).notes.map((note) => note.source)).toContain('001 四(四)')
  })

  test('a manual-reimbursement answer carries 济宁\'s online channel (004 七)', () => {
    const notes = ask({ admissionDate: '2026-11-02', dischargeDate: '2026-11-10', destination: shenzhen }, [], 'jining').notes
    expect(notes.map((note) => note.source)).toContain('004 七')
  })
})

describe('questions the rules cannot answer yet come back as field messages', () => {
  test('a stay with no city where one is needed', () => {
    const result = checkCoverage({ stay: { admissionDate: '2026-11-20', destination: { provinceCode: '440000' } }, filings: [], profile: profile('dazhou'), profileOf: () => profile('dazhou'), today: TODAY })
    expect(result).toEqual({ ok: false, issues: [{ path: 'destination.cityCode', message: '请选择就医城市' }] })
  })

  test('the national default without the person\'s own 参保地', () => {
    const result = checkCoverage({ stay: { admissionDate: '2026-11-20', destination: shenzhen }, filings: [], profile: profile('national'), profileOf: () => profile('national'), today: TODAY })
    expect(result).toEqual({ ok: false, issues: [{ path: 'insuredRegionCode', message: '请选择您的参保地（参保城市）' }] })
  })
})
