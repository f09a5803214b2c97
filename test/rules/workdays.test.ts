import { addDays, daysBetween, isCalendarDate, weekday } from '../../src/rules/dates'
import { HOLIDAY_ARRANGEMENTS } from '../../src/rules/calendar/holidays'
import {
  CALENDAR_YEARS,
  addWorkingDays,
  isCalendarCovered,
  isWorkingDay,
} from '../../src/rules/calendar/workdays'

// Expected values below are worked out by hand from the notices' text, not from holidays.ts.

describe('the holiday data', () => {
  const allHolidays = HOLIDAY_ARRANGEMENTS.flatMap((a) => a.holidays)
  const allMakeup = HOLIDAY_ARRANGEMENTS.flatMap((a) => a.makeupWorkdays)

  test('covers 2017 to 2026, one arrangement a year, in order', () => {
    expect(CALENDAR_YEARS).toEqual({ first: 2017, last: 2026 })
    expect(HOLIDAY_ARRANGEMENTS.map((a) => a.year)).toEqual([
      2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026,
    ])
  })

  test('every listed date is a real YYYY-MM-DD date', () => {
    for (const date of [...allHolidays, ...allMakeup]) {
      expect([date, isCalendarDate(date)]).toEqual([date, true])
    }
  })

  test('every make-up working day is a Saturday or a Sunday', () => {
    for (const date of allMakeup) {
      expect([date, [0, 6].includes(weekday(date))]).toEqual([date, true])
    }
  })

  test('holidays and make-up days are each unique and sorted across years, and disjoint', () => {
    expect(new Set(allHolidays).size).toBe(allHolidays.length)
    expect(allHolidays).toEqual([...allHolidays].sort())
    expect(new Set(allMakeup).size).toBe(allMakeup.length)
    expect(allMakeup).toEqual([...allMakeup].sort())
    const holidays = new Set(allHolidays)
    expect(allMakeup.filter((d) => holidays.has(d))).toEqual([])
  })

  test("each arrangement's dates lie in its year, or in the December before it (元旦)", () => {
    for (const a of HOLIDAY_ARRANGEMENTS) {
      for (const date of [...a.holidays, ...a.makeupWorkdays]) {
        const inRange = date >= `${a.year - 1}-12-01` && date <= `${a.year}-12-31`
        expect([date, inRange]).toEqual([date, true])
      }
    }
  })

  test('each arrangement names its notices by 文号, the first issued the year before', () => {
    for (const a of HOLIDAY_ARRANGEMENTS) {
      for (const notice of a.notices) expect(notice).toMatch(/^国办发明电〔\d{4}〕\d+号$/)
      expect(a.notices[0]).toContain(`〔${a.year - 1}〕`)
    }
  })

  // Sums of each year's notice(s): days named off (weekend days inside a span included) and
  // weekend days named as worked. 2019 includes 2018-12-29..31; 2020 has the 春节 extension, which
  // added 31 Jan to 2 Feb off and cancelled Saturday 1 Feb as a working day.
  test.each([
    [2017, 24, 5],
    [2018, 23, 6],
    [2019, 24, 7],
    [2020, 30, 6],
    [2021, 31, 7],
    [2022, 31, 7],
    [2023, 27, 7],
    [2024, 28, 8],
    [2025, 28, 5],
    [2026, 33, 6],
  ])('%i: %i days off named, %i weekend days worked', (year, off, worked) => {
    const a = HOLIDAY_ARRANGEMENTS.find((x) => x.year === year)
    expect(a?.holidays).toHaveLength(off)
    expect(a?.makeupWorkdays).toHaveLength(worked)
  })
})

describe('isWorkingDay', () => {
  test.each([
    // ordinary days
    ['2026-03-16', true], // Monday
    ['2026-03-20', true], // Friday
    ['2026-03-14', false], // Saturday
    ['2026-03-15', false], // Sunday
    // holidays on weekdays
    ['2017-01-02', false], // 元旦 补休 Monday
    ['2019-05-02', false], // 劳动节 as changed by 国办发明电〔2019〕3号
    ['2020-01-31', false], // 春节 extended (国办发明电〔2020〕1号)
    ['2024-02-09', true], // 除夕 2024: rest only "encouraged", still a working day
    ['2025-01-28', false], // 除夕 2025: a statutory day off from 2025
    ['2026-06-19', false], // 端午 Friday
    // make-up working days (调休上班) on weekends
    ['2017-01-22', true], // Sunday
    ['2018-12-29', true], // Saturday, 2019 元旦
    ['2019-02-02', true], // Saturday
    ['2019-04-28', true], // Sunday, 劳动节 changed in March 2019
    ['2021-09-18', true], // Saturday before 中秋
    ['2023-04-23', true], // Sunday
    ['2024-02-18', true], // Sunday after 春节
    ['2026-01-04', true], // Sunday after 元旦
    ['2026-02-28', true], // Saturday after 春节
    // a make-up day the 2020 extension cancelled
    ['2020-02-01', false], // Saturday
    // outside the covered years only weekends are off
    ['2027-01-01', true], // Friday: 元旦 in fact, but 2027 is not covered
    ['2016-12-31', false], // Saturday
  ])('%s → %s', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected)
  })

  test('rejects what is not a calendar date', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError)
    expect(() => isWorkingDay('2026/03/16')).toThrow(RangeError)
  })
})

describe('isCalendarCovered', () => {
  test.each([
    ['2016-12-31', false],
    ['2017-01-01', true],
    ['2026-12-31', true],
    ['2027-01-01', false],
  ])('%s → %s', (date, expected) => {
    expect(isCalendarCovered(date)).toBe(expected)
  })
})

