// What the person may do with their filing today. The lifecycle table says whether the phase takes
// an action at all, the profile's locks whether it is open yet; the person's view carries the answer,
// so pages offer what the server would take instead of re-reading statuses.
import type { CalendarDate } from '../dates'
import type { PolicyProfile } from '../profiles'
import type { FilingFacts } from './filing'
import { reviewStages } from './category'
import { isAllowed, type FilingAction, type FilingPhase } from './lifecycle'
import { decideCancel, decideChange, decideContactUpdate, decideStartDateChange, type ActionDecision } from './locks'

/**
 * What the person may ask for. `change` is a change of destination; `change_insurance_type` a change
 * of 参保险种 alone, which some profiles let through at once with proof (达州 001 四(三));
 * `change_start_date` a new start date before the filing starts (no review: see decideStartDateChange).
 * All three are the lifecycle's `change`.
 */
export const PERSON_ACTIONS = ['change', 'change_insurance_type', 'change_start_date', 'update_contact', 'cancel', 'supplement'] as const
export type PersonAction = (typeof PERSON_ACTIONS)[number]

const LIFECYCLE_ACTION = {
  change: 'change',
  change_insurance_type: 'change',
  change_start_date: 'change',
  update_contact: 'update_contact',
  cancel: 'cancel',
  supplement: 'supplement',
} as const satisfies Record<PersonAction, FilingAction>

export interface ActionAvailability {
  allowed: boolean
  /** When locked: the first day it opens. */
  allowedFrom: CalendarDate | null
  /** Why not, in the rule's words; null when allowed. */
  message: string | null
}

export type PersonActions = Record<PersonAction, ActionAvailability>

/** A profile with staged review sends a change of destination or insurance type back to staff. */
export function changeNeedsReview(profile: PolicyProfile, category: FilingFacts['category']): boolean {
  return reviewStages(profile, category).length > 0
}

export const UNDER_REVIEW_REFUSAL = '备案审核中，暂不能变更就医地或险种；如需更改，请取消后重新办理。'
export const CHANGE_PENDING_REFUSAL = '已有一项变更在审核中，审核结束后才能再次变更就医地或险种。'
export const NOT_ASKED_REFUSAL = '经办人员没有要求这份备案补充材料，不需要再上传'
export const START_UNDER_REVIEW_REFUSAL = '备案审核中，暂不能变更开始日期；如需更改，请取消后重新办理。'

// Said when the phase refuses what the locks alone would let through. A closed filing needs none:
// the locks refuse a cancelled or rejected one in their own words.
function phaseRefusal(action: PersonAction, phase: FilingPhase): string | null {
  if (action === 'supplement') return NOT_ASKED_REFUSAL
  if (action !== 'change' && action !== 'change_insurance_type' && action !== 'change_start_date') return null
  if (phase === 'change_review' || phase === 'change_awaiting_materials') return CHANGE_PENDING_REFUSAL
  return action === 'change_start_date' ? START_UNDER_REVIEW_REFUSAL : UNDER_REVIEW_REFUSAL
}

function lockDecision(action: PersonAction, profile: PolicyProfile, filing: FilingFacts, today: CalendarDate): ActionDecision {
  switch (action) {
    case 'change':
      return decideChange(profile, filing, today)
    case 'change_insurance_type':
      return decideChange(profile, filing, today, undefined, { destination: false, insuranceType: true })
    case 'change_start_date':
      return decideStartDateChange(profile, filing, today)
    case 'cancel':
      return decideCancel(profile, filing, today)
    case 'update_contact':
      return decideContactUpdate(filing)
    case 'supplement':
      // Answering staff's request has no lock: the phase alone decides.
      return { kind: 'allowed', proof: [] }
  }
}

function availability(action: PersonAction, decision: ActionDecision, phase: FilingPhase, lifecycleAction: FilingAction): ActionAvailability {
  if (decision.kind === 'refused') return { allowed: false, allowedFrom: null, message: decision.message }
  // The phase outranks a lock: under review a change waits for approval, whatever its lock says.
  if (!isAllowed(phase, lifecycleAction)) return { allowed: false, allowedFrom: null, message: phaseRefusal(action, phase) }
  if (decision.kind === 'locked') return { allowed: false, allowedFrom: decision.allowedFrom, message: decision.message }
  return { allowed: true, allowedFrom: null, message: null }
}

/** Each person action on `today`: allowed, locked until a day, or refused, with the reason. */
export function personActions(profile: PolicyProfile, filing: FilingFacts, phase: FilingPhase, today: CalendarDate): PersonActions {
  const reviewed = changeNeedsReview(profile, filing.category)
  // Under staged review a new destination or insurance type goes to staff; a new start date does not.
  const lifecycleAction = (action: PersonAction): FilingAction =>
    reviewed && (action === 'change' || action === 'change_insurance_type') ? 'request_change' : LIFECYCLE_ACTION[action]
  const entries = PERSON_ACTIONS.map((action) => [action, availability(action, lockDecision(action, profile, filing, today), phase, lifecycleAction(action))] as const)
  return Object.fromEntries(entries) as PersonActions
}
