// admin.list: the back office's masked, filtered list (admin.export: export.ts).
// A list page is found by key after the `after` cursor the page before returned (`next`), or by offset
// while it is shallow (DEEP_OFFSET); a deep page without a cursor is refused, never skipped to.
import { listRequestSchema, type ListRequest } from '../../../rules'
import type { Ctx } from '../../context'
import { invalid } from '../../protocol'
import type { SearchFilters } from '../../store/port'
import { CursorError, cursorFor } from '../../store/cursor'
import { listItem } from '../../views'
import { safeFilters } from '../../store/access-log'
import { parse, requireStaff, today } from '../guards'

/**
 * The deepest a page is found by offset (rows passed over): past it a page needs the `after` cursor of
 * the page before (下一页 / 上一页 carry it), since CloudBase's skip walks every row it passes, on every page.
 */
export const DEEP_OFFSET = 1000

const STALE_CURSOR = '翻页位置已失效，请从第一页重新查询'
const TOO_DEEP = '页码太靠后：请用“下一页”逐页翻到这里，或加筛选条件缩小范围'

export function storeFilters(filters: ListRequest['filters'], staffOpenid: string): SearchFilters {
  const { needsMyReview, ...rest } = filters
  return { ...rest, ...(needsMyReview ? { needsReviewBy: staffOpenid } : {}) }
}

export async function list(data: unknown, ctx: Ctx) {
  const staff = requireStaff(ctx)
  const request = parse(listRequestSchema, data)
  const day = today(ctx)
  if (request.after && !cursorFor(request.after, request.sort.key, request.sort.direction)) throw invalid([{ path: 'after', message: STALE_CURSOR }])
  if (!request.after && (request.page - 1) * request.pageSize > DEEP_OFFSET) throw invalid([{ path: 'page', message: TOO_DEEP }])
  const { items, total, next } = await ctx.store
    .search({
      filters: storeFilters(request.filters, staff.openid),
      today: day,
      sort: request.sort,
      page: request.page,
      pageSize: request.pageSize,
      ...(request.after ? { after: request.after } : {}),
    })
    .catch((error: unknown) => {
      // Well formed but not this store's (e.g. made by the other adapter): the same answer as a stale one.
      if (error instanceof CursorError) throw invalid([{ path: 'after', message: STALE_CURSOR }])
      throw error
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
  // next: the cursor for the page after this one (下一页), null on the last.
  return { items: items.map((item) => listItem(item, day)), total, page: request.page, pageSize: request.pageSize, next, roles: staff.roles }
}
