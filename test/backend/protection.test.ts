// Data protection over HTTP (issue 13): what staff and people may read of personal data.
import { residentId } from './builders'
import { QUERY_STAFF, STAFF, at, startTestServer, type TestServer } from './http'

const TODAY = at('2026-11-22')
let api: TestServer

beforeAll(async () => {
  api = await startTestServer()
})
afterAll(async () => {
  await api?.close()
})

describe('history diffs never show a full phone or ID number', () => {
  test('a phone change reads masked in the staff detail (even for look-up-only staff) and in the person’s own view', async () => {
    const person = { name: '吴敏', idType: 'resident_id', idNumber: residentId('511702', '19560101', '028') }
    const filed = await api.call(
      'filing',
      'submit',
      {
        requestId: 'req-protect-0001',
        policyId: 'dazhou',
        category: 'resettled_retiree',
        applicant: { ...person, phone: '13812345678' },
        destination: { provinceCode: '440000', cityCode: '440300' },
        startDate: '2026-11-22',
        commitment: { accepted: true, signature: person.name },
      },
      { openid: 'p-protect', now: TODAY },
    )
    const id = filed.body.data.id
    const changed = await api.call('filing', 'change', { id, version: 1, patch: { phone: '13987654321' }, reason: '换了号码' }, { openid: 'p-protect', now: TODAY })
    expect(changed.status).toBe(200)

    for (const [fn, openid] of [['admin', QUERY_STAFF], ['admin', STAFF[0]], ['filing', 'p-protect']] as const) {
      const detail = await api.call(fn, 'get', { id }, { openid, now: TODAY })
      const text = JSON.stringify(detail.body.data.history)
      for (const full of ['13812345678', '13987654321', person.idNumber]) expect(text).not.toContain(full)
      const diff = detail.body.data.history.find((h: { action: string }) => h.action === 'update_contact').changes[0]
      expect([diff.before.phone, diff.after.phone]).toEqual(['138****5678', '139****4321'])
    }
  })
})
