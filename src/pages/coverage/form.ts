// 住院能直接结算吗？ — the form's logic, pure (tested in test/pages/coverage-form.test.ts): what the
// person answered → the `filing.checkCoverage` payload or the messages under each field, and the
// server's answer → what the page says.
//
// The checks are the server's own: `coverageSchema` (dates, 出院 not before 入院),
// `checkDestination` (a city is needed outside the seven province-level places) and
// `resolveInsuredRegion` (the national default needs the insured city), so the page and the server
// say the same words. The page asks what the schema leaves optional but the answer turns on: the kind
// of care, and for a hospital stay whether the person has left hospital and whether it is an
// emergency — asked rather than guessed.
import {
  CARE_KIND_LABELS,
  STAY_SCOPE_LABELS,
  checkDestination,
  coverageSchema,
  findProfile,
  formatChineseDate,
  isProvinceLevelDestination,
  parseWith,
  regionName,
  resolveInsuredRegion,
  type CalendarDate,
  type CareKind,
  type CoverageAnswer,
  type Destination,
  type GuideNote,
  type StayScope,
  type Verdict,
} from '../../rules'

export interface StayForm {
  care: CareKind | null
  /** 入院 for a stay; the day of the visit or purchase otherwise (the schema needs a date either way). */
  admissionDate: CalendarDate | null
  /** 'no' = 还没出院. Asked for a hospital stay only. */
  discharged: 'yes' | 'no' | null
  dischargeDate: CalendarDate | null
  /** 还没出院: the day they expect to leave, if they know it (optional; issue 16). */
  plannedDischargeDate: CalendarDate | null
  destination: { provinceCode: string; cityCode: string }
  emergency: 'yes' | 'no' | null
  /** Optional; asked only where a referral filing names its hospital (see the page). */
  hospitalName: string
  /** The 参保地, asked only of a person with no filing (the server else judges by their latest filing's). */
  policyId: string | null
  /** The insured city, asked when the chosen 参保地 leaves it open (the national default). */
  insuredRegion: { provinceCode: string; cityCode: string }
}

export const emptyForm = (): StayForm => ({
  care: null,
  admissionDate: null,
  discharged: null,
  dischargeDate: null,
  plannedDischargeDate: null,
  destination: { provinceCode: '', cityCode: '' },
  emergency: null,
  hospitalName: '',
  policyId: null,
  insuredRegion: { provinceCode: '', cityCode: '' },
})

export interface CoveragePayload {
  care: CareKind
  admissionDate: CalendarDate
  dischargeDate?: CalendarDate | null
  destination: Destination
  emergency?: boolean
  hospitalName?: string
  policyId?: string
  insuredRegionCode?: string
}

/** Field paths the page shows messages under, in the order it asks them. */
export const FIELDS = [
  'care',
  'admissionDate',
  'discharged',
  'dischargeDate',
  'plannedDischargeDate',
  'emergency',
  'destination.provinceCode',
  'destination.cityCode',
  'hospitalName',
  'policyId',
  'insuredRegionCode',
] as const
export type FieldPath = (typeof FIELDS)[number]

export const MESSAGES = {
  care: '请选择是住院、看门诊还是买药',
  discharged: '请选择是否已经出院',
  dischargeDate: '请选择出院日期',
  plannedDischargeDate: '预计出院日期不能早于今天：已经出院的，请选“已经出院”',
  emergency: '请选择是否急诊抢救',
  policyId: '请选择您在哪里参加医保',
} as const

/** How the questions name the visit. The schema's own date message says 入院, so other kinds bring theirs. */
export const VISIT_WORDS: Record<CareKind, { date: string; dateHint: string; missingDate?: string; place: string }> = {
  inpatient: { date: '哪天入院？', dateHint: '还没住院的，选打算入院的日子', place: '在哪里住院？' },
  outpatient: { date: '哪天看病？', dateHint: '还没去的，选打算去的日子', missingDate: '请选择看病的日期', place: '在哪里看病？' },
  chronic_outpatient: { date: '哪天看病？', dateHint: '还没去的，选打算去的日子', missingDate: '请选择看病的日期', place: '在哪里看病？' },
  pharmacy: { date: '哪天买药？', dateHint: '还没去的，选打算去的日子', missingDate: '请选择买药的日期', place: '在哪里买药？' },
}

export type FormCheck = { ok: true; payload: CoveragePayload } | { ok: false; errors: Partial<Record<FieldPath, string>> }

/** Which questions the page asked besides the always-asked ones. */
export interface Asked {
  /** The person has no filing, so the page asks their 参保地 (and the city, for the national default). */
  policy: boolean
  /** A referral filing names its hospital, so the page asks which hospital. */
  hospital: boolean
}

