// The filing wizard's logic, without Taro: the draft, which steps apply to it, what each step checks
// (with the rules package's own schemas, checkers and messages, the same the server runs), the
// payloads sent to `filing.preview` and `filing.submit`, and which step a server issue belongs to.
// For whom: the person themselves (the applicant must be their 实名认证), or a family member (代办:
// the applicant is the relative, the agent is the verified caller, who signs any commitment).
import {
  applicantSchema,
  categorySchema,
  checkFilingDestination,
  checkIdNumber,
  checkStartDate,
  destinationSchema,
  filedRule,
  filedRuleFor,
  findProfile,
  groupOf,
  insuranceTypeSchema,
  findCity,
  isInProvince,
  isProvinceLevelDestination,
  issue,
  maskIdNumber,
  needsAuthorization,
  resolveInsuredRegion,
  submitSchema,
  validateSubmission,
  type CalendarDate,
  type Category,
  type FieldIssue,
  type FiledCategoryRule,
  type Filer,
  type HospitalLevel,
  type IdType,
  type InsuranceType,
  type MaterialKind,
  type PolicyProfile,
  type Relationship,
  type SubmissionContext,
  type SubmitInput,
} from '../../rules'
import type { VerifiedIdentity } from '../verify/model'

export const STEP_IDS = ['who', 'policy', 'category', 'destination', 'startDate', 'person', 'agent', 'proof', 'referral', 'review'] as const
export type StepId = (typeof STEP_IDS)[number]

/** What each step asks, as the progress line names it. */
export const STEP_TITLES: Record<StepId, string> = {
  who: '为谁办理',
  policy: '参保地',
  category: '人员类别',
  destination: '就医地',
  startDate: '开始日期',
  person: '个人信息',
  agent: '代办信息',
  proof: '证明材料或承诺',
  referral: '转诊信息',
  review: '核对信息',
}

export interface UploadedFile {
  fileId: string
  name: string
}

/** 本人: for oneself; 家人: for a family member (代办). */
export type ForWhom = 'self' | 'family'

export interface Draft {
  v: 1
  /** Made once per draft: a submit retried after a network failure returns the same filing. */
  requestId: string
  step: StepId
  /** The person came from the check page through a 修改 link: "继续" goes back there. */
  returnToReview: boolean
  forWhom: ForWhom | null
  policyId: string | null
  /** The national default only: where the person is insured (province, then city). */
  insuredRegion: { provinceCode: string; cityCode: string }
  category: Category | null
  destination: { provinceCode: string; cityCode: string }
  startDate: CalendarDate | null
  applicant: { idType: IdType; idNumber: string; name: string; phone: string; address: string }
  insuranceType: InsuranceType | null
  proofMode: 'materials' | 'commitment' | null
  /** Uploaded proofs by kind; only the kinds the chosen category needs are sent. */
  materials: Partial<Record<MaterialKind, UploadedFile>>
  commitment: { accepted: boolean; signature: string }
  referral: {
    hospitalName: string
    hospitalLevel: HospitalLevel | null
    certificateDate: CalendarDate | null
    treatingHospitalName: string
  }
  /** 代办 only: the agent's relationship to the applicant, their own phone, the 授权委托书 where asked. */
  agent: { relationship: Relationship | null; phone: string; authorization: UploadedFile | null }
  updatedAt: string
}

/** What the wizard knows about the person beyond the draft (from `filing.mine` and `filing.identity`). */
export interface PersonContext {
  today: CalendarDate
  /** Holds an active long-term filing: some referral issuers (山西) accept them only then. */
  hasLongTermFiling?: boolean
  /** The caller's 实名认证 (masked), once read: the applicant (本人) or the agent (代办). */
  identity?: VerifiedIdentity | null
  /** 本人's long-term filing under review or in force (from `filing.mine`): a second one would be refused. */
  openLongTermFiling?: { id: string } | null
}

export const SECOND_LONG_TERM = '您已经有一份审核中或生效中的长期居住备案，不能再办理一份：请看下面的说明'

/** What the steps that depend on the draft's shape read of it. */
export type DraftShape = Pick<Draft, 'policyId' | 'category'> & { forWhom?: ForWhom | null }

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * A request id the submit schema accepts (`[A-Za-z0-9_-]{8,64}`): the time in base 36, then 16
 * random characters from `crypto.getRandomValues` where the platform has it.
 */
export function newRequestId(now: number = Date.now(), random: (n: number) => number[] = randomBytes): string {
  const tail = random(16)
    .map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length])
    .join('')
  return `f${now.toString(36)}-${tail}`
}

