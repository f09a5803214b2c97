// The back office's filter form → admin.list request (checked by the server's own schema), page
// words, chart data, and the words for a 代办 filing (tag, 代签, who did what in its history).
import {
  AGENT_CHECK_NOTE,
  EMPTY_FORM,
  actorLabel,
  agentTag,
  barsOf,
  filterCount,
  filtersOf,
  isAgentCheck,
  issuesByField,
  listRequestOf,
  monthBars,
  pageCount,
  pageWords,
  reviewDoneWords,
  reviewTarget,
  signedByWords,
  statusLabel,
  type AgentDetail,
  EMPTY_ACCESS_LOG_FORM,
  accessEntryWords,
  accessLogRequestOf,
  canAudit,
  revealRequestOf,
  type AccessEntry,
} from '../../src/admin/model'
import { AGENT_CHECK_STAGE, RELATIONSHIP_LABELS, filingStages, findProfile, type Relationship } from '../../src/rules'

describe('the filter form becomes an admin.list request', () => {
  test('an empty form asks for everything, newest filings first', () => {
    expect(listRequestOf(EMPTY_FORM, 1)).toEqual({ ok: true, request: { filters: {}, page: 1, pageSize: 20, sort: { key: 'filedOn', direction: 'desc' } } })
  })

  test('choices and typed filters, trimmed; the queues add their own filter', () => {
    const form = { ...EMPTY_FORM, q: ' 王秀 ', state: ['active' as const], provinceCode: '440000', cityCode: '440300', startFrom: '2026-01-01', expiringWithinDays: '45', sort: 3 }
    expect(listRequestOf(form, 2)).toEqual({
      ok: true,
      request: {
        filters: { q: '王秀', state: ['active'], provinceCode: '440000', cityCode: '440300', startFrom: '2026-01-01', expiringWithinDays: 45 },
        page: 2,
        pageSize: 20,
        sort: { key: 'validUntil', direction: 'asc' },
      },
    })
    expect(filtersOf({ ...EMPTY_FORM, queue: 'mine' })).toEqual({ needsMyReview: true })
    expect(filtersOf({ ...EMPTY_FORM, queue: 'spot' })).toEqual({ spotCheckDue: true })
    expect(filtersOf({ ...EMPTY_FORM, queue: 'expiring' })).toEqual({ expiringWithinDays: 30 })
    expect(filtersOf({ ...EMPTY_FORM, queue: 'expiring', expiringWithinDays: '7' })).toEqual({ expiringWithinDays: 7 })
  })

  test.each([
    [{ startFrom: '2026-13-01' }, { startFrom: '请选择开始日期范围的起点，格式如 2026-03-01' }],
    [{ startFrom: '2026-06-01', startTo: '2026-01-01' }, { startTo: '开始日期范围的起点不能晚于终点' }],
    [{ expiringWithinDays: '三十' }, { expiringWithinDays: '请输入天数' }],
  ])('a wrong filter %j is named next to its field, in Chinese', (patch, expected) => {
    const built = listRequestOf({ ...EMPTY_FORM, ...patch }, 1)
    expect(built.ok).toBe(false)
    if (!built.ok) expect(issuesByField(built.issues)).toEqual(expected)
  })
})

test('page words and counts', () => {
  expect(pageWords(0, 1, 20)).toBe('没有符合条件的备案')
  expect(pageWords(135, 2, 20)).toBe('第 21–40 条，共 135 条')
  expect(pageWords(135, 7, 20)).toBe('第 121–135 条，共 135 条')
  expect(pageCount(135, 20)).toBe(7)
  expect(pageCount(0, 20)).toBe(1)
})

test('bars: largest first, the rest summed as 其他, lengths relative to the largest', () => {
  const bars = barsOf({ active: 60, pending_review: 30, rejected: 0, cancelled: 10 }, statusLabel, 2)
  expect(bars).toEqual([
    { key: 'active', label: '已生效', value: 60, share: 1 },
    { key: 'pending_review', label: '审核中', value: 30, share: 0.5 },
    { key: 'other', label: '其他', value: 10, share: 10 / 60 },
  ])
  expect(barsOf({}, statusLabel)).toEqual([])
})

