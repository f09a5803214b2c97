// 待我审核 as one predicate: what the stores' `needsReviewBy` filter must select. Both adapters own
// their query (SQLite: SQL over the record's columns and JSON; CloudBase: derived fields on the stored
// document); this is the meaning they implement, checked against records in
// test/backend/review-queue.test.ts, so a store contract test can compare with it.
// The store contract checks each adapter's queue against this predicate.
import type { FilingRecord } from './record'

type Queued = Pick<FilingRecord, 'status' | 'reviewers' | 'materialsRequest' | 'pendingChange'>

/**
 * Waits for a review decision this staff member may take: a filing under review, or a change of an
 * active one, that they have not passed at an earlier stage (each stage needs a different person),
 * and that is not waiting for the person's materials.
 */
export function awaitsReviewBy(record: Queued, openid: string): boolean {
  if (record.materialsRequest) return false
  if (record.status === 'pending_review') return !record.reviewers.includes(openid)
  if (record.status === 'active' && record.pendingChange) return !record.pendingChange.reviewers.includes(openid)
  return false
}

/**
 * The fields a store can index for the change queue (CloudBase keeps them beside the record, as it
 * does `awaitingMaterials`; SQLite can read them from the record's JSON or keep them as columns).
 */
export function changeReviewFields(record: Pick<FilingRecord, 'pendingChange'>): { changeUnderReview: boolean; changeReviewers: string[] } {
  const pending = record.pendingChange ?? null
  return { changeUnderReview: pending !== null, changeReviewers: pending ? pending.reviewers : [] }
}
