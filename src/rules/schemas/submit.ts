// A new filing: its shape (zod), then the rules of the chosen profile. Pages and the server run the
// same `validateSubmission`, so a person sees on the page exactly what the server would answer.
import * as z from 'zod'
import { categoryLabel } from '../categories'
import type { CalendarDate } from '../dates'
import { resolveInsuredRegion, checkFilingDestination, type InsuredRegion } from '../engine/destination'
import type { FiledDestination } from '../engine/filing'
import { checkReferralIssuer } from '../engine/referral'
import { checkStartDate } from '../engine/start-date'
import { validUntil } from '../engine/validity'
import { needsAuthorization } from '../engine/agency'
import { NAME_MAX_LENGTH, checkIdNumber, normalizeName, type Gender, type IdType } from '../identity'
import { findProfile, type FiledCategoryRule, type PolicyProfile } from '../profiles'
import { MATERIALS } from '../vocabulary'
import {
  addressField,
  boundedString,
  dateField,
  idNumberField,
  destinationSchema,
  mobileField,
  nameField,
  optionalText,
  rawBound,
  regionCodeField,
  requestIdField,
  text,
} from './fields'
import { fromZodError, issue, safeParseChinese, type FieldIssue, type Validated } from './issues'
import { categorySchema, hospitalLevelSchema, insuranceTypeSchema, idTypeSchema, materialKindSchema, relationshipSchema } from './vocabulary'

export const applicantSchema = z.object(
  {
    name: nameField,
    idType: idTypeSchema,
    idNumber: idNumberField,
    phone: mobileField,
    address: addressField,
  },
  { error: '请填写个人信息' },
)

export const materialsSchema = z
  .array(
    z.object({
      kind: materialKindSchema,
      fileId: text('请重新上传这份材料', 128),
    }),
    { error: '材料格式不对，请重新上传' },
  )
  .max(20, { error: '材料最多20份' })

export const commitmentInputSchema = z.object(
  {
    accepted: z.boolean({ error: '请阅读告知书和承诺事项后勾选同意' }),
    signature: boundedString('请签名：输入您的姓名', rawBound(NAME_MAX_LENGTH), '签名最多30个字'),
  },
  { error: '请阅读告知书和承诺事项后签名' },
)

export const referralInputSchema = z.object(
  {
    hospitalName: text('请填写开具转诊证明的医院名称', 50),
    hospitalLevel: hospitalLevelSchema,
    certificateDate: dateField('请填写转诊证明开具日期'),
    /** The hospital the person is referred to, where the profile names one (辽宁). */
    treatingHospitalName: optionalText(50),
  },
  { error: '请填写转诊信息' },
)

/** 代办: the agent is the verified caller; they say how they are related and give their phone. */
export const agentInputSchema = z.object(
  {
    relationship: relationshipSchema,
    phone: mobileField,
    /** A 授权委托书 signed by the insured person, where the profile asks for one (agency.authorizationFor). */
    authorization: text('请重新上传授权委托书', 128).optional(),
  },
  { error: '请填写代办信息：您与申请人的关系和您的手机号码' },
)

export const submitSchema = z.object({
  requestId: requestIdField,
  policyId: text('请选择参保地', 40),
  /** Only for a profile that leaves the insured region open (the national default). */
  insuredRegionCode: regionCodeField('请选择参保城市').optional(),
  category: categorySchema,
  insuranceType: insuranceTypeSchema.optional(),
  applicant: applicantSchema,
  destination: destinationSchema,
  startDate: dateField('请选择开始日期'),
  materials: materialsSchema.optional(),
  commitment: commitmentInputSchema.optional(),
  referral: referralInputSchema.optional(),
  /** Present when the applicant is not the caller (为家人办理). */
  agent: agentInputSchema.optional(),
})
export type SubmitInput = z.input<typeof submitSchema>
type SubmitShape = z.infer<typeof submitSchema>

/** A submission that passed every rule, with what the rules derived from it. */
export interface Submission extends Omit<SubmitShape, 'applicant' | 'destination' | 'materials'> {
  applicant: SubmitShape['applicant'] & { birthDate: CalendarDate; gender: Gender | null }
  destination: FiledDestination
  insuredRegion: InsuredRegion
  materials: NonNullable<SubmitShape['materials']>
  validUntil: CalendarDate | null
}

/** The caller's verified real name (实名认证); the ID number only where it is known in full (the server). */
export interface Filer {
  name: string
  idType: IdType
  idNumber?: string
}

export interface SubmissionContext {
  today: CalendarDate
  /** The person already holds an active long-term filing (some referral issuers depend on it). */
  hasLongTermFiling?: boolean
  /** Who is filing, once verified: the applicant is them, or (with `agent`) someone they file for. */
  filer?: Filer | null
}

/** The category's rule, or an issue saying why this category is not filed here. */
export function filedRuleFor(profile: PolicyProfile, category: SubmitShape['category']): FiledCategoryRule | FieldIssue {
  const rule = profile.categories[category]
  return rule.filing === 'required' ? rule : issue('category', rule.message)
}

const SWITCH_TO_AGENT = '为家人办理，请在第一步选择“为家人办理”'

