// 住院能直接结算吗？ — the form's logic, pure (tested in test/pages/coverage-form.test.ts): what the
// person answered → the `filing.checkCoverage` payload or the messages under each field, and the
// server's answer → what the page says.
//
// The checks are the server's own: `coverageSchema` (dates, 出院 not before 入院) and
// `checkDestination` (a city is needed outside the seven province-level places), so the page and the
// server say the same words. The page asks two things the schema leaves optional: whether the person
// has left hospital (还没出院 / 已经出院 + the date) and whether it is an emergency — both change the
// answer, so both are asked rather than guessed.
import {
  checkDestination,
  coverageSchema,
  formatChineseDate,
  parseWith,
  type CalendarDate,
  type CoverageAnswer,
  type Destination,
} from '../../rules'

export interface StayForm {
  admissionDate: CalendarDate | null
  /** 'no' = 还没出院. */
  discharged: 'yes' | 'no' | null
  dischargeDate: CalendarDate | null
  destination: { provinceCode: string; cityCode: string }
  emergency: 'yes' | 'no' | null
  /** The 参保地, asked only of a person with no filing (the server else judges by their latest filing's). */
  policyId: string | null
}

export const emptyForm = (): StayForm => ({
  admissionDate: null,
  discharged: null,
  dischargeDate: null,
  destination: { provinceCode: '', cityCode: '' },
  emergency: null,
  policyId: null,
})

export interface CoveragePayload {
  admissionDate: CalendarDate
  dischargeDate: CalendarDate | null
  destination: Destination
  emergency: boolean
  policyId?: string
}

/** Field paths the page shows messages under. */
export const FIELDS = ['admissionDate', 'discharged', 'dischargeDate', 'destination.provinceCode', 'destination.cityCode', 'emergency', 'policyId'] as const
export type FieldPath = (typeof FIELDS)[number]

export const MESSAGES = {
  discharged: '请选择是否已经出院',
  dischargeDate: '请选择出院日期',
  emergency: '请选择是否急诊抢救',
  policyId: '请选择您在哪里参加医保',
} as const

export type FormCheck = { ok: true; payload: CoveragePayload } | { ok: false; errors: Partial<Record<FieldPath, string>> }

/**
 * Checks the answers. `askPolicy`: the person has no filing, so the page asks their 参保地.
 * Returns the first message for each field that is wrong; nothing the person chose is changed.
 */
export function checkForm(form: StayForm, askPolicy: boolean): FormCheck {
  const errors: Partial<Record<FieldPath, string>> = {}
  const put = (path: string, message: string) => {
    const field = normalisePath(path)
    if (field && !errors[field]) errors[field] = message
  }

  if (form.discharged === null) put('discharged', MESSAGES.discharged)
  else if (form.discharged === 'yes' && !form.dischargeDate) put('dischargeDate', MESSAGES.dischargeDate)
  if (form.emergency === null) put('emergency', MESSAGES.emergency)
  if (askPolicy && !form.policyId) put('policyId', MESSAGES.policyId)

  const destination: Destination = form.destination.cityCode
    ? { provinceCode: form.destination.provinceCode, cityCode: form.destination.cityCode }
    : { provinceCode: form.destination.provinceCode }
  const place = checkDestination(destination)
  if (!place.ok) put(`destination.${place.path}`, place.message)

  const stay = {
    admissionDate: form.admissionDate ?? undefined,
    dischargeDate: form.discharged === 'yes' ? form.dischargeDate ?? undefined : null,
    destination: place.ok ? place.destination : destination,
    emergency: form.emergency === null ? undefined : form.emergency === 'yes',
  }
  const parsed = parseWith(coverageSchema, stay)
  if (!parsed.ok) parsed.issues.forEach((found) => put(found.path, found.message))

  if (Object.keys(errors).length > 0 || !parsed.ok || !place.ok) return { ok: false, errors }
  return {
    ok: true,
    payload: {
      admissionDate: parsed.value.admissionDate,
      dischargeDate: parsed.value.dischargeDate ?? null,
      destination: place.destination,
      emergency: form.emergency === 'yes',
      ...(askPolicy && form.policyId ? { policyId: form.policyId } : {}),
    },
  }
}

/** A server issue's path (`destination`, `destination.cityCode`, …) → the field it belongs under. */
export function normalisePath(path: string): FieldPath | null {
  if ((FIELDS as readonly string[]).includes(path)) return path as FieldPath
  if (path === 'destination') return 'destination.provinceCode'
  return null
}

/** The fields of a filing the answer names (from `filing.mine` / `filing.get`). */
export interface AnswerFiling {
  id: string
  destination: { name: string }
  startDate: CalendarDate
  validUntil: CalendarDate | null
  categoryLabel: string
}

export interface AnswerView {
  covered: boolean
  /** ✓ 可以直接结算 / ✗ 不能直接结算 */
  headline: string
  /** How: by which filing, as an emergency, no filing needed. */
  how: string | null
  /** Why, in the rules' words (`message`). */
  why: string
  /** What to do now (`nextText`), when not covered. */
  next: string | null
  /** Show 现在办理备案. */
  fileNow: boolean
  /** The filing that covers the stay, for its number, place and a link to its certificate. */
  filingId: string | null
  filingFacts: { label: string; value: string }[]
}

export function validityWords(filing: Pick<AnswerFiling, 'startDate' | 'validUntil'>): string {
  return filing.validUntil === null
    ? `${formatChineseDate(filing.startDate)}起长期有效`
    : `${formatChineseDate(filing.startDate)} 至 ${formatChineseDate(filing.validUntil)}`
}

export function describeAnswer(answer: CoverageAnswer, filing: AnswerFiling | null): AnswerView {
  if (answer.covered) {
    const base = { covered: true, headline: '可以直接结算', why: answer.message, next: null, fileNow: false }
    if (answer.by === 'filing') {
      return {
        ...base,
        how: filing ? `凭您在${filing.destination.name}的备案直接结算。` : '凭您的备案直接结算。',
        filingId: answer.filingId,
        filingFacts: [
          { label: '备案编号', value: answer.filingId },
          ...(filing
            ? [
                { label: '就医地', value: filing.destination.name },
                { label: '人员类别', value: filing.categoryLabel },
                { label: '有效期', value: validityWords(filing) },
              ]
            : []),
        ],
      }
    }
    return {
      ...base,
      how: answer.by === 'emergency' ? '按急诊抢救直接结算，不用备案。' : '这次住院不用备案，可以直接结算。',
      filingId: null,
      filingFacts: [],
    }
  }
  return {
    covered: false,
    headline: '不能直接结算',
    how: null,
    why: answer.message,
    next: answer.nextText,
    fileNow: answer.next === 'file_now',
    filingId: null,
    filingFacts: [],
  }
}
