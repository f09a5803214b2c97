// The certificate: name masking (the first and last characters stay) and what each state says.
import { maskName } from '../../src/pages/certificate/mask-name'
import { describeCertificate, type CertificateFiling } from '../../src/pages/certificate/view'

describe('maskName', () => {
  test.each([
    ['王秀兰', '王*兰'],
    ['王兰', '王*'],
    ['欧阳秀兰', '欧**兰'],
    ['司马相如之', '司***之'],
    ['李', '*'],
    ['  王秀兰 ', '王*兰'],
    ['阿依古丽·买买提', '阿***·**提'],
    ['𠮷祥', '𠮷*'],
    ['张𠮷兰', '张*兰'],
    ['', ''],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })

  test('hides every character but the first and last, whatever the length', () => {
    for (let n = 3; n <= 12; n += 1) {
      const masked = maskName('张'.repeat(n))
      expect(Array.from(masked)).toHaveLength(n)
      expect(masked.startsWith('张')).toBe(true)
      expect(masked.endsWith('张')).toBe(true)
      expect(masked.slice(1, -1)).toBe('*'.repeat(n - 2))
    }
  })
})

describe('describeCertificate', () => {
  const base: CertificateFiling = {
    id: 'YD20261201-M9SAPQ',
    state: 'active',
    policyId: 'shanxi-provincial',
    policyName: '山西省省直',
    insuredRegion: { name: '山西省省直' },
    category: 'long_term_resident',
    categoryLabel: '异地长期居住人员',
    destination: { name: '北京市' },
    startDate: '2026-12-01',
    validUntil: null,
    rejectionReason: null,
    applicant: { name: '张淑兰', idNumber: '140***********0280', idTypeLabel: '居民身份证' },
  }
  const value = (view: ReturnType<typeof describeCertificate>, label: string) => view.rows.find((row) => row.label === label)?.value

  test('in force: usable, no band, the name masked and the ID as the server gave it', () => {
    const view = describeCertificate(base, '2026-12-05')
    expect(view).toMatchObject({ usable: true, band: null, note: null })
    expect(value(view, '姓名')).toBe('张*兰')
    expect(value(view, '居民身份证')).toBe('140***********0280')
    expect(value(view, '有效期')).toBe('长期有效（2026年12月1日起）')
    expect(value(view, '参保地')).toBe('山西省省直')
  })

  test.each([
    ['cancelled', '已取消 — 此凭证无效'],
    ['rejected', '未通过审核 — 此凭证无效'],
    ['pending_review', '审核中 — 暂不能使用'],
    ['needs_materials', '审核中 — 暂不能使用'],
  ] as const)('%s: not usable, and the band says so', (state, title) => {
    const view = describeCertificate({ ...base, state }, '2026-12-05')
    expect(view.usable).toBe(false)
    expect(view.band?.title).toBe(title)
  })

  test('expired: the end date in the band; a rejection gives its reason', () => {
    const expired = describeCertificate({ ...base, state: 'expired', category: 'referral', policyId: 'dazhou', startDate: '2026-05-31', validUntil: '2026-11-30' }, '2026-12-05')
    expect(expired).toMatchObject({ usable: false, band: { kind: 'void', title: '已过期 — 此凭证无效' } })
    expect(expired.band?.text).toContain('已于2026年11月30日到期')
    expect(value(expired, '有效期')).toBe('2026年5月31日 至 2026年11月30日')
    expect(describeCertificate({ ...base, state: 'rejected', rejectionReason: '材料不清晰' }, '2026-12-05').band?.text).toContain('原因：材料不清晰')
  })

  test('notes: not started yet, or ending soon', () => {
    expect(describeCertificate({ ...base, startDate: '2026-12-10' }, '2026-12-05').note).toContain('备案自2026年12月10日起生效')
    const expiring = describeCertificate({ ...base, state: 'expiring', validUntil: '2026-12-20', startDate: '2026-06-20' }, '2026-12-05')
    expect(expiring).toMatchObject({ usable: true })
    expect(expiring.note).toContain('备案将于2026年12月20日到期')
  })

  test('a 辽宁 referral is for one settlement; the national default shows the named 参保地', () => {
    const liaoning = describeCertificate({ ...base, policyId: 'liaoning-provincial', category: 'referral', validUntil: null }, '2026-12-05')
    expect(value(liaoning, '有效期')).toBe('2026年12月1日起，用于一次住院结算')
    const national = describeCertificate({ ...base, policyId: 'national', policyName: '其他参保地（国家统一规定）', insuredRegion: { name: '广东省广州市' } }, '2026-12-05')
    expect(value(national, '参保地')).toBe('广东省广州市')
  })
})
