// validateSubmission: what a person filing would see, field by field, for each profile's rules.
import { checkReferralIssuer, referralNotices, validateSubmission } from '../../src/rules'
import { TODAY, profile, residentId, submitInput } from './fixtures'

const validate = (overrides: Record<string, unknown> = {}, context = {}) =>
  validateSubmission(submitInput(overrides), { today: TODAY, ...context })

const issuesOf = (overrides: Record<string, unknown>, context = {}) => {
  const result = validate(overrides, context)
  if (result.ok) throw new Error('expected issues')
  return result.issues
}

describe('a valid filing, per profile', () => {
  test('达州 resettled retiree with the commitment: derived birth date, gender, no end date', () => {
    const result = validate()
    expect(result).toMatchObject({
      ok: true,
      value: {
        applicant: { name: '王秀兰', birthDate: '1958-06-12', gender: 'female', phone: '13812345678' },
        destination: { provinceCode: '440000', cityCode: '440300', areaCode: '440300' },
        insuredRegion: { code: '511700', poolingArea: '511700' },
        validUntil: null,
      },
    })
  })

  test('"王 秀兰" typed with a space is stored as 王秀兰, and the signature 王秀兰 then matches it (issue 16 item 4)', () => {
    const result = validate({
      applicant: { name: '王 秀兰', idType: 'resident_id', idNumber: residentId(), phone: '13812345678' },
      commitment: { accepted: true, signature: '王秀兰' },
    })
    expect(result).toMatchObject({ ok: true, value: { applicant: { name: '王秀兰' } } })
    const spacedSignature = validate({ commitment: { accepted: true, signature: '王 秀 兰' } })
    expect(spacedSignature.ok).toBe(true)
  })

  test('a field called openid is ignored, never trusted', () => {
    const result = validate({ openid: 'someone-else' })
    expect(result.ok && 'openid' in result.value).toBe(false)
  })

  test('达州 referral to 北京 files to the province and ends after 6 months (001 四(一)(四))', () => {
    const result = validate({
      category: 'referral',
      destination: { provinceCode: '110000', cityCode: '110105' },
      startDate: '2026-11-20',
      referral: { hospitalName: '达州市中心医院', hospitalLevel: 'grade3a', certificateDate: '2026-11-18' },
    })
    expect(result).toMatchObject({ ok: true, value: { destination: { provinceCode: '110000', areaCode: '110000' }, validUntil: '2027-05-20' } })
  })

  test('辽宁 resident worker uploads the three materials (002 第九条)', () => {
    const result = validate({
      policyId: 'liaoning-provincial',
      category: 'resident_worker',
      commitment: undefined,
      destination: { provinceCode: '310000' },
      materials: [
        { kind: 'employer_certificate', fileId: 'f1' },
        { kind: 'direct_settlement_form', fileId: 'f2' },
        { kind: 'direct_settlement_request', fileId: 'f3' },
      ],
    })
    expect(result.ok).toBe(true)
  })

  test('大同 其他临时外出: no materials, no commitment (003 免备案材料)', () => {
    const result = validate({ policyId: 'datong', category: 'other_temporary', commitment: undefined, destination: { provinceCode: '140000', cityCode: '140100' } })
    expect(result).toMatchObject({ ok: true, value: { validUntil: '2027-05-22' } })
  })

  test('the national default with the person\'s own 参保地', () => {
    const result = validate({ policyId: 'national', insuredRegionCode: '320100', destination: { provinceCode: '460000' } })
    expect(result).toMatchObject({ ok: true, value: { insuredRegion: { code: '320100', name: '江苏省南京市' } } })
  })
})

