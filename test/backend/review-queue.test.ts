// 待我审核 as a predicate over records: the meaning each store's `needsReviewBy` filter implements.
import { awaitsReviewBy, changeReviewFields } from '../../src/backend/domain/review-queue'
import { filingRecord } from './builders'

const pendingChange = {
  destination: { provinceCode: '530000', cityCode: '530100', areaCode: '530100' },
  requestedOn: '2027-06-01',
  requestedAt: '2027-06-01T02:00:00.000Z',
  by: 'o-wang-xiulan',
  reason: '单位派驻昆明',
  materials: [],
  reviewers: ['s1'],
}
const asked = { note: '请补充', by: 's1', at: '2027-06-01T02:00:00.000Z', stage: '变更初审' }

test.each([
  ['a filing under review, not yet passed by me', { status: 'pending_review', reviewers: ['s1'] }, 's2', true],
  ['a filing under review I passed at an earlier stage', { status: 'pending_review', reviewers: ['s1'] }, 's1', false],
  ['a filing waiting for materials', { status: 'pending_review', reviewers: [], materialsRequest: asked }, 's2', false],
  ['an active filing', { status: 'active', reviewers: ['a', 'b', 'c'] }, 's2', false],
  ['a change under review, not yet passed by me (I approved the filing)', { status: 'active', reviewers: ['s2'], pendingChange }, 's2', true],
  ['a change under review I passed', { status: 'active', reviewers: [], pendingChange }, 's1', false],
  ['a change waiting for materials', { status: 'active', reviewers: [], pendingChange, materialsRequest: asked }, 's2', false],
  ['a cancelled filing', { status: 'cancelled', reviewers: [] }, 's2', false],
] as const)('%s → %s', (_what, overrides, openid, expected) => {
  expect(awaitsReviewBy(filingRecord(overrides as never), openid)).toBe(expected)
})

test('the fields a store indexes for the change queue', () => {
  expect(changeReviewFields(filingRecord({ pendingChange }))).toEqual({ changeUnderReview: true, changeReviewers: ['s1'] })
  expect(changeReviewFields(filingRecord({}))).toEqual({ changeUnderReview: false, changeReviewers: [] })
})
