// The detail page's 补充材料 and 抽查 wording and the supplement page's logic, from real `filing.get`
// views (the backend's own personView over stored records): the request shown only while open, the
// 抽查 outcome, the kinds on offer, the payload, and where each message goes.
import { personView } from '../../src/backend/views'
import { MATERIAL_KINDS } from '../../src/rules'
import { materialEntryLabel, timelineEntries, type FilingDetail } from '../../src/lib/filing-view'
import { checkSupplement, materialsRequestWords, spotCheckWords, supplementErrors, supplementFieldOf, supplementKinds, supplementPayload, validityWords } from '../../src/pages/filing/model'
import { filingRecord, submitEntry, type FilingOverrides } from '../backend/builders'

const TODAY = '2026-11-22'

function detail(overrides: FilingOverrides = {}, today = TODAY): FilingDetail {
  const record = filingRecord(overrides)
  return personView(record, today, 'self', [submitEntry(record)]) as FilingDetail
}

/** A 辽宁省省直 resident worker waiting at 初审 for more materials. */
function asked(note = '请补充劳动合同首页', stage: string | null = '初审', overrides: FilingOverrides = {}): FilingDetail {
  return detail({
    policyId: 'liaoning-provincial',
    insuredRegion: { name: '辽宁省省直', code: '210000', poolingArea: '210100' },
    category: 'resident_worker',
    destination: { provinceCode: '310000', areaCode: '310000' },
    status: 'pending_review',
    effectiveOn: null,
    commitment: null,
    materialsRequest: { note, by: 'admin-dev', at: '2026-11-22T06:05:00.000Z', stage },
    ...overrides,
  })
}

describe('materialsRequestWords', () => {
  test('while staff wait for materials: the note verbatim, the stage, and when (China time)', () => {
    const filing = asked('请补充劳动合同首页\n（须加盖单位公章）')
    expect(filing.state).toBe('needs_materials')
    expect(materialsRequestWords(filing)).toEqual({ items: [], note: '请补充劳动合同首页\n（须加盖单位公章）', stage: '初审', askedAt: '2026年11月22日 14:05' })
  })

  test('the materials staff picked, by name with the profile’s note, and an empty note left empty', () => {
    const filing = asked('', '初审', {
      materialsRequest: { note: '', items: ['direct_settlement_form', 'employer_certificate'], by: 'admin-dev', at: '2026-11-22T06:05:00.000Z', stage: '初审' },
    })
    expect(materialsRequestWords(filing)).toMatchObject({
      items: [
        { kind: 'direct_settlement_form', label: '异地就医住院医疗费直接结算申报表', note: '附表1，由参保单位盖章' },
        { kind: 'employer_certificate', label: '参保单位出具的常驻异地工作证明（加盖公章）', note: null },
      ],
      note: '',
    })
  })

  test('without stages the stage is left out', () => {
    expect(materialsRequestWords(asked('请补充户口本', null))?.stage).toBeNull()
  })

  test('nothing when no request is open', () => {
    expect(materialsRequestWords(detail())).toBeNull()
    expect(materialsRequestWords(detail({ status: 'pending_review' }))).toBeNull()
    // A cancelled filing never shows an old request: it takes no supplement.
    const cancelled = asked('请补充劳动合同首页', '初审', { status: 'cancelled' })
    expect(cancelled.actions.supplement.allowed).toBe(false)
    expect(materialsRequestWords(cancelled)).toBeNull()
  })
})

describe('a supplement reads as one, apart from the original (issue 16 item 14)', () => {
  const supplement = { at: '2026-11-22T17:30:00.000Z', stage: '初审' }
  test('补充：<name>（<China date>）; an original by its name alone', () => {
    expect(materialEntryLabel({ kind: 'hukou' })).toBe('就医地户口本（首页和本人页），或异地户籍、异地身份证')
    // 01:30 on the 23rd in China.
    expect(materialEntryLabel({ kind: 'hukou', supplement })).toBe('补充：就医地户口本（首页和本人页），或异地户籍、异地身份证（2026年11月23日）')
  })

  test('the history names what staff asked for and what was supplemented', () => {
    const entries = timelineEntries([
      {
        at: '2026-11-22T17:30:00.000Z',
        action: 'supplement',
        label: '补充材料',
        role: 'owner',
        reason: null,
        changes: [{ field: 'materials', before: [], after: [{ kind: 'hukou', fileId: 'f1', supplement }] }],
      },
      {
        at: '2026-11-22T06:05:00.000Z',
        action: 'request_materials',
        label: '初审：要求补充材料',
        role: 'staff',
        reason: null,
        changes: [{ field: 'materialsRequest', before: null, after: { note: '', items: ['hukou', 'residence_proof'], by: 'a', at: '', stage: '初审' } }],
      },
    ])
    expect(entries.map((entry) => entry.details)).toEqual([
      ['要求补充：就医地户口本（首页和本人页），或异地户籍、异地身份证；就医地居住证（暂住证），或村（居）委会、派出所、街道办出具的居住证明'],
      ['补充：就医地户口本（首页和本人页），或异地户籍、异地身份证（2026年11月23日）'],
    ])
  })
})

describe('validityWords while waiting for materials', () => {
  test('pending, and says what it takes to take effect', () => {
    expect(validityWords(asked(), TODAY)).toMatchObject({ text: '长期有效', note: '补充材料并审核通过后生效', tone: 'pending', daysLeft: null })
  })
})

