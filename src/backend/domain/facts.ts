// A stored record as the rules engine sees it, and the profile it was filed under.
import { filingStages, findProfile, reviewStages, type FilingFacts, type PolicyProfile } from '../../rules'
import type { FilingRecord } from './record'

export function toFacts(record: FilingRecord): FilingFacts {
  return {
    id: record.id,
    policyId: record.policyId,
    category: record.category,
    status: record.status,
    destination: record.destination,
    startDate: record.startDate,
    validUntil: record.validUntil,
    filedOn: record.filedOn,
    effectiveOn: record.effectiveOn,
    changedOn: record.changedOn,
    stays: record.stays,
    treatingHospitalName: record.referral?.treatingHospitalName ?? null,
    insuredRegion: record.insuredRegion,
  }
}

/** Profiles are code: a stored policyId always names one, unless the code lost it (a bug). */
export function profileOf(record: { policyId: string }): PolicyProfile {
  const profile = findProfile(record.policyId)
  if (!profile) throw new Error(`filing refers to unknown profile ${record.policyId}`)
  return profile
}

/** The filing's review stages: 代办核验 first for a 代办 filing, then the profile's own. */
export function stagesOf(record: Pick<FilingRecord, 'policyId' | 'category' | 'agent'>) {
  return filingStages(profileOf(record), record.category, Boolean(record.agent))
}

/**
 * The stages a substantive change goes through: the profile's own (初审 → 复核 → 审批), never 代办核验 —
 * the agent was checked when the filing was made, and a change alters the terms, not who filed.
 * None: the profile takes changes at once.
 */
export function changeStagesOf(record: Pick<FilingRecord, 'policyId' | 'category'>) {
  return reviewStages(profileOf(record), record.category)
}
