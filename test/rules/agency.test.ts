// 代办 (filing for someone else) in the rules, every profile: who must upload a 授权委托书 (the
// profile's `agency`, from its seed where it speaks: 辽宁 002 附表2 "本人（被委托人）签名", 山西 000
// 附件2 近亲属代签, 济宁 004 八 帮办代办; our reading elsewhere), the 代办核验 stage every 代办 filing
// passes before the profile's own, and the applicant checked against the verified caller.
import {
  AGENT_CHECK_STAGE,
  RELATIONSHIPS,
  filingStages,
  needsAuthorization,
  profiles,
  reviewStages,
  validateSubmission,
  type Relationship,
} from '../../src/rules'
import { TODAY, profile, residentId, submitInput } from './fixtures'

const MOTHER_ID = residentId('511702', '19580612', '024')
const SON = { name: '李强', idType: 'resident_id' as const, idNumber: residentId('440305', '19680105', '013') }
const MOTHER = { name: '王秀兰', idType: 'resident_id' as const, idNumber: MOTHER_ID }

/** Which relationships need a 授权委托书, profile by profile. */
const AUTHORIZATION: Record<string, Relationship[]> = {
  national: ['other'],
  'shanxi-provincial': ['other'],
  dazhou: ['other'],
  'liaoning-provincial': ['spouse', 'child', 'parent', 'other_relative', 'other'],
  datong: ['other'],
  jining: ['other'],
}

describe('agency: the 授权委托书 each profile asks for', () => {
  test('every profile declares its rule, with a source', () => {
    expect(profiles.map((p) => p.id).sort()).toEqual(Object.keys(AUTHORIZATION).sort())
    for (const p of profiles) expect(p.agency.source).toMatch(/\S/)
  })

  test.each(profiles.flatMap((p) => RELATIONSHIPS.map((r) => [p.id, r] as const)))('%s, %s', (id, relationship) => {
    expect(needsAuthorization(profile(id), relationship)).toBe(AUTHORIZATION[id].includes(relationship))
  })

  test('the seeds behind the rules that are not only our reading', () => {
    expect(profile('liaoning-provincial').agency.source).toContain('002 附表2')
    expect(profile('shanxi-provincial').agency.source).toContain('000 附件2')
    expect(profile('jining').agency.source).toContain('004 八')
  })
})

describe('filingStages: 代办核验 before the profile’s own stages', () => {
  test.each(profiles.flatMap((p) => (['resettled_retiree', 'referral'] as const).map((c) => [p.id, c] as const)))('%s %s', (id, category) => {
    const own = reviewStages(profile(id), category)
    expect(filingStages(profile(id), category, false)).toEqual(own)
    expect(filingStages(profile(id), category, true)).toEqual([AGENT_CHECK_STAGE, ...own])
  })

  test('辽宁: 代办核验 → 初审 → 复核 → 审批; 达州 (instant, commitment): 代办核验 alone', () => {
    expect(filingStages(profile('liaoning-provincial'), 'resident_worker', true).map((s) => s.label)).toEqual(['代办核验', '初审', '复核', '审批'])
    expect(filingStages(profile('dazhou'), 'resettled_retiree', true).map((s) => s.label)).toEqual(['代办核验'])
  })
})

describe('validateSubmission against the verified caller (filer)', () => {
  const agentFor = (relationship: Relationship, authorization?: string) => ({ relationship, phone: '13900001111', ...(authorization ? { authorization } : {}) })
  const issuesOf = (input: Record<string, unknown>, filer: object | null) => {
    const result = validateSubmission(submitInput(input), { today: TODAY, filer: filer as never })
    return result.ok ? [] : result.issues
  }

  test.each([
    ['the person for themselves', {}, MOTHER, []],
    ['before verification (the server then answers UNVERIFIED)', {}, null, []],
    [
      'another person without 代办',
      {},
      SON,
      [
        { path: 'applicant.name', message: '姓名须与您实名认证的姓名（李强）一致；为家人办理，请在第一步选择“为家人办理”' },
        { path: 'applicant.idNumber', message: '这不是您实名认证的证件号码；为家人办理，请在第一步选择“为家人办理”' },
      ],
    ],
    ['a son for his mother, signing in his own name (代签)', { agent: agentFor('child'), commitment: { accepted: true, signature: '李强' } }, SON, []],
    [
      'a son signing in his mother’s name',
      { agent: agentFor('child') },
      SON,
      [{ path: 'commitment.signature', message: '代签：请签您本人的姓名（李强）' }],
    ],
    [
      'a non-relative without the 授权委托书 达州 asks for',
      { agent: agentFor('other'), commitment: { accepted: true, signature: '李强' } },
      SON,
      [{ path: 'agent.authorization', message: '达州市要求代办人上传参保人签名的授权委托书' }],
    ],
    ['a non-relative with it', { agent: agentFor('other', 'f-letter'), commitment: { accepted: true, signature: '李强' } }, SON, []],
    ['代办 declared for one’s own ID', { agent: agentFor('child') }, MOTHER, [{ path: 'agent', message: '这是您本人的证件号码：为自己办理，请在第一步选择“本人”' }]],
    [
      'a page that knows only the verified name (no ID number) still checks the name',
      { applicant: { name: '王秀英', idType: 'resident_id', idNumber: MOTHER_ID, phone: '13812345678' }, commitment: { accepted: true, signature: '王秀英' } },
      { name: '王秀兰', idType: 'resident_id' },
      [{ path: 'applicant.name', message: '姓名须与您实名认证的姓名（王秀兰）一致；为家人办理，请在第一步选择“为家人办理”' }],
    ],
    [
      'an unknown relationship',
      { agent: { relationship: 'neighbour', phone: '13900001111' }, commitment: { accepted: true, signature: '李强' } },
      SON,
      [{ path: 'agent.relationship', message: '请选择您与申请人的关系' }],
    ],
  ])('%s', (_label, input, filer, issues) => {
    expect(issuesOf(input, filer)).toEqual(issues)
  })

  test('the 辽宁 rule: any relative needs the 授权委托书 too', () => {
    const liaoning = {
      policyId: 'liaoning-provincial',
      category: 'resident_worker',
      destination: { provinceCode: '310000' },
      commitment: undefined,
      materials: ['employer_certificate', 'direct_settlement_form', 'direct_settlement_request'].map((kind) => ({ kind, fileId: `f-${kind}` })),
    }
    expect(issuesOf({ ...liaoning, agent: agentFor('spouse') }, SON)).toEqual([
      { path: 'agent.authorization', message: '辽宁省省直要求代办人上传参保人签名的授权委托书' },
    ])
    expect(issuesOf({ ...liaoning, agent: agentFor('spouse', 'f-letter') }, SON)).toEqual([])
  })
})
