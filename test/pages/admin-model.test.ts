// The back office's filter form → admin.list request (checked by the server's own schema), page
// words, and chart data.
import { EMPTY_FORM, barsOf, filtersOf, issuesByField, listRequestOf, monthBars, pageCount, pageWords, statusLabel } from '../../src/admin/model'

describe('the filter form becomes an admin.list request', () => {
  test('an empty form asks for everything, newest filings first', () => {
    expect(listRequestOf(EMPTY_FORM, 1)).toEqual({ ok: true, request: { filters: {}, page: 1, pageSize: 20, sort: { key: 'filedOn', direction: 'desc' } } })
  })

  test('choices and typed filters, trimmed; the queues add their own filter', () => {
    const form = { ...EMPTY_FORM, q: ' 王秀 ', status: ['active' as const], provinceCode: '440000', cityCode: '440300', startFrom: '2026-01-01', expiringWithinDays: '45', sort: 3 }
    expect(listRequestOf(form, 2)).toEqual({
      ok: true,
      request: {
        filters: { q: '王秀', status: ['active'], provinceCode: '440000', cityCode: '440300', startFrom: '2026-01-01', expiringWithinDays: 45 },
        page: 2,
        pageSize: 20,
        sort: { key: 'validUntil', direction: 'asc' },
      },
    })
    expect(filtersOf({ ...EMPTY_FORM, queue: 'mine' })).toEqual({ needsMyReview: true })
    expect(filtersOf({ ...EMPTY_FORM, queue: 'spot' })).toEqual({ spotCheckDue: true })
    expect(filtersOf({ ...EMPTY_FORM, queue: 'expiring' })).toEqual({ expiringWithinDays: 30 })
    expect(filtersOf({ ...EMPTY_FORM, queue: 'expiring', expiringWithinDays: '7' })).toEqual({ expiringWithinDays: 7 })
  })

  test.each([
    [{ startFrom: '2026-13-01' }, { startFrom: '请选择开始日期范围的起点，格式如 2026-03-01' }],
    [{ startFrom: '2026-06-01', startTo: '2026-01-01' }, { startTo: '开始日期范围的起点不能晚于终点' }],
    [{ expiringWithinDays: '三十' }, { expiringWithinDays: '请输入天数' }],
  ])('a wrong filter %j is named next to its field, in Chinese', (patch, expected) => {
    const built = listRequestOf({ ...EMPTY_FORM, ...patch }, 1)
    expect(built.ok).toBe(false)
    if (!built.ok) expect(issuesByField(built.issues)).toEqual(expected)
  })
})

test('page words and counts', () => {
  expect(pageWords(0, 1, 20)).toBe('没有符合条件的备案')
  expect(pageWords(135, 2, 20)).toBe('第 21–40 条，共 135 条')
  expect(pageWords(135, 7, 20)).toBe('第 121–135 条，共 135 条')
  expect(pageCount(135, 20)).toBe(7)
  expect(pageCount(0, 20)).toBe(1)
})

test('bars: largest first, the rest summed as 其他, lengths relative to the largest', () => {
  const bars = barsOf({ active: 60, pending_review: 30, rejected: 0, cancelled: 10 }, statusLabel, 2)
  expect(bars).toEqual([
    { key: 'active', label: '已生效', value: 60, share: 1 },
    { key: 'pending_review', label: '审核中', value: 30, share: 0.5 },
    { key: 'other', label: '其他', value: 10, share: 10 / 60 },
  ])
  expect(barsOf({}, statusLabel)).toEqual([])
})

test('months: the last 12 up to this month, empty ones as 0, across a year end', () => {
  const bars = monthBars({ '2026-01': 4, '2025-12': 2, '2026-11': 8 }, '2026-11-29')
  expect(bars.map((bar) => bar.key)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'])
  expect(bars[0]).toEqual({ key: '2025-12', label: '12月', value: 2, share: 0.25 })
  expect(bars[11]).toMatchObject({ label: '11月', value: 8, share: 1 })
  expect(bars[2].value).toBe(0)
})
