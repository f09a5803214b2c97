// 代办: a filing made by someone other than the insured person. It always goes to staff, whatever
// the profile's channel: 代办核验 (the agent's identity, the relationship, any 授权委托书) comes
// before the profile's own review stages. Without it anyone who knows an ID number could file under
// it and see the filing take effect at once (a commitment profile has no review of its own).
import type { Category } from '../categories'
import type { PolicyProfile } from '../profiles'
import type { Relationship } from '../vocabulary'
import { reviewStages } from './category'

export const AGENT_CHECK_STAGE = { code: 'agent_check', label: '代办核验' } as const

/** The review stages of a filing: 代办核验 first when someone filed it for the insured person. */
export function filingStages(profile: PolicyProfile, category: Category, byAgent: boolean): readonly { code: string; label: string }[] {
  const own = reviewStages(profile, category)
  return byAgent ? [AGENT_CHECK_STAGE, ...own] : own
}

/** Whether the agent must upload a 授权委托书 signed by the insured person. */
export function needsAuthorization(profile: PolicyProfile, relationship: Relationship): boolean {
  return profile.agency.authorizationFor.includes(relationship)
}
