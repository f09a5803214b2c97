// The change flow's logic, pure (jest: test/pages/filing-change.test.ts): what may change, the steps
// that apply (one question per screen), what each step checks with the rules' own schemas, the
// payload `filing.change` takes, and where a server issue sends the person back to.
//
// Field paths are the server's (`patch.destination.cityCode`, `patch.phone`, `materials`, `reason`,
// `exception`), so a VALIDATION answer lands under the same field a local check would.
import {
  INSURANCE_TYPES,
  INSURANCE_TYPE_LABELS,
  MATERIALS,
  changeSchema,
  checkFilingDestination,
  filedRuleOf,
  formatChineseDate,
  isProvinceLevelDestination,
  parseWith,
  regionName,
  type CalendarDate,
  type FieldIssue,
  type InsuranceType,
  type MaterialKind,
} from '../../rules'
import { insuranceTypeLabel, profileOf, type FilingDetail } from '../../lib/filing-view'
import { firstMessages } from '../../lib/issues'
import * as steps from '../../lib/steps'
import type { UploadedFile } from '../../services/api'
import { changeAvailability, insuranceTypeAvailability } from '../../lib/availability'

export type ChangeTarget = 'destination' | 'phone' | 'address' | 'insuranceType' | 'startDate'
export type ChangeStep = 'what' | 'exception' | 'value' | 'proof' | 'reason'

/** The answer "以上都不是" on the exception step. */
export const NO_EXCEPTION = 'none'

export interface ChangeForm {
  target: ChangeTarget | null
  /** An exception's code, NO_EXCEPTION, or null when not asked yet. */
  exception: string | null
  destination: { provinceCode: string; cityCode: string }
  phone: string
  address: string
  insuranceType: InsuranceType | null
  /** A new start date: offered only before the filing starts. */
  startDate: CalendarDate | null
  materials: Partial<Record<MaterialKind, UploadedFile>>
  reason: string
}

/** `target`: asked for from elsewhere (住院能直接结算吗？ → 变更开始日期); kept only when it is on offer. */
export function newChangeForm(filing: FilingDetail, target?: string): ChangeForm {
  const offered = targetOptions(filing).find((option) => option.value === target && !option.disabled)
  return {
    target: offered ? offered.value : null,
    exception: null,
    destination: { provinceCode: '', cityCode: '' },
    phone: filing.applicant.phone,
    address: filing.applicant.address ?? '',
    insuranceType: filing.insuranceType,
    startDate: null,
    materials: {},
    reason: '',
  }
}

export const TARGET_TITLES: Record<ChangeTarget, string> = {
  destination: '就医地',
  phone: '联系电话',
  address: '联系地址',
  insuranceType: '参保险种',
  startDate: '开始日期',
}

/** A change of the filed substance (a 备案变更, under the profile's lock), not a contact correction. */
export function isSubstantive(target: ChangeTarget | null): boolean {
  return target === 'destination' || target === 'insuranceType'
}

/** 险种 is offered for change where benefits depend on it (大同's ratio table), the profile has a rule of its own for it (达州), or the filing names one. */
export function offersInsuranceTypeChange(filing: FilingDetail): boolean {
  const profile = profileOf(filing)
  const rule = profile?.categories[filing.category]
  const ownRule = rule?.filing === 'required' && rule.change.insuranceType.kind === 'at_once'
  return filing.insuranceType !== null || profile?.benefits.kind === 'ratio_table' || ownRule
}

export interface TargetOption {
  value: ChangeTarget
  title: string
  description: string
  disabled: boolean
}

function currentValue(filing: FilingDetail, target: ChangeTarget): string {
  switch (target) {
    case 'destination':
      return filing.destination.name
    case 'phone':
      return filing.applicant.phone
    case 'address':
      return filing.applicant.address || '未填写'
    case 'insuranceType':
      return insuranceTypeLabel(filing.insuranceType) ?? '未填写'
    case 'startDate':
      return formatChineseDate(filing.startDate)
  }
}

/** Whether a change of substance is open: 参保险种 may follow a rule of its own. */
function availabilityOf(filing: FilingDetail, target: ChangeTarget | null) {
  return target === 'insuranceType' ? insuranceTypeAvailability(filing) : changeAvailability(filing)
}

