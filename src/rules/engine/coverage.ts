// Does a stay (or other care) settle directly, and if not, what should the person do now? Every
// answer first places the stay (home, 省内异地, 跨省异地), then reads the profile: which scopes its
// rules serve, what the kind of care needs, which filing covers the stay, and what a stay without one
// gets. Each answer says why, cites the seed section it rests on, and says what to do next.
import type { Category } from '../categories'
import { formatChineseDate, type CalendarDate } from '../dates'
import type { CareOutcome, GuideItem, PolicyProfile, UnfiledRule } from '../profiles'
import { filedRule, holdsLongTermFiling } from './category'
import { startedMessage } from './locks'
import { startWindow } from './start-date'
import { guideNotes, type GuideNote } from './guide'
import { sameHospitalName } from './referral'
import { checkDestination, isWithin, regionName, type Destination } from '../regions'
import { issue, type Validated } from '../schemas/issues'
import type { CareKind, OffSiteScope, StayScope } from '../vocabulary'
import { resolveInsuredRegion } from './destination'
import type { FilingFacts } from './filing'
import { placeStay, type InsuredRegion } from './scope'

export interface StayQuestion {
  admissionDate: CalendarDate
  /** Not yet discharged when absent. */
  dischargeDate?: CalendarDate | null
  destination: Destination
  emergency?: boolean
  care?: CareKind
  /** The hospital, where a referral names one. */
  hospitalName?: string
}

/** direct: settles directly; not_direct: it does not (pay, then claim); ask: the seed is silent; depends: see `cases`. */
export type Verdict = 'direct' | 'not_direct' | 'ask' | 'depends'

export type NextStep =
  /** Still in hospital or not yet settled: file (补办) before discharge settlement. */
  | 'file_now'
  /** Settled at one's own expense: claim manual reimbursement. */
  | 'manual_reimbursement'
  /** Another channel handles it (辽宁 原渠道, the employer's claim). */
  | 'other_channel'
  /** Ask the agency: the rules here do not say. */
  | 'ask_agency'
  /** A filing there starts after the admission and has not started yet: move its start date, or cancel and refile. */
  | 'change_start_date'
  /** A filing there started after the admission: its start is fixed now, so cancel it and file again. */
  | 'cancel_and_refile'
  /** Nothing to do but show the card at the hospital. */
  | 'none'

export type CoverageReason =
  // direct
  | 'filing'
  | 'emergency_as_filed'
  | 'unfiled_as_filed'
  | 'home'
  | 'care_without_filing'
  // not direct, from the person's filings
  | 'pending_review'
  | 'settlement_used'
  | 'settled_before_filing'
  | 'other_hospital'
  | 'expired'
  | 'not_started'
  | 'other_destination'
  | 'no_filing'
  // not direct, from the profile
  | 'outside_scheme'
  | 'care_elsewhere'
  // ask / depends
  | 'seed_silent'
  | 'depends'

export interface CoverageAnswer {
  verdict: Verdict
  covered: boolean
  reason: CoverageReason
  scope: StayScope
  care: CareKind
  /** The filing that covers the stay, or the one that came closest. */
  filingId: string | null
  /** Why, in plain words. */
  message: string
  /** The seed section(s) behind it. */
  source: string
  next: NextStep
  nextText: string | null
  /** When the verdict depends on something the person knows. */
  cases: { when: string; verdict: Verdict; message: string }[]
  /** Rules no form asks about, where this question raises them. */
  notes: GuideNote[]
}

export interface CoverageInput {
  stay: StayQuestion
  /** The person's filings, any status. */
  filings: readonly FilingFacts[]
  /** The person's insured profile: decides everything a filing does not. */
  profile: PolicyProfile
  /** For a profile that leaves the insured place open (the national default). */
  insuredRegionCode?: string
  /** The profile each filing was made under. */
  profileOf: (filing: FilingFacts) => PolicyProfile
  today: CalendarDate
}

type Miss = Extract<CoverageReason, 'pending_review' | 'settlement_used' | 'settled_before_filing' | 'other_hospital' | 'expired' | 'not_started' | 'other_destination'>

