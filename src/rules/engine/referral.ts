// Who may issue a referral certificate, and what the person must be told about it: a designated list
// the agency publishes (达州 001 四(五), 山西 000 一(二)1), and referrals the hospital's 医保科 takes
// through (大同 003, 山西 000 一(二)1).
import type { ReferralIssuer, PolicyProfile } from '../profiles'
import { HOSPITAL_LEVEL_INFO, isAtLeast, type HospitalLevel } from '../vocabulary'

export interface ReferralCertificate {
  hospitalName: string
  hospitalLevel: HospitalLevel
}

/** Hospital names compared as people type them: spaces do not count. */
export const sameHospitalName = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '')

/** The issuer rules that apply to this person (some only to those holding a long-term filing). */
export function referralIssuers(profile: PolicyProfile, holdsLongTermFiling: boolean): ReferralIssuer[] {
  return profile.referral.issuers.filter((issuer) => !issuer.forLongTermFilers || holdsLongTermFiling)
}

function issuerAccepts(issuer: ReferralIssuer, certificate: ReferralCertificate): boolean {
  if (issuer.minLevel !== null && !isAtLeast(certificate.hospitalLevel, issuer.minLevel)) return false
  // A list the agency has not loaded decides nothing here; the page asks the person to check it.
  if (!issuer.designated || issuer.designated.hospitals.length === 0) return true
  return issuer.designated.hospitals.some((hospital) => sameHospitalName(hospital.name, certificate.hospitalName))
}

/** A problem with the certificate's issuer, on its field, or null when an applicable issuer rule accepts it. */
export function checkReferralIssuer(
  profile: PolicyProfile,
  certificate: ReferralCertificate,
  holdsLongTermFiling: boolean,
): { path: string; message: string } | null {
  const applicable = referralIssuers(profile, holdsLongTermFiling)
  if (applicable.some((issuer) => issuerAccepts(issuer, certificate))) return null
  const who = applicable.map((issuer) => issuer.description).join('；')
  const graded = applicable.filter((issuer) => issuer.minLevel === null || isAtLeast(certificate.hospitalLevel, issuer.minLevel))
  if (graded.length === 0) {
    return {
      path: 'referral.hospitalLevel',
      message: `${HOSPITAL_LEVEL_INFO[certificate.hospitalLevel].label}医院不能开具${profile.name}的转诊证明。可以开具的是：${who}`,
    }
  }
  const lists = graded.flatMap((issuer) => (issuer.designated ? [issuer.designated.publishedBy] : []))
  return {
    path: 'referral.hospitalName',
    message: `${certificate.hospitalName}不在${lists.join('、')}中：转诊证明要由名单内的医院开具`,
  }
}

export interface ReferralNotices {
  /** Lists the agency publishes but this service has not loaded: the person checks them. */
  checkList: string | null
  /** The hospital's 医保科 takes the referral through; the person may still record it here. */
  hospitalHandles: { message: string; source: string } | null
}

export function referralNotices(profile: PolicyProfile, holdsLongTermFiling: boolean): ReferralNotices {
  const applicable = referralIssuers(profile, holdsLongTermFiling)
  const unloaded = applicable.flatMap((issuer) => (issuer.designated && issuer.designated.hospitals.length === 0 ? [issuer.designated.publishedBy] : []))
  const byHospital = applicable.flatMap((issuer) => (issuer.handledBy.kind === 'hospital' ? [issuer.handledBy] : []))
  return {
    checkList: unloaded.length > 0 ? `请确认开具转诊证明的医院在参保地公布的名单内（${unloaded.join('；')}）。` : null,
    hospitalHandles:
      byHospital.length > 0
        ? { message: `${byHospital.map((handled) => handled.message).join('')}您也可以在这里记下转诊，查看有效期。`, source: byHospital.map((handled) => handled.source).join('、') }
        : null,
  }
}
