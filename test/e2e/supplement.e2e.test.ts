// 补充材料 and 抽查 in Chromium: staff ask a 辽宁 resident worker for more materials (through the API),
// the person finds the request from home, answers it on the supplement page (the empty submit's
// message under the field, a PDF uploaded, one removed again, a 说明) and the filing is back at 审核中
// with 补充材料 in its timeline; staff tick the materials they want in the back office, the person
// uploads each by name and both sides read them as 补充; a CONFLICT keeps the uploads; large text
// holds; a 抽查 that found a problem (and one that found none) shows on the detail.
import type { Page } from 'playwright-core'
import { residentId } from '../rules/fixtures'
import { PDF, api, boxes, fixNow, overflowsHorizontally, overlappingText, startApp, submitAs, uploadPdf, type App } from './browser'

let app: App

afterEach(async () => {
  await app?.close()
})

/** "Now" for these tests: a Sunday in China (as in filing.e2e.test.ts). */
const NOW = '2026-11-22T10:00:00+08:00'
const STAFF = 'admin-dev'
const WORKER = 'e2e-liaoning-worker'
const REQUEST_NOTE = '请补充劳动合同首页（须加盖单位公章），以证明派驻上海工作一年以上'

/** A 辽宁省省直 常驻异地工作人员 filing to 上海 with its three PDFs (002 第九条), waiting for 初审. */
async function workerFiling() {
  app = await startApp({ seedDemo: false, openid: WORKER })
  const materials = []
  for (const kind of ['employer_certificate', 'direct_settlement_form', 'direct_settlement_request']) {
    materials.push({ kind, fileId: await uploadPdf(app, WORKER, `${kind}.pdf`) })
  }
  const submitted = await submitAs(
    app,
    {
      requestId: 'e2e-liaoning-worker-0001',
      policyId: 'liaoning-provincial',
      category: 'resident_worker',
      applicant: { name: '刘建国', idType: 'resident_id', idNumber: residentId('210102', '19800315', '031'), phone: '13612345678' },
      destination: { provinceCode: '310000' },
      startDate: '2026-11-22',
      materials,
    },
    { openid: WORKER, now: NOW },
  )
  expect(submitted.ok).toBe(true)
  return submitted.data as { id: string; version: number }
}

/** workerFiling, and 初审 asking for more materials. The filing as the person then reads it. */
async function workerAskedForMaterials(options: { largeText?: boolean } = {}) {
  const submitted = await workerFiling()
  const asked = await api(
    app,
    'admin',
    'review',
    { id: submitted.id, version: submitted.version, decision: 'request_materials', note: REQUEST_NOTE },
    { openid: STAFF, now: NOW },
  )
  expect(asked.ok).toBe(true)
  expect(asked.data).toMatchObject({ state: 'needs_materials', materialsRequest: { note: REQUEST_NOTE, stage: '初审' } })
  if (options.largeText) {
    await app.context.addInitScript(() => localStorage.setItem('settings.largeText', JSON.stringify({ data: 'on' })))
  }
  await fixNow(app.page, NOW)
  return asked.data as { id: string; version: number }
}

async function getFiling(openid: string, id: string) {
  const reply = await api(app, 'filing', 'get', { id }, { openid, now: NOW })
  expect(reply.ok).toBe(true)
  return reply.data
}

/** The page that is showing (Taro's H5 router keeps earlier pages in the DOM, hidden). */
const shown = (page: Page) => page.locator('.taro_page_show:not(.taro_page_shade)')

const snap = (name: string) => app.screenshot(name)

async function tap(page: Page, text: string) {
  await shown(page).getByText(text, { exact: true }).first().click()
}

/** Picks `name` (a PDF) in the file chooser that tapping the upload button opens. */
async function uploadThroughPage(page: Page, name: string) {
  const chooser = page.waitForEvent('filechooser')
  await shown(page).locator('#supplement-upload').click()
  await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(PDF) })
  await shown(page).getByText(`已上传：${name}`).waitFor()
}

