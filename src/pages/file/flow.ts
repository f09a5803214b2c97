// The filing wizard's steps as data (lib/steps): each step's title, the submit payload's fields it
// asks, when it applies to the draft, and its check — with the rules package's own schemas, checkers
// and messages, the same the server runs. The draft is in ./draft, what it says and sends in ./payload.
import {
  applicantSchema,
  categorySchema,
  checkFilingDestination,
  checkIdNumber,
  checkStartDate,
  destinationSchema,
  filedRuleFor,
  groupOf,
  insuranceTypeSchema,
  issue,
  resolveInsuredRegion,
  submitSchema,
  validateSubmission,
  type FieldIssue,
} from '../../rules'
import { profileOf } from '../../lib/filing-view'
import * as steps from '../../lib/steps'
import type { Draft, DraftShape, PersonContext, StepId } from './draft'
import {
  benefitsDependOnInsuranceType,
  chosenRuleOf,
  destinationOf,
  insuredRegionCodeOf,
  needsProof,
  offersCommitment,
  submissionContext,
  toSubmitPayload,
  type PayloadParts,
} from './payload'

export const SECOND_LONG_TERM = '您已经有一份审核中或生效中的长期居住备案，不能再办理一份：请看下面的说明'

type Zodish = { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }

/** A field the schema refuses: its first message, under `path`. */
function fieldIssue(schema: Zodish, value: unknown, path: string): FieldIssue[] {
  const result = schema.safeParse(value)
  return result.success ? [] : [issue(path, result.error?.issues[0]?.message ?? '请填写')]
}

/** Every path the schema refuses (the first message per path), below `prefix`. */
function shapeIssues(schema: Zodish, value: unknown, prefix: string): FieldIssue[] {
  const result = schema.safeParse(value)
  if (result.success || !result.error) return []
  const out: FieldIssue[] = []
  for (const zodIssue of result.error.issues) {
    const path = [prefix, ...zodIssue.path.filter((part): part is string | number => typeof part !== 'symbol')].join('.')
    if (!out.some((found) => found.path === path)) out.push(issue(path, zodIssue.message))
  }
  return out
}

const shape = submitSchema.shape

/** The rules' checks on the draft so far, keeping the issues that belong to `step` (all on the check page). */
function rulesIssues(draft: Draft, step: StepId, context: PersonContext, parts: PayloadParts): FieldIssue[] {
  const result = validateSubmission(toSubmitPayload(draft, parts), submissionContext(draft, context))
  if (result.ok) return []
  return step === 'review' ? result.issues : result.issues.filter((found) => stepOfPath(found.path, draft) === step)
}

const PERSON_ORDER = ['applicant.idType', 'applicant.idNumber', 'applicant.name', 'applicant.phone', 'applicant.address', 'insuranceType']

/**
 * Steps 1–5 run the rules' own field schemas and checkers (a later step still being empty must not
 * hide them); the agent, proof, referral and check steps run `validateSubmission` on the draft so
 * far, keeping that step's issues. A bare `agent` (为家人办理 chosen, but the applicant is the
 * caller) is answered by the first question.
 */