/** The insured place the person named: the city, or the province for the seven province-level places. */
export function insuredRegionCodeOf(form: Pick<StayForm, 'insuredRegion'>): string | undefined {
  const { provinceCode, cityCode } = form.insuredRegion
  if (!provinceCode) return undefined
  return isProvinceLevelDestination(provinceCode) ? provinceCode : cityCode || undefined
}

/** Whether the chosen 参保地 leaves the insured city to the person (the national default). */
export function asksInsuredCity(policyId: string | null): boolean {
  return policyId !== null && findProfile(policyId)?.insuredRegion === null
}

/**
 * Checks the answers to the questions on screen: until the kind of care is chosen, only that one.
 * Returns the first message for each field that is wrong; nothing the person chose is changed.
 */
export function checkForm(form: StayForm, asked: Asked, today?: CalendarDate): FormCheck {
  if (form.care === null) return { ok: false, errors: { care: MESSAGES.care } }
  const care = form.care
  const stayInHospital = care === 'inpatient'
  const errors: Partial<Record<FieldPath, string>> = {}
  const planned = stayInHospital && form.discharged === 'no' ? form.plannedDischargeDate : null
  const put = (path: string, message: string) => {
    // Not discharged yet: the date sent as 出院 is the planned one, asked under its own question.
    const field = planned && path === 'dischargeDate' ? 'plannedDischargeDate' : normalisePath(path)
    if (field && !errors[field]) errors[field] = message
  }

  const missingDate = VISIT_WORDS[care].missingDate
  if (!form.admissionDate && missingDate) put('admissionDate', missingDate)
  if (stayInHospital) {
    if (form.discharged === null) put('discharged', MESSAGES.discharged)
    else if (form.discharged === 'yes' && !form.dischargeDate) put('dischargeDate', MESSAGES.dischargeDate)
    if (planned && today && planned < today) put('plannedDischargeDate', MESSAGES.plannedDischargeDate)
    if (form.emergency === null) put('emergency', MESSAGES.emergency)
  }
  if (asked.policy && !form.policyId) put('policyId', MESSAGES.policyId)
  const policy = asked.policy && form.policyId ? findProfile(form.policyId) : undefined
  const insuredRegionCode = policy?.insuredRegion === null ? insuredRegionCodeOf(form) : undefined
  if (policy) {
    const insured = resolveInsuredRegion(policy, insuredRegionCode)
    if (!insured.ok) put(insured.path.join('.'), insured.message)
  }

  const destination: Destination = form.destination.cityCode
    ? { provinceCode: form.destination.provinceCode, cityCode: form.destination.cityCode }
    : { provinceCode: form.destination.provinceCode }
  const place = checkDestination(destination)
  if (!place.ok) put(`destination.${place.path}`, place.message)

  const hospitalName = asked.hospital && stayInHospital && form.hospitalName.trim() ? form.hospitalName : undefined
  const stay = {
    care,
    admissionDate: form.admissionDate ?? undefined,
    destination: place.ok ? place.destination : destination,
    hospitalName,
    ...(stayInHospital
      ? {
          // A planned day counts as the discharge for the rules (validity ends before it, …); still not settled.
          dischargeDate: form.discharged === 'yes' ? form.dischargeDate ?? undefined : planned,
          emergency: form.emergency === null ? undefined : form.emergency === 'yes',
        }
      : {}),
  }
  const parsed = parseWith(coverageSchema, stay)
  if (!parsed.ok) parsed.issues.forEach((found) => put(found.path, found.message))

  if (Object.keys(errors).length > 0 || !parsed.ok || !place.ok) return { ok: false, errors }
  return {
    ok: true,
    payload: {
      care,
      admissionDate: parsed.value.admissionDate,
      destination: place.destination,
      ...(stayInHospital ? { dischargeDate: parsed.value.dischargeDate ?? null, emergency: form.emergency === 'yes' } : {}),
      ...(parsed.value.hospitalName ? { hospitalName: parsed.value.hospitalName } : {}),
      ...(policy ? { policyId: policy.id } : {}),
      ...(insuredRegionCode ? { insuredRegionCode } : {}),
    },
  }
}

/** A server issue's path (`destination`, `destination.cityCode`, …) → the field it belongs under. */
export function normalisePath(path: string): FieldPath | null {
  if ((FIELDS as readonly string[]).includes(path)) return path as FieldPath
  if (path === 'destination') return 'destination.provinceCode'
  return null
}

/** 您问的是：… — the question as it was sent, so the answer on screen says what it answers. */
export function describeQuestion(asked: CoveragePayload, planned = false): string {
  const place = regionName(asked.destination.cityCode ?? asked.destination.provinceCode) ?? ''
  const hospital = asked.hospitalName ? `（${asked.hospitalName}）` : ''
  if (asked.care !== 'inpatient') return `${CARE_KIND_LABELS[asked.care]}：${formatChineseDate(asked.admissionDate)}，在${place}。`
  const discharge = !asked.dischargeDate
    ? '还没出院'
    : planned
      ? `还没出院，预计${formatChineseDate(asked.dischargeDate)}出院`
      : `${formatChineseDate(asked.dischargeDate)}出院`
  return `住院：${formatChineseDate(asked.admissionDate)}入院，${discharge}，在${place}${hospital}，${asked.emergency ? '急诊抢救' : '不是急诊抢救'}。`
}

