// What the engine needs to know about a filing that already exists.
import type { Category } from '../categories'
import { daysBetween, type CalendarDate } from '../dates'

export const FILING_STATUSES = ['pending_review', 'active', 'rejected', 'cancelled'] as const
export type FilingStatus = (typeof FILING_STATUSES)[number]

export interface FiledDestination {
  provinceCode: string
  cityCode?: string
  /** The area the filing covers: the province for province-level places, else the city. */
  areaCode: string
}

/** A hospital stay recorded at the filed place (medical expenses incurred there). */
export interface Stay {
  admissionDate: CalendarDate
  dischargeDate?: CalendarDate | null
  /** The filed area when it was recorded; stays recorded before this was kept count as the current one. */
  areaCode?: string
}

export interface FilingFacts {
  id: string
  policyId: string
  category: Category
  status: FilingStatus
  destination: FiledDestination
  startDate: CalendarDate
  /** Last covered day; null for no end date. */
  validUntil: CalendarDate | null
  /** The day it was filed (登记备案). */
  filedOn: CalendarDate
  /** The day it took effect: its start date, or the day staff approved it if that is later. */
  effectiveOn: CalendarDate | null
  /** The day of the last 备案变更 (destination or insurance type), if any. */
  changedOn: CalendarDate | null
  /** Stays recorded at the filed place. */
  stays: Stay[]
  /** The one hospital a referral is for, where the profile ties it to one (辽宁 第十六条). */
  treatingHospitalName?: string | null
  /** The insured place it was filed from (the national default lets the person name it). */
  insuredRegion?: { name: string; code: string; poolingArea: string }
}

/** Stays with expenses at the filing's current destination: a former 备案地's do not count (济宁 004 四(一)). */
export function staysAtCurrentDestination(filing: Pick<FilingFacts, 'stays' | 'destination'>): Stay[] {
  return filing.stays.filter((stay) => (stay.areaCode ?? filing.destination.areaCode) === filing.destination.areaCode)
}

/** What a person sees of a filing's state. Expiry is derived from `validUntil`, never stored. */
export type DisplayState = 'pending_review' | 'needs_materials' | 'not_yet_active' | 'active' | 'expiring' | 'expired' | 'cancelled' | 'rejected'

export const DISPLAY_STATE_LABELS = {
  pending_review: '审核中',
  needs_materials: '待补充材料',
  not_yet_active: '未生效',
  active: '生效中',
  expiring: '即将到期',
  expired: '已过期',
  cancelled: '已取消',
  rejected: '已驳回',
} as const satisfies Record<DisplayState, string>

/** Days before the end date from which a filing shows as 即将到期 and a reminder goes out. */
export const EXPIRING_WITHIN_DAYS = 30

/**
 * An approved filing whose start date is still ahead is 未生效 until that day: saying 生效中 beside
 * "2027年3月5日起生效" told people a stay before then was covered (issue 16).
 */
export function displayState(
  filing: { status: FilingStatus; startDate: CalendarDate; validUntil: CalendarDate | null; materialsRequest?: unknown },
  today: CalendarDate,
): DisplayState {
  if (filing.status === 'pending_review' && filing.materialsRequest) return 'needs_materials'
  if (filing.status !== 'active') return filing.status
  if (filing.startDate > today) return 'not_yet_active'
  if (filing.validUntil === null) return 'active'
  if (filing.validUntil < today) return 'expired'
  return daysBetween(today, filing.validUntil) < EXPIRING_WITHIN_DAYS ? 'expiring' : 'active'
}