describe('each problem comes back next to its field, in Chinese, saying what to do', () => {
  test.each([
    ['ID check digit', { applicant: { name: '王秀兰', idType: 'resident_id', idNumber: '511702195806120241', phone: '13812345678' } }, 'applicant.idNumber', /校验位/],
    ['short ID', { applicant: { name: '王秀兰', idType: 'resident_id', idNumber: '5117021958', phone: '13812345678' } }, 'applicant.idNumber', /请输入18位身份证号码，最后一位可能是X/],
    ['phone', { applicant: { name: '王秀兰', idType: 'resident_id', idNumber: residentId(), phone: '1381234' } }, 'applicant.phone', /11位手机号码/],
    ['name with digits', { applicant: { name: '王秀兰2', idType: 'resident_id', idNumber: residentId(), phone: '13812345678' } }, 'applicant.name', /汉字/],
    ['no destination city', { destination: { provinceCode: '440000' } }, 'destination.cityCode', /请选择就医城市/],
    ['destination inside 达州', { destination: { provinceCode: '510000', cityCode: '511700' } }, 'destination.cityCode', /达州市以外/],
    ['辽宁 in its own province', { policyId: 'liaoning-provincial', category: 'resident_worker', commitment: undefined, destination: { provinceCode: '210000', cityCode: '210200' } }, 'destination.cityCode', /辽宁省以外/],
    ['山西省直 in 太原', { policyId: 'shanxi-provincial', destination: { provinceCode: '140000', cityCode: '140100' } }, 'destination.cityCode', /太原市以外/],
    ['start date 91 days ahead', { startDate: '2027-02-21' }, 'startDate', /最晚可选2027年2月20日/],
    ['not a date', { startDate: '2026-02-30' }, 'startDate', /请选择开始日期，格式如/],
    ['unknown profile', { policyId: 'beijing' }, 'policyId', /没有找到所选的参保地/],
    ['unknown category', { category: 'tourist' }, 'category', /请选择人员类别/],
    ['national without 参保地', { policyId: 'national' }, 'insuredRegionCode', /请选择您的参保地/],
    ['signature not the name', { commitment: { accepted: true, signature: '王秀' } }, 'commitment.signature', /签名须与申请人姓名一致/],
    ['commitment not ticked', { commitment: { accepted: false, signature: '王秀兰' } }, 'commitment.accepted', /勾选同意/],
    ['neither proof nor commitment', { commitment: undefined }, 'materials', /^请上传：就医地户口本.*或选择个人承诺$/],
  ])('%s → %s', (_what, overrides, path, message) => {
    const found = issuesOf(overrides).find((i) => i.path === path)
    expect(found?.message).toMatch(message)
  })

  test('several problems come back together, so a person can fix them in one go', () => {
    const issues = issuesOf({ startDate: '2027-06-01', destination: { provinceCode: '440000' }, commitment: undefined })
    expect(issues.map((i) => i.path).sort()).toEqual(['destination.cityCode', 'materials', 'startDate'])
  })

  test('wrong types get messages, never a crash', () => {
    const result = validateSubmission({ requestId: 5, applicant: 'me', destination: [], startDate: 20261122 }, { today: TODAY })
    expect(result.ok).toBe(false)
    if (result.ok) return
    for (const found of result.issues) expect(found.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(result.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['requestId', 'applicant', 'destination', 'startDate']))
  })

  test.each([null, undefined, 'text', 42, []])('a payload of %p is refused with messages', (payload) => {
    expect(validateSubmission(payload, { today: TODAY }).ok).toBe(false)
  })
})

describe('categories that are not filed here', () => {
  test.each([
    ['shanxi-provincial', 'emergency', /视同已备案/],
    ['shanxi-provincial', 'other_temporary', /山西省省直已取消省外、省内非急诊且未转诊人员备案/],
    ['datong', 'emergency', /没有单列急诊抢救人员备案/],
    ['liaoning-provincial', 'other_temporary', /先行垫付，再由参保单位向省社保局申报/],
    ['jining', 'emergency', /按“临时外出就医人员”待遇标准直接结算/],
  ])('%s / %s → the seed\'s answer on the category field', (policyId, category, message) => {
    expect(issuesOf({ policyId, category })).toEqual([{ path: 'category', message: expect.stringMatching(message) }])
  })
})

test('达州: an emergency patient files, as 001 二 lists them among those who do — no materials named, 6 months (001 四(一))', () => {
  const result = validateSubmission(submitInput({ category: 'emergency', commitment: undefined, materials: [] }), { today: TODAY })
  expect(result).toMatchObject({ ok: true, value: { category: 'emergency', validUntil: '2027-05-22' } })
})

