// The filing detail's words for a 代办 filing: who filed it for whom (masked), 代签 on the commitment,
// and what the insured person may do on a filing a relative made for them (only cancel).
import { personView } from '../../src/backend/views'
import type { Agent } from '../../src/backend/domain/record'
import type { FilingDetail } from '../../src/lib/filing-view'
import { cancelAvailability } from '../../src/lib/availability'
import { agencyWords, detailActions, signatureLabel } from '../../src/pages/filing/model'
import { filingRecord, residentId, submitEntry, type FilingOverrides } from '../backend/builders'

const TODAY = '2026-11-22'
const SON: Agent = {
  name: '张伟',
  idType: 'resident_id',
  idNumber: residentId('511702', '19850315', '011'),
  phone: '13900001111',
  relationship: 'child',
  authorization: null,
}

function seenBy(party: 'self' | 'agent' | 'applicant', overrides: FilingOverrides = {}): FilingDetail {
  const record = filingRecord({ agent: party === 'self' ? null : SON, ...overrides })
  return personView(record, TODAY, party, [submitEntry(record)]) as FilingDetail
}

describe('who filed it, in the words of whoever reads it', () => {
  test('the insured person: 由 张伟（子女）为您代办, the agent masked, and that they may cancel it', () => {
    const words = agencyWords(seenBy('applicant'))!
    expect(words.headline).toBe('这份备案由 张伟（子女）为您代办')
    expect(words.facts).toEqual([
      { label: '代办人', value: '张伟' },
      { label: '代办人证件号码', value: '511***********' + SON.idNumber.slice(-4) },
      { label: '与参保人的关系', value: '代办人是参保人的子女' },
      { label: '代办人电话', value: '139****1111' },
    ])
    expect(words.note).toContain('可以取消')
  })

  test('the agent: the filing they made for 王秀兰, who can see and cancel it once verified', () => {
    const words = agencyWords(seenBy('agent'))!
    expect(words.headline).toBe('您为 王秀兰 代办的备案')
    expect(words.note).toContain('王秀兰本人实名认证后')
  })

  test('a filing made by the person themselves says nothing of 代办', () => {
    expect(agencyWords(seenBy('self'))).toBeNull()
  })
})

test('代签: a commitment the agent signed in their own name says so', () => {
  const signed = seenBy('agent', { commitment: { signature: '张伟', signedAt: '2026-11-22T02:00:00.000Z', title: '异地就医备案个人承诺书', signedBy: 'agent' } })
  expect(signatureLabel(signed.commitment!)).toBe('签名（代办人代签）')
  expect(signatureLabel({ signature: '王秀兰', signedAt: '2026-11-22T02:00:00.000Z', title: '异地就医备案个人承诺书' })).toBe('签名')
})

describe('what the insured person may do on a filing a relative made for them', () => {
  test('only cancel: no change, certificate, 续转诊 or 重新办理 (the agent does those)', () => {
    const filing = seenBy('applicant')
    expect(detailActions(filing)).toEqual({ change: false, cancel: true, certificate: false, continuingReferral: false, refile: false })
    expect(cancelAvailability(filing).can).toBe(true)
    expect(filing.actions.change).toMatchObject({ allowed: false, message: expect.stringContaining('联系代办人') })
  })

  test('the agent acts on it as on their own (an active filing: change, cancel, certificate)', () => {
    expect(detailActions(seenBy('agent'))).toMatchObject({ change: true, cancel: true, certificate: true })
  })

  test('a cancelled filing offers the insured person nothing more', () => {
    expect(Object.values(detailActions(seenBy('applicant', { status: 'cancelled' }))).some(Boolean)).toBe(false)
  })
})