async function expectReadable(page: Page) {
  expect(await overlappingText(page)).toEqual([])
  expect(await overflowsHorizontally(page)).toBe(false)
  const small = (await boxes(page, '.btn, .choice, .link, .field__input')).filter(
    (box) => box.width > 0 && (box.width < 60 || box.height < 60),
  )
  expect(small).toEqual([])
}

test('asked for more materials: from home to the request, a supplement with a PDF, and back at 审核中', async () => {
  const { id } = await workerAskedForMaterials()
  const { page } = app

  // Home → the card → the detail, with the request on top.
  await app.open('/pages/index/index')
  await page.locator('.filing-card').getByText('查看详情、补充材料 ›').click()
  await page.waitForURL(`**/pages/filing/index?id=${id}`)
  const request = shown(page).locator('#detail-materials-request')
  await request.waitFor()
  const asked = await request.innerText()
  expect(asked).toContain('经办人员需要您补充材料')
  expect(asked).toContain(REQUEST_NOTE)
  expect(asked).toContain('审核环节：初审')
  expect(asked).toContain('提出时间：2026年11月22日 10:00')
  await shown(page).locator('.fd-head .state-tag--needs_materials').waitFor()
  await expect(shown(page).locator('#detail-validity').innerText()).resolves.toContain('补充材料并审核通过后生效')
  await expect(shown(page).locator('#detail-history').innerText()).resolves.toContain(`说明：${REQUEST_NOTE}`)
  await snap('supplement-detail-request')

  await shown(page).locator('#detail-supplement').click()
  await page.waitForURL(`**/pages/filing/supplement?id=${id}`)
  await expect(shown(page).locator('#supplement-request').innerText()).resolves.toContain(REQUEST_NOTE)
  await snap('supplement-page')

  // Nothing uploaded: the rules' message under the field; nothing sent.
  await shown(page).locator('.fd-textarea textarea').fill('劳动合同首页已盖章')
  await tap(page, '提交补充材料')
  const error = shown(page).locator('.field--error .field-error')
  await expect(error.innerText()).resolves.toContain('请上传经办人员要求补充的材料')
  // The note typed is kept.
  await expect(shown(page).locator('.fd-textarea textarea').inputValue()).resolves.toBe('劳动合同首页已盖章')
  // Uploading before saying what the file is asks for that first.
  await shown(page).locator('#supplement-upload').click()
  await expect(shown(page).locator('.choices--error .field-error').innerText()).resolves.toContain('请先选择这份材料是什么')
  await snap('supplement-errors')
  expect((await getFiling(WORKER, id)).version).toBe(2)

  // Two files, one removed again.
  await shown(page).locator('.choice', { hasText: '常驻异地工作证明' }).click()
  await uploadThroughPage(page, '劳动合同首页.pdf')
  await shown(page).locator('.choice', { hasText: '直接结算申报表' }).click()
  await uploadThroughPage(page, '拍错了.pdf')
  await expect(shown(page).locator('#supplement-files').innerText()).resolves.toContain('第2份：异地就医住院医疗费直接结算申报表')
  expect(await shown(page).locator('.field--error').count()).toBe(0)
  await snap('supplement-uploaded')
  await shown(page).locator('#supplement-remove-2').click()
  await expect(shown(page).locator('#supplement-files').innerText()).resolves.not.toContain('拍错了.pdf')

  await tap(page, '提交补充材料')
  const done = shown(page).locator('#supplement-done')
  await done.waitFor()
  const confirmation = await done.innerText()
  expect(confirmation).toContain('已补充材料')
  expect(confirmation).toContain('经办人员会继续审核')
  await shown(page).locator('#supplement-done .state-tag--pending_review').waitFor()
  await expect(shown(page).locator('.fd-facts').innerText()).resolves.toContain('劳动合同首页.pdf')
  await snap('supplement-done')

  // Back on the detail: 审核中, no request any more, 补充材料 in the timeline with the note.
  await tap(page, '查看备案')
  await page.waitForURL(`**/pages/filing/index?id=${id}`)
  await shown(page).locator('.fd-head .state-tag--pending_review').waitFor()
  expect(await shown(page).locator('#detail-materials-request').count()).toBe(0)
  const history = await shown(page).locator('#detail-history').innerText()
  expect(history).toContain('补充材料')
  expect(history).toContain('补充：参保单位出具的常驻异地工作证明（加盖公章）（2026年11月22日）')
  expect(history).toContain('说明：劳动合同首页已盖章')
  await snap('supplement-detail-after')

  const after = await getFiling(WORKER, id)
  expect(after).toMatchObject({ status: 'pending_review', state: 'pending_review', materialsRequest: null, version: 3 })
  expect(after.materials.map((m: { kind: string }) => m.kind)).toEqual([
    'employer_certificate',
    'direct_settlement_form',
    'direct_settlement_request',
    'employer_certificate',
  ])
  expect(after.history.at(-1)).toMatchObject({ action: 'supplement', label: '补充材料', reason: '劳动合同首页已盖章' })
})

