// Validity ends and lock dates, counted by 民法典 第二百零一、二百零二条, and the change/cancel
// decisions each profile's seed implies.
import {
  decideCancel,
  decideChange,
  lockState,
  planCancel,
  planChange,
  changeSchema,
  validUntil,
  type FiledCategoryRule,
} from '../../src/rules'
import { filing, profile } from './fixtures'

const rule = (id: string, category: string) => profile(id).categories[category as 'referral'] as FiledCategoryRule

describe('validUntil: the last covered day', () => {
  test.each([
    ['dazhou', 'referral', '2025-08-31', '2026-02-28', '001 四(一) 半年有效; POLICY.md example'],
    ['dazhou', 'other_temporary', '2026-01-10', '2026-07-10', 'the start date is covered; ends on the corresponding day'],
    ['shanxi-provincial', 'referral', '2023-08-31', '2024-02-29', 'leap year month end'],
    ['datong', 'referral', '2025-12-31', '2026-06-30', 'across a year end into a 30-day month'],
    ['datong', 'other_temporary', '2026-11-22', '2027-05-22', '003 非急未转 6个月'],
    ['jining', 'referral', '2026-11-22', null, '004 四(一) no validity limit'],
    ['dazhou', 'resettled_retiree', '2026-11-22', null, 'long-term: no end date'],
    ['liaoning-provincial', 'referral', '2026-11-22', null, 'one referral = one settlement, no date'],
  ])('%s / %s from %s → %s (%s)', (id, category, start, expected, _reason) => {
    expect(validUntil(rule(id, category).validity, start)).toBe(expected)
  })
})

describe('lock state on a given day', () => {
  const dazhouLock = rule('dazhou', 'resettled_retiree').change.lock
  const effective = filing({ startDate: '2025-01-10', effectiveOn: '2025-01-10', filedOn: '2025-01-10' })
  test.each([
    ['2025-01-10', { kind: 'locked', allowedFrom: '2025-07-11' }, 'the day it takes effect'],
    ['2025-07-10', { kind: 'locked', allowedFrom: '2025-07-11' }, 'the last locked day (POLICY.md example)'],
    ['2025-07-11', { kind: 'open' }, 'the first allowed day'],
  ])('达州 6-month lock from 2025-01-10, on %s → %o (%s)', (today, expected, _reason) => {
    expect(lockState(dazhouLock, effective, today)).toEqual(expected)
  })

  test('a lock from the 31st opens after the month end it falls on', () => {
    const f = filing({ startDate: '2025-08-31', effectiveOn: '2025-08-31' })
    expect(lockState(dazhouLock, f, '2026-02-28')).toEqual({ kind: 'locked', allowedFrom: '2026-03-01' })
  })

  test('a 备案变更 starts the lock again from the day of the change', () => {
    const changed = filing({ startDate: '2025-01-10', effectiveOn: '2025-01-10', changedOn: '2026-10-01' })
    expect(lockState(dazhouLock, changed, '2026-11-22')).toEqual({ kind: 'locked', allowedFrom: '2027-04-02' })
  })

  test('辽宁 counts from the filing day, not the start date (002 第十二条 登记备案后)', () => {
    const lock = rule('liaoning-provincial', 'resident_worker').change.lock
    const f = filing({ filedOn: '2026-03-15', startDate: '2026-04-01', effectiveOn: '2026-04-10' })
    expect(lockState(lock, f, '2026-09-15')).toEqual({ kind: 'locked', allowedFrom: '2026-09-16' })
  })

  test('济宁: no expenses at the filed place, no lock yet — but the date it would open is known', () => {
    const lock = rule('jining', 'resettled_retiree').change.lock
    const f = filing({ policyId: 'jining', startDate: '2026-10-01', effectiveOn: '2026-10-01' })
    expect(lockState(lock, f, '2026-11-22')).toEqual({ kind: 'open_until_expenses', wouldOpenOn: '2027-04-02' })
    const afterStay = { ...f, stays: [{ admissionDate: '2026-11-01', dischargeDate: '2026-11-10' }] }
    expect(lockState(lock, afterStay, '2026-11-22')).toEqual({ kind: 'locked', allowedFrom: '2027-04-02' })
  })
})

