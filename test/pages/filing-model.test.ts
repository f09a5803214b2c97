// The filing detail page's wording, from real `filing.get` views (the backend's own personView over
// stored records): validity, "can I change or cancel now", review stages, the timeline, actions.
import { personView } from '../../src/backend/views'
import type { HistoryEntry } from '../../src/backend/domain/record'
import { formatChinaDateTime, timelineEntries, type FilingDetail } from '../../src/lib/filing-view'
import { cancelAvailability, changeAvailability } from '../../src/lib/availability'
import { changeRejectionWords, detailActions, filingNotes, pendingChangeWords, reviewStages, ruleSources, serviceOpeningWords, validityWords } from '../../src/pages/filing/model'
import { filingRecord, historyEntry, submitEntry, type FilingOverrides } from '../backend/builders'

const TODAY = '2026-11-22'

function detail(overrides: FilingOverrides = {}, today = TODAY, history?: HistoryEntry[]): FilingDetail {
  const record = filingRecord(overrides)
  const view = personView(record, today, 'self', history ?? [submitEntry(record)])
  return view as FilingDetail
}

describe('formatChinaDateTime', () => {
  test.each([
    ['2026-11-22T02:30:00.000Z', '2026年11月22日 10:30'],
    ['2026-11-21T16:05:00.000Z', '2026年11月22日 00:05'],
    ['2026-12-31T15:59:00Z', '2026年12月31日 23:59'],
    ['2026-11-22T10:00:00+08:00', '2026年11月22日 10:00'],
  ])('%s → %s (China time, whatever the machine zone)', (iso, words) => {
    expect(formatChinaDateTime(iso)).toBe(words)
  })

  test('something that is not a time is shown as it is', () => {
    expect(formatChinaDateTime('yesterday')).toBe('yesterday')
  })
})

describe('validityWords', () => {
  test('open-ended: 长期有效 from the start date', () => {
    expect(validityWords(detail(), TODAY)).toMatchObject({ text: '长期有效', window: '2026年11月22日 起', note: null, tone: 'normal' })
  })

  test('with an end date: 至 …, the window, and the days left', () => {
    const filing = detail({ category: 'other_temporary', startDate: '2026-11-22', validUntil: '2027-05-22', commitment: null })
    expect(validityWords(filing, '2026-12-01')).toMatchObject({
      text: '至 2027年5月22日',
      window: '2026年11月22日 至 2027年5月22日',
      note: '还有 172 天',
      daysLeft: 172,
      tone: 'normal',
    })
  })

  test('即将到期 is highlighted; the last day says so', () => {
    const near = detail({ category: 'other_temporary', validUntil: '2026-12-10', commitment: null }, '2026-11-25')
    expect(near.state).toBe('expiring')
    expect(validityWords(near, '2026-11-25')).toMatchObject({ note: '还有 15 天', tone: 'warn', daysLeft: 15 })
    const last = detail({ category: 'other_temporary', validUntil: '2026-11-25', commitment: null }, '2026-11-25')
    expect(validityWords(last, '2026-11-25')).toMatchObject({ note: '今天是最后一天', daysLeft: 0, tone: 'warn' })
  })

  test('ended filings say so first', () => {
    const expired = detail({ category: 'other_temporary', validUntil: '2026-11-01', commitment: null }, TODAY)
    expect(validityWords(expired, TODAY)).toMatchObject({ text: '已过期', note: '已于 2026年11月1日 到期', tone: 'ended' })
    expect(validityWords(detail({ status: 'cancelled' }), TODAY)).toMatchObject({ text: '已取消', tone: 'ended' })
    expect(validityWords(detail({ status: 'rejected', rejectionReason: '材料不清楚' }), TODAY)).toMatchObject({ text: '没有生效', tone: 'ended' })
  })

  test('pending review: takes effect once approved; a later start date is said', () => {
    expect(validityWords(detail({ status: 'pending_review' }), TODAY)).toMatchObject({ note: '审核通过后生效', tone: 'pending' })
    expect(validityWords(detail({ startDate: '2026-11-30' }), TODAY).note).toBe('2026年11月30日起生效')
  })

  test('辽宁 referral: one settlement', () => {
    const filing = detail({ policyId: 'liaoning-provincial', category: 'referral', commitment: null, insuredRegion: { name: '辽宁省省直', code: '210000', poolingArea: '210100' } })
    expect(validityWords(filing, TODAY).text).toBe('一次住院结算有效')
  })
})

