// The home page's words: the filing guide drawn from the profiles, a card's validity, reminders.
import { filingGuide, homeNotes } from '../../src/pages/index/guide'
import { agencyText, cardLinkText, currentReminders, progressText, splitFilings, validityText, type MyFiling } from '../../src/pages/index/filing-card'
import { profiles } from '../../src/rules'

describe('filing guide', () => {
  const guide = filingGuide()

  test('names both groups that file, with validity words taken from the profiles', () => {
    expect(guide.needed.map((point) => point.title)).toEqual(['异地长期居住人员', '临时外出就医人员'])
    expect(guide.needed[0].text).toContain('异地安置退休人员')
    expect(guide.needed[0].text).toContain('长期有效')
    expect(guide.needed[1].text).toContain('异地转诊就医人员')
    expect(guide.needed[1].text).toContain('6个月')
  })

  test('emergencies as each seed says (达州 files them, 001 二); 山西省省直 非急诊且未转诊 needs none, in its own words', () => {
    const titles = guide.notNeeded.map((point) => point.title)
    expect(titles).toEqual(expect.arrayContaining(['山西省省直：异地急诊抢救人员', '济宁市：异地急诊抢救人员']))
    expect(titles).not.toContain('达州市：异地急诊抢救人员')
    expect(guide.needed[1].text).toContain('异地急诊抢救人员')
    expect(titles).toContain('山西省省直：其他临时外出就医人员（非急诊且未转诊）')
    const shanxi = profiles.find((profile) => profile.id === 'shanxi-provincial')!
    const rule = shanxi.categories.other_temporary
    expect(rule.filing).toBe('not_needed')
    expect(guide.notNeeded.map((point) => point.text)).toContain(rule.filing === 'not_needed' ? rule.message : '')
  })

  test('a region added as data shows up without a code change', () => {
    const shanxi = profiles.find((profile) => profile.id === 'shanxi-provincial')!
    const added = { ...shanxi, id: 'newtown', name: '新城市', insuredRegion: { name: '新城市', code: '999900', poolingArea: '999900' } }
    expect(filingGuide([...profiles, added]).notNeeded.map((point) => point.title)).toContain('新城市：其他临时外出就医人员（非急诊且未转诊）')
  })
})

describe('what each 参保地 tells its people on the home page', () => {
  test('达州 long-term: outpatient and pharmacy need no filing (001 四(四)); back home it settles as usual (001 三(二)8)', () => {
    const [group] = homeNotes([{ policyId: 'dazhou', category: 'resettled_retiree' }])
    expect(group.policyName).toBe('达州市')
    expect(group.notes.map((note) => note.source)).toEqual(['001 四(四)', '001 三(二)8'])
  })

  test('a 达州 temporary filer is not told about returning home as a long-term resident', () => {
    expect(homeNotes([{ policyId: 'dazhou', category: 'referral' }])[0].notes.map((note) => note.source)).toEqual(['001 四(四)'])
  })

  test('辽宁: the voluntary scheme and 原渠道 for outpatient care (通知 三(二)2, 002 第十九条); 山西 says nothing here', () => {
    const groups = homeNotes([
      { policyId: 'liaoning-provincial', category: 'resident_worker' },
      { policyId: 'shanxi-provincial', category: 'referral' },
    ])
    expect(groups.map((group) => group.policyName)).toEqual(['辽宁省省直'])
    expect(groups[0].notes.map((note) => note.source)).toEqual(['通知 三(二)2；002 第八条', '002 第十九条'])
  })
})

const filing = (over: Partial<MyFiling>): MyFiling => ({
  id: 'YD1',
  version: 1,
  state: 'active',
  policyId: 'dazhou',
  policyName: '达州市',
  category: 'other_temporary',
  categoryLabel: '其他临时外出就医人员（非急诊且未转诊）',
  destination: { name: '广东省广州市' },
  startDate: '2026-01-10',
  validUntil: '2026-07-10',
  rejectionReason: null,
  applicant: { name: '周桂英' },
  review: { labels: [], passed: 0 },
  party: 'self',
  agent: null,
  ...over,
})