describe('referral certificates: designated hospitals, not grade alone', () => {
  const certificate = (hospitalName: string, hospitalLevel = 'grade2a') => ({ hospitalName, hospitalLevel, certificateDate: '2026-11-20' })
  const referral = (policyId: string, hospitalName: string, hospitalLevel?: string) =>
    submitInput({ policyId, category: 'referral', materials: [], referral: certificate(hospitalName, hospitalLevel) })

  test('达州: while the yearly list is not loaded, a grade-2A hospital passes (the page asks the person to check the list, 001 四(五))', () => {
    expect(validateSubmission(referral('dazhou', '达州市达川区人民医院'), { today: TODAY }).ok).toBe(true)
    expect(referralNotices(profile('dazhou'), false).checkList).toBe('请确认开具转诊证明的医院在参保地公布的名单内（达州市及各县（市、区）医疗保障经办机构每年公布的转诊机构名单）。')
  })

  test('达州 with the list loaded: a hospital not on it is refused on the hospital field, one on it passes', () => {
    const listed = structuredClone(profile('dazhou'))
    listed.referral.issuers[0].designated!.hospitals = [{ name: '达州市中心医院', county: null }]
    expect(checkReferralIssuer(listed, { hospitalName: '达州市中心医院', hospitalLevel: 'grade3a' }, false)).toBeNull()
    expect(checkReferralIssuer(listed, { hospitalName: '某县中医院', hospitalLevel: 'grade2a' }, false)).toEqual({
      path: 'referral.hospitalName',
      message: '某县中医院不在达州市及各县（市、区）医疗保障经办机构每年公布的转诊机构名单中：转诊证明要由名单内的医院开具',
    })
    // Grade still counts first: below 2A is refused on the level, list or not.
    expect(checkReferralIssuer(listed, { hospitalName: '达州市中心医院', hospitalLevel: 'grade2b' }, false)?.path).toBe('referral.hospitalLevel')
  })

  test('大同 and 山西 (tier-3A): the person is told the hospital\'s 医保科 handles it, and may still record it (003, 000 一(二)1)', () => {
    expect(referralNotices(profile('datong'), false).hospitalHandles?.message).toMatch(/^转诊转院患者办理完转院审批手续后，到医院医保科直接上传相关手续.*您也可以在这里记下转诊/)
    expect(referralNotices(profile('shanxi-provincial'), false).hospitalHandles?.source).toBe('000 一(二)1')
    expect(validateSubmission(referral('datong', '大同市第五人民医院', 'grade3a'), { today: TODAY }).ok).toBe(true)
  })

  test('山西: a long-term resident\'s local grade-2 hospital files on their own (000 一(二)1)', () => {
    expect(referralNotices(profile('shanxi-provincial'), true).hospitalHandles).not.toBeNull()
    expect(checkReferralIssuer(profile('shanxi-provincial'), { hospitalName: '深圳市某区人民医院', hospitalLevel: 'grade2b' }, true)).toBeNull()
    expect(checkReferralIssuer(profile('shanxi-provincial'), { hospitalName: '深圳市某区人民医院', hospitalLevel: 'grade2b' }, false)?.path).toBe('referral.hospitalLevel')
  })
})

describe('destinations by scope', () => {
  test('the national default files cross-province only: 22号 governs 跨省 (in-province, the province\'s own rules)', () => {
    const inProvince = { policyId: 'national', insuredRegionCode: '330100', destination: { provinceCode: '330000', cityCode: '330200' } }
    expect(issuesOf(inProvince)).toEqual([{ path: 'destination.cityCode', message: expect.stringMatching(/省内异地就医备案按您所在省份的规定办理/) }])
    expect(validateSubmission(submitInput({ policyId: 'national', insuredRegionCode: '330100', destination: { provinceCode: '310000' } }), { today: TODAY }).ok).toBe(true)
  })

  test('达州 files in the province too (001 三(一)1: 跨省和省内)', () => {
    expect(validateSubmission(submitInput({ destination: { provinceCode: '510000', cityCode: '510100' } }), { today: TODAY }).ok).toBe(true)
  })
})

describe('late filing (补办) and the start date', () => {
  test.each([
    ['jining', 'resident_worker', '2026-11-17', true, '004 四(二): 5 days back is allowed'],
    ['jining', 'resident_worker', '2026-11-16', false, '004 四(二): 6 days back is not'],
    ['jining', 'referral', '2025-11-22', true, '004 四(二): temporary start not limited by the seed — a year back is taken'],
    ['jining', 'referral', '2025-11-21', false, 'our one-year bound where the seed sets none (issue 16 item 2)'],
    ['dazhou', 'resettled_retiree', '1970-01-01', false, 'never 1970, which the picker used to offer'],
    ['dazhou', 'resettled_retiree', '2026-06-01', true, '001 四(二): 补办 before discharge, no fixed limit'],
  ])('%s / %s starting %s → %s (%s)', (policyId, category, startDate, ok) => {
    const referral = { hospitalName: '济宁医学院附属医院', hospitalLevel: 'grade3a', certificateDate: '2024-12-30' }
    const result = validate({ policyId, category, startDate, referral, destination: { provinceCode: '110000' } })
    if (!result.ok) expect(ok ? result.issues : 'refused').toEqual(ok ? [] : 'refused')
    expect(result.ok).toBe(ok)
  })

  test('where the seed sets no limit, the one-year bound says why, in words', () => {
    expect(issuesOf({ category: 'referral', startDate: '1970-01-01', referral: { hospitalName: '达州市中心医院', hospitalLevel: 'grade3a', certificateDate: '2026-11-18' }, destination: { provinceCode: '110000' } })).toEqual([
      { path: 'startDate', message: '开始日期最早可选2025年11月22日：补办只对还没出院结算的住院有用，更早的请咨询参保地医保经办机构' },
    ])
  })

  test('济宁 says how far back it may go, in words', () => {
    expect(issuesOf({ policyId: 'jining', category: 'resident_worker', startDate: '2026-11-01', destination: { provinceCode: '110000' } })).toEqual([
      { path: 'startDate', message: '开始日期最早可选2026年11月17日：补办备案最多往前5天' },
    ])
  })
})