/** The fields of a filing the answer names (from `filing.mine` / `filing.get`). */
export interface AnswerFiling {
  id: string
  destination: { name: string }
  startDate: CalendarDate
  validUntil: CalendarDate | null
  categoryLabel: string
}

/** Each verdict by its mark and in words: the mark alone, or the colour alone, never carries it. */
export const VERDICT_WORDS: Record<Verdict, { mark: string; headline: string }> = {
  direct: { mark: '✓', headline: '可以直接结算' },
  not_direct: { mark: '✗', headline: '不能直接结算' },
  depends: { mark: '？', headline: '要看情况' },
  ask: { mark: '？', headline: '请向经办机构确认' },
}

/** 现在怎么办 where the server leaves it to the page: the seed is silent, or another channel pays. */
export const ASK_AGENCY_TEXT = '请向您参保地的医保经办机构（医保局或医保中心）问清楚：这次能不能直接结算、要不要先办理备案，以他们的答复为准。'
export const OTHER_CHANNEL_TEXT = '这次不走异地就医直接结算，请按原渠道办理：费用先自己垫付，再按参保地的规定申报报销。具体手续请问参保单位或参保地医保经办机构。'

export function scopeWords(scope: StayScope): string {
  return scope === 'home' ? `这次在${STAY_SCOPE_LABELS.home}就医，不属于异地就医。` : `这次是${STAY_SCOPE_LABELS[scope]}就医。`
}

export interface AnswerView {
  verdict: Verdict
  mark: string
  /** 可以直接结算 / 不能直接结算 / 要看情况 / 请向经办机构确认 */
  headline: string
  /** Why, in the rules' words (`message`). */
  why: string
  /** The seed section(s) behind it. */
  source: string
  /** When the verdict depends on the person's situation: each case and its outcome. */
  cases: { when: string; verdict: Verdict; mark: string; headline: string; message: string }[]
  /** What to do now, or null when there is nothing to do. */
  next: string | null
  /** 省内异地 / 跨省异地 / 参保地, in a sentence. */
  scope: string
  notes: GuideNote[]
  /** Show 现在办理备案. */
  fileNow: boolean
  /**
   * A filing there starts after the admission: offer its change page (while it has not started) and
   * its cancel page, never the blank wizard, which would refuse a second filing.
   */
  fix: { filingId: string; changeStart: boolean } | null
  /** The filing that covers the stay, for 出示备案凭证. */
  filingId: string | null
  /** Its number, place, category and validity. */
  filingFacts: { label: string; value: string }[]
}

export function validityWords(filing: Pick<AnswerFiling, 'startDate' | 'validUntil'>): string {
  return filing.validUntil === null
    ? `${formatChineseDate(filing.startDate)}起长期有效`
    : `${formatChineseDate(filing.startDate)} 至 ${formatChineseDate(filing.validUntil)}`
}

function nextWords(answer: CoverageAnswer): string | null {
  switch (answer.next) {
    case 'none':
      return null
    case 'ask_agency':
      return answer.nextText ?? ASK_AGENCY_TEXT
    case 'other_channel':
      return answer.nextText ?? OTHER_CHANNEL_TEXT
    case 'file_now':
    case 'manual_reimbursement':
    case 'change_start_date':
    case 'cancel_and_refile':
      return answer.nextText
  }
}

/** `filing`: the covering filing's details, when the answer names one that covers the stay. */
export function describeAnswer(answer: CoverageAnswer, filing: AnswerFiling | null): AnswerView {
  const coveredBy = answer.verdict === 'direct' ? answer.filingId : null
  return {
    verdict: answer.verdict,
    ...VERDICT_WORDS[answer.verdict],
    why: answer.message,
    source: answer.source,
    cases: answer.cases.map((item) => ({ ...item, ...VERDICT_WORDS[item.verdict] })),
    next: nextWords(answer),
    scope: scopeWords(answer.scope),
    notes: answer.notes,
    fileNow: answer.next === 'file_now',
    fix:
      answer.filingId && (answer.next === 'change_start_date' || answer.next === 'cancel_and_refile')
        ? { filingId: answer.filingId, changeStart: answer.next === 'change_start_date' }
        : null,
    filingId: coveredBy,
    filingFacts: coveredBy
      ? [
          { label: '备案编号', value: coveredBy },
          ...(filing
            ? [
                { label: '就医地', value: filing.destination.name },
                { label: '人员类别', value: filing.categoryLabel },
                { label: '有效期', value: validityWords(filing) },
              ]
            : []),
        ]
      : [],
  }
}