describe('changeAvailability: 现在可以变更吗？', () => {
  test('达州 retiree filed today: locked until 2027年5月23日, with the exceptions that lift it', () => {
    const words = changeAvailability(detail())
    expect(words).toMatchObject({ can: false, headline: '2027年5月23日起可以变更', opensOn: '2027-05-23', contactOpen: true })
    expect(words.message).toContain('2027年5月23日起才能变更')
    expect(words.exceptions.map((e) => e.label)).toEqual(['退休安置地发生变化', '工作单位发生变化'])
    expect(words.exceptions[1].proof).toEqual(['参保单位出具的常驻异地工作证明（加盖公章）'])
  })

  test('after the lock: 可以变更', () => {
    expect(changeAvailability(detail({}, '2027-05-23'))).toMatchObject({ can: true, headline: '可以变更', message: null, exceptions: [] })
  })

  test('山西省省直: open at any time', () => {
    const filing = detail({ policyId: 'shanxi-provincial', category: 'long_term_resident', insuredRegion: { name: '山西省省直', code: '140000', poolingArea: '140100' } })
    expect(changeAvailability(filing)).toMatchObject({ can: true, headline: '可以变更' })
    expect(cancelAvailability(filing)).toMatchObject({ can: true, headline: '可以取消' })
  })

  test('达州 referral: open, but every change needs a 转诊证明', () => {
    const filing = detail({ category: 'referral', validUntil: '2027-05-21', commitment: null })
    expect(changeAvailability(filing)).toMatchObject({ can: true, proof: ['转出医疗机构出具的转诊证明'] })
  })

  test('济宁 before any expenses: open, and says what expenses would start', () => {
    const jining = { policyId: 'jining', insuredRegion: { name: '济宁市', code: '370800', poolingArea: '370800' } }
    const before = detail(jining)
    expect(changeAvailability(before)).toMatchObject({ can: true, note: '在备案地发生医疗费用以前，可以随时变更；发生医疗费用后，6个月内不能变更。' })
    expect(cancelAvailability(before)).toMatchObject({ can: true, note: '在备案地发生医疗费用以前，可以随时取消；发生医疗费用后，6个月内不能取消。' })
    const after = detail({ ...jining, stays: [{ admissionDate: '2026-11-25', dischargeDate: '2026-11-30', recordedBy: 'admin-dev', recordedAt: '2026-12-01T00:00:00Z' }] }, '2026-12-01')
    expect(cancelAvailability(after)).toMatchObject({ can: false, headline: '2027年5月23日起可以取消', opensOn: '2027-05-23' })
  })

  test('pending review: no change of substance yet (in the server words), contact details yes', () => {
    const words = changeAvailability(detail({ status: 'pending_review' }))
    expect(words).toMatchObject({ can: false, headline: '现在不能变更', contactOpen: true, opensOn: null, exceptions: [] })
    expect(words.message).toBe('备案审核中，暂不能变更就医地或险种；如需更改，请取消后重新办理。')
  })

  test('cancelled: nothing to change, with the rules own sentence', () => {
    const words = changeAvailability(detail({ status: 'cancelled' }))
    expect(words).toMatchObject({ can: false, headline: '现在不能变更', contactOpen: false })
    expect(words.message).toContain('本备案已取消')
  })
})

