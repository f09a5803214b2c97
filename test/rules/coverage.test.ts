// checkCoverage: "住院能直接结算吗?" — the answer and the next step, as a person would ask it.
import { checkCoverage, findProfile, type FilingFacts, type StayQuestion } from '../../src/rules'
import { TODAY, filing, profile } from './fixtures'

const ask = (stay: StayQuestion, filings: FilingFacts[], policyId = 'dazhou', today = TODAY) =>
  checkCoverage({ stay, filings, profile: profile(policyId), profileOf: (f) => findProfile(f.policyId)!, today })

const shenzhen = { provinceCode: '440000', cityCode: '440300' }
const referral = filing({ id: 'R1', category: 'referral', startDate: '2026-05-10', validUntil: '2026-11-10' })

describe('a filing covers a stay', () => {
  test('a long-term filing covers a stay in its city', () => {
    expect(ask({ admissionDate: '2026-11-01', destination: shenzhen }, [filing()])).toMatchObject({ covered: true, by: 'filing', filingId: 'F1' })
  })

  test('admitted on the last valid day and discharged after it: still covered (001 四(一))', () => {
    const answer = ask({ admissionDate: '2026-11-10', dischargeDate: '2026-11-20', destination: shenzhen }, [referral])
    expect(answer).toEqual({
      covered: true,
      by: 'filing',
      filingId: 'R1',
      message: '可以直接结算：这次住院在您的备案范围内。入院时在备案有效期内，出院晚于有效期（2026年11月10日）的，也按有效期内直接结算。',
    })
  })

  test('a province-level filing covers every city in it', () => {
    const beijing = filing({ destination: { provinceCode: '110000', areaCode: '110000' } })
    expect(ask({ admissionDate: '2026-11-01', destination: { provinceCode: '110000', cityCode: '110108' } }, [beijing]).covered).toBe(true)
  })
})

describe('a filing that does not cover the stay says why, and what to do', () => {
  test('admitted the day after validity ended, still in hospital → file now', () => {
    expect(ask({ admissionDate: '2026-11-11', destination: shenzhen }, [referral])).toEqual({
      covered: false,
      reason: 'expired',
      message: '您的备案已于2026年11月10日到期，入院日期不在有效期内。',
      next: 'file_now',
      nextText: '还没出院结算的，现在办理（补办）备案，出院时就能直接结算。',
    })
  })

  test('discharged and settled before today → manual reimbursement (001 四(二))', () => {
    expect(ask({ admissionDate: '2026-11-12', dischargeDate: '2026-11-20', destination: shenzhen }, [referral])).toMatchObject({
      covered: false,
      next: 'manual_reimbursement',
      nextText: '已经出院并自费结算的，可以补办备案后，回参保地申请手工报销。',
    })
  })

  test('discharged today: not settled yet, so filing now still helps', () => {
    expect(ask({ admissionDate: '2026-11-12', dischargeDate: TODAY, destination: shenzhen }, [referral])).toMatchObject({ next: 'file_now' })
  })

  test('a stay in another city', () => {
    expect(ask({ admissionDate: '2026-11-01', destination: { provinceCode: '440000', cityCode: '440100' } }, [filing()])).toMatchObject({
      covered: false,
      reason: 'other_destination',
      message: '您的备案地是广东省深圳市，这次住院的地方不在备案范围内。',
    })
  })

  test('admitted before the filing started', () => {
    expect(ask({ admissionDate: '2026-01-05', destination: shenzhen }, [filing()])).toMatchObject({ reason: 'not_started' })
  })

  test('a filing still under review', () => {
    expect(ask({ admissionDate: '2026-11-01', destination: shenzhen }, [filing({ status: 'pending_review' })])).toMatchObject({ reason: 'pending_review' })
  })

  test('cancelled and rejected filings count as none', () => {
    expect(ask({ admissionDate: '2026-11-01', destination: shenzhen }, [filing({ status: 'cancelled' }), filing({ status: 'rejected' })])).toMatchObject({
      reason: 'no_filing',
      message: '您还没有这个就医地的有效备案。',
    })
  })

  test('the most useful reason wins when several filings miss', () => {
    const elsewhere = filing({ id: 'F2', destination: { provinceCode: '110000', areaCode: '110000' } })
    expect(ask({ admissionDate: '2026-11-11', destination: shenzhen }, [elsewhere, referral])).toMatchObject({ reason: 'expired' })
  })
})

describe('辽宁 referral: one filing, one settlement (002 第十六条)', () => {
  const liaoning = filing({ policyId: 'liaoning-provincial', category: 'referral', startDate: '2026-09-01', validUntil: null })
  test('the recorded stay itself is covered', () => {
    const used = { ...liaoning, stays: [{ admissionDate: '2026-09-03', dischargeDate: '2026-09-20' }] }
    expect(ask({ admissionDate: '2026-09-03', destination: shenzhen }, [used], 'liaoning-provincial').covered).toBe(true)
  })
  test('a second admission needs a new referral filing', () => {
    const used = { ...liaoning, stays: [{ admissionDate: '2026-09-03', dischargeDate: '2026-09-20' }] }
    expect(ask({ admissionDate: '2026-11-01', destination: shenzhen }, [used], 'liaoning-provincial')).toMatchObject({ covered: false, reason: 'settlement_used' })
  })
  test('辽宁 other temporary stays cannot be filed: pay first, employer claims (002 第八条)', () => {
    expect(ask({ admissionDate: '2026-11-20', destination: shenzhen }, [], 'liaoning-provincial')).toMatchObject({
      covered: false,
      next: 'manual_reimbursement',
      nextText: expect.stringMatching(/先行垫付/),
    })
  })
})

describe('stays that need no filing', () => {
  test.each(['dazhou', 'liaoning-provincial', 'datong', 'jining', 'national', 'shanxi-provincial'])(
    '%s: an emergency is treated as filed (医保发〔2022〕22号)',
    (policyId) => {
      expect(ask({ admissionDate: '2026-11-20', destination: shenzhen, emergency: true }, [], policyId)).toMatchObject({ covered: true, by: 'emergency' })
    },
  )

  test('济宁: an emergency settles at the temporary rate (004 五(一))', () => {
    expect(ask({ admissionDate: '2026-11-20', destination: shenzhen, emergency: true }, [], 'jining')).toMatchObject({
      message: expect.stringMatching(/临时外出就医人员/),
    })
  })

  test('山西省省直: 非急诊且未转诊 settles directly without a filing (000 一(二)2)', () => {
    expect(ask({ admissionDate: '2026-11-20', destination: shenzhen }, [], 'shanxi-provincial')).toMatchObject({ covered: true, by: 'no_filing_needed' })
  })

  test('达州: the same stay without a filing is not covered — file before discharge', () => {
    expect(ask({ admissionDate: '2026-11-20', destination: shenzhen }, [], 'dazhou')).toMatchObject({ covered: false, reason: 'no_filing', next: 'file_now' })
  })
})

test('a stay with no city where one is needed asks for it', () => {
  expect(ask({ admissionDate: '2026-11-20', destination: { provinceCode: '440000' } }, [filing()])).toMatchObject({
    covered: false,
    reason: 'bad_destination',
    message: '请选择就医城市',
  })
})