/** The most useful reason first, when several filings miss. */
const MISS_ORDER: Miss[] = ['pending_review', 'settled_before_filing', 'other_hospital', 'settlement_used', 'expired', 'not_started', 'other_destination']

/** Why one filing does not cover the stay, or null when it does. */
function missReason(filing: FilingFacts, stayArea: string, stay: StayQuestion, profile: PolicyProfile): Miss | null {
  if (!isWithin(stayArea, filing.destination.areaCode)) return 'other_destination'
  if (filing.status === 'pending_review') return 'pending_review'
  if (stay.admissionDate < filing.startDate) return 'not_started'
  // Admitted within validity: covered through discharge even after the end date (001 四(一)).
  if (filing.validUntil !== null && stay.admissionDate > filing.validUntil) return 'expired'
  // Discharged (and so settled) before the filing existed: a filing never turns that into a direct
  // settlement, whatever its start date (001 四(二), 000 二(三), 004 四(二)).
  if (stay.dischargeDate != null && stay.dischargeDate < filing.filedOn) return 'settled_before_filing'
  if (profile.referral.namesTreatingHospital && filing.treatingHospitalName && stay.hospitalName) {
    if (!sameHospitalName(filing.treatingHospitalName, stay.hospitalName)) return 'other_hospital'
  }
  const rule = profile.categories[filing.category]
  const oneSettlement = rule.filing === 'required' && rule.validity.kind === 'single_settlement'
  if (oneSettlement && filing.stays.some((recorded) => recorded.admissionDate !== stay.admissionDate)) {
    return 'settlement_used'
  }
  return null
}

function missMessage(reason: Miss, filing: FilingFacts): string {
  const area = regionName(filing.destination.areaCode) ?? filing.destination.areaCode
  switch (reason) {
    case 'pending_review':
      return '您的备案还在审核中，审核通过后才能直接结算。'
    case 'settlement_used':
      return '这份转诊备案已经用于一次住院结算；再次转院或入院需要重新办理转诊备案。'
    case 'settled_before_filing':
      return `这次住院在${formatChineseDate(filing.filedOn)}办理备案之前已经出院结算：备案不会把已经自费结算的住院改成直接结算，不管备案的开始日期是哪天。`
    case 'other_hospital':
      return `您的转诊备案只对应转往的${filing.treatingHospitalName}，这家医院不在备案范围内。`
    case 'expired':
      return `您的备案已于${formatChineseDate(filing.validUntil!)}到期，入院日期不在有效期内。`
    case 'not_started':
      return `入院日期早于备案开始日期${formatChineseDate(filing.startDate)}。`
    case 'other_destination':
      return `您的备案地是${area}，这次住院的地方不在备案范围内。`
  }
}

const MISS_SOURCES: Record<Miss, (profile: PolicyProfile, filing: FilingFacts) => string> = {
  pending_review: (profile, filing) => filedSource(profile, filing.category, (rule) => rule.review.source),
  settlement_used: (profile, filing) => filedSource(profile, filing.category, (rule) => rule.validity.source),
  settled_before_filing: (profile) => profile.manualReimbursement.source,
  other_hospital: (profile) => profile.referral.source,
  expired: (profile, filing) => filedSource(profile, filing.category, (rule) => rule.validity.source),
  not_started: (profile, filing) => filedSource(profile, filing.category, (rule) => rule.source),
  other_destination: (profile, filing) => filedSource(profile, filing.category, (rule) => rule.source),
}

function filedSource(
  profile: PolicyProfile,
  category: Category,
  pick: (rule: Extract<PolicyProfile['categories'][Category], { filing: 'required' }>) => string,
): string {
  const rule = profile.categories[category]
  return rule.filing === 'required' ? pick(rule) : rule.source
}

const CARE_VERDICT: Record<CareOutcome, Verdict> = {
  direct_without_filing: 'direct',
  manual_reimbursement: 'not_direct',
  original_channel: 'not_direct',
  ask: 'ask',
}

/** Whether a guide topic bears on this question. Topics, not regions: the profile says which it has. */
type NoteContext = { verdict: Verdict; scope: StayScope; care: CareKind; next: NextStep; stay: StayQuestion; today: CalendarDate; longTerm: boolean }