export const FILE_STEPS: steps.StepTable<StepId, Draft, PersonContext, DraftShape> = {
  checkPage: 'review',
  changeReturnsHere: true,
  steps: [
    {
      id: 'who',
      title: '为谁办理',
      fields: ['forWhom', 'agent'],
      check: (draft) => (draft.forWhom === null ? [issue('forWhom', '请选择为谁办理：本人，还是为家人办理')] : []),
    },
    {
      id: 'policy',
      title: '参保地',
      fields: ['policyId', 'insuredRegionCode'],
      check: (draft) => {
        const missing = fieldIssue(shape.policyId, draft.policyId ?? undefined, 'policyId')
        if (missing.length) return missing
        const profile = profileOf(draft)
        if (!profile) return [issue('policyId', '没有找到所选的参保地，请重新选择')]
        const insured = resolveInsuredRegion(profile, insuredRegionCodeOf(draft))
        return insured.ok ? [] : [issue(insured.path, insured.message)]
      },
    },
    {
      id: 'category',
      title: '人员类别',
      fields: ['category'],
      check: (draft, context) => {
        const profile = profileOf(draft)
        const missing = fieldIssue(categorySchema, draft.category ?? undefined, 'category')
        if (missing.length || !profile || !draft.category) return missing
        const rule = filedRuleFor(profile, draft.category)
        if (!('filing' in rule)) return [rule]
        // Said here, before all the typing, not by the server's DUPLICATE at the end (issue 16).
        const held = draft.forWhom === 'self' && groupOf(draft.category) === 'long_term' ? context.openLongTermFiling : null
        return held ? [issue('category', SECOND_LONG_TERM)] : []
      },
    },
    {
      id: 'destination',
      title: '就医地',
      fields: ['destination'],
      check: (draft) => {
        const profile = profileOf(draft)
        const destination = destinationOf(draft)
        const shaped = shapeIssues(destinationSchema, destination, 'destination')
        if (shaped.length || !profile) return shaped
        const insured = resolveInsuredRegion(profile, insuredRegionCodeOf(draft))
        if (!insured.ok) return [issue(insured.path, insured.message)]
        const checked = checkFilingDestination(profile, insured.value, destination as { provinceCode: string })
        return checked.ok ? [] : [issue(checked.path, checked.message)]
      },
    },
    {
      id: 'startDate',
      title: '开始日期',
      fields: ['startDate'],
      check: (draft, context) => {
        const missing = fieldIssue(shape.startDate, draft.startDate ?? undefined, 'startDate')
        if (missing.length) return missing
        const rule = chosenRuleOf(draft)
        const problem = rule ? checkStartDate(rule, draft.startDate!, context.today) : null
        return problem ? [issue('startDate', problem)] : []
      },
    },
    {
      id: 'person',
      // For a family member the person step is the 参保人's.
      title: (draft) => (draft.forWhom === 'family' ? '参保人信息' : '个人信息'),
      fields: ['applicant', 'insuranceType'],
      check: (draft, context) => {
        const issues = shapeIssues(applicantSchema, toSubmitPayload(draft).applicant, 'applicant').filter((found) => found.path !== 'applicant.idNumber')
        const id = checkIdNumber(draft.applicant.idType, draft.applicant.idNumber, context.today)
        if (!id.ok) issues.push(issue('applicant.idNumber', id.message))
        if (benefitsDependOnInsuranceType(profileOf(draft))) issues.push(...fieldIssue(insuranceTypeSchema, draft.insuranceType ?? undefined, 'insuranceType'))
        // 本人: the name (and, as far as the mask tells, the number) must be the verified ones.
        if (draft.forWhom === 'self' && issues.length === 0) {
          issues.push(...rulesIssues(draft, 'person', context, { proof: false, referral: false }).filter((found) => found.path.startsWith('applicant.')))
        }
        return issues.sort((a, b) => PERSON_ORDER.indexOf(a.path) - PERSON_ORDER.indexOf(b.path))
      },
    },
    {
      id: 'agent',
      title: '代办信息',
      fields: ['agent.relationship', 'agent.phone', 'agent.authorization'],
      when: (draft) => draft.forWhom === 'family',
      check: (draft, context) => rulesIssues(draft, 'agent', context, { proof: false, referral: false }),
    },
    {
      id: 'proof',
      // 证明材料 alone where no commitment is on offer. Before a category is chosen, proof is assumed.
      title: (draft) => (chosenRuleOf(draft) && !offersCommitment(chosenRuleOf(draft)) ? '证明材料' : '证明材料或承诺'),
      fields: ['materials', 'commitment'],
      when: (draft) => needsProof(chosenRuleOf(draft)),
      check: (draft, context) => rulesIssues(draft, 'proof', context, { proof: true, referral: false }),
    },
    {
      id: 'referral',
      title: '转诊信息',
      fields: ['referral'],
      when: (draft) => draft.category === 'referral',
      check: (draft, context) => rulesIssues(draft, 'referral', context, { proof: true, referral: true }),
    },
    {
      id: 'review',
      title: '核对信息',
      fields: [],
      check: (draft, context) => rulesIssues(draft, 'review', context, { proof: true, referral: true }),
    },
  ],
}

/** The steps this draft goes through, in order. */
export function stepsFor(draft: DraftShape): StepId[] {
  return steps.stepsFor(FILE_STEPS, draft)
}

/** The step's name in the progress line. */
export function stepTitle(draft: DraftShape, step: StepId): string {
  return steps.titleOf(FILE_STEPS, draft, step)
}

/** 第 N 步. */
export function progress(draft: Draft, step: StepId = draft.step): { index: number; total: number } {
  return steps.progressOf(FILE_STEPS, draft, step)
}

/** The step a field path (`applicant.idNumber`, `destination.cityCode`, …) is asked on; the check page when this draft skips it. */
export function stepOfPath(path: string, draft?: DraftShape): StepId {
  return steps.stepOfPath(FILE_STEPS, path, draft)
}

/** Server (or client) issues grouped by the step they belong to, and the first such step in the flow. */
export function issuesByStep(issues: readonly FieldIssue[], draft: DraftShape) {
  return steps.placeIssues(FILE_STEPS, draft, issues)
}

/** What is wrong on one step, as `{path, message}` with the submit payload's paths. */
export function checkStep(draft: Draft, step: StepId, context: PersonContext): FieldIssue[] {
  return steps.checkStep(FILE_STEPS, draft, step, context)
}

/** Every step's issues in flow order (the check page and submit use it). */
export function checkAll(draft: Draft, context: PersonContext): { step: StepId; issues: FieldIssue[] } | null {
  return steps.checkAll(FILE_STEPS, draft, context)
}

/**
 * Where "继续" goes from `step` once it is valid: the next step, or, when the person came from the
 * check page, the first later step that still needs an answer (else the check page itself).
 */
export function nextStep(draft: Draft, step: StepId, context: PersonContext): StepId {
  return steps.nextStep(FILE_STEPS, draft, step, context, draft.returnToReview)
}

/** Where "上一步" goes from `step`; null on the first step (leave the wizard). */
export function previousStep(draft: Draft, step: StepId): StepId | null {
  return steps.previousStep(FILE_STEPS, draft, step)
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
