// Is a hospital stay covered for direct settlement — by which filing, or as an emergency — and if
// not, what should the person do now?
import { formatChineseDate, type CalendarDate } from '../dates'
import type { PolicyProfile } from '../profiles'
import { checkDestination, isWithin, regionName, type Destination } from '../regions'
import type { FilingFacts } from './filing'

export interface StayQuestion {
  admissionDate: CalendarDate
  /** Not yet discharged when absent. */
  dischargeDate?: CalendarDate | null
  destination: Destination
  emergency?: boolean
}

export type NextStep =
  /** Still in hospital or not yet settled: file (补办) before discharge settlement. */
  | 'file_now'
  /** Settled at one's own expense: claim manual reimbursement at the insured place. */
  | 'manual_reimbursement'

export type CoverageAnswer =
  | { covered: true; by: 'filing'; filingId: string; message: string }
  | { covered: true; by: 'emergency' | 'no_filing_needed'; message: string }
  | {
      covered: false
      reason: 'no_filing' | 'pending_review' | 'not_started' | 'expired' | 'settlement_used' | 'other_destination' | 'bad_destination'
      message: string
      next: NextStep
      nextText: string
    }

export interface CoverageInput {
  stay: StayQuestion
  /** The person's filings, any status. */
  filings: readonly FilingFacts[]
  /** The person's insured profile: decides emergencies and stays that need no filing. */
  profile: PolicyProfile
  /** The profile each filing was made under. */
  profileOf: (filing: FilingFacts) => PolicyProfile
  today: CalendarDate
}

type Miss = Extract<CoverageAnswer, { covered: false }>['reason']

/** Why one filing does not cover the stay, or null when it does. */
function missReason(filing: FilingFacts, stayArea: string, stay: StayQuestion, profile: PolicyProfile): Miss | null {
  if (!isWithin(stayArea, filing.destination.areaCode)) return 'other_destination'
  if (filing.status === 'pending_review') return 'pending_review'
  if (stay.admissionDate < filing.startDate) return 'not_started'
  // Admitted within validity: covered through discharge even after the end date (001 四(一)).
  if (filing.validUntil !== null && stay.admissionDate > filing.validUntil) return 'expired'
  const rule = profile.categories[filing.category]
  const oneSettlement = rule.filing === 'required' && rule.validity.kind === 'single_settlement'
  if (oneSettlement && filing.stays.some((recorded) => recorded.admissionDate !== stay.admissionDate)) {
    return 'settlement_used'
  }
  return null
}

const MISS_ORDER: Miss[] = ['pending_review', 'settlement_used', 'expired', 'not_started', 'other_destination', 'no_filing']

function missMessage(reason: Miss, filing: FilingFacts | undefined): string {
  const area = filing ? (regionName(filing.destination.areaCode) ?? filing.destination.areaCode) : ''
  switch (reason) {
    case 'pending_review':
      return '您的备案还在审核中，审核通过后才能直接结算。'
    case 'settlement_used':
      return '这份转诊备案已经用于一次住院结算；再次转院或入院需要重新办理转诊备案。'
    case 'expired':
      return `您的备案已于${formatChineseDate(filing!.validUntil!)}到期，入院日期不在有效期内。`
    case 'not_started':
      return `入院日期早于备案开始日期${formatChineseDate(filing!.startDate)}。`
    case 'other_destination':
      return `您的备案地是${area}，这次住院的地方不在备案范围内。`
    case 'no_filing':
      return '您还没有这个就医地的有效备案。'
    case 'bad_destination':
      return '请选择住院所在的省份和城市。'
  }
}

function nextStep(stay: StayQuestion, today: CalendarDate, profile: PolicyProfile): Pick<Extract<CoverageAnswer, { covered: false }>, 'next' | 'nextText'> {
  const settled = stay.dischargeDate != null && stay.dischargeDate < today
  if (settled) {
    return { next: 'manual_reimbursement', nextText: '已经出院并自费结算的，可以补办备案后，回参保地申请手工报销。' }
  }
  const unfiled = profile.categories.other_temporary
  if (unfiled.filing === 'not_available') return { next: 'manual_reimbursement', nextText: unfiled.message }
  return { next: 'file_now', nextText: '还没出院结算的，现在办理（补办）备案，出院时就能直接结算。' }
}

export function checkCoverage({ stay, filings, profile, profileOf, today }: CoverageInput): CoverageAnswer {
  const place = checkDestination(stay.destination)
  if (!place.ok) return { covered: false, reason: 'bad_destination', message: place.message, ...nextStep(stay, today, profile) }

  const misses: { reason: Miss; filing: FilingFacts }[] = []
  for (const filing of filings) {
    if (filing.status === 'cancelled' || filing.status === 'rejected') continue
    const reason = missReason(filing, place.code, stay, profileOf(filing))
    if (reason === null) {
      const lateDischarge =
        filing.validUntil !== null && stay.dischargeDate != null && stay.dischargeDate > filing.validUntil
          ? `入院时在备案有效期内，出院晚于有效期（${formatChineseDate(filing.validUntil)}）的，也按有效期内直接结算。`
          : ''
      return { covered: true, by: 'filing', filingId: filing.id, message: `可以直接结算：这次住院在您的备案范围内。${lateDischarge}` }
    }
    misses.push({ reason, filing })
  }

  const emergency = profile.categories.emergency
  if (stay.emergency && emergency.filing === 'not_needed') {
    return { covered: true, by: 'emergency', message: emergency.message }
  }
  const unfiled = profile.categories.other_temporary
  if (!stay.emergency && unfiled.filing === 'not_needed') {
    return { covered: true, by: 'no_filing_needed', message: unfiled.message }
  }

  const best = misses.sort((a, b) => MISS_ORDER.indexOf(a.reason) - MISS_ORDER.indexOf(b.reason))[0]
  const reason = best?.reason ?? 'no_filing'
  return { covered: false, reason, message: missMessage(reason, best?.filing), ...nextStep(stay, today, profile) }
}