/** The first question: what to change, each with its current value and, when it cannot, why not. */
export function targetOptions(filing: FilingDetail): TargetOption[] {
  // The start date only while it can move (before the filing starts): after that it is history.
  const startOpen = filing.actions.change_start_date.allowed
  const targets: ChangeTarget[] = [
    ...(startOpen ? ['startDate' as const] : []),
    'destination',
    'phone',
    'address',
    ...(offersInsuranceTypeChange(filing) ? ['insuranceType' as const] : []),
  ]
  return targets.map((target) => {
    const availability = availabilityOf(filing, target)
    const now = `现在：${currentValue(filing, target)}`
    if (target === 'startDate') return { value: target, title: TARGET_TITLES[target], description: `${now}。备案生效前可以改`, disabled: false }
    if (!isSubstantive(target)) {
      return { value: target, title: TARGET_TITLES[target], description: availability.contactOpen ? `${now}。随时可以修改` : now, disabled: !availability.contactOpen }
    }
    if (availability.can) return { value: target, title: TARGET_TITLES[target], description: now, disabled: false }
    if (availability.opensOn && availability.exceptions.length > 0) {
      return {
        value: target,
        title: TARGET_TITLES[target],
        description: `${now}。${availability.headline}；在那以前，只有${availability.exceptions.map((e) => e.label).join('、')}时可以凭证明变更`,
        disabled: false,
      }
    }
    // Refused outright (under review, or a category that is filed anew): the reason says more.
    const why = availability.opensOn ? availability.headline : (availability.message ?? availability.headline)
    return { value: target, title: TARGET_TITLES[target], description: `${now}。${why}`, disabled: true }
  })
}

/** The lock holds now but the profile lets named circumstances lift it: ask which one applies. */
export function asksException(filing: FilingDetail, form: Pick<ChangeForm, 'target'>): boolean {
  if (!isSubstantive(form.target)) return false
  const availability = availabilityOf(filing, form.target)
  return !availability.can && availability.opensOn !== null && availability.exceptions.length > 0
}

/** The proof this change needs: the chosen exception's, else the rule's for any change of substance. */
export function requiredProof(filing: FilingDetail, form: Pick<ChangeForm, 'target' | 'exception'>): MaterialKind[] {
  if (!isSubstantive(form.target)) return []
  const rule = filedRuleOf(filing)
  if (!rule) return []
  if (asksException(filing, form)) {
    return rule.change.exceptions.find((e) => e.code === form.exception)?.proof ?? []
  }
  const { insuranceType } = rule.change
  if (form.target === 'insuranceType' && insuranceType.kind === 'at_once') return [...insuranceType.proof]
  return [...rule.change.proof]
}

/** The request for `filing.change`, with the version this page read. */
export function toChangePayload(filing: FilingDetail, form: ChangeForm) {
  const patch: Record<string, unknown> = {}
  switch (form.target) {
    case 'destination': {
      const { provinceCode, cityCode } = form.destination
      patch.destination = isProvinceLevelDestination(provinceCode) || !cityCode ? { provinceCode } : { provinceCode, cityCode }
      break
    }
    case 'phone':
      patch.phone = form.phone
      break
    case 'address':
      patch.address = form.address
      break
    case 'insuranceType':
      if (form.insuranceType) patch.insuranceType = form.insuranceType
      break
    case 'startDate':
      if (form.startDate) patch.startDate = form.startDate
      break
    default:
      break
  }
  const proof = requiredProof(filing, form)
  const materials = proof.flatMap((kind) => {
    const file = form.materials[kind]
    return file ? [{ kind, fileId: file.fileId }] : []
  })
  const exception = asksException(filing, form) && form.exception && form.exception !== NO_EXCEPTION ? form.exception : undefined
  return {
    id: filing.id,
    version: filing.version,
    patch,
    reason: form.reason,
    ...(exception ? { exception } : {}),
    ...(materials.length > 0 ? { materials } : {}),
  }
}

/** Issues keyed for the page: `materials.0.fileId` → `materials`; whole-request issues under ''. */
export function fieldOfPath(path: string): string {
  if (path.startsWith('materials')) return 'materials'
  if (path === 'patch' || path === 'patch.policyId' || path === 'id' || path === 'version') return ''
  return path
}

function sameDestination(filing: FilingDetail, form: ChangeForm): boolean {
  const { provinceCode, cityCode } = form.destination
  const area = isProvinceLevelDestination(provinceCode) ? provinceCode : cityCode
  return area !== '' && area === filing.destination.areaCode
}