/** Becomes `openid` (the sign-in page's storage) and opens `path`. */
async function as(openid: string, path: string) {
  await app.page.evaluate((id) => localStorage.setItem('devOpenid', JSON.stringify({ data: id })), openid)
  await app.open(path)
}

test('staff tick the materials they want; the person uploads each by name; both read them as 补充', async () => {
  const { id } = await workerFiling()
  const { page } = app
  await fixNow(page, NOW)
  const certificate = '参保单位出具的常驻异地工作证明（加盖公章）'
  const form = '异地就医住院医疗费直接结算申报表'

  // The app's origin first: its storage says who is signed in.
  await app.open('/pages/index/index')
  // Staff: 要求补充材料 lists the filing's three materials; two ticked, and a note for what a list cannot say.
  await as(STAFF, `/admin/filing?id=${encodeURIComponent(id)}`)
  const panel = shown(page).locator('#review-panel')
  await panel.locator('#decision-request_materials').click()
  const items = panel.locator('#review-items')
  await expect(items.locator('.a-check').allInnerTexts()).resolves.toEqual([certificate, `${form}（附表1，由参保单位盖章）`, '个人自愿选择住院医疗费用直接结算申请书'])
  // Neither ticked nor written: the rules' message next to the list.
  await panel.locator('#review-submit').click()
  await expect(items.locator('.a-field__error').innerText()).resolves.toBe('请勾选需要补充的材料，或在说明里写明需要补充什么')
  await snap('supplement-staff-request')
  await panel.locator('#review-item-employer_certificate').click()
  await panel.locator('#review-item-direct_settlement_form').click()
  await panel.locator('textarea').fill('须加盖单位公章')
  await panel.locator('#review-submit').click()
  await panel.locator('.a-alert--ok').waitFor()
  const asked = await shown(page).locator('#materials-request').innerText()
  expect(asked).toContain(certificate)
  expect(asked).toContain(form)
  expect(asked).toContain('须加盖单位公章')

  // The person: the request names both; one upload each; the files go out tagged with their material.
  await as(WORKER, `/pages/filing/index?id=${encodeURIComponent(id)}`)
  const request = await shown(page).locator('#detail-materials-request').innerText()
  expect(request).toContain(`1. ${certificate}`)
  expect(request).toContain(`2. ${form}`)
  await shown(page).locator('#detail-supplement').click()
  await page.waitForURL(`**/pages/filing/supplement?id=${id}`)
  await expect(shown(page).locator('#supplement-request').innerText()).resolves.toContain(`2. ${form}`)
  for (const [kind, name] of [
    ['employer_certificate', '工作证明（盖章）.pdf'],
    ['direct_settlement_form', '附表1.pdf'],
  ]) {
    const slot = shown(page).locator(`#supplement-${kind}`)
    if (kind === 'direct_settlement_form') {
      // One still missing: the rules' message names it, and nothing is sent.
      await tap(page, '提交补充材料')
      await expect(shown(page).locator('.field--error .field-error').innerText()).resolves.toContain(`请上传：${form}`)
    }
    const chooser = page.waitForEvent('filechooser')
    await slot.locator('.btn').click()
    await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(PDF) })
    await slot.getByText(`已上传：${name}`).waitFor()
  }
  await snap('supplement-named-uploads')
  await tap(page, '提交补充材料')
  await shown(page).locator('#supplement-done').waitFor()
  await tap(page, '查看备案')
  await page.waitForURL(`**/pages/filing/index?id=${id}`)
  // The detail reads the filing again on showing: wait for the fresh list.
  const listed = shown(page).locator('#detail-materials')
  await listed.getByText(`补充：${certificate}（2026年11月22日）`).waitFor()
  await expect(listed.innerText()).resolves.toContain(`补充：${form}（2026年11月22日）`)
  await snap('supplement-named-detail')

  // Staff: the two proofs read as 补充, apart from the three filed.
  await as(STAFF, `/admin/filing?id=${encodeURIComponent(id)}`)
  const proofs = shown(page).locator('#filing-proofs .a-proof__label')
  await expect(proofs.allInnerTexts()).resolves.toEqual([
    certificate,
    form,
    '个人自愿选择住院医疗费用直接结算申请书',
    `补充：${certificate}（2026年11月22日）`,
    `补充：${form}（2026年11月22日）`,
  ])
  await snap('supplement-named-staff')
})