const crossesYearEnd = ({ stay, today }: NoteContext) =>
  (stay.dischargeDate ?? (today > stay.admissionDate ? today : stay.admissionDate)).slice(0, 4) !== stay.admissionDate.slice(0, 4) ||
  (stay.dischargeDate == null && stay.admissionDate.slice(5, 7) === '12')

const TOPIC_APPLIES: Record<GuideItem['topic'], (context: NoteContext) => boolean> = {
  outpatient_pharmacy: ({ care }) => care === 'outpatient' || care === 'pharmacy',
  injury_no_third_party: ({ care, scope, verdict }) => care === 'inpatient' && scope !== 'home' && verdict === 'direct',
  outside_tests_pharmacy: ({ care, scope, verdict }) => care === 'inpatient' && scope !== 'home' && verdict === 'direct',
  year_end_stay: (context) => context.care === 'inpatient' && context.scope !== 'home' && crossesYearEnd(context),
  voluntary_scheme: ({ scope, care }) => scope === 'cross_province' && care === 'inpatient',
  original_channel: ({ scope, care }) => scope !== 'home' && care !== 'inpatient',
  returning_home: ({ scope, longTerm }) => scope === 'home' && longTerm,
  continuing_referral: ({ scope, care }) => scope !== 'home' && care === 'inpatient',
  manual_reimbursement: ({ next }) => next === 'manual_reimbursement',
}

function notesFor(profile: PolicyProfile, categories: readonly Category[], context: NoteContext): GuideNote[] {
  return guideNotes(profile, 'coverage', categories).filter((note) => TOPIC_APPLIES[note.topic](context))
}

type Draft = Omit<CoverageAnswer, 'covered' | 'notes' | 'scope' | 'care' | 'cases' | 'filingId'> &
  Partial<Pick<CoverageAnswer, 'cases' | 'filingId'>>

const NO_FILING = '您还没有这个就医地的有效备案。'

const careOf = (stay: StayQuestion): CareKind => stay.care ?? 'inpatient'
const FILE_NOW: Record<CareKind, string> = {
  inpatient: '还没出院结算的，现在办理（补办）备案，出院时就能直接结算。',
  outpatient: '现在办理备案，办好后看门诊可以直接结算。',
  chronic_outpatient: '现在办理备案，办好后门诊慢特病费用可以直接结算。',
  pharmacy: '现在办理备案，办好后到定点药店购药可以直接结算。',
}
const WAIT_FOR_REVIEW: Record<CareKind, string> = {
  inpatient: '请等待审核通过；出院结算前审核通过的，出院时可以直接结算。',
  outpatient: '请等待审核通过，通过后看门诊可以直接结算。',
  chronic_outpatient: '请等待审核通过，通过后门诊慢特病费用可以直接结算。',
  pharmacy: '请等待审核通过，通过后到定点药店购药可以直接结算。',
}

const isSettled = (stay: StayQuestion, today: CalendarDate) => stay.dischargeDate != null && stay.dischargeDate < today