describe('addWorkingDays', () => {
  test.each([
    // ordinary weeks
    ['2026-03-10', 0, '2026-03-10'],
    ['2026-03-09', 1, '2026-03-10'], // Monday → Tuesday
    ['2026-03-09', 5, '2026-03-16'], // a full week
    ['2026-03-11', 10, '2026-03-25'], // two weeks
    ['2026-03-13', 1, '2026-03-16'], // Friday → Monday
    ['2026-03-14', 1, '2026-03-16'], // filed on Saturday
    ['2026-03-15', 1, '2026-03-16'], // filed on Sunday
    ['2021-06-01', 15, '2021-06-23'], // over 端午 Monday 14 June
    // make-up days are counted
    ['2018-12-28', 1, '2018-12-29'], // Friday → the make-up Saturday
    ['2024-02-03', 1, '2024-02-04'], // Saturday → the make-up Sunday
    ['2023-01-20', 1, '2023-01-28'], // over 春节 to the make-up Saturday
    // seed 002's 15 working days, filed the Saturday before 2026's 中秋 and 国庆
    // (9-20 Sun worked; 9-25..27 and 10-01..07 off; 10-10 Sat worked)
    ['2026-09-19', 15, '2026-10-15'],
    ['2026-11-20', 15, '2026-12-11'], // filed today (November 2026)
  ])('%s + %i → %s', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toEqual({ date: expected, estimated: false })
  })

  // For each year's 春节 and 国庆 (with 中秋 where joined): the last working day before the days
  // off, the first one after, and how many days off lie between (the notice's span).
  const SPANS: [string, number, string, string, number][] = [
    ['春节', 2017, '2017-01-26', '2017-02-03', 7],
    ['春节', 2018, '2018-02-14', '2018-02-22', 7],
    ['春节', 2019, '2019-02-03', '2019-02-11', 7], // 2-03 is a make-up Sunday
    ['春节', 2020, '2020-01-23', '2020-02-03', 10], // extended to 2 February
    ['春节', 2021, '2021-02-10', '2021-02-18', 7],
    ['春节', 2022, '2022-01-30', '2022-02-07', 7], // 1-30 is a make-up Sunday
    ['春节', 2023, '2023-01-20', '2023-01-28', 7], // 1-28 is a make-up Saturday
    ['春节', 2024, '2024-02-09', '2024-02-18', 8], // 2-18 is a make-up Sunday
    ['春节', 2025, '2025-01-27', '2025-02-05', 8],
    ['春节', 2026, '2026-02-14', '2026-02-24', 9], // 2-14 is a make-up Saturday
    ['国庆', 2017, '2017-09-30', '2017-10-09', 8], // 9-30 is a make-up Saturday
    ['国庆', 2018, '2018-09-30', '2018-10-08', 7], // 9-30 is a make-up Sunday
    ['国庆', 2019, '2019-09-30', '2019-10-08', 7],
    ['国庆', 2020, '2020-09-30', '2020-10-09', 8],
    ['国庆', 2021, '2021-09-30', '2021-10-08', 7],
    ['国庆', 2022, '2022-09-30', '2022-10-08', 7], // 10-08 is a make-up Saturday
    ['国庆', 2023, '2023-09-28', '2023-10-07', 8], // 10-07 is a make-up Saturday
    ['国庆', 2024, '2024-09-30', '2024-10-08', 7],
    ['国庆', 2025, '2025-09-30', '2025-10-09', 8],
    ['国庆', 2026, '2026-09-30', '2026-10-08', 7],
  ]
  test.each(SPANS)('%s %i: %s + 1 → %s, over %i days off', (_name, _year, before, after, off) => {
    expect(isWorkingDay(before)).toBe(true)
    expect(isWorkingDay(after)).toBe(true)
    expect(addWorkingDays(before, 1)).toEqual({ date: after, estimated: false })
    expect(daysBetween(before, after) - 1).toBe(off)
    for (let d = addDays(before, 1); d < after; d = addDays(d, 1)) {
      expect([d, isWorkingDay(d)]).toEqual([d, false])
    }
  })

  test.each([
    ['2018-12-29', 1, '2019-01-02'], // 2018-12-30 to 2019-01-01 off
    ['2019-12-31', 1, '2020-01-02'],
    ['2022-12-30', 1, '2023-01-03'], // 2022-12-31 to 2023-01-02 off
    ['2025-12-24', 5, '2025-12-31'],
    ['2025-12-24', 6, '2026-01-04'], // 2026-01-01..03 off, Sunday 01-04 worked
    ['2026-12-30', 1, '2026-12-31'], // still inside 2026
  ])('across a year end: %s + %i → %s', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toEqual({ date: expected, estimated: false })
  })

  test.each([
    // into 2027, which has no notice in the data: only weekends skipped, flagged
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-12-20', 15, '2027-01-08'], // 12-21..25, 12-28..31, 2027-01-01, 01-04..08
    ['2027-03-01', 5, '2027-03-08'],
    // from before 2017: the Saturday 2016-12-31 was looked at
    ['2016-12-30', 1, '2017-01-03'],
  ])('estimated beyond the data: %s + %i → %s', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toEqual({ date: expected, estimated: true })
  })

  test('is not estimated when only the filing day is outside the data', () => {
    expect(addWorkingDays('2016-12-31', 1)).toEqual({ date: '2017-01-03', estimated: false })
  })

  test('rejects a bad date or count', () => {
    expect(() => addWorkingDays('2026-13-01', 1)).toThrow(RangeError)
    expect(() => addWorkingDays('2026-03-10', -1)).toThrow(RangeError)
    expect(() => addWorkingDays('2026-03-10', 1.5)).toThrow(RangeError)
    expect(() => addWorkingDays('2026-03-10', Number.NaN)).toThrow(RangeError)
  })
})