function checkValue(filing: FilingDetail, form: ChangeForm): FieldIssue[] {
  const payload = toChangePayload(filing, form)
  const parsed = parseWith(changeSchema, payload)
  const shape = parsed.ok ? [] : parsed.issues.filter((found) => found.path.startsWith('patch'))
  if (shape.length > 0) {
    // An empty patch (nothing chosen) reads better under the field than as "请至少修改一项内容".
    return shape.map((found) => (found.path === 'patch' ? { path: pathOfTarget(form.target), message: emptyMessage(form.target) } : found))
  }
  switch (form.target) {
    case 'destination': {
      const profile = profileOf(filing)
      if (!profile) return []
      const checked = checkFilingDestination(profile, filing.insuredRegion, payload.patch.destination as { provinceCode: string; cityCode?: string })
      if (!checked.ok) return [{ path: ['patch', ...checked.path].join('.'), message: checked.message }]
      if (sameDestination(filing, form)) {
        return [{ path: pathOfTarget('destination', form), message: '这就是现在的就医地，请选择新的就医地' }]
      }
      return []
    }
    case 'phone':
      return form.phone.trim() === filing.applicant.phone ? [{ path: 'patch.phone', message: '这就是现在的联系电话，请填写新的号码' }] : []
    case 'address':
      return form.address.trim() === (filing.applicant.address ?? '') ? [{ path: 'patch.address', message: '这就是现在的联系地址，请填写新的地址' }] : []
    case 'insuranceType':
      return form.insuranceType === filing.insuranceType ? [{ path: 'patch.insuranceType', message: '这就是现在的参保险种，请选择另一种' }] : []
    case 'startDate':
      return form.startDate === filing.startDate ? [{ path: 'patch.startDate', message: '这就是现在的开始日期，请选择新的日期' }] : []
    default:
      return [{ path: 'target', message: '请选择要变更的内容' }]
  }
}

function pathOfTarget(target: ChangeTarget | null, form?: ChangeForm): string {
  switch (target) {
    case 'destination':
      return form && form.destination.cityCode ? 'patch.destination.cityCode' : 'patch.destination.provinceCode'
    case 'phone':
      return 'patch.phone'
    case 'address':
      return 'patch.address'
    case 'insuranceType':
      return 'patch.insuranceType'
    case 'startDate':
      return 'patch.startDate'
    default:
      return 'target'
  }
}

function emptyMessage(target: ChangeTarget | null): string {
  switch (target) {
    case 'destination':
      return '请选择新的就医地'
    case 'insuranceType':
      return '请选择参保险种'
    case 'startDate':
      return '请选择新的开始日期'
    case 'address':
      return '请填写新的联系地址'
    default:
      return '请填写新的内容'
  }
}

/** The answers a step of the change reads: the filing as read, and the form so far. */
export interface ChangeState {
  filing: FilingDetail
  form: ChangeForm
}

/** What decides which steps apply: the filing, what is changed and under which circumstance. */
type ChangeShape = { filing: FilingDetail; form: Pick<ChangeForm, 'target' | 'exception'> }

/**
 * The change flow's steps as data (lib/steps), with the rules' messages (the same the server would
 * answer). The reason step is the check page: the change is shown there before it is submitted.
 */
export const CHANGE_STEPS: steps.StepTable<ChangeStep, ChangeState, void, ChangeShape> = {
  checkPage: 'reason',
  steps: [
    {
      id: 'what',
      title: '选择要变更的内容',
      fields: ['target'],
      // A circumstance the person may no longer be asked for: choose what to change again.
      fallbackFields: ['exception'],
      check: ({ form }) => (form.target ? [] : [{ path: 'target', message: '请选择要变更的内容' }]),
    },
    {
      id: 'exception',
      title: '您属于哪种情形',
      fields: ['exception'],
      when: ({ filing, form }) => asksException(filing, form),
      check: ({ filing, form }) => {
        if (form.exception === null) return [{ path: 'exception', message: '请选择您属于哪种情形' }]
        if (form.exception !== NO_EXCEPTION) return []
        const { headline } = changeAvailability(filing)
        return [{ path: 'exception', message: `不属于这些情形的，${headline}，现在还不能变更${TARGET_TITLES[form.target ?? 'destination']}` }]
      },
    },
    {
      id: 'value',
      title: '填写新的内容',
      fields: ['patch.destination', 'patch.phone', 'patch.address', 'patch.insuranceType', 'patch.startDate'],
      check: ({ filing, form }) => checkValue(filing, form),
    },
    {
      id: 'proof',
      title: '上传证明材料',
      fields: ['materials'],
      // Before an exception is chosen its proof is unknown: assume a proof step (every exception has one).
      when: ({ filing, form }) => requiredProof(filing, form).length > 0 || (asksException(filing, form) && form.exception === null),
      check: ({ filing, form }) => {
        const missing = requiredProof(filing, form).filter((kind) => !form.materials[kind])
        return missing.length > 0 ? [{ path: 'materials', message: `请上传：${missing.map((kind) => MATERIALS[kind].label).join('；')}` }] : []
      },
    },
    {
      id: 'reason',
      title: '填写原因并提交',
      fields: ['reason'],
      check: ({ filing, form }) => {
        const parsed = parseWith(changeSchema, toChangePayload(filing, form))
        return parsed.ok ? [] : parsed.issues.filter((found) => found.path === 'reason')
      },
    },
  ],
}

