// A filing's lifecycle as data: which actions each status allows, and the state that the list of
// actions taken adds up to (the stored record must always equal it; tests check that).
import type { FilingStatus } from '../../rules'
import type { FilingAction, HistoryEntry } from './record'

export const ALLOWED_ACTIONS = {
  pending_review: ['review_pass', 'approve', 'reject', 'update_contact', 'cancel', 'view'],
  active: ['change', 'update_contact', 'cancel', 'record_stay', 'view', 'remind'],
  rejected: ['view'],
  cancelled: ['view'],
} as const satisfies Record<FilingStatus, readonly FilingAction[]>

export function isAllowed(status: FilingStatus, action: FilingAction): boolean {
  return (ALLOWED_ACTIONS[status] as readonly FilingAction[]).includes(action)
}

export interface DerivedState {
  status: FilingStatus
  /** Staff who passed each review stage, in order. */
  reviewers: string[]
}

/**
 * The state after `history`, for a filing whose profile has `stageCount` review stages (0: instant).
 * Throws on an action its status did not allow: such a history was never written by the handlers.
 */
export function deriveState(history: readonly HistoryEntry[], stageCount: number): DerivedState {
  let state: DerivedState | null = null
  for (const entry of history) {
    if (state === null) {
      if (entry.action !== 'submit') throw new Error('a history starts with submit')
      state = { status: stageCount > 0 ? 'pending_review' : 'active', reviewers: [] }
      continue
    }
    if (!isAllowed(state.status, entry.action)) throw new Error(`${entry.action} is not allowed when ${state.status}`)
    switch (entry.action) {
      case 'review_pass':
        state = { ...state, reviewers: [...state.reviewers, entry.actor] }
        break
      case 'approve':
        state = { status: 'active', reviewers: [...state.reviewers, entry.actor] }
        break
      case 'reject':
        state = { ...state, status: 'rejected' }
        break
      case 'cancel':
        state = { ...state, status: 'cancelled' }
        break
      default:
        break
    }
  }
  if (state === null) throw new Error('an empty history')
  return state
}
