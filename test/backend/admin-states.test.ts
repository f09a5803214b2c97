// The back office by derived state over HTTP (issue 16 item 3): admin.list, admin.export and
// admin.stats take the day from the request's clock, so one approved filing reads 未生效, then 生效中,
// then 已过期 as days pass; a filter saved before the state filter still answers, read as 生效中.
import { addDays } from '../../src/rules'
import { dazhouRetiree, residentId } from './builders'
import { STAFF, at, startTestServer, type TestServer } from './http'

const FILED = '2026-11-22'
const START = '2026-12-01'

let api: TestServer
let temporary: { id: string; validUntil: string }
let longTerm: string

beforeAll(async () => {
  api = await startTestServer()
  const person = (sequence: string) => ({ name: '王秀兰', idType: 'resident_id', idNumber: residentId('511702', '19580612', sequence) })
  const filed = await api.call('filing', 'submit', dazhouRetiree(person('411'), { category: 'other_temporary', startDate: START }), { openid: 'p-temp', now: at(FILED) })
  expect(filed.body).toMatchObject({ ok: true, data: { status: 'active' } })
  temporary = { id: filed.body.data.id, validUntil: filed.body.data.validUntil }
  expect(temporary.validUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  const kept = await api.call('filing', 'submit', dazhouRetiree({ ...person('428'), name: '李建国' }, { startDate: FILED }), { openid: 'p-long', now: at(FILED) })
  expect(kept.body).toMatchObject({ ok: true, data: { status: 'active', validUntil: null } })
  longTerm = kept.body.data.id
})
afterAll(async () => {
  await api?.close()
})

const ids = async (state: string[], day: string) => {
  const reply = await api.call('admin', 'list', { filters: { state } }, { openid: STAFF[0], now: at(day) })
  expect(reply.body.ok).toBe(true)
  expect(reply.body.data.total).toBe(reply.body.data.items.length)
  return (reply.body.data.items as { id: string }[]).map((item) => item.id).sort()
}

test.each([
  // [day, the temporary filing's state, its 即将到期]
  [FILED, 'not_yet_active', false],
  [START, 'active', false],
  ['its end date − 29', 'active', true],
  ['its end date + 1', 'expired', false],
])('on %s the temporary filing is listed, exported and counted as %s', async (when, state, expiring) => {
  const day = when === 'its end date − 29' ? addDays(temporary.validUntil, -29) : when === 'its end date + 1' ? addDays(temporary.validUntil, 1) : when
  const as = { openid: STAFF[0], now: at(day) }
  for (const candidate of ['not_yet_active', 'active', 'expired']) {
    const expected = [...(candidate === state ? [temporary.id] : []), ...(candidate === 'active' ? [longTerm] : [])].sort()
    expect([day, candidate, await ids([candidate], day)]).toEqual([day, candidate, expected])
  }
  const { csv } = await api.exportCsv({ state: [state] }, as)
  expect(csv).toContain(temporary.id)
  expect(csv).toContain(`,${{ not_yet_active: '未生效', active: expiring ? '即将到期' : '生效中', expired: '已过期' }[state]},`)
  const stats = (await api.call('admin', 'stats', {}, as)).body.data
  expect(stats.byState).toMatchObject({
    not_yet_active: state === 'not_yet_active' ? 1 : 0,
    active: state === 'active' ? 2 : 1,
    expired: state === 'expired' ? 1 : 0,
  })
  expect(stats.expiringIn30Days).toBe(expiring ? 1 : 0)
  expect(stats.byStatus).toEqual({ active: 2 })
})

test('a filter saved before issue 16 (已生效, the stored status) reads as 生效中: no expired row', async () => {
  const after = addDays(temporary.validUntil, 1)
  const reply = await api.call('admin', 'list', { filters: { status: ['active'] } }, { openid: STAFF[0], now: at(after) })
  expect((reply.body.data.items as { id: string }[]).map((item) => item.id)).toEqual([longTerm])
})

test('an unknown state, or both the old and the new filter, is refused in Chinese', async () => {
  const unknown = await api.call('admin', 'list', { filters: { state: ['expiring'] } }, { openid: STAFF[0], now: at(FILED) })
  expect(unknown).toMatchObject({ status: 400, body: { error: { issues: [expect.objectContaining({ message: '请选择备案状态' })] } } })
  const both = await api.call('admin', 'export', { filters: { state: ['active'], status: ['active'] } }, { openid: STAFF[0], now: at(FILED) })
  expect(both).toMatchObject({ status: 400, body: { error: { issues: [expect.objectContaining({ path: 'filters.status', message: '请只按备案状态筛选（旧的“状态”条件请去掉）' })] } } })
})