describe('reviewStages', () => {
  const liaoning = { policyId: 'liaoning-provincial', commitment: null, insuredRegion: { name: '辽宁省省直', code: '210000', poolingArea: '210100' } }

  test('初审 done, 复核 in hand, 审批 waiting', () => {
    expect(reviewStages(detail({ ...liaoning, status: 'pending_review', reviewers: ['admin-dev'] }))).toEqual([
      { label: '初审', state: 'done' },
      { label: '复核', state: 'current' },
      { label: '审批', state: 'waiting' },
    ])
  })

  test('rejected at 复核; approved: all done; instant review: no stages', () => {
    expect(reviewStages(detail({ ...liaoning, status: 'rejected', reviewers: ['admin-dev'] })).map((s) => s.state)).toEqual(['done', 'stopped', 'waiting'])
    expect(reviewStages(detail({ ...liaoning, status: 'active', reviewers: ['a', 'b', 'c'] })).map((s) => s.state)).toEqual(['done', 'done', 'done'])
    expect(reviewStages(detail())).toEqual([])
  })
})

describe('timelineEntries', () => {
  test('newest first, in China time, with reasons and what changed (phones masked)', () => {
    const record = filingRecord()
    const after = { ...record.applicant, phone: '13900001111' }
    const entries = timelineEntries(
      personView(record, TODAY, 'self', [
        submitEntry(record),
        historyEntry({ at: '2026-11-23T06:00:00.000Z', action: 'update_contact', reason: '换号了', changes: [{ field: 'applicant', before: record.applicant, after }] }),
        historyEntry({
          at: '2027-06-01T01:00:00.000Z',
          action: 'change',
          reason: '搬家',
          changes: [{ field: 'destination', before: record.destination, after: { provinceCode: '440000', cityCode: '440100', areaCode: '440100' } }, { field: 'changedOn', before: null, after: '2027-06-01' }],
        }),
        historyEntry({ at: '2027-06-02T01:00:00.000Z', action: 'view', role: 'staff', actor: 'admin-dev' }),
      ]).history ?? [],
    )
    expect(entries.map((e) => [e.label, e.when, e.reason, e.details, e.byStaff])).toEqual([
      ['经办人员查阅', '2027年6月2日 09:00', null, [], true],
      ['变更备案', '2027年6月1日 09:00', '搬家', ['就医地：广东省深圳市 → 广东省广州市'], false],
      ['修改联系方式', '2026年11月23日 14:00', '换号了', ['联系电话：138****5678 → 139****1111'], false],
      ['提交备案', '2026年11月22日 10:30', null, [], false],
    ])
    // The full ID number that the history carries is never put into words.
    expect(JSON.stringify(entries)).not.toContain(record.applicant.idNumber)
  })

  test('a new address, and materials added with a change', () => {
    const record = filingRecord({ applicant: { address: null } })
    const entries = timelineEntries([
      {
        at: '2026-11-23T06:00:00.000Z',
        action: 'update_contact',
        label: '修改联系方式',
        role: 'owner',
        reason: '补地址',
        changes: [
          { field: 'applicant', before: record.applicant, after: { ...record.applicant, address: '深圳市南山区1号' } },
          { field: 'materials', before: [], after: [{ kind: 'employer_certificate', fileId: 'f1' }] },
        ],
      },
    ])
    expect(entries[0].details).toEqual(['联系地址：未填写 → 深圳市南山区1号', '补充材料：参保单位出具的常驻异地工作证明（加盖公章）'])
  })
})