test('a CONFLICT (the filing changed meanwhile) reloads it, says so, keeps the uploads and goes through', async () => {
  const { id, version } = await workerAskedForMaterials()
  const { page } = app
  await app.open(`/pages/filing/supplement?id=${encodeURIComponent(id)}`)
  await shown(page).locator('#supplement-request').waitFor()
  await shown(page).locator('.choice', { hasText: '常驻异地工作证明' }).click()
  await uploadThroughPage(page, '劳动合同首页.pdf')
  // Meanwhile the phone number is corrected elsewhere: version 2 → 3, still waiting for materials.
  const elsewhere = await api(app, 'filing', 'change', { id, version, patch: { phone: '13900001111' }, reason: '换号' }, { openid: WORKER, now: NOW })
  expect(elsewhere.ok).toBe(true)
  await tap(page, '提交补充材料')
  const notice = shown(page).locator('.fd-outcome', { hasText: '请再提交一次' })
  await notice.waitFor()
  await expect(notice.innerText()).resolves.toContain('这份备案刚刚有了更新，已为您重新载入')
  await expect(shown(page).locator('#supplement-files').innerText()).resolves.toContain('劳动合同首页.pdf')
  await snap('supplement-conflict')
  expect((await getFiling(WORKER, id)).state).toBe('needs_materials')

  await tap(page, '提交补充材料')
  await shown(page).locator('#supplement-done').waitFor()
  const after = await getFiling(WORKER, id)
  expect(after).toMatchObject({ version: 4, state: 'pending_review', materialsRequest: null })
  expect(after.applicant.phone).toBe('13900001111')
})

test('in large-text mode the request on the detail and the supplement page hold: no overlap, nothing off-screen, targets ≥ 60×60', async () => {
  const { id } = await workerAskedForMaterials({ largeText: true })
  const { page } = app
  await app.open(`/pages/filing/index?id=${encodeURIComponent(id)}`)
  await shown(page).locator('#detail-materials-request').waitFor()
  await page.locator('.screen--large').waitFor()
  await expectReadable(page)
  await snap('supplement-detail-large')

  await app.open(`/pages/filing/supplement?id=${encodeURIComponent(id)}`)
  await shown(page).locator('#supplement-request').waitFor()
  await tap(page, '提交补充材料')
  await shown(page).locator('.field--error').waitFor()
  await shown(page).locator('.choice', { hasText: '常驻异地工作证明' }).click()
  await uploadThroughPage(page, '劳动合同首页（单位盖章）扫描件.pdf')
  await expectReadable(page)
  await snap('supplement-page-large')
})

