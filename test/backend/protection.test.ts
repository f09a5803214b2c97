// Data protection over HTTP (issue 13): what staff and people may read of personal data.
import { requireConsentedFiler } from '../../src/backend/handlers/filing/verified'
import { PRIVACY_NOTICE_VERSION } from '../../src/rules'
import { dazhouRetiree, residentId } from './builders'
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
    const filed = await api.call('filing', 'submit', dazhouRetiree(person), { openid: 'p-protect', now: TODAY })
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

describe('consent (个人信息保护法 第十七、二十九、三十条) and the person’s copy of their data', () => {
  const person = { name: '郑秀梅', idType: 'resident_id', idNumber: residentId('511702', '19470707', '020') }
  const son = { name: '郑强', idType: 'resident_id', idNumber: residentId('440305', '19720202', '017') }

  test('实名认证 needs the separate consent to the current rules, in Chinese at the consent field', async () => {
    const none = await api.call('filing', 'verifyIdentity', person, { openid: 'c-none', now: TODAY, asIs: true })
    expect(none.status).toBe(400)
    expect(none.body.error?.issues).toEqual([{ path: 'consent', message: '请阅读《个人信息处理规则》，并勾选同意处理敏感个人信息' }])
    const unticked = await api.call('filing', 'verifyIdentity', { ...person, consent: { version: PRIVACY_NOTICE_VERSION, sensitive: false } }, { openid: 'c-none', now: TODAY, asIs: true })
    expect(unticked.body.error?.issues?.[0].path).toBe('consent.sensitive')
    const old = await api.call('filing', 'verifyIdentity', { ...person, consent: { version: '2020-01-01', sensitive: true } }, { openid: 'c-none', now: TODAY, asIs: true })
    expect(old.body.error?.issues).toEqual([{ path: 'consent.version', message: '个人信息处理规则已更新，请重新阅读后同意' }])
    expect((await api.call('filing', 'identity', {}, { openid: 'c-none', now: TODAY })).body.data).toEqual({ verified: false })
  })

  test('a verified person whose consent predates the rules is asked again before filing, and agrees without a new face check', () => {
    const verified = { ...person, idType: 'resident_id' as const, method: 'dev_standin' as const, verifiedAt: '2026-01-01T00:00:00.000Z' }
    expect(() => requireConsentedFiler({ ...verified, consent: { version: '2020-01-01', at: '2026-01-01T00:00:00.000Z' } })).toThrow('个人信息处理规则已更新')
    expect(() => requireConsentedFiler(verified)).toThrow('个人信息处理规则已更新')
    expect(() => requireConsentedFiler(null)).toThrow('请先完成实名认证')
    expect(requireConsentedFiler({ ...verified, consent: { version: PRIVACY_NOTICE_VERSION, at: '2026-12-05T00:00:00.000Z' } }).name).toBe(person.name)
  })

  test('filing.consent records the current version for a verified person; anyone else is UNVERIFIED', async () => {
    const consent = { consent: { version: PRIVACY_NOTICE_VERSION, sensitive: true } }
    expect((await api.call('filing', 'consent', consent, { openid: 'c-nobody', now: TODAY })).body.error?.code).toBe('UNVERIFIED')
    await api.call('filing', 'verifyIdentity', { ...person, ...consent }, { openid: 'c-person', now: TODAY })
    const again = await api.call('filing', 'consent', consent, { openid: 'c-person', now: at('2026-12-01') })
    expect(again.body.data).toMatchObject({ verified: true, consentCurrent: true, name: person.name })
  })

  test('个人信息副本: the person’s own numbers in full, a family member’s masked', async () => {
    const consent = { consent: { version: PRIVACY_NOTICE_VERSION, sensitive: true } }
    await api.call('filing', 'verifyIdentity', { ...son, ...consent }, { openid: 'c-son', now: TODAY })
    const filed = await api.call(
      'filing',
      'submit',
      dazhouRetiree(person, { commitment: { accepted: true, signature: son.name }, agent: { relationship: 'child', phone: '13900002222' } }),
      { openid: 'c-son', now: TODAY, asIs: true },
    )
    expect(filed.status).toBe(200)
    const sons = (await api.call('filing', 'myData', {}, { openid: 'c-son', now: TODAY })).body.data
    expect(sons.identity).toMatchObject({ name: son.name, idNumber: son.idNumber, consent: { version: PRIVACY_NOTICE_VERSION } })
    expect(sons.filings[0].agent).toMatchObject({ idNumber: son.idNumber, phone: '13900002222' })
    expect(JSON.stringify(sons)).not.toContain(person.idNumber)
    expect(sons.rules).toMatchObject({ version: PRIVACY_NOTICE_VERSION, contact: expect.stringContaining('12393') })

    await api.call('filing', 'verifyIdentity', { ...person, ...consent }, { openid: 'c-mother', now: TODAY })
    const mothers = (await api.call('filing', 'myData', {}, { openid: 'c-mother', now: TODAY })).body.data
    expect(mothers.filings[0].applicant.idNumber).toBe(person.idNumber)
    expect(mothers.filings[0].party).toBe('applicant')
    expect(JSON.stringify(mothers)).not.toContain(son.idNumber)
  })
})