describe('detailActions', () => {
  test('an active filing: change, cancel, certificate', () => {
    expect(detailActions(detail())).toEqual({ change: true, cancel: true, certificate: true, continuingReferral: false, refile: false })
  })

  test('a referral offers 续转诊; a rejected filing only 重新办理; a cancelled one nothing', () => {
    expect(detailActions(detail({ category: 'referral', validUntil: '2027-05-21', commitment: null })).continuingReferral).toBe(true)
    expect(detailActions(detail({ status: 'rejected' }))).toEqual({ change: false, cancel: false, certificate: false, continuingReferral: false, refile: true })
    expect(Object.values(detailActions(detail({ status: 'cancelled' }))).some(Boolean)).toBe(false)
  })

  test('pending review: contact change and cancel, no certificate yet', () => {
    expect(detailActions(detail({ status: 'pending_review' }))).toMatchObject({ change: true, cancel: true, certificate: false })
  })

  test('waiting for materials: the same, and still no certificate', () => {
    const waiting = detail({ status: 'pending_review', materialsRequest: { note: '请补充户口本', by: 'admin-dev', at: '2026-11-22T06:05:00.000Z', stage: null } })
    expect(detailActions(waiting)).toMatchObject({ change: true, cancel: true, certificate: false })
  })

  test('expired: no certificate, but the filing may still be changed or cancelled', () => {
    const expired = detail({ category: 'other_temporary', validUntil: '2026-11-01', commitment: null })
    expect(detailActions(expired)).toMatchObject({ change: true, cancel: true, certificate: false })
  })

  test('a lock that holds until a day still offers the button: the page says when', () => {
    const jining = { policyId: 'jining', insuredRegion: { name: '济宁市', code: '370800', poolingArea: '370800' } }
    const locked = detail({ ...jining, stays: [{ admissionDate: '2026-11-25', dischargeDate: null, recordedBy: 'admin-dev', recordedAt: '2026-12-01T00:00:00Z' }] }, '2026-12-01')
    expect(locked.actions.cancel).toMatchObject({ allowed: false, allowedFrom: '2027-05-23' })
    expect(detailActions(locked).cancel).toBe(true)
  })
})

describe('the seed section behind each answer on the detail page', () => {
  test('达州 retiree: validity 001 四(一), change lock 001 四(三)1, cancel a listed reading', () => {
    expect(ruleSources(detail())).toEqual({ validity: '001 四(一)', change: '001 四(三)1', cancel: '001 四(三)；本服务的理解（文件未规定）' })
  })

  test('the profile\'s guide for this filing: 达州 outpatient and pharmacy, injuries, returning home, manual reimbursement', () => {
    expect(filingNotes(detail()).map((note) => note.source)).toEqual(['001 四(四)', '001 三(二)7', '001 三(二)8', '001 四(二)'])
  })

  test('济宁 referral: no 回参保地 note meant for long-term residents', () => {
    const jining = detail({ policyId: 'jining', category: 'referral', insuredRegion: { name: '济宁市', code: '370800', poolingArea: '370800' } })
    expect(filingNotes(jining).map((note) => note.topic)).toEqual(['injury_no_third_party', 'outside_tests_pharmacy', 'manual_reimbursement'])
  })
})

