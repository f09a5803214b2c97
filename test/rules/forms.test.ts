// The forms a profile asks for (rules/forms.ts): each belongs to a material its profile asks for, its
// table is whole, and the saved file carries the seed's words.
import { findProfile } from '../../src/rules'
import { PRINTABLE_FORMS, formById, formFor } from '../../src/rules/forms'
import { formHtml } from '../../src/pages/file/form-html'

const askedFor = (policyId: string) => {
  const profile = findProfile(policyId)!
  return new Set(
    Object.values(profile.categories).flatMap((rule) => (rule && 'materials' in rule ? rule.materials.map((material) => material.kind) : [])),
  )
}

test.each(PRINTABLE_FORMS.map((form) => [form.id, form] as const))('%s is a material its profile asks for, found by profile and kind', (_id, form) => {
  expect(askedFor(form.policyId).has(form.kind)).toBe(true)
  expect(formFor(form.policyId, form.kind)).toBe(form)
  expect(formById(form.id)).toBe(form)
})

test('辽宁 asks for both forms of 第九条 and we offer both; other profiles get none', () => {
  expect(formFor('liaoning-provincial', 'direct_settlement_form')?.title).toBe('辽宁省省直机关事业单位基本医疗保险异地就医住院医疗费直接结算申报表')
  expect(formFor('liaoning-provincial', 'direct_settlement_request')?.title).toBe('个人自愿选择住院医疗费用直接结算申请书')
  expect(formFor('dazhou', 'hukou')).toBeNull()
  expect(formById('nothing')).toBeNull()
})

test('附表1: every row fills the table\'s columns, and holds the seed\'s fields', () => {
  const form = formById('liaoning-settlement-form')!
  for (const row of form.table!.rows) expect(row.reduce((sum, cell) => sum + (cell.span ?? 1), 0)).toBe(form.table!.columns)
  const html = formHtml(form)
  for (const field of ['申请人姓名', '社会保障号（身份证号码）', '单位经办人', '申请人异地居住详细地址', '异地家属联系人电话', '申报人单位意见', '省社保局意见', '初审', '复核', '审批']) {
    expect(html).toContain(field)
  }
  expect(html).toContain('<table>')
  expect((html.match(/<tr>/g) ?? []).length).toBe(form.table!.rows.length)
})

test('the 申请书 says it is our wording, and states the change lock of 第十二条', () => {
  const form = formById('liaoning-settlement-request')!
  expect(form.source).toContain('措辞是我们拟的')
  expect(form.howTo[0]).toContain('参保单位另有格式的以单位的为准')
  expect(form.letter!.join('')).toContain('常驻异地工作人员6个月内')
  expect(formHtml(form)).not.toContain('<table>')
})

test('the saved file escapes what it prints', () => {
  const html = formHtml({ ...formById('liaoning-settlement-request')!, title: '<script>x</script>' })
  expect(html).not.toContain('<script>')
  expect(html).toContain('&lt;script&gt;')
})
