// The lifecycle as data: what each status allows, and the state a list of actions adds up to.
import type { HistoryEntry } from '../../src/backend/domain/record'
import { ALLOWED_ACTIONS, deriveState, isAllowed, phaseOf, type FilingAction } from '../../src/rules'

const entry = (action: FilingAction, actor = 'someone'): HistoryEntry => ({ filingId: 'F', at: '2026-11-22T04:00:00.000Z', actor, role: 'staff', action })

test('only open filings can change; closed ones can only be viewed, and anonymised when their period ends', () => {
  expect(ALLOWED_ACTIONS.cancelled).toEqual(['view', 'reveal', 'anonymise'])
  expect(ALLOWED_ACTIONS.rejected).toEqual(['view', 'reveal', 'anonymise'])
  expect(ALLOWED_ACTIONS.anonymised).toEqual(['view'])
  expect(phaseOf({ status: 'cancelled', anonymisedOn: '2031-01-02' })).toBe('anonymised')
  expect(isAllowed('active', 'change')).toBe(true)
  expect(isAllowed('pending_review', 'change')).toBe(false)
  expect(isAllowed('pending_review', 'update_contact')).toBe(true)
  expect(isAllowed('active', 'approve')).toBe(false)
  // Waiting for the person's materials: no approval until they answer; they may still cancel.
  expect(isAllowed('awaiting_materials', 'approve')).toBe(false)
  expect(isAllowed('awaiting_materials', 'supplement')).toBe(true)
  expect(isAllowed('awaiting_materials', 'cancel')).toBe(true)
  expect(isAllowed('pending_review', 'supplement')).toBe(false)
  expect(isAllowed('active', 'spot_check')).toBe(true)
  // A change waiting for review: the filing stays in force; no second change, no approval while waiting for materials.
  expect(isAllowed('active', 'request_change')).toBe(true)
  expect(isAllowed('change_review', 'change')).toBe(false)
  expect(isAllowed('change_review', 'request_change')).toBe(false)
  expect(isAllowed('change_review', 'record_stay')).toBe(true)
  expect(isAllowed('change_review', 'change_approve')).toBe(true)
  expect(isAllowed('change_review', 'approve')).toBe(false)
  expect(isAllowed('change_awaiting_materials', 'change_approve')).toBe(false)
  expect(isAllowed('change_awaiting_materials', 'supplement')).toBe(true)
  expect(isAllowed('change_awaiting_materials', 'change_reject')).toBe(true)
  expect(isAllowed('active', 'change_approve')).toBe(false)
})

test('a filing waiting for materials is its own phase', () => {
  expect(phaseOf({ status: 'pending_review', materialsRequest: { note: '请补充', by: 's', at: '', stage: null } })).toBe('awaiting_materials')
  expect(phaseOf({ status: 'pending_review', materialsRequest: null })).toBe('pending_review')
  expect(phaseOf({ status: 'active' })).toBe('active')
  const pendingChange = { requestedOn: '2026-11-25', reviewers: [] }
  expect(phaseOf({ status: 'active', pendingChange })).toBe('change_review')
  expect(phaseOf({ status: 'active', pendingChange, materialsRequest: { note: '请补充', by: 's', at: '', stage: '变更初审' } })).toBe('change_awaiting_materials')
  expect(phaseOf({ status: 'active', pendingChange: null })).toBe('active')
})

test.each([
  [0, ['submit'], 'active', [], false],
  [0, ['submit', 'update_contact', 'change', 'record_stay', 'view', 'remind'], 'active', [], false],
  [0, ['submit', 'cancel', 'view'], 'cancelled', [], false],
  [3, ['submit'], 'pending_review', [], false],
  [3, ['submit', 'review_pass', 'review_pass'], 'pending_review', ['s1', 's2'], false],
  [3, ['submit', 'review_pass', 'review_pass', 'approve'], 'active', ['s1', 's2', 's3'], false],
  [3, ['submit', 'review_pass', 'reject'], 'rejected', ['s1'], false],
  [3, ['submit', 'cancel'], 'cancelled', [], false],
  [3, ['submit', 'request_materials'], 'pending_review', [], true],
  [3, ['submit', 'request_materials', 'supplement', 'review_pass'], 'pending_review', ['s3'], false],
  [3, ['submit', 'review_pass', 'request_materials', 'reject'], 'rejected', ['s1'], false],
  [0, ['submit', 'spot_check', 'reveal'], 'active', [], false],
] as const)('%i stages, %j → %s', (stages, actions, status, reviewers, awaitingMaterials) => {
  const history = actions.map((action, index) => entry(action, index === 0 ? 'owner' : `s${index}`))
  expect(deriveState(history, stages)).toEqual({ status, reviewers, awaitingMaterials, changeReview: null, anonymised: false })
})

// A change of an approved staged filing: it waits for review while the filing stays active.
const APPROVED = ['submit', 'review_pass', 'review_pass', 'approve'] as const
test.each([
  [[...APPROVED, 'request_change'], 'active', false, []],
  [[...APPROVED, 'request_change', 'update_contact', 'record_stay'], 'active', false, []],
  [[...APPROVED, 'request_change', 'change_review_pass'], 'active', false, ['s5']],
  [[...APPROVED, 'request_change', 'change_review_pass', 'change_review_pass', 'change_approve'], 'active', false, null],
  [[...APPROVED, 'request_change', 'change_reject'], 'active', false, null],
  [[...APPROVED, 'request_change', 'change_reject', 'request_change'], 'active', false, []],
  [[...APPROVED, 'request_change', 'request_materials'], 'active', true, []],
  [[...APPROVED, 'request_change', 'request_materials', 'supplement', 'change_review_pass'], 'active', false, ['s7']],
  [[...APPROVED, 'request_change', 'request_materials', 'change_reject'], 'active', false, null],
  [[...APPROVED, 'request_change', 'cancel'], 'cancelled', false, null],
] as const)('3 stages, %j → %s, awaiting materials %s, change reviewers %j', (actions, status, awaitingMaterials, changeReview) => {
  const history = actions.map((action, index) => entry(action, index === 0 ? 'owner' : `s${index}`))
  expect(deriveState(history, 3)).toEqual({ status, reviewers: ['s1', 's2', 's3'], awaitingMaterials, changeReview, anonymised: false })
})

test.each([
  [0, ['submit', 'cancel', 'change'], 'change is not allowed when cancelled'],
  [3, ['submit', 'change'], 'change is not allowed when pending_review'],
  [0, ['submit', 'approve'], 'approve is not allowed when active'],
  [0, ['submit', 'change_approve'], 'change_approve is not allowed when active'],
  [3, ['submit', 'request_change'], 'request_change is not allowed when pending_review'],
  [3, ['submit', 'review_pass', 'review_pass', 'approve', 'request_change', 'change'], 'change is not allowed when change_review'],
  [3, ['submit', 'review_pass', 'review_pass', 'approve', 'request_change', 'request_materials', 'change_approve'], 'change_approve is not allowed when change_awaiting_materials'],
  [3, ['submit', 'request_materials', 'approve'], 'approve is not allowed when awaiting_materials'],
  [3, ['submit', 'supplement'], 'supplement is not allowed when pending_review'],
  [0, ['view'], 'a history starts with submit'],
  [0, [], 'an empty history'],
] as const)('%i stages, %j is not a history the handlers write', (stages, actions, message) => {
  expect(() => deriveState(actions.map((a) => entry(a)), stages)).toThrow(message)
})
