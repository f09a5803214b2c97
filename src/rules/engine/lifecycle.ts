// A filing's lifecycle as data: which actions each phase allows, and the state that the list of
// actions taken adds up to (the stored record must always equal it; tests check that).
//
// A phase is the stored status, except that a filing under review whose reviewer asked for more
// materials waits for the person (awaiting_materials) and cannot be approved until they answer; and
// that an active filing whose substantive change (destination, insurance type) waits for staff review
// (profiles with staged review) is in change_review — still active on its old terms — or, when the
// reviewer asked for more materials, change_awaiting_materials. A filing whose retention period ran
// out (rules/retention.ts) is anonymised: its status stays for the statistics, and nothing more
// happens to it.
import type { DisplayState, FilingStatus } from './filing'

export const FILING_ACTIONS = [
  'submit',
  'review_pass',
  'approve',
  'reject',
  'change',
  'request_change',
  'change_review_pass',
  'change_approve',
  'change_reject',
  'update_contact',
  'cancel',
  'record_stay',
  'view',
  'remind',
  'request_materials',
  'supplement',
  'spot_check',
  'reveal',
  'anonymise',
] as const
export type FilingAction = (typeof FILING_ACTIONS)[number]

export type FilingPhase = FilingStatus | 'awaiting_materials' | 'change_review' | 'change_awaiting_materials' | 'anonymised'

export const ALLOWED_ACTIONS = {
  pending_review: ['review_pass', 'approve', 'reject', 'request_materials', 'update_contact', 'cancel', 'view', 'reveal'],
  awaiting_materials: ['supplement', 'reject', 'update_contact', 'cancel', 'view', 'reveal'],
  // `change` takes effect at once (no staff review); `request_change` waits for review (change_review).
  // `anonymise`: only once it has ended (expired) and its retention ran out — the job checks the dates.
  active: ['change', 'request_change', 'update_contact', 'cancel', 'record_stay', 'spot_check', 'view', 'reveal', 'remind', 'anonymise'],
  // Still active on its old terms: everything an active filing takes except another change.
  change_review: [
    'change_review_pass',
    'change_approve',
    'change_reject',
    'request_materials',
    'update_contact',
    'cancel',
    'record_stay',
    'spot_check',
    'view',
    'reveal',
    'remind',
    'anonymise',
  ],
  change_awaiting_materials: [
    'supplement',
    'change_reject',
    'update_contact',
    'cancel',
    'record_stay',
    'spot_check',
    'view',
    'reveal',
    'remind',
    'anonymise',
  ],
  rejected: ['view', 'reveal', 'anonymise'],
  cancelled: ['view', 'reveal', 'anonymise'],
  // Nothing personal is left to reveal.
  anonymised: ['view'],
} as const satisfies Record<FilingPhase, readonly FilingAction[]>

export function phaseOf(filing: { status: FilingStatus; materialsRequest?: unknown; pendingChange?: unknown; anonymisedOn?: unknown }): FilingPhase {
  if (filing.anonymisedOn) return 'anonymised'
  if (filing.status === 'pending_review' && filing.materialsRequest) return 'awaiting_materials'
  if (filing.status === 'active' && filing.pendingChange) return filing.materialsRequest ? 'change_awaiting_materials' : 'change_review'
  return filing.status
}

/** A phase in which staff review something: the filing itself, or a change of it. */
export function isUnderReview(phase: FilingPhase): boolean {
  return phase !== 'active' && phase !== 'rejected' && phase !== 'cancelled' && phase !== 'anonymised'
}

export function isAllowed(phase: FilingPhase, action: FilingAction): boolean {
  return (ALLOWED_ACTIONS[phase] as readonly FilingAction[]).includes(action)
}

/** In force, as the person sees it (生效中, 即将到期): the only states whose certificate settles a stay. */
export function isInForce(state: DisplayState): boolean {
  return state === 'active' || state === 'expiring'
}

/** Approved and not ended: in force, or 未生效 until its start date (its certificate then says from when). */
export function isApprovedAndOpen(state: DisplayState): boolean {
  return isInForce(state) || state === 'not_yet_active'
}

export interface DerivedState {
  status: FilingStatus
  /** Staff who passed each review stage, in order. */
  reviewers: string[]
  /** A request for more materials is open (on the filing, or on its pending change). */
  awaitingMaterials: boolean
  /** A substantive change waits for review: the staff who passed its stages so far; null when none waits. */
  changeReview: string[] | null
  /** The retention period ran out and the personal fields were erased. */
  anonymised: boolean
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
      state = { status: stageCount > 0 ? 'pending_review' : 'active', reviewers: [], awaitingMaterials: false, changeReview: null, anonymised: false }
      continue
    }
    const phase = phaseOf({
      status: state.status,
      materialsRequest: state.awaitingMaterials,
      pendingChange: state.changeReview,
      anonymisedOn: state.anonymised,
    })
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
        // A pending change goes with the filing.
        state = { ...state, status: 'cancelled', awaitingMaterials: false, changeReview: null }
        break
      case 'request_change':
        state = { ...state, changeReview: [] }
        break
      case 'change_review_pass':
        state = { ...state, changeReview: [...(state.changeReview ?? []), entry.actor] }
        break
      case 'change_approve':
      case 'change_reject':
        state = { ...state, changeReview: null, awaitingMaterials: false }
        break
      case 'anonymise':
        // A change still waiting goes with the person's details.
        state = { ...state, changeReview: null, awaitingMaterials: false, anonymised: true }
        break
      default:
        break
    }
  }
  if (state === null) throw new Error('an empty history')
  return state
}