function randomBytes(n: number): number[] {
  // Browsers and Node have crypto.getRandomValues; the mini-program's JS engine has no `crypto` (and
  // old base libraries no `globalThis`), so it falls back to Math.random: the id only has to differ
  // between one person's drafts.
  const root = typeof globalThis === 'undefined' ? undefined : (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } })
  const cryptoLike = root?.crypto
  if (cryptoLike?.getRandomValues) return Array.from(cryptoLike.getRandomValues(new Uint8Array(n)))
  return Array.from({ length: n }, () => Math.floor(Math.random() * 256))
}

export function newDraft(requestId: string = newRequestId(), now: Date = new Date()): Draft {
  return {
    v: 1,
    requestId,
    step: 'who',
    returnToReview: false,
    forWhom: null,
    policyId: null,
    insuredRegion: { provinceCode: '', cityCode: '' },
    category: null,
    destination: { provinceCode: '', cityCode: '' },
    startDate: null,
    applicant: { idType: 'resident_id', idNumber: '', name: '', phone: '', address: '' },
    insuranceType: null,
    proofMode: null,
    materials: {},
    commitment: { accepted: false, signature: '' },
    referral: { hospitalName: '', hospitalLevel: null, certificateDate: null, treatingHospitalName: '' },
    agent: { relationship: null, phone: '', authorization: null },
    updatedAt: now.toISOString(),
  }
}

/** A stored draft, if it still has the shape this version writes; anything else starts afresh. */
export function restoreDraft(stored: unknown): Draft | null {
  if (!stored || typeof stored !== 'object') return null
  const draft = stored as Partial<Draft>
  if (draft.v !== 1 || typeof draft.requestId !== 'string' || !STEP_IDS.includes(draft.step as StepId)) return null
  const fresh = newDraft(draft.requestId)
  return {
    ...fresh,
    ...draft,
    insuredRegion: { ...fresh.insuredRegion, ...draft.insuredRegion },
    destination: { ...fresh.destination, ...draft.destination },
    applicant: { ...fresh.applicant, ...draft.applicant },
    commitment: { ...fresh.commitment, ...draft.commitment },
    referral: { ...fresh.referral, ...draft.referral },
    agent: { ...fresh.agent, ...draft.agent },
    materials: { ...draft.materials },
  } as Draft
}

/** What `draftFrom` reads of an earlier filing (a subset of what `filing.get` returns). */
export interface EarlierFiling {
  id: string
  policyId: string
  category: Category
  insuredRegion: { code: string }
  insuranceType: InsuranceType | null
  applicant: { name: string; idType: IdType; phone: string; address: string | null }
  destination: { provinceCode: string; cityCode?: string }
  materials: { kind: MaterialKind; fileId: string }[]
  commitment: unknown | null
  referral: { hospitalName: string; hospitalLevel: HospitalLevel; certificateDate: CalendarDate; treatingHospitalName: string | null } | null
  /** Filed for a family member (代办): filed again for them, by the same relationship. */
  agent?: { relationship: Relationship } | null
}

/**
 * A new draft from an earlier filing (办理续转诊, 重新办理): the same answers, so the person only checks
 * them. Not carried over: the start date (a new filing starts anew), the ID number (it comes back
 * masked), the signature and tick (a commitment is signed each time), the agent's phone and
 * 授权委托书 (a 代办 is declared each time). The earlier proofs are the person's own files and are
 * offered again (山西 re-files a continuing referral with the first certificate, 000 二(二)).
 */
export function draftFrom(filing: EarlierFiling, requestId: string = newRequestId(), now: Date = new Date()): Draft {
  const fresh = newDraft(requestId, now)
  const profile = findProfile(filing.policyId)
  const insured = filing.insuredRegion.code
  const city = findCity(insured)
  const materials: Draft['materials'] = {}
  for (const material of filing.materials) materials[material.kind] = { fileId: material.fileId, name: `备案${filing.id}中已上传的材料` }
  return {
    ...fresh,
    forWhom: filing.agent ? 'family' : 'self',
    agent: { ...fresh.agent, relationship: filing.agent?.relationship ?? null },
    policyId: profile ? filing.policyId : null,
    insuredRegion:
      profile?.insuredRegion === null
        ? city
          ? { provinceCode: city.provinceCode, cityCode: city.code }
          : { provinceCode: insured, cityCode: '' }
        : fresh.insuredRegion,
    category: filing.category,
    destination: { provinceCode: filing.destination.provinceCode, cityCode: filing.destination.cityCode ?? '' },
    applicant: {
      idType: filing.applicant.idType,
      idNumber: '',
      name: filing.applicant.name,
      phone: filing.applicant.phone,
      address: filing.applicant.address ?? '',
    },
    insuranceType: filing.insuranceType,
    proofMode: filing.commitment ? 'commitment' : filing.materials.length > 0 ? 'materials' : null,
    materials,
    referral: filing.referral
      ? { ...filing.referral, treatingHospitalName: filing.referral.treatingHospitalName ?? '' }
      : fresh.referral,
  }
}

