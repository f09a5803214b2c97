// What the person may do in each phase: the lifecycle table and the profile's locks together
// (personActions, which the person's view sends as `actions`).
import { CHANGE_PENDING_REFUSAL, DISPLAY_STATE_LABELS, START_UNDER_REVIEW_REFUSAL, changeNeedsReview, displayState, isInForce, personActions, type ActionAvailability, type FilingPhase, type FilingStatus, type PersonActions } from '../../src/rules'
import { filing, profile } from './fixtures'

/** One action in a word: allowed, locked until a day, or refused. */
const shortly = (action: ActionAvailability) => (action.allowed ? 'allowed' : action.allowedFrom ? `from ${action.allowedFrom}` : 'refused')
const summary = (actions: PersonActions) => ({
  change: shortly(actions.change),
  update_contact: shortly(actions.update_contact),
  cancel: shortly(actions.cancel),
  supplement: shortly(actions.supplement),
})

const STATUS: Record<FilingPhase, FilingStatus> = {
  pending_review: 'pending_review',
  awaiting_materials: 'pending_review',
  active: 'active',
  change_review: 'active',
  change_awaiting_materials: 'active',
  rejected: 'rejected',
  cancelled: 'cancelled',
  anonymised: 'cancelled',
}

const UNDER_REVIEW = '备案审核中，暂不能变更就医地或险种；如需更改，请取消后重新办理。'
const NOT_ASKED = '经办人员没有要求这份备案补充材料，不需要再上传'

// 达州 retiree filed 2026-01-10: the change lock holds through 2026-07-10; cancelling is not locked.
describe.each([
  ['active', '2026-01-10', { change: 'from 2026-07-11', update_contact: 'allowed', cancel: 'allowed', supplement: 'refused' }],
  ['active', '2026-07-11', { change: 'allowed', update_contact: 'allowed', cancel: 'allowed', supplement: 'refused' }],
  ['pending_review', '2026-07-11', { change: 'refused', update_contact: 'allowed', cancel: 'allowed', supplement: 'refused' }],
  ['awaiting_materials', '2026-07-11', { change: 'refused', update_contact: 'allowed', cancel: 'allowed', supplement: 'allowed' }],
  ['rejected', '2026-07-11', { change: 'refused', update_contact: 'refused', cancel: 'refused', supplement: 'refused' }],
  ['cancelled', '2026-07-11', { change: 'refused', update_contact: 'refused', cancel: 'refused', supplement: 'refused' }],
] as const)('达州 retiree, %s on %s', (phase, today, expected) => {
  const actions = personActions(profile('dazhou'), filing({ status: STATUS[phase] }), phase, today)

  test('what the phase and the locks allow together', () => {
    expect(summary(actions)).toEqual(expected)
  })

  test('every refusal says why; an allowed action says nothing', () => {
    for (const action of Object.values(actions)) expect(action.message === null).toBe(action.allowed)
  })
})

// 辽宁 resident worker (staged review: 初审 → 复核 → 审批) filed 2026-01-10: the 6-month lock holds
// through 2026-07-10 (002 第十二条). A change waiting for review is its own phase: the filing is still in
// force, so contact updates, cancelling and answering a request for materials stay open; another change does not.
describe.each([
  ['active', '2026-07-11', { change: 'allowed', update_contact: 'allowed', cancel: 'allowed', supplement: 'refused' }],
  ['active', '2026-01-10', { change: 'from 2026-07-11', update_contact: 'allowed', cancel: 'allowed', supplement: 'refused' }],
  ['change_review', '2026-07-11', { change: 'refused', update_contact: 'allowed', cancel: 'allowed', supplement: 'refused' }],
  ['change_awaiting_materials', '2026-07-11', { change: 'refused', update_contact: 'allowed', cancel: 'allowed', supplement: 'allowed' }],
] as const)('辽宁 resident worker, %s on %s', (phase, today, expected) => {
  const liaoning = profile('liaoning-provincial')
  const actions = personActions(liaoning, filing({ policyId: 'liaoning-provincial', category: 'resident_worker', status: STATUS[phase] }), phase, today)

  test('what the phase and the locks allow together', () => {
    expect(summary(actions)).toEqual(expected)
  })

  test('every refusal says why', () => {
    for (const action of Object.values(actions)) expect(action.message === null).toBe(action.allowed)
    if (phase.startsWith('change_')) expect(actions.change.message).toBe(CHANGE_PENDING_REFUSAL)
  })
})

test.each([
  ['liaoning-provincial', 'resident_worker', true],
  ['liaoning-provincial', 'resettled_retiree', true],
  // Its referral category takes effect at once (and is filed anew rather than changed).
  ['liaoning-provincial', 'referral', false],
  ['dazhou', 'resettled_retiree', false],
  ['jining', 'resettled_retiree', false],
  ['national', 'resettled_retiree', false],
] as const)('%s %s: a change of destination or insurance type goes to staff review: %s', (policyId, category, reviewed) => {
  expect(changeNeedsReview(profile(policyId), category)).toBe(reviewed)
})

