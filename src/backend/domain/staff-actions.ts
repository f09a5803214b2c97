// What one staff member may do with a filing, and why not: the back office shows only the forms they
// can use (with the reason for the others), and the handlers refuse with the same words (issue 16,
// item 7). The lifecycle table says what the filing's phase allows; roles and the rule that each
// review stage needs another person (and never one's own filing) say who.
import { isAllowed, phaseOf, type FilingAction } from '../../rules'
import type { StaffMember, StaffRole } from '../store/port'
import type { FilingRecord } from './record'

export type ReviewDecision = 'approve' | 'reject' | 'request_materials'

/**
 * `applies`: the filing is where this action could be taken at all (under review, due a check, in
 * force…); when it does not, there is nothing to show. `allowed` with `message` null, or not allowed
 * with the reason this staff member reads.
 */
export interface StaffAction {
  applies: boolean
  allowed: boolean
  message: string | null
}

export interface StaffActions {
  /** `decisions`: the review decisions the phase takes (awaiting materials: only reject). */
  review: StaffAction & { decisions: ReviewDecision[] }
  spotCheck: StaffAction
  recordStay: StaffAction
  reveal: StaffAction
}

/** Said when the staff member lacks the role an action needs (guards.ts refuses with the same words). */
export const ROLE_REFUSED: Record<StaffRole, string> = {
  query: '您的账号不能查询备案',
  review: '您的账号只能查询，不能审核、抽查或登记住院费用',
  reveal: '您的账号不能查看完整证件号码和电话',
  audit: '您的账号不能查看访问记录',
}

export const OWN_REVIEW_REFUSED = '不能审核本人提交的备案'
export const OWN_CHECK_REFUSED = '不能核查本人提交的备案'
export const SAME_REVIEWER_REFUSED = '每一级审核须由不同的工作人员办理，您已审核过这份备案'

const DECISION_ACTIONS: Record<ReviewDecision, { filing: FilingAction[]; change: FilingAction[] }> = {
  approve: { filing: ['review_pass', 'approve'], change: ['change_review_pass', 'change_approve'] },
  reject: { filing: ['reject'], change: ['change_reject'] },
  request_materials: { filing: ['request_materials'], change: ['request_materials'] },
}

const allowed = { allowed: true, message: null } as const
const refused = (message: string) => ({ allowed: false, message })
const notHere: StaffAction = { applies: false, allowed: false, message: null }

/** The first reason in `checks` that holds, else allowed. */
function first(applies: boolean, checks: [boolean, string][]): StaffAction {
  if (!applies) return notHere
  const hit = checks.find(([holds]) => holds)
  return { applies, ...(hit ? refused(hit[1]) : allowed) }
}

export function staffActions(filing: FilingRecord, staff: StaffMember): StaffActions {
  const phase = phaseOf(filing)
  const ofChange = phase === 'change_review' || phase === 'change_awaiting_materials'
  const underReview = ofChange || phase === 'pending_review' || phase === 'awaiting_materials'
  const can = (role: StaffRole): [boolean, string] => [!staff.roles.includes(role), ROLE_REFUSED[role]]
  const own = filing.owner === staff.openid
  const passed = (ofChange ? filing.pendingChange?.reviewers : filing.reviewers) ?? []
  const decisions = (Object.keys(DECISION_ACTIONS) as ReviewDecision[]).filter((decision) =>
    DECISION_ACTIONS[decision][ofChange ? 'change' : 'filing'].some((action) => isAllowed(phase, action)),
  )
  return {
    review: {
      ...first(underReview, [can('review'), [own, OWN_REVIEW_REFUSED], [passed.includes(staff.openid), SAME_REVIEWER_REFUSED]]),
      decisions: underReview ? decisions : [],
    },
    spotCheck: first(filing.spotCheck?.state === 'due' && isAllowed(phase, 'spot_check'), [can('review'), [own, OWN_CHECK_REFUSED]]),
    recordStay: first(isAllowed(phase, 'record_stay'), [can('review')]),
    reveal: first(isAllowed(phase, 'reveal'), [can('reveal')]),
  }
}
