// Working days (工作日) in mainland China: Monday to Friday, less the statutory days off, plus the
// Saturdays and Sundays worked in their place (调休上班), as listed in holidays.ts.
//
// Pure functions on `YYYY-MM-DD` calendar dates: nothing here reads the clock or depends on the
// process time zone. For a year holidays.ts does not cover, only weekends are days off, and a count
// that runs through such a year says so (`estimated`).
import { addDays, isCalendarDate, weekday, type CalendarDate } from '../dates'
import { HOLIDAY_ARRANGEMENTS } from './holidays'

const HOLIDAYS: ReadonlySet<CalendarDate> = new Set(HOLIDAY_ARRANGEMENTS.flatMap((a) => a.holidays))
const MAKEUP_WORKDAYS: ReadonlySet<CalendarDate> = new Set(
  HOLIDAY_ARRANGEMENTS.flatMap((a) => a.makeupWorkdays),
)

/**
 * The calendar years whose every day holidays.ts determines: 2017 to 2026. (The 2019 and 2023
 * arrangements reach into December 2018 and 2022, which are covered years anyway.)
 */
export const CALENDAR_YEARS: { readonly first: number; readonly last: number } = Object.freeze({
  first: Math.min(...HOLIDAY_ARRANGEMENTS.map((a) => a.year)),
  last: Math.max(...HOLIDAY_ARRANGEMENTS.map((a) => a.year)),
})

function assertCalendarDate(date: CalendarDate): void {
  if (!isCalendarDate(date)) throw new RangeError(`not a YYYY-MM-DD calendar date: ${date}`)
}

function isCovered(date: CalendarDate): boolean {
  const year = Number(date.slice(0, 4))
  return year >= CALENDAR_YEARS.first && year <= CALENDAR_YEARS.last
}

function workingDay(date: CalendarDate): boolean {
  if (MAKEUP_WORKDAYS.has(date)) return true
  if (HOLIDAYS.has(date)) return false
  const day = weekday(date)
  return day !== 0 && day !== 6
}

/** True when the holiday data covers `date`'s year, so that `isWorkingDay(date)` is not a guess. */
export function isCalendarCovered(date: CalendarDate): boolean {
  assertCalendarDate(date)
  return isCovered(date)
}

/**
 * True when `date` is a working day: a make-up working day (调休上班), or a Monday to Friday that is
 * not a statutory day off. Outside CALENDAR_YEARS only weekends are taken as days off.
 */
export function isWorkingDay(date: CalendarDate): boolean {
  assertCalendarDate(date)
  return workingDay(date)
}

/**
 * The date on which `n` working days after `date` have passed (the filing day itself is not
 * counted; day 1 is the first working day after it). `n = 0` gives `date` back.
 *
 * `estimated` is true when the count ran through a day of a year the data does not cover (for
 * those days only weekends were skipped, so the real date may be later).
 */
export function addWorkingDays(
  date: CalendarDate,
  n: number,
): { date: CalendarDate; estimated: boolean } {
  assertCalendarDate(date)
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`the number of working days must be a whole number, 0 or more: ${n}`)
  }
  let current = date
  let estimated = false
  for (let counted = 0; counted < n; ) {
    current = addDays(current, 1)
    if (!isCovered(current)) estimated = true
    if (workingDay(current)) counted += 1
  }
  return { date: current, estimated }
}
