// How a caller stands to a filing: who filed it, and for whom. A person sees a filing they filed
// (for themselves or, 代办, for someone) and every filing made under their own verified ID number.
import type { VerifiedIdentity } from '../store/port'
import type { FilingRecord } from './record'

/**
 * `self`: the caller filed it for themselves; `agent`: the caller filed it for someone else (代办);
 * `applicant`: someone else filed it under the caller's verified ID (they may see and cancel it).
 */
export type Party = 'self' | 'agent' | 'applicant'

/** An ID document: the same type and (normalised) number is the same person. */
export interface PersonId {
  idType: string
  idNumber: string
}

export const samePerson = (a: PersonId, b: PersonId) => a.idType === b.idType && a.idNumber === b.idNumber

/** The caller's party to `filing`, or null when it is none of theirs. */
export function partyOf(filing: FilingRecord, openid: string, identity: VerifiedIdentity | null): Party | null {
  if (filing.owner === openid) return filing.agent ? 'agent' : 'self'
  return identity && samePerson(filing.applicant, identity) ? 'applicant' : null
}
