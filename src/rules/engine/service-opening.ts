// When direct settlement opens for a filing whose profile opens it N working days after filing
// (辽宁 002 第十二条: 登记备案15个工作日内开通; referrals at once). One count for the check page,
// the result page and the filing's detail.
import { addWorkingDays } from '../calendar/workdays'
import type { CalendarDate } from '../dates'
import type { FiledCategoryRule } from '../profiles'

export interface ServiceOpening {
  days: number
  /** The last day by which it opens. */
  date: CalendarDate
  /** Counted through a year the holiday data does not cover: the real day may be later. */
  estimated: boolean
  source: string
}

/** Null where service opens at once. */
export function serviceOpensBy(rule: FiledCategoryRule, filedOn: CalendarDate): ServiceOpening | null {
  const opening = rule.serviceOpening
  if (opening.kind !== 'working_days') return null
  return { days: opening.days, ...addWorkingDays(filedOn, opening.days), source: opening.source }
}
