// What a draft of the filing wizard says, without Taro: the rule of its category, what that rule asks
// for, and the payloads sent to `filing.preview` and `filing.submit` (DESIGN.md), with what the rules'
// submission checks are told of the person filing.
import {
  checkIdNumber,
  filedRule,
  isInProvince,
  isProvinceLevelDestination,
  maskIdNumber,
  needsAuthorization,
  resolveInsuredRegion,
  type FiledCategoryRule,
  type Filer,
  type HospitalLevel,
  type PolicyProfile,
  type SubmissionContext,
  type SubmitInput,
} from '../../rules'
import { profileOf } from '../../lib/filing-view'
import type { Draft, PersonContext } from './draft'

/** The filed rule of the chosen category, or null (none chosen, or a category that is not filed). */
export function chosenRuleOf(draft: Pick<Draft, 'policyId' | 'category'>): FiledCategoryRule | null {
  const profile = profileOf(draft)
  return profile && draft.category ? filedRule(profile, draft.category) : null
}

/** Proof is asked for when the category names materials (with or without the commitment as an alternative). */
export function needsProof(rule: FiledCategoryRule | null): boolean {
  return rule === null || rule.materials.length > 0
}

/** The commitment is on offer for this category, so the person chooses between it and uploads. */
export function offersCommitment(rule: FiledCategoryRule | null): boolean {
  return rule !== null && rule.commitmentAllowed && rule.materials.length > 0
}

/** Benefits that depend on the insurance type (大同's ratio table): the person step asks for it. */
export function benefitsDependOnInsuranceType(profile: PolicyProfile | undefined): boolean {
  return profile?.benefits.kind === 'ratio_table'
}

/** The filed area (city, or the province for province-level places), when chosen. */
export function destinationAreaOf(draft: Draft): string | undefined {
  const { provinceCode, cityCode } = destinationOf(draft)
  if (!provinceCode) return undefined
  return isProvinceLevelDestination(provinceCode) ? provinceCode : cityCode
}

/**
 * The published ratio depends on the hospital's level for this person (大同 城乡居民 in the province):
 * the check page then asks the level, only to show the ratio.
 */
export function benefitNeedsHospitalLevel(draft: Draft): boolean {
  const profile = profileOf(draft)
  const area = destinationAreaOf(draft)
  const { category, insuranceType } = draft
  if (profile?.benefits.kind !== 'ratio_table' || !category || !insuranceType || !area) return false
  const insured = resolveInsuredRegion(profile, insuredRegionCodeOf(draft))
  if (!insured.ok) return false
  const inProvince = isInProvince(insured.value, area)
  return profile.benefits.rows.some(
    (row) =>
      row.insuranceType === insuranceType &&
      row.categories.includes(category) &&
      (row.scope === 'any' || (row.scope === 'in_province') === inProvince) &&
      row.hospitalLevels !== null,
  )
}


const blankToUndefined = (value: string | null | undefined) => (value ? value : undefined)

/** The insured city (or province-level place) named for the national default. */
export function insuredRegionCodeOf(draft: Draft): string | undefined {
  const { provinceCode, cityCode } = draft.insuredRegion
  if (!provinceCode) return undefined
  return isProvinceLevelDestination(provinceCode) ? provinceCode : blankToUndefined(cityCode)
}

export function destinationOf(draft: Draft): { provinceCode?: string; cityCode?: string } {
  const { provinceCode, cityCode } = draft.destination
  return {
    provinceCode: blankToUndefined(provinceCode),
    cityCode: provinceCode && isProvinceLevelDestination(provinceCode) ? undefined : blankToUndefined(cityCode),
  }
}

/** 代办: the agent's part of the payload (their name and ID come from their 实名认证, on the server). */
function agentPayload(draft: Draft, profile: PolicyProfile | undefined) {
  const { relationship, phone, authorization } = draft.agent
  const asked = profile !== undefined && relationship !== null && needsAuthorization(profile, relationship)
  return {
    relationship: relationship ?? undefined,
    phone,
    ...(asked && authorization ? { authorization: authorization.fileId } : {}),
  }
}

/** Whether this draft's 代办 must carry a 授权委托书 (the profile asks for one for this relationship). */
export function asksAuthorization(draft: Draft): boolean {
  const profile = profileOf(draft)
  return draft.forWhom === 'family' && profile !== undefined && draft.agent.relationship !== null && needsAuthorization(profile, draft.agent.relationship)
}