/** A stay that no filing covers: the scope's rule for stays without a filing. */
function withoutFiling(
  rule: UnfiledRule,
  stay: StayQuestion,
  profile: PolicyProfile,
  today: CalendarDate,
  miss: { reason: Miss; filing: FilingFacts; profile?: PolicyProfile } | null,
): Draft {
  const missed = miss ? missMessage(miss.reason, miss.filing) : ''
  const manual = { next: 'manual_reimbursement' as const, nextText: profile.manualReimbursement.text }
  if (rule.outcome === 'settles_as_filed') {
    // Settled directly with no filing at all (an emergency treated as filed; 山西 非急诊且未转诊): a
    // filing that came too late or does not fit changes nothing.
    return { verdict: 'direct', reason: stay.emergency ? 'emergency_as_filed' : 'unfiled_as_filed', message: rule.message, source: rule.source, next: 'none', nextText: null }
  }
  // A stay settled before the filing existed is reimbursed by hand, whatever its start date.
  if (miss?.reason === 'settled_before_filing') {
    return { verdict: 'not_direct', reason: miss.reason, message: missed, source: MISS_SOURCES[miss.reason](profile, miss.filing), filingId: miss.filing.id, ...manual }
  }
  const base = { message: `${missed}${rule.message}`, source: rule.source, filingId: miss?.filing.id ?? null }
  // A filing there that starts too late: a new filing would be refused as a second one (issue 16),
  // so the way on is this filing's start date, or cancelling it.
  if (miss?.reason === 'not_started' && !isSettled(stay, today) && rule.outcome !== 'not_direct') {
    return { ...base, message: missed, verdict: 'not_direct', reason: 'not_started', ...startFix(miss.filing, miss.profile ?? profile, stay, today) }
  }
  switch (rule.outcome) {
    case 'file_before_discharge':
      if (isSettled(stay, today)) return { ...base, verdict: 'not_direct', reason: miss?.reason ?? 'no_filing', ...manual }
      return {
        ...base,
        verdict: 'not_direct',
        reason: miss?.reason ?? 'no_filing',
        next: miss?.reason === 'pending_review' ? 'none' : 'file_now',
        nextText: miss?.reason === 'pending_review' ? WAIT_FOR_REVIEW[careOf(stay)] : FILE_NOW[careOf(stay)],
      }
    case 'not_direct':
      return { ...base, verdict: 'not_direct', reason: miss?.reason ?? 'no_filing', next: 'other_channel', nextText: rule.message }
    case 'ask':
      return { ...base, verdict: 'ask', reason: 'seed_silent', next: 'ask_agency', nextText: null }
  }
}

/** What to do about a filing that starts after the admission: move its start while it has not started, else refile. */
function startFix(filing: FilingFacts, filedUnder: PolicyProfile, stay: StayQuestion, today: CalendarDate): Pick<Draft, 'next' | 'nextText'> {
  const started = filing.effectiveOn ?? filing.startDate
  if (today >= started) return { next: 'cancel_and_refile', nextText: `${startedMessage(started)}重新办理时，开始日期选入院那天或更早。` }
  const admitted = formatChineseDate(stay.admissionDate)
  const rule = filedRule(filedUnder, filing.category)
  const earliest = rule ? startWindow(rule, today).earliest : null
  const reach =
    earliest !== null && stay.admissionDate < earliest
      ? `按规定，开始日期最早只能改到${formatChineseDate(earliest)}，仍然晚于入院那天：这次住院要先自己垫付，出院后申请手工报销。`
      : `改到入院那天（${admitted}）或更早，这次住院就在备案范围内。`
  return {
    next: 'change_start_date',
    nextText: `这份备案还没有生效，生效前可以变更开始日期：在备案详情里点“变更备案”，选“开始日期”。${reach}也可以取消这份备案，再重新办理。`,
  }
}

function careAnswer(profile: PolicyProfile, care: Exclude<CareKind, 'inpatient'>): Draft | null {
  const rule = profile.care[care]
  switch (rule.kind) {
    case 'follows_filing':
      return null
    case 'answer':
      return {
        verdict: CARE_VERDICT[rule.outcome],
        reason: rule.outcome === 'direct_without_filing' ? 'care_without_filing' : rule.outcome === 'ask' ? 'seed_silent' : 'care_elsewhere',
        message: rule.message,
        source: rule.source,
        next: rule.outcome === 'ask' ? 'ask_agency' : rule.outcome === 'direct_without_filing' ? 'none' : rule.outcome === 'manual_reimbursement' ? 'manual_reimbursement' : 'other_channel',
        nextText: rule.outcome === 'manual_reimbursement' ? profile.manualReimbursement.text : null,
      }
    case 'cases':
      return {
        verdict: 'depends',
        reason: 'depends',
        message: '要看您的情况：',
        source: rule.source,
        next: 'none',
        nextText: null,
        cases: rule.cases.map(({ when, outcome, message }) => ({ when, verdict: CARE_VERDICT[outcome], message })),
      }
  }
}

