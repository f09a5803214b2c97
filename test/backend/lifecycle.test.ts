// The lifecycle as data: what each status allows, and the state a list of actions adds up to.
import { ALLOWED_ACTIONS, deriveState, isAllowed } from '../../src/backend/domain/lifecycle'
import type { FilingAction, HistoryEntry } from '../../src/backend/domain/record'

const entry = (action: FilingAction, actor = 'someone'): HistoryEntry => ({ filingId: 'F', at: '2026-11-22T04:00:00.000Z', actor, role: 'staff', action })

test('only open filings can change; closed ones can only be viewed', () => {
  expect(ALLOWED_ACTIONS.cancelled).toEqual(['view'])
  expect(ALLOWED_ACTIONS.rejected).toEqual(['view'])
  expect(isAllowed('active', 'change')).toBe(true)
  expect(isAllowed('pending_review', 'change')).toBe(false)
  expect(isAllowed('pending_review', 'update_contact')).toBe(true)
  expect(isAllowed('active', 'approve')).toBe(false)
})

test.each([
  [0, ['submit'], 'active', []],
  [0, ['submit', 'update_contact', 'change', 'record_stay', 'view', 'remind'], 'active', []],
  [0, ['submit', 'cancel', 'view'], 'cancelled', []],
  [3, ['submit'], 'pending_review', []],
  [3, ['submit', 'review_pass', 'review_pass'], 'pending_review', ['s1', 's2']],
  [3, ['submit', 'review_pass', 'review_pass', 'approve'], 'active', ['s1', 's2', 's3']],
  [3, ['submit', 'review_pass', 'reject'], 'rejected', ['s1']],
  [3, ['submit', 'cancel'], 'cancelled', []],
] as const)('%i stages, %j → %s', (stages, actions, status, reviewers) => {
  const history = actions.map((action, index) => entry(action, index === 0 ? 'owner' : `s${index}`))
  expect(deriveState(history, stages)).toEqual({ status, reviewers })
})

test.each([
  [0, ['submit', 'cancel', 'change'], 'change is not allowed when cancelled'],
  [3, ['submit', 'change'], 'change is not allowed when pending_review'],
  [0, ['submit', 'approve'], 'approve is not allowed when active'],
  [0, ['view'], 'a history starts with submit'],
  [0, [], 'an empty history'],
] as const)('%i stages, %j is not a history the handlers write', (stages, actions, message) => {
  expect(() => deriveState(actions.map((a) => entry(a)), stages)).toThrow(message)
})