describe('a change under review (辽宁: staged review for changes too)', () => {
  const liaoning = {
    policyId: 'liaoning-provincial',
    category: 'resident_worker' as const,
    commitment: null,
    insuredRegion: { name: '辽宁省省直', code: '210000', poolingArea: '210100' },
    destination: { provinceCode: '310000', areaCode: '310000' },
    reviewers: ['a', 'b', 'c'],
  }
  const pendingChange = {
    destination: { provinceCode: '530000', cityCode: '530100', areaCode: '530100' },
    requestedOn: '2027-06-01',
    requestedAt: '2027-06-01T02:00:00.000Z',
    by: 'o-wang-xiulan',
    reason: '单位派驻昆明',
    materials: [],
    reviewers: ['a'],
  }

  test('the detail says what waits and that the old terms hold until it is approved', () => {
    const filing = detail({ ...liaoning, pendingChange }, '2027-06-02')
    expect(filing.changeNeedsReview).toBe(true)
    expect(pendingChangeWords(filing)).toEqual({
      headline: '变更审核中：就医地 上海市 → 云南省昆明市，审核通过前按原备案结算',
      requestedOn: '2027年6月1日',
      reason: '单位派驻昆明',
      stages: [
        { label: '初审', state: 'done' },
        { label: '复核', state: 'current' },
        { label: '审批', state: 'waiting' },
      ],
    })
    // No second change while it waits; the phone and address still can be corrected.
    const change = changeAvailability(filing)
    expect(change).toMatchObject({ can: false, headline: '现在不能变更', message: '已有一项变更在审核中，审核结束后才能再次变更就医地或险种。', contactOpen: true })
    expect(detailActions(filing).change).toBe(true)
  })

  test('no pending change, nothing to say; a commitment profile never sends changes to review', () => {
    expect(pendingChangeWords(detail(liaoning, '2027-06-02'))).toBeNull()
    expect(detail({}).changeNeedsReview).toBe(false)
  })

  test('a change turned down: the reason, and the filing kept its terms', () => {
    const filing = detail({ ...liaoning, changeRejection: { reason: '派驻文件与单位证明不一致', on: '2027-06-03', destination: pendingChange.destination } }, '2027-06-03')
    expect(changeRejectionWords(filing)).toEqual({
      title: '变更没有通过审核',
      summary: '申请的变更：就医地 上海市 → 云南省昆明市',
      reason: '派驻文件与单位证明不一致',
      on: '2027年6月3日',
      next: '备案按原内容继续有效。如仍需变更，请按上面的原因准备好材料后重新申请。',
    })
    expect(changeRejectionWords(detail(liaoning))).toBeNull()
  })

  test('the timeline names the requested change and the staff who decided it', () => {
    const record = filingRecord({ ...liaoning, pendingChange })
    const history: HistoryEntry[] = [
      submitEntry(record),
      historyEntry({ filingId: record.id, action: 'request_change', role: 'owner', reason: '单位派驻昆明', changes: [{ field: 'pendingChange', before: null, after: pendingChange }] }),
      historyEntry({
        filingId: record.id,
        action: 'supplement',
        role: 'owner',
        changes: [{ field: 'pendingChange', before: pendingChange, after: { ...pendingChange, materials: [{ kind: 'hukou', fileId: 'f_1' }] } }],
      }),
      historyEntry({ filingId: record.id, action: 'change_reject', role: 'staff', actor: 'a', stage: '变更初审', reason: '材料不符' }),
    ]
    const entries = timelineEntries(personView(record, '2027-06-02', 'self', history).history!)
    expect(entries.map((e) => [e.label, e.details, e.reasonLabel])).toEqual([
      ['变更初审：变更未通过审核', [], '原因'],
      ['补充材料', ['补充材料：就医地户口本（首页和本人页），或异地户籍、异地身份证'], '说明'],
      ['申请变更，等待审核', ['申请变更就医地为：云南省昆明市（待审核）'], '原因'],
      ['提交备案', [], '原因'],
    ])
  })
})

describe('辽宁: after approval, the day direct settlement opens (002 第十二条, issue 16 item 11)', () => {
  const liaoning = { policyId: 'liaoning-provincial', category: 'resident_worker' as const, commitment: null, insuredRegion: { name: '辽宁省省直', code: '210000', poolingArea: '210100' } }

  test('approved: within 15 working days of filing, with the day (2026-11-20 + 15 working days)', () => {
    const words = serviceOpeningWords(detail({ ...liaoning, status: 'active', filedOn: '2026-11-20', startDate: '2026-11-20' }), TODAY)
    expect(words?.text).toBe('登记备案后15个工作日内开通跨省直接结算，2026年12月11日前开通。开通以前住院的，请先向参保单位确认能否直接结算。')
    expect(words?.source).toBe('002 第十二条')
  })

  test('not said once the day has passed, under review, or where service opens at once', () => {
    expect(serviceOpeningWords(detail({ ...liaoning, status: 'active', filedOn: '2026-10-01', startDate: '2026-10-01' }), TODAY)).toBeNull()
    expect(serviceOpeningWords(detail({ ...liaoning, status: 'pending_review', filedOn: '2026-11-20' }), TODAY)).toBeNull()
    expect(serviceOpeningWords(detail({ ...liaoning, category: 'referral', status: 'active', filedOn: '2026-11-20' }), TODAY)).toBeNull()
    expect(serviceOpeningWords(detail({ status: 'active', filedOn: '2026-11-20' }), TODAY)).toBeNull()
  })
})
