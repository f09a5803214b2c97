// What a profile says about one person category, and what a person's filings of a category add up to.
import { groupOf, type Category } from '../categories'
import { findProfile, type FiledCategoryRule, type PolicyProfile } from '../profiles'
import type { FilingStatus } from './filing'

/** The profile's rule for a category that is filed; null when it needs no filing or is not taken here. */
export function filedRule(profile: PolicyProfile, category: Category): FiledCategoryRule | null {
  const rule = profile.categories[category]
  return rule.filing === 'required' ? rule : null
}

/** The filed rule a filing was made under; null when its category is not filed or its profile is unknown. */
export function filedRuleOf(filing: { policyId: string; category: Category }): FiledCategoryRule | null {
  const profile = findProfile(filing.policyId)
  return profile ? filedRule(profile, filing.category) : null
}

/** The review stages a filing goes through (初审 → 复核 → 审批); none when it takes effect at once. */
export function reviewStages(profile: PolicyProfile, category: Category): readonly { code: string; label: string }[] {
  const review = filedRule(profile, category)?.review
  return review?.kind === 'staged' ? review.stages : []
}

type FilingOfCategory = { category: Category; status: FilingStatus }

/** A long-term filing under review or in force: a person holds one at a time (a second is DUPLICATE). */
export function isOpenLongTermFiling(filing: FilingOfCategory): boolean {
  return groupOf(filing.category) === 'long_term' && (filing.status === 'pending_review' || filing.status === 'active')
}

/** Some referral issuers accept only people who hold a long-term filing in force (山西). */
export function holdsLongTermFiling(filings: readonly FilingOfCategory[]): boolean {
  return filings.some((filing) => filing.status === 'active' && groupOf(filing.category) === 'long_term')
}
