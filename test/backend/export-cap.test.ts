// admin.export refuses a selection larger than one function run can write (EXPORT_MAX_ROWS), before
// reading a row: staff are told how many match and to narrow the filter, and nothing is written.
import { exportCsv, EXPORT_MAX_ROWS } from '../../src/backend/handlers/admin/export'
import type { Ctx } from '../../src/backend/context'
import { AppError } from '../../src/backend/protocol'

function ctxMatching(total: number) {
  const calls: string[] = []
  const ctx = {
    caller: { openid: 'admin-a', staff: { openid: 'admin-a', name: '经办甲', roles: ['query'] } },
    now: new Date('2026-12-05T02:00:00Z'),
    store: {
      search: async () => {
        calls.push('search')
        return { items: [], total, next: null }
      },
      exportPage: async () => {
        calls.push('exportPage')
        return { items: [], next: null }
      },
    },
    files: {
      putExport: async () => {
        calls.push('putExport')
        return { url: 'http://files/x', expiresAt: '2026-12-05T02:10:00Z' }
      },
    },
    accessLog: {
      record: async () => {
        calls.push('accessLog')
      },
    },
  } as unknown as Ctx
  return { ctx, calls }
}

test('a selection of more than EXPORT_MAX_ROWS is refused with the count and what to do; nothing is read or written', async () => {
  const { ctx, calls } = ctxMatching(EXPORT_MAX_ROWS + 1)
  const refusal = await exportCsv({ filters: {} }, ctx).catch((error: unknown) => error)
  expect(refusal).toBeInstanceOf(AppError)
  expect((refusal as AppError).body).toMatchObject({
    code: 'VALIDATION',
    message: `符合条件的备案有 ${EXPORT_MAX_ROWS + 1} 条，一次最多导出 ${EXPORT_MAX_ROWS} 条。请先按参保地、就医省份或日期等条件筛选，再分几次导出`,
    issues: [{ path: 'filters' }],
  })
  expect(calls).toEqual(['search'])
})

test('a selection of EXPORT_MAX_ROWS exactly is exported', async () => {
  const { ctx, calls } = ctxMatching(EXPORT_MAX_ROWS)
  await expect(exportCsv({ filters: {} }, ctx)).resolves.toMatchObject({ rows: 0, url: 'http://files/x' })
  expect(calls).toEqual(['search', 'exportPage', 'accessLog', 'putExport'])
})