describe('the words of a refusal', () => {
  const dazhou = profile('dazhou')

  test('under review, a change waits for approval whatever its lock says (the server refuses it so too)', () => {
    const actions = personActions(dazhou, filing({ status: 'pending_review' }), 'pending_review', '2026-01-10')
    expect(actions.change).toEqual({ allowed: false, allowedFrom: null, message: UNDER_REVIEW })
    expect(actions.supplement).toEqual({ allowed: false, allowedFrom: null, message: NOT_ASKED })
  })

  test('a lock that holds gives its opening day and the rule in words', () => {
    const { change } = personActions(dazhou, filing(), 'active', '2026-01-10')
    expect(change).toMatchObject({ allowed: false, allowedFrom: '2026-07-11' })
    expect(change.message).toContain('2026年7月11日起才能变更')
  })

  test('a closed filing is refused in the locks’ own words', () => {
    const cancelled = personActions(dazhou, filing({ status: 'cancelled' }), 'cancelled', '2026-07-11')
    expect(cancelled.change.message).toBe('本备案已取消，不能变更。如需备案，请重新办理。')
    expect(cancelled.cancel.message).toBe('本备案已取消，不能取消。如需备案，请重新办理。')
    expect(cancelled.supplement.message).toBe(NOT_ASKED)
    const rejected = personActions(dazhou, filing({ status: 'rejected' }), 'rejected', '2026-07-11')
    expect(rejected.update_contact.message).toBe('本备案未通过审核，不能修改联系方式。请按驳回原因重新办理。')
  })

  test('济宁: the cancel lock runs once expenses are incurred at the filed place', () => {
    const jining = profile('jining')
    const before = personActions(jining, filing({ policyId: 'jining' }), 'active', '2026-02-01')
    expect(before.cancel.allowed).toBe(true)
    const after = personActions(jining, filing({ policyId: 'jining', stays: [{ admissionDate: '2026-01-20' }] }), 'active', '2026-02-01')
    expect(after.cancel).toMatchObject({ allowed: false, allowedFrom: '2026-07-11' })
  })

  test('a category that is filed anew instead of changed (辽宁 referral) says so, even under review', () => {
    const liaoning = profile('liaoning-provincial')
    const referral = filing({ policyId: 'liaoning-provincial', category: 'referral' })
    for (const phase of ['active', 'pending_review'] as const) {
      const { change } = personActions(liaoning, { ...referral, status: STATUS[phase] }, phase, '2026-02-01')
      expect(change).toEqual({ allowed: false, allowedFrom: null, message: '转诊人员在异地医疗期间如需再次转院或入院，请重新申请转诊备案。' })
    }
  })
})

test.each([
  ['active', true],
  ['expiring', true],
  ['pending_review', false],
  ['needs_materials', false],
  ['not_yet_active', false],
  ['expired', false],
  ['cancelled', false],
  ['rejected', false],
] as const)('%s in force: %s', (state, inForce) => {
  expect(isInForce(state)).toBe(inForce)
})

describe('change_start_date: open until the filing starts, under any profile, without review', () => {
  const future = (over = {}) => filing({ startDate: '2027-03-05', effectiveOn: '2027-03-05', ...over })

  test('达州 before the start: allowed, though the change lock counts from the start', () => {
    const actions = personActions(profile('dazhou'), future(), 'active', '2026-12-01')
    expect(actions.change_start_date).toEqual({ allowed: true, allowedFrom: null, message: null })
    expect(actions.change.allowed).toBe(false)
  })

  test('辽宁 (staged review): allowed at once too — the start date is not the substance staff review', () => {
    const liaoning = profile('liaoning-provincial')
    const actions = personActions(liaoning, future({ policyId: 'liaoning-provincial', category: 'resident_worker' }), 'active', '2026-12-01')
    expect(actions.change_start_date.allowed).toBe(true)
  })

  test('on the start day and after: refused, saying to cancel and file again', () => {
    const { change_start_date } = personActions(profile('dazhou'), future(), 'active', '2027-03-05')
    expect(change_start_date).toMatchObject({ allowed: false, allowedFrom: null })
    expect(change_start_date.message).toContain('请取消本备案后重新办理')
  })

  test('under review: refused with its own words', () => {
    const { change_start_date } = personActions(profile('dazhou'), future({ status: 'pending_review', effectiveOn: null }), 'pending_review', '2026-12-01')
    expect(change_start_date).toEqual({ allowed: false, allowedFrom: null, message: START_UNDER_REVIEW_REFUSAL })
  })
})

describe('displayState: an approved filing whose start date is ahead is 未生效 until that day (issue 16 item 1)', () => {
  const approved = { status: 'active' as const, startDate: '2027-03-05', validUntil: null }
  test.each([
    ['2026-12-01', 'not_yet_active'],
    ['2027-03-04', 'not_yet_active'],
    ['2027-03-05', 'active'],
  ] as const)('on %s: %s', (today, state) => {
    expect(displayState(approved, today)).toBe(state)
  })

  test('a dated filing starting later is 未生效, not 即将到期, even when its end is near', () => {
    expect(displayState({ status: 'active', startDate: '2026-07-01', validUntil: '2026-07-10' }, '2026-06-25')).toBe('not_yet_active')
    expect(DISPLAY_STATE_LABELS.not_yet_active).toBe('未生效')
  })

  test('still under review: 审核中 whatever the start date', () => {
    expect(displayState({ ...approved, status: 'pending_review' }, '2026-12-01')).toBe('pending_review')
  })
})