describe('validity words', () => {
  test.each([
    [{}, '2026-06-25', '至 2026年7月10日，还有 15 天'],
    [{ state: 'expiring' as const }, '2026-07-10', '至 2026年7月10日，今天是最后一天'],
    [{ state: 'expired' as const }, '2026-07-11', '已于 2026年7月10日 到期'],
    [{ validUntil: null, category: 'resettled_retiree' as const }, '2026-06-25', '长期有效'],
    [{ state: 'pending_review' as const, validUntil: null }, '2026-06-25', '审核通过后生效，长期有效'],
    [{ state: 'needs_materials' as const, validUntil: null }, '2026-06-25', '经办人员要求补充材料，请打开备案查看并上传'],
    [{ state: 'cancelled' as const }, '2026-06-25', '已取消，不再有效'],
    [{ state: 'rejected' as const, rejectionReason: '转诊证明不清晰' }, '2026-06-25', '未通过审核：转诊证明不清晰'],
    [{ policyId: 'liaoning-provincial', category: 'referral' as const, validUntil: null }, '2026-06-25', '一次住院结算有效'],
    [{ state: 'not_yet_active' as const, startDate: '2027-03-05', validUntil: null }, '2026-06-25', '2027年3月5日起生效，长期有效'],
    [{ state: 'not_yet_active' as const, startDate: '2026-07-01' }, '2026-06-25', '2026年7月1日起生效，至 2026年7月10日'],
  ])('%o on %s → %s', (over, today, words) => {
    expect(validityText(filing(over), today)).toBe(words)
  })
})

test.each([
  [{ state: 'cancelled' as const }, '查看详情'],
  [{ state: 'rejected' as const }, '查看详情'],
  [{ state: 'expired' as const }, '查看详情'],
  [{ state: 'pending_review' as const }, '查看详情或取消'],
  [{ state: 'needs_materials' as const }, '查看详情、补充材料'],
  [{ state: 'not_yet_active' as const }, '查看详情、变更或取消'],
  [{ state: 'active' as const }, '查看详情、变更或取消'],
  [{ state: 'active' as const, party: 'applicant' as const }, '查看详情或取消'],
])('a %o card offers %s (issue 16 item 13)', (over, words) => {
  expect(cardLinkText(filing(over))).toBe(words)
})

test('reminders: the latest per filing that is ending; none for a cancelled one', () => {
  const reminders = [
    { filingId: 'A', validUntil: '2026-07-10', message: 'old', createdAt: '2026-06-10T01:00:00Z' },
    { filingId: 'A', validUntil: '2026-07-10', message: 'new', createdAt: '2026-06-20T01:00:00Z' },
    { filingId: 'B', validUntil: '2026-07-10', message: 'cancelled', createdAt: '2026-06-20T01:00:00Z' },
  ]
  const filings = [filing({ id: 'A', state: 'expiring' }), filing({ id: 'B', state: 'cancelled' })]
  expect(currentReminders({ filings, reminders }).map((r) => r.message)).toEqual(['new'])
})

describe('我的备案 and 我为家人办理的备案 (代办)', () => {
  const son = { name: '张伟', relationshipLabel: '子女' }

  test('mine (and those filed for me) apart from those I filed for a relative, each in the order sent', () => {
    const filings = [
      filing({ id: 'A', party: 'agent', agent: son, applicant: { name: '王秀兰' } }),
      filing({ id: 'B', party: 'self' }),
      filing({ id: 'C', party: 'applicant', agent: son }),
      filing({ id: 'D', party: 'agent', agent: son, applicant: { name: '张建国' } }),
    ]
    const { own, forFamily } = splitFilings(filings)
    expect(own.map((f) => f.id)).toEqual(['B', 'C'])
    expect(forFamily.map((f) => f.id)).toEqual(['A', 'D'])
  })

  test('a card says who filed it for the insured person, and for whom the agent filed it', () => {
    expect(agencyText(filing({ party: 'applicant', agent: son }))).toBe('由 张伟（子女）代办')
    expect(agencyText(filing({ party: 'agent', agent: son, applicant: { name: '王秀兰' } }))).toBe('为 王秀兰 代办')
    expect(agencyText(filing({ party: 'self' }))).toBeNull()
  })

  test('under review, the card names the stage being done: 代办核验 first for a 代办', () => {
    const review = { labels: ['代办核验', '初审', '复核', '审批'], passed: 0 }
    expect(progressText(filing({ state: 'pending_review', review }))).toBe('审核中 · 代办核验')
    expect(progressText(filing({ state: 'needs_materials', review: { ...review, passed: 1 } }))).toBe('待补充材料 · 初审')
    expect(progressText(filing({ state: 'active', review: { ...review, passed: 4 } }))).toBeNull()
    expect(progressText(filing({ state: 'pending_review' }))).toBeNull()
  })

  test('a change under review (辽宁): the card says which stage, what changes, and that the old terms hold', () => {
    const pendingChange = { summary: '就医地 海南省 → 云南省昆明市', review: { labels: ['初审', '复核', '审批'], passed: 1 } }
    expect(progressText(filing({ state: 'active', pendingChange }))).toBe('变更审核中 · 复核：就医地 海南省 → 云南省昆明市，审核通过前按原备案结算')
    expect(progressText(filing({ state: 'active', pendingChange: null }))).toBeNull()
  })
})