describe('spotCheckWords', () => {
  test('not checked (or a pick not announced): nothing', () => {
    expect(spotCheckWords(detail())).toBeNull()
    expect(spotCheckWords(detail({ spotCheck: { state: 'due', sampledOn: TODAY } }))).toBeNull()
  })

  test('a problem: the title, the note, the date in words and what to do', () => {
    const filing = detail({ spotCheck: { state: 'problem', sampledOn: TODAY, note: '请于30日内提供居住证明原件', by: 'admin-dev', on: '2026-11-25' } })
    expect(spotCheckWords(filing)).toEqual({
      result: 'problem',
      title: '抽查核查发现问题',
      note: '请于30日内提供居住证明原件',
      on: '2026年11月25日',
      next: '请按要求办理；如有疑问，请联系参保地医保经办机构。',
    })
  })

  test('a problem without a note still says what to do', () => {
    const filing = detail({ spotCheck: { state: 'problem', sampledOn: TODAY, note: null, by: 'admin-dev', on: '2026-11-25' } })
    expect(spotCheckWords(filing)).toMatchObject({ result: 'problem', note: null })
  })

  test('verified: one calm line with the date', () => {
    const filing = detail({ spotCheck: { state: 'verified', sampledOn: TODAY, note: null, by: 'admin-dev', on: '2026-11-25' } })
    expect(spotCheckWords(filing)).toEqual({ result: 'verified', text: '抽查核查：材料无误（2026年11月25日）', on: '2026年11月25日' })
  })
})

describe('supplementKinds', () => {
  test('the kinds the filing’s rule lists, with their notes (辽宁 resident worker)', () => {
    expect(supplementKinds(asked())).toEqual([
      { kind: 'employer_certificate', label: '参保单位出具的常驻异地工作证明（加盖公章）', note: null },
      { kind: 'direct_settlement_form', label: '异地就医住院医疗费直接结算申报表', note: '附表1，由参保单位盖章' },
      { kind: 'direct_settlement_request', label: '个人自愿选择住院医疗费用直接结算申请书', note: null },
    ])
  })

  test('every kind when the rule lists none (a profile that no longer files the category)', () => {
    const unknown = { ...asked(), policyId: 'no-such-profile' } as FilingDetail
    expect(supplementKinds(unknown).map((k) => k.kind)).toEqual([...MATERIAL_KINDS])
    expect(supplementKinds(unknown).every((k) => k.label.length > 0)).toBe(true)
  })
})

describe('the supplement payload and its checks', () => {
  const filing = asked()
  const file = { kind: 'employer_certificate' as const, fileId: 'f_0123456789abcdef', name: '劳动合同.pdf' }

  test('sends kinds and file ids (never the names), and the note only when written', () => {
    expect(supplementPayload(filing, { files: [file], note: '  ' })).toEqual({
      id: filing.id,
      version: filing.version,
      materials: [{ kind: 'employer_certificate', fileId: 'f_0123456789abcdef' }],
    })
    expect(supplementPayload(filing, { files: [file], note: ' 已补劳动合同 ' }).note).toBe('已补劳动合同')
  })

  test('nothing uploaded: the rules’ message, under the materials', () => {
    expect(checkSupplement(filing, { files: [], note: '' })).toEqual({ materials: '请上传经办人员要求补充的材料' })
  })

  test('a note over 200 characters: under the note', () => {
    expect(checkSupplement(filing, { files: [file], note: '字'.repeat(201) })).toEqual({ note: '说明最多200个字' })
    expect(checkSupplement(filing, { files: [file], note: '字'.repeat(200) })).toEqual({})
  })

  test('a request naming materials: each must be uploaded, and only those (the server’s messages)', () => {
    const named = asked('', '初审', {
      materialsRequest: { note: '', items: ['employer_certificate', 'direct_settlement_form'], by: 'admin-dev', at: '2026-11-22T06:05:00.000Z', stage: '初审' },
    })
    expect(checkSupplement(named, { files: [file], note: '' })).toEqual({ materials: '请上传：异地就医住院医疗费直接结算申报表' })
    const form = { kind: 'direct_settlement_form' as const, fileId: 'f_1123456789abcdef', name: '附表1.pdf' }
    expect(checkSupplement(named, { files: [file, form], note: '' })).toEqual({})
    const other = { kind: 'direct_settlement_request' as const, fileId: 'f_2123456789abcdef', name: '申请书.pdf' }
    expect(checkSupplement(named, { files: [file, form, other], note: '' })).toEqual({
      materials: '经办人员没有要求补充“个人自愿选择住院医疗费用直接结算申请书”，请只上传要求补充的材料',
    })
  })

  test('server issues go to their field; others on top', () => {
    expect(supplementFieldOf('materials')).toBe('materials')
    expect(supplementFieldOf('materials.0.fileId')).toBe('materials')
    expect(supplementFieldOf('note')).toBe('note')
    expect(supplementFieldOf('id')).toBe('')
    expect(supplementFieldOf('')).toBe('')
    expect(
      supplementErrors([
        { path: 'materials.1.fileId', message: '请重新上传这份材料' },
        { path: 'materials.0.fileId', message: '第二条' },
        { path: 'id', message: '经办人员没有要求这份备案补充材料，不需要再上传' },
      ]),
    ).toEqual({ materials: '请重新上传这份材料', '': '经办人员没有要求这份备案补充材料，不需要再上传' })
  })
})