test('months: the last 12 up to this month, empty ones as 0, across a year end', () => {
  const bars = monthBars({ '2026-01': 4, '2025-12': 2, '2026-11': 8 }, '2026-11-29')
  expect(bars.map((bar) => bar.key)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'])
  expect(bars[0]).toEqual({ key: '2025-12', label: '12月', value: 2, share: 0.25 })
  expect(bars[11]).toMatchObject({ label: '11月', value: 8, share: 1 })
  expect(bars[2].value).toBe(0)
})

describe('只看代办', () => {
  test('asks for 代办 filings only, alone or within a queue; the schema the server uses accepts it', () => {
    expect(filtersOf({ ...EMPTY_FORM, byAgent: true })).toEqual({ byAgent: true })
    expect(filtersOf({ ...EMPTY_FORM, byAgent: true, queue: 'mine' })).toEqual({ byAgent: true, needsMyReview: true })
    expect(filtersOf({ ...EMPTY_FORM, byAgent: true, queue: 'spot', state: ['active'] })).toEqual({ state: ['active'], byAgent: true, spotCheckDue: true })
    expect(listRequestOf({ ...EMPTY_FORM, byAgent: true }, 1)).toEqual({
      ok: true,
      request: { filters: { byAgent: true }, page: 1, pageSize: 20, sort: { key: 'filedOn', direction: 'desc' } },
    })
    // Off: no filter at all (not byAgent: false, which would read as "not 代办").
    expect(filtersOf(EMPTY_FORM)).toEqual({})
  })

  test('it shows beside the queues, so the folded filters do not count it', () => {
    expect(filterCount({ ...EMPTY_FORM, byAgent: true, queue: 'mine' })).toBe(0)
    expect(filterCount({ ...EMPTY_FORM, byAgent: true, q: '王', state: ['active'], startTo: '2026-01-01' })).toBe(3)
  })
})

const agent = (relationship: Relationship, name = '李强'): AgentDetail => ({
  name,
  relationship,
  relationshipLabel: RELATIONSHIP_LABELS[relationship],
  idType: 'resident_id',
  idTypeLabel: '居民身份证',
  idNumberMasked: '511***********0331',
  phoneMasked: '138****8000',
  authorization: null,
})

describe('a 代办 filing in the back office', () => {
  test.each([
    ['child', '代办：李强（子女）'],
    ['spouse', '代办：李强（配偶）'],
    ['other_relative', '代办：李强（其他亲属）'],
    // 其他人（非亲属）: no brackets inside the brackets.
    ['other', '代办：李强（非亲属）'],
  ] as const)('the row tag for %s reads %s', (relationship, tag) => {
    expect(agentTag(agent(relationship))).toBe(tag)
  })

  test('代办核验 is the stage staff take first; its note says what they check', () => {
    const liaoning = findProfile('liaoning-provincial')!
    const stages = filingStages(liaoning, 'resident_worker', true).map((stage) => stage.label)
    expect(stages).toEqual(['代办核验', '初审', '复核', '审批'])
    expect(isAgentCheck(stages[0])).toBe(true)
    expect(stages.slice(1).some(isAgentCheck)).toBe(false)
    expect(isAgentCheck(undefined)).toBe(false)
    expect(AGENT_CHECK_NOTE).toBe(`代办备案须先经${AGENT_CHECK_STAGE.label}：核对代办人身份、与参保人的关系及授权委托书`)
  })

  test('代签: a commitment the agent signed in their own name says so; the person\'s own signature does not', () => {
    const commitment = { signature: '李强', signedAt: '2026-11-22T02:00:00.000Z', title: '异地就医备案个人承诺书' }
    expect(signedByWords({ commitment: { ...commitment, signedBy: 'agent' }, agent: agent('child') })).toBe('代签：代办人李强（子女）以本人名义签署')
    expect(signedByWords({ commitment: { ...commitment, signedBy: 'agent' }, agent: agent('other', '张伟') })).toBe('代签：代办人张伟（非亲属）以本人名义签署')
    expect(signedByWords({ commitment: { ...commitment, signedBy: 'applicant' }, agent: null })).toBeNull()
    // Older records carry no signedBy: the applicant signed.
    expect(signedByWords({ commitment, agent: null })).toBeNull()
    expect(signedByWords({ commitment: null, agent: agent('child') })).toBeNull()
  })

  test('the history says who did each thing: the agent, the insured person themself, or the staff member', () => {
    const byAgent = { owner: 'o-son', agent: agent('child') }
    const own = { owner: 'o-mother', agent: null }
    expect(actorLabel({ role: 'owner', actor: 'o-son' }, byAgent)).toBe('代办人')
    expect(actorLabel({ role: 'applicant', actor: 'o-mother' }, byAgent)).toBe('参保人本人')
    expect(actorLabel({ role: 'owner', actor: 'o-mother' }, own)).toBe('申请人')
    expect(actorLabel({ role: 'staff', actor: 'admin-dev' }, byAgent)).toBe('admin-dev')
  })
})

describe('what a reviewer decides: the filing, or a change of an approved one', () => {
  const review = { labels: ['初审', '复核', '审批'], passed: 1 }
  const pendingChange = { summary: '就医地 上海市 → 云南省昆明市', review: { labels: ['初审', '复核', '审批'], passed: 2 } }

  test.each([
    [{ status: 'pending_review', review, pendingChange: null, materialsRequest: null }, { kind: 'filing', title: '审核', stage: '复核', passed: 1, last: false, waitingForMaterials: false }],
    [{ status: 'active', review: { ...review, passed: 3 }, pendingChange, materialsRequest: null }, { kind: 'change', title: '变更审核：就医地 上海市 → 云南省昆明市', stage: '审批', passed: 2, last: true, waitingForMaterials: false }],
    [{ status: 'active', review: { ...review, passed: 3 }, pendingChange, materialsRequest: { note: '请补充' } }, { kind: 'change', waitingForMaterials: true }],
  ] as const)('%j', (filing, expected) => {
    expect(reviewTarget(filing as unknown as Parameters<typeof reviewTarget>[0])).toMatchObject(expected)
  })

  test('nothing to review: an active filing without a pending change, or a closed one', () => {
    for (const status of ['active', 'rejected', 'cancelled'] as const) {
      expect(reviewTarget({ status, review, pendingChange: null, materialsRequest: null } as unknown as Parameters<typeof reviewTarget>[0])).toBeNull()
    }
  })

  test('the words after a decision', () => {
    const change = reviewTarget({ status: 'active', review, pendingChange, materialsRequest: null } as unknown as Parameters<typeof reviewTarget>[0])!
    expect(reviewDoneWords(change, 'approve')).toBe('已审批通过，变更生效。')
    expect(reviewDoneWords(change, 'reject')).toBe('已驳回变更，备案按原内容继续有效，申请人会看到原因。')
    const filing = reviewTarget({ status: 'pending_review', review, pendingChange: null, materialsRequest: null } as unknown as Parameters<typeof reviewTarget>[0])!
    expect(reviewDoneWords(filing, 'approve')).toBe('复核已通过，转下一级。')
    expect(reviewDoneWords(filing, 'reject')).toBe('已驳回，申请人会看到原因。')
  })
})

describe('显示完整信息 and 访问记录 (issue 13)', () => {
  test('reveal asks for a reason, in Chinese, at the reason field; trimmed when given', () => {
    expect(revealRequestOf('YD1', '')).toEqual({ ok: false, error: '请填写原因' })
    expect(revealRequestOf('YD1', '   ')).toEqual({ ok: false, error: '请填写原因' })
    expect(revealRequestOf('YD1', '字'.repeat(201))).toEqual({ ok: false, error: '原因最多200个字' })
    expect(revealRequestOf('YD1', ' 申请人来电核对身份 ')).toEqual({ ok: true, request: { id: 'YD1', reason: '申请人来电核对身份' } })
  })

  test('the log form: empty fields left out; bad dates and a reversed range at their field', () => {
    expect(accessLogRequestOf(EMPTY_ACCESS_LOG_FORM, 1)).toEqual({ ok: true, request: { page: 1, pageSize: 20 } })
    expect(accessLogRequestOf({ staff: ' admin-a ', action: 'export', from: '2026-11-01', to: '2026-11-30' }, 2)).toEqual({
      ok: true,
      request: { page: 2, pageSize: 20, staff: 'admin-a', action: 'export', from: '2026-11-01', to: '2026-11-30' },
    })
    expect(accessLogRequestOf({ ...EMPTY_ACCESS_LOG_FORM, from: '11月1日' }, 1)).toEqual({ ok: false, errors: { from: '请选择起始日期' } })
    expect(accessLogRequestOf({ ...EMPTY_ACCESS_LOG_FORM, from: '2026-12-01', to: '2026-11-01' }, 1)).toEqual({ ok: false, errors: { to: '起始日期不能晚于截止日期' } })
  })

  const entry = (patch: Partial<AccessEntry>): AccessEntry => ({
    at: '2026-11-22T04:00:00.000Z',
    staff: 'admin-a',
    action: 'list',
    filters: null,
    page: null,
    rows: null,
    filingId: null,
    fileId: null,
    reason: null,
    ...patch,
  })

  test('a log line in words: filters, page, rows; a reveal with its reason; a proof with its file', () => {
    expect(accessEntryWords(entry({ filters: { q: '王秀兰', status: ['active', 'pending_review'], byAgent: true, needsMyReview: false, sort: {} }, page: 2, rows: 20 }))).toEqual({
      action: '查询列表',
      detail: `搜索：王秀兰，状态：${statusLabel('active')}、${statusLabel('pending_review')}，只看代办，第2页，20条`,
    })
    expect(accessEntryWords(entry({ action: 'export', filters: {}, rows: 3 }))).toEqual({ action: '导出', detail: '全部备案，3条' })
    expect(accessEntryWords(entry({ action: 'reveal', filingId: 'YD1', reason: '核对身份' }))).toEqual({ action: '查看完整信息', detail: '备案 YD1，原因：核对身份' })
    expect(accessEntryWords(entry({ action: 'proof', fileId: 'f_1' }))).toEqual({ action: '查看证明材料', detail: '文件 f_1' })
  })

  test('the 访问记录 link only for the audit role', () => {
    expect(canAudit(['query', 'review', 'reveal', 'audit'])).toBe(true)
    expect(canAudit(['query'])).toBe(false)
    expect(canAudit(undefined)).toBe(false)
  })
})