test('抽查: a problem shows as a warning with the note and the date; a clean check as one calm line', async () => {
  app = await startApp({ seedDemo: false, openid: 'e2e-spot-problem', spotCheckRate: 1 })
  const { page } = app
  const later = '2026-11-25T10:00:00+08:00'
  // Two commitment filings (picked for 抽查 at filing: the rate is 1), one found wanting.
  const people = {
    problem: {
      openid: 'e2e-spot-problem',
      filing: {
        requestId: 'e2e-spot-problem-0001',
        policyId: 'dazhou',
        category: 'resettled_retiree',
        applicant: { name: '王秀兰', idType: 'resident_id', idNumber: residentId('511702', '19580612', '024'), phone: '13812345678' },
        destination: { provinceCode: '440000', cityCode: '440300' },
        startDate: '2026-11-22',
        commitment: { accepted: true, signature: '王秀兰' },
      },
    },
    verified: {
      openid: 'e2e-spot-verified',
      filing: {
        requestId: 'e2e-spot-verified-0001',
        policyId: 'shanxi-provincial',
        category: 'long_term_resident',
        applicant: { name: '李建国', idType: 'resident_id', idNumber: residentId('140105', '19600315', '037'), phone: '13987654321' },
        destination: { provinceCode: '110000' },
        startDate: '2026-11-22',
        commitment: { accepted: true, signature: '李建国' },
      },
    },
  }
  const ids: Record<string, string> = {}
  for (const [key, person] of Object.entries(people)) {
    const submitted = await submitAs(app, person.filing, { openid: person.openid, now: NOW })
    expect(submitted.ok).toBe(true)
    ids[key] = submitted.data.id
    // A pick is never announced to the person.
    expect(submitted.data.spotCheck).toBeNull()
  }
  const problemNote = '请于30日内向参保地经办机构提供深圳市居住证原件'
  const problem = await api(app, 'admin', 'spotCheck', { id: ids.problem, version: 1, result: 'problem', note: problemNote }, { openid: STAFF, now: later })
  expect(problem.ok).toBe(true)
  const verified = await api(app, 'admin', 'spotCheck', { id: ids.verified, version: 1, result: 'verified' }, { openid: STAFF, now: later })
  expect(verified.ok).toBe(true)
  await fixNow(page, later)

  await app.open(`/pages/filing/index?id=${encodeURIComponent(ids.problem)}`)
  const notice = shown(page).locator('.notice', { has: page.locator('#detail-spot-check') })
  await notice.waitFor()
  const text = await notice.innerText()
  expect(text).toContain('抽查核查发现问题')
  expect(text).toContain(problemNote)
  expect(text).toContain('核查日期：2026年11月25日')
  expect(text).toContain('请按要求办理；如有疑问，请联系参保地医保经办机构。')
  // It comes before everything else of the filing.
  const [noticeBox] = await boxes(page, '.taro_page_show:not(.taro_page_shade) .fd-spot--problem')
  const [headBox] = await boxes(page, '.taro_page_show:not(.taro_page_shade) .fd-head')
  expect(noticeBox.y).toBeLessThan(headBox.y)
  await snap('spot-check-problem')

  await page.evaluate((openid) => localStorage.setItem('devOpenid', JSON.stringify({ data: openid })), people.verified.openid)
  await app.open(`/pages/filing/index?id=${encodeURIComponent(ids.verified)}`)
  const line = shown(page).locator('#detail-spot-check')
  await line.waitFor()
  await expect(line.innerText()).resolves.toContain('抽查核查：材料无误（2026年11月25日）')
  expect(await shown(page).locator('.fd-spot--problem').count()).toBe(0)
  await snap('spot-check-verified')
})