describe('decideChange and decideCancel by seed', () => {
  const today = '2026-11-22'
  test.each([
    ['shanxi-provincial', 'resident_worker', '2026-11-01', undefined, 'allowed', '000 二(一): any time'],
    ['dazhou', 'resettled_retiree', '2026-08-01', undefined, 'locked', '001 四(三)1: within 6 months'],
    ['dazhou', 'resettled_retiree', '2026-05-21', undefined, 'allowed', '001 四(三)1: lock over (opened 2026-11-22)'],
    ['dazhou', 'resettled_retiree', '2026-05-22', undefined, 'locked', 'last locked day is 2026-11-22'],
    ['dazhou', 'resident_worker', '2026-08-01', 'employer_changed', 'allowed', '001 四(三)1: new employer, with proof'],
    ['dazhou', 'referral', '2026-11-01', undefined, 'allowed', '001 四(三)2: temporary, with a certificate'],
    ['liaoning-provincial', 'referral', '2026-11-01', undefined, 'refused', '002 第十三条(三): file anew'],
    ['dazhou', 'resident_worker', '2026-08-01', 'moved_house', 'refused', 'an exception the profile does not have'],
  ] as const)('%s / %s effective %s, exception %s → %s (%s)', (id, category, effectiveOn, exception, expected, _reason) => {
    const f = filing({ policyId: id, category, startDate: effectiveOn, effectiveOn, filedOn: effectiveOn })
    expect(decideChange(profile(id), f, today, exception).kind).toBe(expected)
  })

  test('a locked change says when it opens and which exceptions lift it', () => {
    const f = filing({ startDate: '2026-08-01', effectiveOn: '2026-08-01' })
    const decision = decideChange(profile('dazhou'), f, '2026-11-22')
    expect(decision).toMatchObject({ kind: 'locked', allowedFrom: '2027-02-02' })
    if (decision.kind !== 'locked') throw new Error('expected a lock')
    expect(decision.message).toBe(
      '按规定，本备案2027年2月2日起才能变更；如属退休安置地发生变化、工作单位发生变化的情形，可凭证明材料现在申请。',
    )
  })

  test.each([
    ['resettled_retiree', '2026-08-01', 'long-term, inside its 6-month lock'],
    ['referral', '2026-11-01', 'temporary: every other change needs a referral certificate'],
    ['emergency', '2026-11-01', 'temporary'],
  ] as const)('达州 %s (effective %s, %s): a change of insurance type alone goes through at once with its proof (001 四(三))', (category, effectiveOn, _why) => {
    const f = filing({ category, startDate: effectiveOn, effectiveOn })
    expect(decideChange(profile('dazhou'), f, '2026-11-22', undefined, { destination: false, insuranceType: true })).toEqual({
      kind: 'allowed',
      proof: ['insurance_change_proof'],
    })
  })

  test('济宁: insurance type follows the same 6-month limit once there are expenses (a reading)', () => {
    const f = filing({ policyId: 'jining', startDate: '2026-10-01', effectiveOn: '2026-10-01', stays: [{ admissionDate: '2026-10-20', areaCode: '440300' }] })
    expect(decideChange(profile('jining'), f, '2026-11-22', undefined, { destination: false, insuranceType: true }).kind).toBe('locked')
  })

  test('the exception\'s proof replaces the ordinary proof', () => {
    const f = filing({ startDate: '2026-08-01', effectiveOn: '2026-08-01' })
    expect(decideChange(profile('dazhou'), f, '2026-11-22', 'resettlement_place_changed')).toEqual({ kind: 'allowed', proof: ['hukou'] })
  })

  test('济宁 long-term: expenses in 北京, later changed to 上海, then cancel — none at the current 备案地, so any time (004 四(一))', () => {
    const moved = filing({
      policyId: 'jining',
      destination: { provinceCode: '310000', areaCode: '310000' },
      startDate: '2025-08-01',
      effectiveOn: '2025-08-01',
      changedOn: '2025-08-02',
      stays: [{ admissionDate: '2025-08-01', dischargeDate: '2025-08-01', areaCode: '110000' }],
    })
    expect(decideCancel(profile('jining'), moved, '2025-08-03')).toEqual({ kind: 'allowed', proof: [] })
    expect(decideChange(profile('jining'), moved, '2025-08-03').kind).toBe('allowed')
    // Once there are expenses in 上海 too, the 6 months run from the change (our reading of the base date).
    const spent = { ...moved, stays: [...moved.stays, { admissionDate: '2025-08-03', areaCode: '310000' }] }
    expect(decideCancel(profile('jining'), spent, '2025-08-03')).toMatchObject({ kind: 'locked', allowedFrom: '2026-02-03' })
  })

  test.each([
    ['dazhou', 'resettled_retiree', '2026-10-01', [], 'allowed', '001 locks changes only'],
    ['jining', 'resettled_retiree', '2026-10-01', [], 'allowed', '004 四(一): no expenses yet'],
    ['jining', 'resettled_retiree', '2026-10-01', [{ admissionDate: '2026-10-20', dischargeDate: '2026-10-30' }], 'locked', '004 四(一): expenses incurred'],
    ['jining', 'resettled_retiree', '2026-05-01', [{ admissionDate: '2026-05-20', dischargeDate: '2026-05-30' }], 'allowed', '6 months have passed'],
  ] as const)('cancel %s / %s effective %s with stays %o → %s (%s)', (id, category, effectiveOn, stays, expected, _reason) => {
    const f = filing({ policyId: id, category, startDate: effectiveOn, effectiveOn, stays: [...stays] })
    expect(decideCancel(profile(id), f, '2026-11-22').kind).toBe(expected)
  })

  test.each([
    ['cancelled', '本备案已取消，不能取消。如需备案，请重新办理。'],
    ['rejected', '本备案未通过审核，不能取消。请按驳回原因重新办理。'],
  ] as const)('a %s filing cannot be cancelled', (status, message) => {
    expect(decideCancel(profile('dazhou'), filing({ status }), '2026-11-22')).toEqual({ kind: 'refused', message })
  })
})

