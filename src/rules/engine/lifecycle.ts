// A filing's lifecycle as data: which actions each phase allows, and the state that the list of
// actions taken adds up to (the stored record must always equal it; tests check that).
//
// A phase is the stored status, except that a filing under review whose reviewer asked for more
// materials waits for the person (awaiting_materials) and cannot be approved until they answer.
import type { DisplayState, FilingStatus } from './filing'

export const FILING_ACTIONS = [
  'submit',
  'review_pass',
  'approve',
  'reject',
  'change',
  'update_contact',
  'cancel',
  'record_stay',
  'view',
  'remind',
  'request_materials',
  'supplement',
  'spot_check',
  'reveal',
] as const
export type FilingAction = (typeof FILING_ACTIONS)[number]

export type FilingPhase = FilingStatus | 'awaiting_materials'

export const ALLOWED_ACTIONS = {
  pending_review: ['review_pass', 'approve', 'reject', 'request_materials', 'update_contact', 'cancel', 'view', 'reveal'],
  awaiting_materials: ['supplement', 'reject', 'update_contact', 'cancel', 'view', 'reveal'],
  active: ['change', 'update_contact', 'cancel', 'record_stay', 'spot_check', 'view', 'reveal', 'remind'],
  rejected: ['view', 'reveal'],
  cancelled: ['view', 'reveal'],
} as const satisfies Record<FilingPhase, readonly FilingAction[]>

export function phaseOf(filing: { status: FilingStatus; materialsRequest?: unknown }): FilingPhase {
  return filing.status === 'pending_review' && filing.materialsRequest ? 'awaiting_materials' : filing.status
}

export function isAllowed(phase: FilingPhase, action: FilingAction): boolean {
  return (ALLOWED_ACTIONS[phase] as readonly FilingAction[]).includes(action)
}

/** In force, as the person sees it (生效中, 即将到期): the only states whose certificate settles a stay. */
export function isInForce(state: DisplayState): boolean {
  return state === 'active' || state === 'expiring'
}

export interface DerivedState {
  status: FilingStatus
  /** Staff who passed each review stage, in order. */
  reviewers: string[]
  /** A request for more materials is open. */
  awaitingMaterials: boolean
}

/**
 * The state after `history`, for a filing whose profile has `stageCount` review stages (0: instant).
 * Throws on an action its phase did not allow: such a history was never written by the handlers.
 */
export function deriveState(history: readonly { action: FilingAction; actor: string }[], stageCount: number): DerivedState {
  let state: DerivedState | null = null
  for (const entry of history) {
    if (state === null) {
      if (entry.action !== 'submit') throw new Error('a history starts with submit')
      state = { status: stageCount > 0 ? 'pending_review' : 'active', reviewers: [], awaitingMaterials: false }
      continue
    }
    const phase: FilingPhase = state.awaitingMaterials ? 'awaiting_materials' : state.status
    if (!isAllowed(phase, entry.action)) throw new Error(`${entry.action} is not allowed when ${phase}`)
    switch (entry.action) {
      case 'review_pass':
        state = { ...state, reviewers: [...state.reviewers, entry.actor] }
        break
      case 'approve':
        state = { ...state, status: 'active', reviewers: [...state.reviewers, entry.actor] }
        break
      case 'request_materials':
        state = { ...state, awaitingMaterials: true }
        break
      case 'supplement':
        state = { ...state, awaitingMaterials: false }
        break
      case 'reject':
        state = { ...state, status: 'rejected', awaitingMaterials: false }
        break
      case 'cancel':
        state = { ...state, status: 'cancelled', awaitingMaterials: false }
        break
      default:
        break
    }
  }
  if (state === null) throw new Error('an empty history')
  return state
}