/** Which parts of the submission the payload holds: a step's check leaves out the later steps' parts. */
export type PayloadParts = { proof: boolean; referral: boolean }

/**
 * The `filing.submit` payload (DESIGN.md). Only the parts this category uses are sent: the
 * commitment or the materials the rule names, the referral for referral patients, the insured city
 * for the national default, the insurance type where benefits depend on it.
 */
export function toSubmitPayload(draft: Draft, parts: PayloadParts = { proof: true, referral: true }): SubmitInput {
  const profile = profileOf(draft)
  const rule = chosenRuleOf(draft)
  const payload: Record<string, unknown> = {
    requestId: draft.requestId,
    policyId: draft.policyId ?? undefined,
    category: draft.category ?? undefined,
    applicant: {
      name: draft.applicant.name,
      idType: draft.applicant.idType,
      idNumber: draft.applicant.idNumber,
      phone: draft.applicant.phone,
      ...(draft.applicant.address.trim() ? { address: draft.applicant.address.trim() } : {}),
    },
    destination: destinationOf(draft),
    startDate: draft.startDate ?? undefined,
  }
  if (draft.forWhom === 'family') payload.agent = agentPayload(draft, profile)
  if (profile && profile.insuredRegion === null) payload.insuredRegionCode = insuredRegionCodeOf(draft)
  if (benefitsDependOnInsuranceType(profile) && draft.insuranceType) payload.insuranceType = draft.insuranceType
  if (parts.proof && rule && needsProof(rule)) {
    const commitment = offersCommitment(rule) && draft.proofMode === 'commitment'
    if (commitment) {
      payload.commitment = { accepted: draft.commitment.accepted, signature: draft.commitment.signature }
    } else if (draft.proofMode === 'materials' || !offersCommitment(rule)) {
      payload.materials = rule.materials
        .map((material) => draft.materials[material.kind])
        .flatMap((file, index) => (file ? [{ kind: rule.materials[index].kind, fileId: file.fileId }] : []))
    }
  }
  if (parts.referral && draft.category === 'referral') {
    const { hospitalName, hospitalLevel, certificateDate, treatingHospitalName } = draft.referral
    payload.referral = {
      hospitalName,
      hospitalLevel: hospitalLevel ?? undefined,
      certificateDate: certificateDate ?? undefined,
      ...(treatingHospitalName.trim() ? { treatingHospitalName: treatingHospitalName.trim() } : {}),
    }
  }
  return payload as SubmitInput
}

/** The `filing.preview` payload: the same fields as submit's, plus the hospital level where known. */
export function toPreviewPayload(draft: Draft, hospitalLevel?: HospitalLevel | null) {
  const submit = toSubmitPayload(draft, { proof: false, referral: false })
  return {
    policyId: submit.policyId,
    category: submit.category,
    destination: submit.destination,
    startDate: submit.startDate,
    ...(submit.insuredRegionCode ? { insuredRegionCode: submit.insuredRegionCode } : {}),
    ...(submit.insuranceType ? { insuranceType: submit.insuranceType } : {}),
    ...(hospitalLevel ? { hospitalLevel } : {}),
  }
}

/**
 * The caller as the rules' submission checks know them: their verified name and ID type. The full ID
 * number stays on the server; for 本人 its masked form still tells a typed number that cannot be
 * theirs, and then the rules say so in the server's words (a number that fits the mask is checked
 * by the server alone).
 */
export function filerOf(draft: Draft, context: PersonContext): Filer | null {
  const { identity } = context
  if (!identity) return null
  const filer: Filer = { name: identity.name, idType: identity.idType }
  if (draft.forWhom !== 'self') return filer
  const id = checkIdNumber(draft.applicant.idType, draft.applicant.idNumber, context.today)
  if (!id.ok) return filer
  return { ...filer, idNumber: maskIdNumber(id.number) === identity.idNumberMasked ? id.number : '' }
}

/** What `validateSubmission` is told about the person filing. */
export function submissionContext(draft: Draft, context: PersonContext): SubmissionContext {
  return { today: context.today, hasLongTermFiling: context.hasLongTermFiling, filer: filerOf(draft, context) }
}