describe('planChange: what a change request would do', () => {
  const insured = profile('dazhou').insuredRegion!
  const base = { id: 'F1', version: 1, reason: '搬家' }
  const locked = filing({ startDate: '2026-08-01', effectiveOn: '2026-08-01' })
  const plan = (input: object, f = locked, id = 'dazhou') =>
    planChange(changeSchema.parse(input), { profile: profile(id), insured: profile(id).insuredRegion ?? insured, filing: f, today: '2026-11-22' })

  test('a new phone number is a correction, open even while the filing is locked', () => {
    expect(plan({ ...base, patch: { phone: '139 0000 1111' } })).toEqual({ ok: true, changes: { phone: '13900001111' }, validUntil: null })
  })

  test('a new destination during the 达州 lock is LOCKED with the opening date', () => {
    expect(plan({ ...base, patch: { destination: { provinceCode: '110000' } } })).toMatchObject({ ok: false, kind: 'locked', allowedFrom: '2027-02-02' })
  })

  test('with the employer exception it goes through once the proof is there', () => {
    const request = { ...base, exception: 'employer_changed', patch: { destination: { provinceCode: '110000' } } }
    expect(plan(request)).toMatchObject({ ok: false, kind: 'invalid', issues: [{ path: 'materials', message: '请上传：参保单位出具的常驻异地工作证明（加盖公章）' }] })
    const withProof = { ...request, materials: [{ kind: 'employer_certificate', fileId: 'file-1' }] }
    expect(plan(withProof)).toMatchObject({ ok: true, changes: { destination: { provinceCode: '110000', areaCode: '110000' } } })
  })

  test('a destination inside the pooling area is refused next to the field', () => {
    const open = filing({ startDate: '2026-01-01', effectiveOn: '2026-01-01' })
    expect(plan({ ...base, patch: { destination: { provinceCode: '510000', cityCode: '511700' } } }, open)).toMatchObject({
      ok: false,
      kind: 'invalid',
      issues: [{ path: 'patch.destination.cityCode', message: '在达州市内就医不属于异地就医，无需备案。请选择达州市以外的就医地。' }],
    })
  })

  test('the same destination again changes nothing and says so', () => {
    const open = filing({ startDate: '2026-01-01', effectiveOn: '2026-01-01' })
    expect(plan({ ...base, patch: { destination: { provinceCode: '440000', cityCode: '440300' } } }, open)).toMatchObject({
      ok: false,
      issues: [{ path: 'patch', message: '填写的内容与现在的备案相同，没有需要变更的内容' }],
    })
  })

  test('a new 参保地 is a new filing (001 四(三))', () => {
    const result = changeSchema.safeParse({ ...base, patch: { policyId: 'jining' } })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]).toMatchObject({
      path: ['patch', 'policyId'],
      message: '参保地发生变化的，需要重新备案：请先取消本备案，再按新参保地的规定办理。',
    })
  })

  describe('a new start date, before the filing starts (issue 16 item 1)', () => {
    const future = filing({ startDate: '2027-01-05', effectiveOn: '2027-01-05', filedOn: '2026-11-20' })

    test('open before the start, though the 达州 change lock counts from it; validity follows the new start', () => {
      expect(plan({ ...base, patch: { startDate: '2026-11-22' } }, future)).toEqual({ ok: true, changes: { startDate: '2026-11-22' }, validUntil: null })
      const temporary = filing({ category: 'other_temporary', startDate: '2027-01-05', effectiveOn: '2027-01-05', validUntil: '2027-07-05' })
      expect(plan({ ...base, patch: { startDate: '2026-12-01' } }, temporary)).toEqual({ ok: true, changes: { startDate: '2026-12-01' }, validUntil: '2027-06-01' })
    })

    test('refused once the filing has started, with the way on (cancel and file again)', () => {
      expect(plan({ ...base, patch: { startDate: '2026-08-01' } }, locked)).toMatchObject({
        ok: false,
        kind: 'invalid',
        issues: [{ path: '', message: '本备案已于2026年8月1日生效，开始日期不能再变更；需要更早的开始日期的，请取消本备案后重新办理。' }],
      })
    })

    test('the new date must fit the start window: 济宁 long-term at most 5 days back (004 四(二))', () => {
      const jining = filing({ policyId: 'jining', destination: { provinceCode: '310000', areaCode: '310000' }, startDate: '2027-01-05', effectiveOn: '2027-01-05' })
      expect(plan({ ...base, patch: { startDate: '2026-11-17' } }, jining, 'jining')).toMatchObject({ ok: true, changes: { startDate: '2026-11-17' } })
      expect(plan({ ...base, patch: { startDate: '2026-11-16' } }, jining, 'jining')).toMatchObject({
        ok: false,
        issues: [{ path: 'patch.startDate', message: expect.stringContaining('最早可选2026年11月17日') }],
      })
    })

    test('the same date, or one asked for together with a new place, is refused next to the date', () => {
      expect(plan({ ...base, patch: { startDate: '2027-01-05' } }, future)).toMatchObject({ ok: false, issues: [{ path: 'patch.startDate' }] })
      expect(plan({ ...base, patch: { startDate: '2026-12-01', destination: { provinceCode: '110000' } } }, future)).toMatchObject({
        ok: false,
        issues: [{ path: 'patch.startDate', message: expect.stringContaining('单独变更') }],
      })
    })
  })

  test('an empty patch asks for something to change', () => {
    expect(changeSchema.safeParse({ ...base, patch: {} }).error?.issues[0].message).toBe('请至少修改一项内容')
  })

  test('planCancel passes the lock through', () => {
    const f = filing({ policyId: 'jining', startDate: '2026-10-01', effectiveOn: '2026-10-01', stays: [{ admissionDate: '2026-10-05' }] })
    expect(planCancel(profile('jining'), f, '2026-11-22')).toMatchObject({ ok: false, kind: 'locked', allowedFrom: '2027-04-02' })
    expect(planCancel(profile('shanxi-provincial'), filing({ policyId: 'shanxi-provincial' }), '2026-11-22')).toEqual({ ok: true })
  })
})
