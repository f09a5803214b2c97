// Which start dates a filing may have: late filing (补办) back, and a bounded time ahead.
import { addDays, formatChineseDate, type CalendarDate } from '../dates'
import type { FiledCategoryRule } from '../profiles'

export interface StartWindow {
  /** The earliest allowed start date; null when a late filing's start is not limited. */
  earliest: CalendarDate | null
  latest: CalendarDate
  /** The window in words, for the page. */
  description: string
}

export function startWindow(rule: FiledCategoryRule, today: CalendarDate): StartWindow {
  const { maxDaysBack } = rule.lateFiling
  const earliest = maxDaysBack === null ? null : addDays(today, -maxDaysBack)
  const latest = addDays(today, rule.maxDaysAhead)
  const last = `最晚可选${formatChineseDate(latest)}`
  const description =
    earliest === null
      ? `已经住院的，开始日期选入院那天（出院结算前补办，也能直接结算）；开始日期${last}。`
      : maxDaysBack === 0
        ? `开始日期不能早于今天，${last}。`
        : `补办的，开始日期最早可选${formatChineseDate(earliest)}（今天往前${maxDaysBack}天），${last}。`
  return { earliest, latest, description }
}

/** A Chinese message when `startDate` is outside the window, else null. */
export function checkStartDate(rule: FiledCategoryRule, startDate: CalendarDate, today: CalendarDate): string | null {
  const window = startWindow(rule, today)
  if (window.earliest !== null && startDate < window.earliest) {
    return `开始日期最早可选${formatChineseDate(window.earliest)}：补办备案最多往前${rule.lateFiling.maxDaysBack}天`
  }
  if (startDate > window.latest) {
    return `开始日期最晚可选${formatChineseDate(window.latest)}，请在临近出发时再办理`
  }
  return null
}