/**
 * The first question's answer. Changing it starts the person's name, ID type and number afresh (they
 * were someone else's) and the signature (代签 is the agent's own name); 本人 fills in the verified
 * name and ID type. Answering it again the same way changes nothing.
 */
export function chooseForWhom(draft: Draft, forWhom: ForWhom, identity: VerifiedIdentity | null | undefined): Draft {
  if (draft.forWhom === forWhom) return draft
  const fresh = newDraft(draft.requestId)
  // A draft kept from before this question (forWhom null) keeps what was typed.
  const switched = draft.forWhom !== null
  const applicant = switched ? { ...draft.applicant, name: '', idType: fresh.applicant.idType, idNumber: '' } : draft.applicant
  return {
    ...draft,
    forWhom,
    applicant: forWhom === 'self' && identity ? { ...applicant, name: identity.name, idType: identity.idType } : applicant,
    commitment: switched ? fresh.commitment : draft.commitment,
    agent: forWhom === 'family' ? draft.agent : fresh.agent,
  }
}

/** Whom the questions are about: 您, or for a family member 家人. */
export function subjectOf(draft: Pick<Draft, 'forWhom'>): '您' | '家人' {
  return draft.forWhom === 'family' ? '家人' : '您'
}

/**
 * The filings of the person this draft is for, among `filing.mine`'s: 本人's own (filed by them or for
 * them). For a family member none are known here (their ID number comes back masked): the server
 * decides.
 */
export function applicantFilings<F extends { party?: string }>(mine: readonly F[], draft: Pick<Draft, 'forWhom'>): F[] {
  return draft.forWhom === 'family' ? [] : mine.filter((filing) => filing.party !== 'agent')
}

export function profileOf(draft: Pick<Draft, 'policyId'>): PolicyProfile | undefined {
  return draft.policyId ? findProfile(draft.policyId) : undefined
}

