// Calendar dates ("YYYY-MM-DD") in China Standard Time.
//
// Every rule works on plain calendar dates, never on instants, so that no result depends on the
// process time zone. dayjs runs in UTC mode for all arithmetic; the only instant → date step is
// `shanghaiDate`, which adds the fixed +08:00 offset (China has kept no daylight saving since 1991).
import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/** A calendar date written `YYYY-MM-DD`. */
export type CalendarDate = string

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const SHANGHAI_OFFSET_MINUTES = 8 * 60

/** True when `value` is a real date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value)
  if (!match) return false
  const [, y, m, d] = match
  const parsed = toDay(value)
  return parsed.year() === Number(y) && parsed.month() + 1 === Number(m) && parsed.date() === Number(d)
}

function toDay(date: CalendarDate): Dayjs {
  return dayjs.utc(date)
}

function fromDay(day: Dayjs): CalendarDate {
  return day.format('YYYY-MM-DD')
}

/** The calendar date in Asia/Shanghai at the instant `now`. */
export function shanghaiDate(now: Date): CalendarDate {
  // toISOString is in UTC; shifted by +08:00 its date part is Beijing's (plain Date: every request asks).
  return new Date(now.getTime() + SHANGHAI_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10)
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDay(toDay(date).add(days, 'day'))
}

/**
 * The date `months` months after `date`, on the corresponding day, or on the last day of the target
 * month when it has no such day (民法典 第二百零二条): 2025-08-31 + 6 → 2026-02-28.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  return fromDay(toDay(date).add(months, 'month'))
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDay(to).diff(toDay(from), 'day')
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: CalendarDate): number {
  return toDay(date).day()
}

/** `2026-02-28` → `2026年2月28日`, the way dates are written to people. */
export function formatChineseDate(date: CalendarDate): string {
  const day = toDay(date)
  return `${day.year()}年${day.month() + 1}月${day.date()}日`
}