/** The steps this change goes through, in order. */
export function stepsFor(filing: FilingDetail, form: Pick<ChangeForm, 'target' | 'exception'>): ChangeStep[] {
  return steps.stepsFor(CHANGE_STEPS, { filing, form })
}

export function stepTitle(filing: FilingDetail, form: ChangeForm, step: ChangeStep): string {
  return steps.titleOf(CHANGE_STEPS, { filing, form }, step)
}

export function nextStep(filing: FilingDetail, form: ChangeForm, step: ChangeStep): ChangeStep {
  return steps.nextStep(CHANGE_STEPS, { filing, form }, step, undefined)
}

export function previousStep(filing: FilingDetail, form: ChangeForm, step: ChangeStep): ChangeStep | null {
  return steps.previousStep(CHANGE_STEPS, { filing, form }, step)
}

/** What one step finds wrong. */
export function checkStep(filing: FilingDetail, form: ChangeForm, step: ChangeStep): FieldIssue[] {
  return steps.checkStep(CHANGE_STEPS, { filing, form }, step, undefined)
}

/** Every step's issues at once, before submitting: the first step with an issue, and its messages. */
export function checkAll(filing: FilingDetail, form: ChangeForm): { step: ChangeStep; issues: FieldIssue[] } | null {
  return steps.checkAll(CHANGE_STEPS, { filing, form }, undefined)
}

/** Messages for the page, keyed by `fieldOfPath` (the first per field). */
export function messagesOf(issues: readonly FieldIssue[]): Record<string, string> {
  return firstMessages(issues, fieldOfPath)
}

/** A server VALIDATION answer: the earliest step with an issue, and each message under its field. */
export function placeIssues(filing: FilingDetail, form: ChangeForm, issues: readonly FieldIssue[]): { step: ChangeStep; errors: Record<string, string> } {
  const { byStep, first } = steps.placeIssues(CHANGE_STEPS, { filing, form }, issues)
  const step = first ?? 'reason'
  return { step, errors: messagesOf(byStep[step] ?? []) }
}

/**
 * Said before submitting and after: under a profile with staged review, a new destination or insurance
 * type waits for staff, and the filing settles on its old terms until then. Null when it takes effect at once.
 */
export function changeReviewNote(filing: Pick<FilingDetail, 'changeNeedsReview' | 'destination'>, form: Pick<ChangeForm, 'target'>): string | null {
  if (!filing.changeNeedsReview || !isSubstantive(form.target)) return null
  return `这项变更要经过经办机构审核，审核通过后才生效；审核通过前，仍按原备案（就医地：${filing.destination.name}）结算。`
}

/** The change in words for the check before submitting: 就医地：广东省深圳市 → 广东省广州市. */
export function changeSummary(filing: FilingDetail, form: ChangeForm): { label: string; before: string; after: string } | null {
  switch (form.target) {
    case 'destination': {
      const { provinceCode, cityCode } = form.destination
      const area = isProvinceLevelDestination(provinceCode) ? provinceCode : cityCode
      return { label: '就医地', before: filing.destination.name, after: (area && regionName(area)) || '未选择' }
    }
    case 'phone':
      return { label: '联系电话', before: filing.applicant.phone, after: form.phone.trim() }
    case 'address':
      return { label: '联系地址', before: filing.applicant.address || '未填写', after: form.address.trim() || '（清空）' }
    case 'insuranceType':
      return { label: '参保险种', before: insuranceTypeLabel(filing.insuranceType) ?? '未填写', after: insuranceTypeLabel(form.insuranceType) ?? '未选择' }
    case 'startDate':
      return { label: '开始日期', before: formatChineseDate(filing.startDate), after: form.startDate ? formatChineseDate(form.startDate) : '未选择' }
    default:
      return null
  }
}

export const INSURANCE_CHOICES = INSURANCE_TYPES.map((value) => ({ value, title: INSURANCE_TYPE_LABELS[value] }))

/** LOCKED: the day it opens, in words, and what the person can do now. */
export function lockedWords(allowedFrom: string | undefined, message: string, filing: FilingDetail | null) {
  const date = allowedFrom ? formatChineseDate(allowedFrom) : null
  const canCancel = filing?.actions.cancel.allowed ?? false
  return {
    title: date ? `${date}起才能变更` : '现在还不能变更',
    message,
    now: [
      '联系电话和联系地址现在就可以修改。',
      ...(canCancel ? ['如果不再需要这份备案，可以取消备案，以后需要时重新办理。'] : []),
      ...(date ? [`${date}以后，再来办理变更。`] : []),
    ],
  }
}