describe('materials and the commitment', () => {
  test('辽宁 does not take the commitment (002 第九条)', () => {
    const issues = issuesOf({ policyId: 'liaoning-provincial', category: 'resident_worker', destination: { provinceCode: '310000' } })
    expect(issues).toEqual([{ path: 'commitment', message: '辽宁省省直的常驻异地工作人员不实行承诺制，请上传证明材料' }])
  })

  test('辽宁 lists every missing material by name, without offering the commitment', () => {
    const issues = issuesOf({
      policyId: 'liaoning-provincial',
      category: 'resident_worker',
      commitment: undefined,
      destination: { provinceCode: '310000' },
      materials: [{ kind: 'employer_certificate', fileId: 'f1' }],
    })
    expect(issues).toEqual([{ path: 'materials', message: '请上传：异地就医住院医疗费直接结算申报表；个人自愿选择住院医疗费用直接结算申请书' }])
  })

  test('a resettled retiree with the 户口本 uploaded needs no commitment', () => {
    expect(validate({ commitment: undefined, materials: [{ kind: 'hukou', fileId: 'f1' }] }).ok).toBe(true)
  })
})

describe('referral certificates', () => {
  const referral = (hospitalLevel: string, extra = {}) => ({
    hospitalName: '某某医院',
    hospitalLevel,
    certificateDate: '2026-11-20',
    ...extra,
  })

  test.each([
    ['dazhou', 'grade2a', false, true, '001 四(五): 二级甲等及以上'],
    ['dazhou', 'grade2b', false, false, '001 四(五)'],
    ['shanxi-provincial', 'grade3a', false, true, '000 一(二)1: 三甲'],
    ['shanxi-provincial', 'grade3b', false, false, '000 一(二)1'],
    ['shanxi-provincial', 'grade2b', true, true, '000 一(二)1: a long-term resident\'s local grade-2 hospital'],
    ['national', 'grade1', false, true, 'no level set'],
  ] as const)('%s, issuer %s, holds long-term filing %s → %s (%s)', (policyId, level, hasLongTermFiling, ok, _reason) => {
    const result = validate(
      { policyId, insuredRegionCode: '320100', category: 'referral', destination: { provinceCode: '110000' }, referral: referral(level) },
      { hasLongTermFiling },
    )
    expect(result.ok).toBe(ok)
    if (!result.ok) expect(result.issues[0]).toMatchObject({ path: 'referral.hospitalLevel', message: expect.stringMatching(/医院不能开具/) })
  })

  test('a referral without its details is asked for them', () => {
    expect(issuesOf({ category: 'referral', destination: { provinceCode: '110000' } })).toEqual([
      { path: 'referral', message: '请填写转诊信息：开具转诊证明的医院、医院等级和开具日期' },
    ])
  })

  test('a certificate dated after today is refused', () => {
    expect(issuesOf({ category: 'referral', destination: { provinceCode: '110000' }, referral: referral('grade3a', { certificateDate: '2026-11-23' }) })).toEqual([
      { path: 'referral.certificateDate', message: '转诊证明开具日期不能晚于今天' },
    ])
  })

  test('辽宁 asks which hospital the referral goes to (002 第十六条)', () => {
    const issues = issuesOf({
      policyId: 'liaoning-provincial',
      category: 'referral',
      commitment: undefined,
      materials: [{ kind: 'referral_certificate', fileId: 'f1' }],
      destination: { provinceCode: '110000' },
      referral: referral('grade3a'),
    })
    expect(issues).toEqual([{ path: 'referral.treatingHospitalName', message: '请填写转往的医院名称：转诊备案只对应这一家医院' }])
  })
})
