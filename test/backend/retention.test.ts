// The retention policy (issue 13, item 7) over real HTTP: the scheduled job, run by staff through
// POST /api/dev/reminders at X-Dev-Now, anonymises a filing RETENTION.yearsAfterEnd years after it
// ended — not a day earlier — deletes its proofs, redacts its history, and deletes verifications
// older than RETENTION.identityYears; a filing in force with no end date is never touched.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { PRIVACY_NOTICE_VERSION, RETENTION, addDays, addMonths, shanghaiDate } from '../../src/rules'
import { residentId } from '../rules/fixtures'
import { dazhouRetiree } from './builders'
import { STAFF, startTestServer, type TestServer } from './http'

const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n%${tag}\n`)

let api: TestServer
beforeAll(async () => {
  api = await startTestServer()
})
afterAll(async () => {
  await api?.close()
})

/** Noon in Shanghai on `day`, as X-Dev-Now. */
const noon = (day: string) => `${day}T04:00:00.000Z`

test('a cancelled filing is anonymised the day after its period, its proofs and history with it; one in force is kept', async () => {
  const today = shanghaiDate(new Date())
  const leaver = { name: '王秀兰', idType: 'resident_id', idNumber: residentId('511702', '19580612', '341') }
  const stayer = { name: '李建国', idType: 'resident_id', idNumber: residentId('511702', '19570301', '356') }
  const proof = await api.upload('r-leaver', pdf('hukou'), 'hukou.pdf')
  const filed = await api.call('filing', 'submit', dazhouRetiree(leaver, { startDate: today, commitment: undefined, materials: [{ kind: 'hukou', fileId: proof }] }), { openid: 'r-leaver', now: noon(today) })
  expect(filed.body).toMatchObject({ ok: true })
  const id = filed.body.data.id as string
  const phone = await api.call('filing', 'change', { id, version: 1, patch: { phone: '13900001111' }, reason: '换了手机号' }, { openid: 'r-leaver', now: noon(today) })
  expect(phone.body).toMatchObject({ ok: true })
  const cancelled = await api.call('filing', 'cancel', { id, version: 2, reason: '回达州居住' }, { openid: 'r-leaver', now: noon(today) })
  expect(cancelled.body).toMatchObject({ ok: true, data: { status: 'cancelled' } })
  const kept = await api.call('filing', 'submit', dazhouRetiree(stayer, { startDate: today }), { openid: 'r-stayer', now: noon(today) })
  expect(kept.body).toMatchObject({ ok: true, data: { validUntil: null } })
  const totalBefore = (await api.call('admin', 'stats', {}, { openid: STAFF[0], now: noon(today) })).body.data.total

  // The last day of the period: nothing goes.
  const lastDay = addMonths(today, 12 * RETENTION.yearsAfterEnd)
  const early = await api.runReminders(noon(lastDay))
  expect(early.body).toMatchObject({ ok: true, data: { retention: { anonymised: 0, proofsErased: 0 } } })
  expect((await api.call('filing', 'mine', {}, { openid: 'r-leaver', now: noon(lastDay) })).body.data.filings).toHaveLength(1)

  // The day after: the cancelled filing is anonymised and its proof deleted.
  const dueDay = addDays(lastDay, 1)
  const job = await api.runReminders(noon(dueDay))
  expect(job.body).toMatchObject({ ok: true, data: { retention: { anonymised: 1, proofsErased: 1 } } })
  expect(existsSync(join(api.dataDir, 'uploads', proof))).toBe(false)
  const proofRead = await fetch(`${api.url}/api/files/${proof}`, { headers: { 'x-dev-openid': STAFF[0] } })
  expect(proofRead.status).toBe(404)

  // The person no longer sees it; staff see what the statistics keep, and a history without values.
  expect((await api.call('filing', 'mine', {}, { openid: 'r-leaver', now: noon(dueDay) })).body.data.filings).toEqual([])
  const seen = await api.call('admin', 'get', { id }, { openid: STAFF[0], now: noon(dueDay) })
  expect(seen.body.data).toMatchObject({
    status: 'cancelled',
    anonymisedOn: dueDay,
    category: 'resettled_retiree',
    destination: { areaCode: '440300' },
    applicant: { name: '', birthDate: '1958-01-01', phone: '', address: null },
    materials: [{ kind: 'hukou', fileId: '' }],
    owner: `anonymised:${id}`,
  })
  const history = seen.body.data.history as { action: string; actor: string; reason: string | null; changes?: unknown }[]
  expect(history.map((entry) => entry.action)).toEqual(['submit', 'update_contact', 'cancel', 'anonymise', 'view'])
  expect(JSON.stringify(history)).not.toMatch(/13900001111|13812345678|回达州|换了手机号|r-leaver|王秀兰/)
  expect(history.find((entry) => entry.action === 'anonymise')).toMatchObject({ actor: 'system', label: '保存期满，个人信息已删除' })
  expect(JSON.stringify(seen.body.data)).not.toContain(leaver.idNumber.slice(-4))

  // Nothing left to reveal, nothing to find by name; still counted.
  const reveal = await api.call('admin', 'reveal', { id, reason: '核对' }, { openid: STAFF[0], now: noon(dueDay) })
  expect(reveal).toMatchObject({ status: 400, body: { ok: false, error: { code: 'VALIDATION' } } })
  expect(reveal.body.error!.issues![0].message).toContain('个人信息已删除')
  expect((await api.call('admin', 'list', { filters: { q: '王秀兰' } }, { openid: STAFF[0], now: noon(dueDay) })).body.data.total).toBe(0)
  expect((await api.call('admin', 'stats', {}, { openid: STAFF[0], now: noon(dueDay) })).body.data.total).toBe(totalBefore)

  // The filing in force (no end date) is kept whole, long after; the job does nothing twice.
  const later = addMonths(today, 12 * (RETENTION.yearsAfterEnd + 15))
  const again = await api.runReminders(noon(later))
  expect(again.body).toMatchObject({ ok: true, data: { retention: { anonymised: 0, proofsErased: 0 } } })
  const stayerNow = await api.call('filing', 'mine', {}, { openid: 'r-stayer', now: noon(later) })
  expect(stayerNow.body.data.filings).toHaveLength(1)
  expect(stayerNow.body.data.filings[0]).toMatchObject({ id: kept.body.data.id, applicant: { name: '李建国' } })
})

test('a verification is deleted after its period, not before; the person verifies again to act', async () => {
  const today = shanghaiDate(new Date())
  const person = { name: '张桂英', idType: 'resident_id', idNumber: residentId('511702', '19560101', '362') }
  const verified = await api.call('filing', 'verifyIdentity', { name: person.name, idType: person.idType, idNumber: person.idNumber, consent: { version: PRIVACY_NOTICE_VERSION, sensitive: true } }, { openid: 'r-verified', now: noon(today) })
  expect(verified.body).toMatchObject({ ok: true, data: { verified: true } })
  const identity = () => api.call('filing', 'identity', {}, { openid: 'r-verified', now: noon(today) })

  const end = addMonths(today, 12 * RETENTION.identityYears)
  await api.runReminders(noon(addDays(end, -1)))
  expect((await identity()).body.data).toMatchObject({ verified: true, name: '张桂英' })
  const job = await api.runReminders(noon(addDays(end, 1)))
  expect(job.body.data.retention.identitiesDeleted).toBeGreaterThanOrEqual(1)
  expect((await identity()).body.data).toEqual({ verified: false })
})