/** The applicant against the verified caller: themselves, or (代办) someone else with the agent's details. */
function filerIssues(profile: PolicyProfile, input: SubmitShape, filer: Filer | null | undefined, applicantId: string | null): FieldIssue[] {
  const { agent, applicant } = input
  const sameId = filer?.idNumber !== undefined && applicantId !== null && filer.idType === applicant.idType && filer.idNumber === applicantId
  if (agent) {
    if (sameId) return [issue('agent', '这是您本人的证件号码：为自己办理，请在第一步选择“本人”')]
    if (needsAuthorization(profile, agent.relationship) && !agent.authorization) {
      return [issue('agent.authorization', `${profile.name}要求代办人上传参保人签名的授权委托书`)]
    }
    return []
  }
  if (!filer) return []
  const issues: FieldIssue[] = []
  if (applicant.name !== filer.name) issues.push(issue('applicant.name', `姓名须与您实名认证的姓名（${filer.name}）一致；${SWITCH_TO_AGENT}`))
  if (filer.idNumber !== undefined && applicantId !== null && !sameId) {
    issues.push(issue('applicant.idNumber', `这不是您实名认证的证件号码；${SWITCH_TO_AGENT}`))
  }
  return issues
}

/** Who signs the commitment: the applicant, or for a 代办 the agent in their own name (代签). */
function signerOf(input: SubmitShape, filer: Filer | null | undefined): string | null {
  return input.agent ? (filer?.name ?? null) : input.applicant.name
}

function proofIssues(rule: FiledCategoryRule, profile: PolicyProfile, input: SubmitShape, signer: string | null): FieldIssue[] {
  const { commitment } = input
  if (commitment) {
    if (!rule.commitmentAllowed) {
      return [issue('commitment', `${profile.name}的${categoryLabel(input.category)}不实行承诺制，请上传证明材料`)]
    }
    if (commitment.accepted !== true) return [issue('commitment.accepted', '请阅读告知书和承诺事项后勾选同意')]
    const signature = normalizeName(commitment.signature)
    if (signature === '') return [issue('commitment.signature', '请签名：输入您的姓名')]
    if (signer !== null && signature !== signer) {
      return [issue('commitment.signature', input.agent ? `代签：请签您本人的姓名（${signer}）` : '签名须与申请人姓名一致')]
    }
    return []
  }
  const provided = new Set((input.materials ?? []).map((material) => material.kind))
  const missing = rule.materials.filter((material) => !provided.has(material.kind))
  if (missing.length === 0) return []
  const alternative = rule.commitmentAllowed ? '，或选择个人承诺' : ''
  return [issue('materials', `请上传：${missing.map((material) => MATERIALS[material.kind].label).join('；')}${alternative}`)]
}

function referralIssues(profile: PolicyProfile, input: SubmitShape, context: SubmissionContext): FieldIssue[] {
  if (input.category !== 'referral') return []
  const { referral } = input
  if (!referral) return [issue('referral', '请填写转诊信息：开具转诊证明的医院、医院等级和开具日期')]
  const issues: FieldIssue[] = []
  if (referral.certificateDate > context.today) {
    issues.push(issue('referral.certificateDate', '转诊证明开具日期不能晚于今天'))
  }
  const issuer = checkReferralIssuer(profile, referral, context.hasLongTermFiling === true)
  if (issuer) issues.push(issue(issuer.path, issuer.message))
  if (profile.referral.namesTreatingHospital && !referral.treatingHospitalName) {
    issues.push(issue('referral.treatingHospitalName', '请填写转往的医院名称：转诊备案只对应这一家医院'))
  }
  return issues
}

/**
 * Checks a submission against its shape and its profile's rules. Every problem comes back at once,
 * each with the field it belongs to; nothing here trusts dates or identity beyond what it can check.
 */
export function validateSubmission(input: unknown, context: SubmissionContext): Validated<Submission> {
  const shape = safeParseChinese(submitSchema, input)
  if (!shape.success) return { ok: false, issues: fromZodError(shape.error) }
  const data = shape.data
  const profile = findProfile(data.policyId)
  if (!profile) return { ok: false, issues: [issue('policyId', '没有找到所选的参保地，请重新选择')] }

  const issues: FieldIssue[] = []
  const rule = filedRuleFor(profile, data.category)
  if (!('filing' in rule)) return { ok: false, issues: [rule] }

  const id = checkIdNumber(data.applicant.idType, data.applicant.idNumber, context.today)
  if (!id.ok) issues.push(issue('applicant.idNumber', id.message))

  const insured = resolveInsuredRegion(profile, data.insuredRegionCode)
  if (!insured.ok) issues.push(issue(insured.path, insured.message))
  const destination = insured.ok ? checkFilingDestination(profile, insured.value, data.destination) : null
  if (destination && !destination.ok) issues.push(issue(destination.path, destination.message))

  const startProblem = checkStartDate(rule, data.startDate, context.today)
  if (startProblem) issues.push(issue('startDate', startProblem))

  issues.push(
    ...filerIssues(profile, data, context.filer, id.ok ? id.number : null),
    ...proofIssues(rule, profile, data, signerOf(data, context.filer)),
    ...referralIssues(profile, data, context),
  )

  if (issues.length > 0 || !id.ok || !insured.ok || !destination?.ok) return { ok: false, issues }
  return {
    ok: true,
    value: {
      ...data,
      applicant: { ...data.applicant, idNumber: id.number, birthDate: id.birthDate, gender: id.gender },
      insuredRegion: insured.value,
      destination: destination.value,
      materials: data.materials ?? [],
      validUntil: validUntil(rule.validity, data.startDate),
    },
  }
}
