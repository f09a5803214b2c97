// How long a filing lasts, and the day a locked change opens (民法典 第二百零一、二百零二条).
import { addDays, addMonths, type CalendarDate } from '../dates'
import type { LockRule, Validity } from '../profiles'

/**
 * The last covered day of a filing starting on `startDate`, or null when it has no end date.
 * The start date is covered; N months end on the corresponding day of the Nth month after it, or
 * on that month's last day when it has none (2025-08-31 + 6 months → 2026-02-28).
 */
export function validUntil(validity: Validity, startDate: CalendarDate): CalendarDate | null {
  return validity.kind === 'months' ? addMonths(startDate, validity.months) : null
}

/**
 * The first day an N-month lock no longer holds: it holds through the corresponding day N months
 * after `from`, and opens the day after (effective 2025-01-10, 6 months → 2025-07-11).
 */
export function lockOpensOn(lock: Extract<LockRule, { kind: 'months' }>, from: CalendarDate): CalendarDate {
  return addDays(addMonths(from, lock.months), 1)
}