function coveredByFiling(filing: FilingFacts, stay: StayQuestion, profile: PolicyProfile): Draft {
  const parts = ['可以直接结算：这次住院在您的备案范围内。']
  if (filing.validUntil !== null && stay.dischargeDate != null && stay.dischargeDate > filing.validUntil) {
    parts.push(`入院时在备案有效期内，出院晚于有效期（${formatChineseDate(filing.validUntil)}）的，也按有效期内直接结算。`)
  }
  if (stay.dischargeDate != null && stay.dischargeDate === filing.filedOn) {
    parts.push('备案是出院当天办理的：出院结算前办好的才能直接结算，结算之后办的请申请手工报销。')
  }
  if (profile.referral.namesTreatingHospital && filing.treatingHospitalName && !stay.hospitalName) {
    parts.push(`只在转诊备案对应的${filing.treatingHospitalName}直接结算。`)
  }
  return {
    verdict: 'direct',
    reason: 'filing',
    message: parts.join(''),
    source: filedSource(profile, filing.category, (rule) => rule.source),
    next: 'none',
    nextText: null,
    filingId: filing.id,
  }
}

/** The insured place: fixed by the profile, named in the question, or the one the person filed from. */
function insuredPlace(input: CoverageInput): Validated<InsuredRegion> {
  const filed = input.filings.find((filing) => filing.policyId === input.profile.id && filing.insuredRegion)?.insuredRegion
  const resolved = resolveInsuredRegion(input.profile, input.insuredRegionCode ?? filed?.code)
  return resolved.ok ? { ok: true, value: resolved.value } : { ok: false, issues: [issue(resolved.path, resolved.message)] }
}

export function checkCoverage(input: CoverageInput): Validated<CoverageAnswer> {
  const { stay, filings, profile, profileOf, today } = input
  const place = checkDestination(stay.destination)
  if (!place.ok) return { ok: false, issues: [issue(['destination', place.path], place.message)] }
  const insured = insuredPlace(input)
  if (!insured.ok) return insured
  const area = place.code
  const scope = placeStay(insured.value, area)
  const care = careOf(stay)
  const open = filings.filter((filing) => filing.status !== 'cancelled' && filing.status !== 'rejected')
  const categories = open.map((filing) => filing.category)
  const longTerm = holdsLongTermFiling(open)

  const draft = answer()
  const context: NoteContext = { verdict: draft.verdict, scope, care, next: draft.next, stay, today, longTerm }
  return {
    ok: true,
    value: {
      cases: [],
      filingId: null,
      ...draft,
      covered: draft.verdict === 'direct',
      scope,
      care,
      notes: notesFor(profile, categories, context),
    },
  }

  function answer(): Draft {
    if (scope === 'home') {
      const message = longTerm ? `${profile.home.stay}${profile.home.longTermFilers}` : profile.home.stay
      return { verdict: 'direct', reason: 'home', message, source: profile.home.source, next: 'none', nextText: null }
    }
    const rule = profile.scopes[scope as OffSiteScope]
    if (!rule.served) {
      return {
        verdict: rule.outcome === 'ask' ? 'ask' : 'not_direct',
        reason: rule.outcome === 'ask' ? 'seed_silent' : 'outside_scheme',
        message: rule.message,
        source: rule.source,
        next: rule.outcome === 'ask' ? 'ask_agency' : 'other_channel',
        nextText: null,
      }
    }
    if (care !== 'inpatient') {
      const apart = careAnswer(profile, care)
      if (apart) return apart
    }
    const misses: { reason: Miss; filing: FilingFacts; profile: PolicyProfile }[] = []
    for (const filing of open) {
      const filedUnder = profileOf(filing)
      const reason = missReason(filing, area, stay, filedUnder)
      if (reason === null) return coveredByFiling(filing, stay, filedUnder)
      misses.push({ reason, filing, profile: filedUnder })
    }
    const best = misses.sort((a, b) => MISS_ORDER.indexOf(a.reason) - MISS_ORDER.indexOf(b.reason))[0] ?? null
    // A filing elsewhere says nothing about this place: the rule for stays without one answers.
    const near = best && best.reason !== 'other_destination' ? best : null
    const unfiled = rule.withoutFiling[stay.emergency ? 'emergency' : 'planned']
    const drafted = withoutFiling(unfiled, stay, profile, today, near)
    if (near || drafted.verdict === 'direct') return drafted
    const lead = best ? missMessage(best.reason, best.filing) : NO_FILING
    return { ...drafted, message: `${lead}${drafted.message}` }
  }
}
