// The retention policy (rules/retention.ts) applied: when a filing has ended, what is left of it once
// its period has run out, and what its history keeps. Pure: the scheduled job (jobs.ts) reads the
// due filings from the store and writes what these functions return.
import { RETENTION, RetentionPolicySchema, addMonths, shanghaiDate, type CalendarDate, type RetentionPolicy } from '../../rules'
import type { FilingRecord, HistoryEntry } from './record'

/** Checked once at load: a malformed policy stops the server and the functions from starting. */
export const RETENTION_POLICY: RetentionPolicy = RetentionPolicySchema.parse(RETENTION)

/**
 * The owner an anonymised filing is left with: no longer the person's openid (which would tie the
 * rest to them), still unique per filing as the store's (owner, requestId) key needs.
 */
export const anonymisedOwner = (filingId: string) => `anonymised:${filingId}`

/**
 * The last day the filing was in force: cancelled or rejected, the day that happened (its last
 * change); active, its last valid day. Null while it has not ended (under review; in force with no
 * end date) and once it is anonymised.
 */
export function endedOn(filing: FilingRecord): CalendarDate | null {
  if (filing.anonymisedOn) return null
  if (filing.status === 'cancelled' || filing.status === 'rejected') return shanghaiDate(new Date(filing.updatedAt))
  if (filing.status === 'active') return filing.validUntil
  return null
}

/** A filing that ended before this day has been kept its `yearsAfterEnd` whole years by `today`. */
export function endedBefore(today: CalendarDate, policy: RetentionPolicy = RETENTION_POLICY): CalendarDate {
  return addMonths(today, -12 * policy.yearsAfterEnd)
}

/** A verification made before this instant has been kept its `identityYears` by `now`. */
export function verifiedBefore(now: Date, policy: RetentionPolicy = RETENTION_POLICY): string {
  const at = new Date(now.getTime())
  at.setUTCFullYear(at.getUTCFullYear() - policy.identityYears)
  return at.toISOString()
}

/** The proofs a filing names (its own, an agent's authorisation, a waiting change's): deleted with it. */
export function proofsOf(filing: FilingRecord): string[] {
  const ids = [
    ...filing.materials.map((material) => material.fileId),
    ...(filing.pendingChange?.materials ?? []).map((material) => material.fileId),
    filing.agent?.authorization ?? '',
  ]
  return [...new Set(ids.filter((id) => id !== ''))]
}

/**
 * What is kept: the policy, category, insurance type, destination, dates, status, referral hospitals,
 * stays and review stages (the statistics); the applicant's gender and birth year. Erased: names, ID
 * numbers, phones, the address, the signature, the proofs, the agent's details, free-text notes and
 * reasons (they may name people), a change still waiting, and the link to the person's openid.
 */
export function anonymisedFiling(filing: FilingRecord, now: Date): FilingRecord {
  const { applicant, agent, commitment } = filing
  return {
    ...filing,
    owner: anonymisedOwner(filing.id),
    applicant: {
      name: '',
      idType: applicant.idType,
      idNumber: '',
      phone: '',
      address: null,
      gender: applicant.gender,
      birthDate: `${applicant.birthDate.slice(0, 4)}-01-01`,
    },
    agent: agent ? { name: '', idType: agent.idType, idNumber: '', phone: '', relationship: agent.relationship, authorization: null } : null,
    commitment: commitment ? { ...commitment, signature: '' } : null,
    materials: filing.materials.map((material) => ({ kind: material.kind, fileId: '' })),
    rejectionReason: null,
    materialsRequest: null,
    pendingChange: null,
    changeRejection: null,
    spotCheck: filing.spotCheck && filing.spotCheck.state !== 'due' ? { ...filing.spotCheck, note: null } : null,
    anonymisedOn: shanghaiDate(now),
    version: filing.version + 1,
    updatedAt: now.toISOString(),
  }
}

/**
 * A history entry once its filing is anonymised: what happened, when, at which stage and by which
 * staff member (staff stay accountable); not the person's openid, the values changed or any reason.
 */
export function redactedEntry(entry: HistoryEntry): HistoryEntry {
  const person = entry.role === 'owner' || entry.role === 'applicant'
  return {
    filingId: entry.filingId,
    at: entry.at,
    actor: person ? '' : entry.actor,
    role: entry.role,
    action: entry.action,
    ...(entry.stage ? { stage: entry.stage } : {}),
    ...(entry.changes ? { changes: entry.changes.map((change) => ({ field: change.field, before: null, after: null })) } : {}),
    redacted: true,
  }
}
