// Calendar dates: 民法典 month counting and the Asia/Shanghai day, whatever the process zone.
import { addDays, addMonths, daysBetween, formatChineseDate, isCalendarDate, shanghaiDate, weekday } from '../../src/rules'

describe('addMonths counts like 民法典 第二百零二条', () => {
  test.each([
    ['2025-01-10', 6, '2025-07-10', 'ordinary day'],
    ['2025-08-31', 6, '2026-02-28', 'no 31 February: last day of the month (POLICY.md example)'],
    ['2023-08-31', 6, '2024-02-29', 'leap year: 29 February is the month end'],
    ['2024-02-29', 12, '2025-02-28', '29 February + 1 year'],
    ['2024-02-29', 48, '2028-02-29', '29 February + 4 years'],
    ['2025-07-31', 6, '2026-01-31', 'across a year end'],
    ['2025-12-31', 6, '2026-06-30', 'June has 30 days'],
    ['2025-03-31', 1, '2025-04-30', 'one month'],
    ['2025-10-15', 12, '2026-10-15', 'twelve months'],
  ])('%s + %i months → %s (%s)', (start, months, expected) => {
    expect(addMonths(start, months)).toBe(expected)
  })
})

describe('other date arithmetic', () => {
  test.each([
    ['2025-12-31', 1, '2026-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2026-11-22', -5, '2026-11-17'],
  ])('addDays(%s, %i) → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected)
  })

  test('daysBetween counts whole days both ways', () => {
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29)
    expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28)
  })

  test('weekday: 2026-11-22 is a Sunday', () => {
    expect(weekday('2026-11-22')).toBe(0)
    expect(weekday('2026-11-23')).toBe(1)
  })

  test('formatChineseDate writes dates as people read them', () => {
    expect(formatChineseDate('2026-02-28')).toBe('2026年2月28日')
  })
})

describe('isCalendarDate accepts only real YYYY-MM-DD dates', () => {
  test.each(['2026-02-28', '2024-02-29', '2000-02-29', '1999-12-31'])('%s is a date', (value) => {
    expect(isCalendarDate(value)).toBe(true)
  })
  test.each(['2026-02-29', '1900-02-29', '2026-13-01', '2026-04-31', '2026-1-5', '20260105', '2026/01/05', '', 'today'])(
    '%s is not',
    (value) => {
      expect(isCalendarDate(value)).toBe(false)
    },
  )
})

describe('shanghaiDate: the calendar day in China at an instant', () => {
  test.each([
    ['2025-12-31T15:59:59.999Z', '2025-12-31', 'one millisecond before midnight in Beijing'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01', 'midnight in Beijing: new year'],
    ['2026-02-28T16:00:00.000Z', '2026-03-01', 'month end'],
    ['2024-02-28T16:30:00.000Z', '2024-02-29', 'leap day'],
    ['2026-11-22T08:00:00+08:00', '2026-11-22', 'an instant written with the +08:00 offset'],
    ['2026-11-21T20:00:00-08:00', '2026-11-22', 'an evening in Los Angeles is the next morning in Beijing'],
  ])('%s → %s (%s)', (instant, expected) => {
    expect(shanghaiDate(new Date(instant))).toBe(expected)
  })
})
