// admin.list, admin.stats and admin.export: masked, filtered views for staff.
import { CATEGORIES, DISPLAY_STATE_LABELS, ID_TYPE_LABELS, RELATIONSHIP_LABELS, displayState, exportRequestSchema, listRequestSchema, maskIdNumber, maskMobile, regionName, type CalendarDate, type ListRequest } from '../../../rules'
import type { Ctx } from '../../context'
import type { FilingRecord } from '../../domain/record'
import type { SearchFilters } from '../../store/port'
import { listItem } from '../../views'
import { profileOf } from '../../domain/facts'
import { safeFilters } from '../../store/access-log'
import { accessLogRequestSchema } from '../../../rules'
import { parse, requireStaff, today } from '../guards'

function storeFilters(filters: ListRequest['filters'], staffOpenid: string): SearchFilters {
  const { needsMyReview, ...rest } = filters
  return { ...rest, ...(needsMyReview ? { needsReviewBy: staffOpenid } : {}) }
}

export async function list(data: unknown, ctx: Ctx) {
  const staff = requireStaff(ctx)
  const request = parse(listRequestSchema, data)
  const day = today(ctx)
  const { items, total } = await ctx.store.search({
    filters: storeFilters(request.filters, staff.openid),
    today: day,
    sort: request.sort,
    page: request.page,
    pageSize: request.pageSize,
  })
  await ctx.accessLog.record({
    at: ctx.now.toISOString(),
    staff: staff.openid,
    action: 'list',
    filters: safeFilters({ ...request.filters, sort: request.sort, pageSize: request.pageSize }),
    page: request.page,
    rows: items.length,
    filingId: null,
    fileId: null,
    reason: null,
  })
  // roles: what the page may offer (the 访问记录 link for audit staff); the server checks each action anyway.
  return { items: items.map((item) => listItem(item, day)), total, page: request.page, pageSize: request.pageSize, roles: staff.roles }
}

export async function stats(_data: unknown, ctx: Ctx) {
  requireStaff(ctx)
  return ctx.store.stats(today(ctx))
}

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
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export async function exportCsv(data: unknown, ctx: Ctx) {
  const staff = requireStaff(ctx)
  const { filters } = parse(exportRequestSchema, data)
  const day = today(ctx)
  const rows = await ctx.store.exportAll(storeFilters(filters, staff.openid), day)
  const lines = [CSV_COLUMNS.map(([title]) => title), ...rows.map((row) => CSV_COLUMNS.map(([, read]) => read(row, day)))]
  // UTF-8 with a byte-order mark and CRLF: Excel on Windows opens it in Chinese without asking.
  await ctx.accessLog.record({ at: ctx.now.toISOString(), staff: staff.openid, action: 'export', filters: safeFilters(filters), page: null, rows: rows.length, filingId: null, fileId: null, reason: null })
  const csv = '\uFEFF' + lines.map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n'
  return { filename: `异地就医备案-${day}.csv`, contentType: 'text/csv; charset=utf-8', rows: rows.length, csv }
}

/** admin.accessLog: what staff read (lists, exports, proofs, reveals), newest first; `audit` role only. */
export async function accessLog(data: unknown, ctx: Ctx) {
  requireStaff(ctx, 'audit')
  const request = parse(accessLogRequestSchema, data)
  const { items, total } = await ctx.accessLog.list(request)
  return { items, total, page: request.page, pageSize: request.pageSize }
}