/** The filed rule of the chosen category, or null (none chosen, or a category that is not filed). */
export function filedRuleOf(draft: Pick<Draft, 'policyId' | 'category'>): FiledCategoryRule | null {
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
export function asksInsuranceType(profile: PolicyProfile | undefined): boolean {
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

/** The steps this draft goes through, in order. Before a category is chosen, proof is assumed. */
export function stepsFor(draft: DraftShape): StepId[] {
  const rule = filedRuleOf(draft)
  return STEP_IDS.filter((step) => {
    if (step === 'agent') return draft.forWhom === 'family'
    if (step === 'proof') return needsProof(rule)
    if (step === 'referral') return draft.category === 'referral'
    return true
  })
}

/**
 * The step's name in the progress line: the proof step says 证明材料 where no commitment is on offer;
 * for a family member the person step is the 参保人's.
 */
export function stepTitle(draft: DraftShape, step: StepId): string {
  if (step === 'proof' && filedRuleOf(draft) && !offersCommitment(filedRuleOf(draft))) return '证明材料'
  if (step === 'person' && draft.forWhom === 'family') return '参保人信息'
  return STEP_TITLES[step]
}

/** 第 N 步，共 M 步. */
export function progress(draft: Draft, step: StepId = draft.step): { index: number; total: number } {
  const steps = stepsFor(draft)
  return { index: Math.max(0, steps.indexOf(step)) + 1, total: steps.length }
}

const blankToUndefined = (value: string | null | undefined) => (value ? value : undefined)

/** The insured city (or province-level place) named for the national default. */
export function insuredRegionCodeOf(draft: Draft): string | undefined {
  const { provinceCode, cityCode } = draft.insuredRegion
  if (!provinceCode) return undefined
  return isProvinceLevelDestination(provinceCode) ? provinceCode : blankToUndefined(cityCode)
}

function destinationOf(draft: Draft): { provinceCode?: string; cityCode?: string } {
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
type PayloadParts = { proof: boolean; referral: boolean }

/**
 * The `filing.submit` payload (DESIGN.md). Only the parts this category uses are sent: the
 * commitment or the materials the rule names, the referral for referral patients, the insured city
 * for the national default, the insurance type where benefits depend on it.
 */
export function toSubmitPayload(draft: Draft, parts: PayloadParts = { proof: true, referral: true }): SubmitInput {
  const profile = profileOf(draft)
  const rule = filedRuleOf(draft)
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
  if (asksInsuranceType(profile) && draft.insuranceType) payload.insuranceType = draft.insuranceType
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
 * The step a field path (`applicant.idNumber`, `destination.cityCode`, …) is asked on. A bare `agent`
 * (为家人办理 chosen, but the applicant is the caller) is answered by the first question.
 */
export function stepOfPath(path: string, draft?: DraftShape): StepId {
  const head = path.split('.')[0]
  const step: StepId =
    head === 'forWhom' || path === 'agent'
      ? 'who'
      : head === 'agent'
        ? 'agent'
        : head === 'policyId' || head === 'insuredRegionCode'
      ? 'policy'
      : head === 'category'
        ? 'category'
        : head === 'destination'
          ? 'destination'
          : head === 'startDate'
            ? 'startDate'
            : head === 'applicant' || head === 'insuranceType'
              ? 'person'
              : head === 'materials' || head === 'commitment'
                ? 'proof'
                : head === 'referral'
                  ? 'referral'
                  : 'review'
  return draft && !stepsFor(draft).includes(step) ? 'review' : step
}

/** Server (or client) issues grouped by the step they belong to, and the first such step in the flow. */
export function issuesByStep(
  issues: readonly FieldIssue[],
  draft: DraftShape,
): { byStep: Partial<Record<StepId, FieldIssue[]>>; first: StepId | null } {
  const byStep: Partial<Record<StepId, FieldIssue[]>> = {}
  for (const found of issues) {
    const step = stepOfPath(found.path, draft)
    ;(byStep[step] ??= []).push(found)
  }
  const first = stepsFor(draft).find((step) => byStep[step]?.length) ?? null
  return { byStep, first }
}

/** Field-level messages keyed by path (the first per path), for `errorFor(path)` on the page. */
export function messagesByPath(issues: readonly FieldIssue[]): Record<string, string> {
  const messages: Record<string, string> = {}
  for (const found of issues) messages[found.path] ??= found.message
  return messages
}

function fieldIssue(schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown, path: string): FieldIssue[] {
  const result = schema.safeParse(value)
  return result.success ? [] : [issue(path, result.error?.issues[0]?.message ?? '请填写')]
}

function prefixed(issues: readonly FieldIssue[], prefix: string): FieldIssue[] {
  return issues.map((found) => issue(found.path ? `${prefix}.${found.path}` : prefix, found.message))
}

function zodIssues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): FieldIssue[] {
  if (result.success || !result.error) return []
  const seen = new Set<string>()
  const out: FieldIssue[] = []
  for (const zodIssue of result.error.issues) {
    const path = zodIssue.path.filter((part): part is string | number => typeof part !== 'symbol').join('.')
    if (seen.has(path)) continue
    seen.add(path)
    out.push(issue(path, zodIssue.message))
  }
  return out
}

const shape = submitSchema.shape

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

/** The rules' checks on the draft so far, keeping the issues that belong to `step`. */
function rulesIssues(draft: Draft, step: StepId, context: PersonContext, parts: PayloadParts): FieldIssue[] {
  const result = validateSubmission(toSubmitPayload(draft, parts), submissionContext(draft, context))
  if (result.ok) return []
  return step === 'review' ? result.issues : result.issues.filter((found) => stepOfPath(found.path, draft) === step)
}

/**
 * What is wrong on one step, as `{path, message}` with the submit payload's paths. Steps 1–5 run the
 * rules' own field schemas and checkers (a later step still being empty must not hide them); the proof,
 * referral and check steps run `validateSubmission` on the draft so far, keeping that step's issues.
 */
export function checkStep(draft: Draft, step: StepId, context: PersonContext): FieldIssue[] {
  const profile = profileOf(draft)
  switch (step) {
    case 'who':
      return draft.forWhom === null ? [issue('forWhom', '请选择为谁办理：本人，还是为家人办理')] : []
    case 'policy': {
      const missing = fieldIssue(shape.policyId, draft.policyId ?? undefined, 'policyId')
      if (missing.length) return missing
      if (!profile) return [issue('policyId', '没有找到所选的参保地，请重新选择')]
      const insured = resolveInsuredRegion(profile, insuredRegionCodeOf(draft))
      return insured.ok ? [] : [issue(insured.path, insured.message)]
    }
    case 'category': {
      const missing = fieldIssue(categorySchema, draft.category ?? undefined, 'category')
      if (missing.length || !profile || !draft.category) return missing
      const rule = filedRuleFor(profile, draft.category)
      if (!('filing' in rule)) return [rule]
      // Said here, before all the typing, not by the server's DUPLICATE at the end (issue 16).
      const held = draft.forWhom === 'self' && groupOf(draft.category) === 'long_term' ? context.openLongTermFiling : null
      return held ? [issue('category', SECOND_LONG_TERM)] : []
    }
    case 'destination': {
      const destination = destinationOf(draft)
      const shaped = prefixed(zodIssues(destinationSchema.safeParse(destination)), 'destination')
      if (shaped.length || !profile) return shaped
      const insured = resolveInsuredRegion(profile, insuredRegionCodeOf(draft))
      if (!insured.ok) return [issue(insured.path, insured.message)]
      const checked = checkFilingDestination(profile, insured.value, destination as { provinceCode: string })
      return checked.ok ? [] : [issue(checked.path, checked.message)]
    }
    case 'startDate': {
      const missing = fieldIssue(shape.startDate, draft.startDate ?? undefined, 'startDate')
      if (missing.length) return missing
      const rule = filedRuleOf(draft)
      const problem = rule ? checkStartDate(rule, draft.startDate!, context.today) : null
      return problem ? [issue('startDate', problem)] : []
    }
    case 'person': {
      const applicant = toSubmitPayload(draft).applicant
      const issues = prefixed(zodIssues(applicantSchema.safeParse(applicant)), 'applicant').filter(
        (found) => found.path !== 'applicant.idNumber',
      )
      const id = checkIdNumber(draft.applicant.idType, draft.applicant.idNumber, context.today)
      if (!id.ok) issues.push(issue('applicant.idNumber', id.message))
      if (asksInsuranceType(profile)) issues.push(...fieldIssue(insuranceTypeSchema, draft.insuranceType ?? undefined, 'insuranceType'))
      // 本人: the name (and, as far as the mask tells, the number) must be the verified ones.
      if (draft.forWhom === 'self' && issues.length === 0) {
        issues.push(...rulesIssues(draft, step, context, { proof: false, referral: false }).filter((found) => found.path.startsWith('applicant.')))
      }
      const order = ['applicant.idType', 'applicant.idNumber', 'applicant.name', 'applicant.phone', 'applicant.address', 'insuranceType']
      return issues.sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path))
    }
    case 'agent':
      return rulesIssues(draft, step, context, { proof: false, referral: false })
    case 'proof':
    case 'referral':
    case 'review':
      return rulesIssues(draft, step, context, { proof: true, referral: step !== 'proof' })
  }
}

/** Every step's issues in flow order (the check page and submit use it). */
export function checkAll(draft: Draft, context: PersonContext): { step: StepId; issues: FieldIssue[] } | null {
  for (const step of stepsFor(draft)) {
    if (step === 'review') break
    const issues = checkStep(draft, step, context)
    if (issues.length) return { step, issues }
  }
  const issues = checkStep(draft, 'review', context)
  if (!issues.length) return null
  return { step: issuesByStep(issues, draft).first ?? 'review', issues }
}

/**
 * Where "继续" goes from `step` once it is valid: the next step, or, when the person came from the
 * check page, the first later step that still needs an answer (else the check page itself).
 */
export function nextStep(draft: Draft, step: StepId, context: PersonContext): StepId {
  const steps = stepsFor(draft)
  const at = steps.indexOf(step)
  const following = steps.slice(at + 1)
  if (!draft.returnToReview) return following[0] ?? 'review'
  return following.find((candidate) => candidate !== 'review' && checkStep(draft, candidate, context).length > 0) ?? 'review'
}

/** Where "上一步" goes from `step`; null on the first step (leave the wizard). */
export function previousStep(draft: Draft, step: StepId): StepId | null {
  const steps = stepsFor(draft)
  const at = steps.indexOf(step)
  if (at <= 0) return at === 0 ? null : steps[0]
  return steps[at - 1]
}

/**
 * The step to show when a stored draft is opened: where the person was if it still applies, else the
 * first unanswered one. A draft kept from before the first question existed starts with it.
 */
export function resumeStep(draft: Draft, context: PersonContext): StepId {
  if (draft.forWhom === null) return 'who'
  if (stepsFor(draft).includes(draft.step)) return draft.step
  return checkAll(draft, context)?.step ?? 'review'
}
