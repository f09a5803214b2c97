// Which start dates a filing may have: late filing (补办) back, and a bounded time ahead.
import { addDays, formatChineseDate, type CalendarDate } from '../dates'
import type { FiledCategoryRule } from '../profiles'

/**
 * Where a seed sets no limit on a late filing's start (only "before discharge settlement"), how far
 * back one may still go: a year. A late filing only helps a stay not yet settled, and stays that long
 * are rare; without a bound the picker went back to 1970 and such a filing was taken (issue 16).
 * Our reading, listed in each profile's readings (开始日期).
 */
export const LATE_FILING_BACKSTOP_DAYS = 365

export interface StartWindow {
  /** The earliest allowed start date. */
  earliest: CalendarDate
  /** The seed's own limit (济宁 5 days) set `earliest`; false: our one-year bound did. */
  seedLimit: boolean
  latest: CalendarDate
  /** The window in words, for the page. */
  description: string
}

export function startWindow(rule: FiledCategoryRule, today: CalendarDate): StartWindow {
  const { maxDaysBack } = rule.lateFiling
  const seedLimit = maxDaysBack !== null
  const earliest = addDays(today, -(maxDaysBack ?? LATE_FILING_BACKSTOP_DAYS))
  const latest = addDays(today, rule.maxDaysAhead)
  const last = `最晚可选${formatChineseDate(latest)}`
  const description = !seedLimit
    ? `已经住院的，开始日期选入院那天（出院结算前补办，也能直接结算；最早可选${formatChineseDate(earliest)}）；开始日期${last}。`
    : maxDaysBack === 0
      ? `开始日期不能早于今天，${last}。`
      : `补办的，开始日期最早可选${formatChineseDate(earliest)}（今天往前${maxDaysBack}天），${last}。`
  return { earliest, seedLimit, latest, description }
}

/** A Chinese message when `startDate` is outside the window, else null. */
export function checkStartDate(rule: FiledCategoryRule, startDate: CalendarDate, today: CalendarDate): string | null {
  const window = startWindow(rule, today)
  if (startDate < window.earliest) {
    return window.seedLimit
      ? `开始日期最早可选${formatChineseDate(window.earliest)}：补办备案最多往前${rule.lateFiling.maxDaysBack}天`
      : `开始日期最早可选${formatChineseDate(window.earliest)}：补办只对还没出院结算的住院有用，更早的请咨询参保地医保经办机构`
  }
  if (startDate > window.latest) {
    return `开始日期最晚可选${formatChineseDate(window.latest)}，请在临近出发时再办理`
  }
  return null
}
