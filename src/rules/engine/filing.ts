// What the engine needs to know about a filing that already exists.
import type { Category } from '../categories'
import type { CalendarDate } from '../dates'

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
  /** Stays recorded at the filed place. */
  stays: Stay[]
}
