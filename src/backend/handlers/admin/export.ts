// admin.export: the current filter as a CSV file (UTF-8 with BOM, CRLF, formula-safe cells; ID numbers
// and phones masked), read from the store slice by slice by key and written to file storage; the reply
// is a short-lived link for the staff member who made it (files/port.ts putExport), its file name and
// row count — never the CSV itself, which would meet a cloud function's 1 MB reply limit (-604001)
// after a few thousand rows.
import { CATEGORIES, DISPLAY_STATE_LABELS, ID_TYPE_LABELS, RELATIONSHIP_LABELS, displayState, exportRequestSchema, maskIdNumber, maskMobile, regionName, type CalendarDate } from '../../../rules'
import type { Ctx } from '../../context'
import type { FilingRecord } from '../../domain/record'
import { profileOf } from '../../domain/facts'
import { safeFilters } from '../../store/access-log'
import { invalid } from '../../protocol'
import { parse, requireStaff, today } from '../guards'
import { storeFilters } from './list'

/** Filings read per store call: a few server pages (CloudBase answers 100 a get). */
export const EXPORT_SLICE = 500

/**
 * The most rows one export writes. The admin function has 60 s (cloudbaserc.json); in the stand-in's
 * time model 100,000 rows take about 63 s (bench/results/cloud.md), so a larger selection is refused
 * up front, with what to do, rather than cut off by the timeout.
 */
export const EXPORT_MAX_ROWS = 50_000

const CSV_COLUMNS: [string, (f: FilingRecord, today: CalendarDate) => string][] = [
  ['备案编号', (f) => f.id],
  ['状态', (f, day) => DISPLAY_STATE_LABELS[displayState(f, day)]],
  ['参保地', (f) => profileOf(f).name],
  ['人员类别', (f) => CATEGORIES[f.category].label],
  ['姓名', (f) => f.applicant.name],
  ['证件类型', (f) => ID_TYPE_LABELS[f.applicant.idType]],
  ['证件号码', (f) => maskIdNumber(f.applicant.idNumber)],
  ['联系电话', (f) => maskMobile(f.applicant.phone)],
  ['就医地', (f) => regionName(f.destination.areaCode) ?? f.destination.areaCode],
  ['开始日期', (f) => f.startDate],
  ['有效期至', (f) => f.validUntil ?? '长期有效'],
  ['备案日期', (f) => f.filedOn],
  ['代办人', (f) => (f.agent ? `${f.agent.name}（${RELATIONSHIP_LABELS[f.agent.relationship]}）` : '')],
]

/** A CSV cell: quoted when needed, and never read by Excel as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

const csvLine = (cells: string[]) => `${cells.map(csvCell).join(',')}\r\n`

export async function exportCsv(data: unknown, ctx: Ctx) {
  const staff = requireStaff(ctx)
  const { filters } = parse(exportRequestSchema, data)
  const day = today(ctx)
  const wanted = storeFilters(filters, staff.openid)
  const { total } = await ctx.store.search({ filters: wanted, today: day, sort: { key: 'filedOn', direction: 'asc' }, page: 1, pageSize: 1 })
  if (total > EXPORT_MAX_ROWS) {
    throw invalid([{ path: 'filters', message: `符合条件的备案有 ${total} 条，一次最多导出 ${EXPORT_MAX_ROWS} 条。请先按参保地、就医省份或日期等条件筛选，再分几次导出` }])
  }
  // UTF-8 with a byte-order mark and CRLF: Excel on Windows opens it in Chinese without asking.
  const parts: string[] = ['\uFEFF', csvLine(CSV_COLUMNS.map(([title]) => title))]
  let rows = 0
  let after: string | null = null
  do {
    const slice = await ctx.store.exportPage(wanted, day, after, EXPORT_SLICE)
    for (const filing of slice.items) parts.push(csvLine(CSV_COLUMNS.map(([, read]) => read(filing, day))))
    rows += slice.items.length
    after = slice.next
  } while (after)
  await ctx.accessLog.record({ at: ctx.now.toISOString(), staff: staff.openid, action: 'export', filters: safeFilters(filters), page: null, rows, filingId: null, fileId: null, reason: null })
  const filename = `异地就医备案-${day}.csv`
  const file = await ctx.files.putExport(staff.openid, filename, Buffer.from(parts.join(''), 'utf8'), ctx.now)
  return { filename, contentType: 'text/csv; charset=utf-8', rows, url: file.url, expiresAt: file.expiresAt }
}
