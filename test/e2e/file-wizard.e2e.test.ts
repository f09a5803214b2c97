// The filing wizard in Chromium, from the home page's "办理备案" to the result page: a 达州 resettled
// retiree files by commitment and sees 长期有效; a referral patient sees the end date 6 months on;
// errors sit under their fields and typed input stays; a half-done draft resumes; a submit whose
// reply was lost is sent again with the same requestId and files once.
import { readFileSync } from 'node:fs'
import { residentId } from '../rules/fixtures'
import { PDF, api, boxes, fixNow, overflowsHorizontally, overlappingText, startApp, submitAs, verifyAs, type App, type Person } from './browser'
import { pickDate } from './date-picker'
import * as wizard from './wizard'
import { shown } from './wizard'

let app: App

afterEach(async () => {
  await app?.close()
})

/** "Now" for these tests (a Sunday in China): validity ends and lock dates are fixed by it. */
const NOW = '2026-11-22T10:00:00+08:00'

const snap = (name: string) => app.screenshot(name)

/** demo-zhao's account, verified (实名认证) as the person who files on it in the first test. */
const ZHAO = { name: '赵桂兰', idNumber: residentId('511702', '19560408', '026') }

/** Signs in as `openid`, verified as `person` (实名认证 through the API), at NOW and opens the home page. */
async function openHome(openid: string, person: Person, options: { largeText?: boolean } = {}) {
  app = await startApp({ seedDemo: true, openid })
  await verifyAs(app, openid, person, NOW)
  if (options.largeText) {
    await app.context.addInitScript(() => localStorage.setItem('settings.largeText', JSON.stringify({ data: 'on' })))
  }
  await fixNow(app.page, NOW)
  await app.open('/pages/index/index')
}

/** Home → 办理备案 → the wizard (at step 1, or where a kept draft left off). */
async function openWizard() {
  await shown(app.page).getByText('办理备案', { exact: true }).first().click()
  await app.page.waitForURL('**/pages/file/index')
}

/** The wizard's first question answered 本人, then 参保地. */
async function startFiling() {
  await openWizard()
  await step('为谁办理')
  await choose('本人')
  await next('参保地')
}

// The wizard's helpers (test/e2e/wizard.ts) on this test's page.
const resultPage = () => wizard.resultPage(app.page)
const step = (title: string) => wizard.step(app.page, title)
const next = (title: string) => wizard.next(app.page, title)
const choose = (text: string) => wizard.choose(app.page, text)
const region = (name: string) => wizard.region(app.page, name)
const type = (name: string, value: string) => wizard.type(app.page, name, value)
const errorUnder = (name: string) => wizard.errorUnder(app.page, name)

/** No text overlaps, nothing runs off the side; in 长辈模式 every touch target is at least 60×60 px. */
async function expectReadable(options: { large?: boolean } = {}) {
  const { page } = app
  expect(await overlappingText(page)).toEqual([])
  expect(await overflowsHorizontally(page)).toBe(false)
  if (!options.large) return
  const targets = ['.btn', '.choice', '.link', '.field__input', '.fw-grid__item', '.fw-chosen__change', '.fw-summary__change', '.fw-date', '.tick']
  const small = (await boxes(page, targets.map((target) => `.taro_page_show:not(.taro_page_shade) ${target}`).join(', '))).filter(
    (box) => box.width > 0 && (box.width < 60 || box.height < 60),
  )
  expect(small).toEqual([])
}

/** Steps 1–5 for a 达州 person up to the proof step. */
async function dazhouUpToProof(category: string, destination: string[], person: { id: string; name: string; phone: string }) {
  await choose('达州市')
  await next('人员类别')
  await choose(category)
  await next('就医地')
  for (const place of destination) await region(place)
  await next('开始日期')
  await shown(app.page).getByText(/^从今天/).click()
  await expect(shown(app.page).locator('#start-date-picker').innerText()).resolves.toContain('2026年11月22日（今天）')
  await next('个人信息')
  await type('idNumber', person.id)
  await type('name', person.name)
  await type('phone', person.phone)
  await expect(shown(app.page).locator('#derived-identity').innerText()).resolves.toMatch(/性别：.\s*出生日期：/)
  await next('证明材料或承诺')
}

async function signCommitment(name: string) {
  await choose('个人承诺')
  await shown(app.page).locator('.fw-document__title').waitFor()
  await type('signature', name)
  await shown(app.page).locator('#commitment-tick').click()
}

test('a 达州 resettled retiree files to 深圳 by commitment and sees the filing number and 长期有效', async () => {
  await openHome('demo-zhao', ZHAO)
  await startFiling()
  await snap('file-1-policy')
  await dazhouUpToProof('异地安置退休人员', ['广东', '深圳市'], { id: ZHAO.idNumber, name: ZHAO.name, phone: '13812340001' })
  await signCommitment('赵桂兰')
  await snap('file-6-commitment')
  await next('核对信息')

  const preview = shown(app.page).locator('#filing-preview')
  await expect(preview.locator('#preview-validity').innerText()).resolves.toBe('长期有效')
  const previewText = await preview.innerText()
  expect(previewText).toContain('备案生效后6个月内不能变更，2027年5月23日起可以变更')
  expect(previewText).toContain('提交后即时办理、即时生效')
  const answers = await shown(app.page).locator('.fw-summary').first().innerText()
  expect(answers).toContain('广东省深圳市')
  expect(answers).toContain('2026年11月22日')
  await snap('file-8-review')
  await expectReadable()

  await shown(app.page).locator('#submit-filing').click()
  await resultPage()
  const id = (await shown(app.page).locator('#filing-number').innerText()).trim()
  expect(id).toMatch(/^YD20261122-[A-Z0-9]+$/)
  await expect(shown(app.page).locator('#result-validity').innerText()).resolves.toBe('长期有效')
  await expect(shown(app.page).locator('.fr-panel__title').innerText()).resolves.toBe('备案成功，已经生效')
  await expect(shown(app.page).innerText()).resolves.toContain('2027年5月23日起才能变更')
  await snap('file-9-result')
  await expectReadable()

  // What the server holds is what was answered; the draft is gone; home shows the new card.
  const reply = await api(app, 'filing', 'get', { id }, { openid: 'demo-zhao', now: NOW })
  expect(reply.data).toMatchObject({ status: 'active', policyId: 'dazhou', category: 'resettled_retiree', validUntil: null, commitment: { signature: '赵桂兰' } })
  expect(reply.data.destination.areaCode).toBe('440300')
  expect(await app.page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('file-wizard:draft')))).toEqual([])
  await shown(app.page).locator('#result-home').click()
  await app.page.waitForURL('**/pages/index/index')
  await expect(shown(app.page).locator('.filing-card', { hasText: id }).innerText()).resolves.toContain('长期有效')
})

test('a 辽宁 resident worker uploads the three proofs, one by one, and is told staff will review it in three stages', async () => {
  await openHome('e2e-liaoning-worker', { name: '刘建国', idNumber: residentId('210102', '19800315', '058') })
  await startFiling()
  await choose('辽宁省省直')
  await next('人员类别')
  await choose('常驻异地工作人员')
  await next('就医地')
  await region('上海')
  await next('开始日期')
  await shown(app.page).getByText(/^从今天/).click()
  await next('个人信息')
  await type('idNumber', residentId('210102', '19800315', '058'))
  await type('name', '刘建国')
  await type('phone', '13612345678')
  await next('证明材料')
  // Continuing with nothing uploaded names every missing proof.
  await shown(app.page).locator('#wizard-continue').click()
  await expect(shown(app.page).locator('.field-error').first().innerText()).resolves.toContain('请上传：参保单位出具的常驻异地工作证明（加盖公章）')
  // 附表1 is offered where it is asked for: seen as it prints, saved as a file to print (issue 16, item 10).
  await shown(app.page).locator('#form-direct_settlement_form').click()
  await app.page.waitForURL('**/pages/file/form?form=liaoning-settlement-form')
  await expect(shown(app.page).locator('#form-title').innerText()).resolves.toBe('辽宁省省直机关事业单位基本医疗保险异地就医住院医疗费直接结算申报表')
  await expect(shown(app.page).locator('#form-sheet').innerText()).resolves.toContain('申报人单位意见')
  await expect(shown(app.page).locator('#form-how').innerText()).resolves.toContain('加盖单位公章')
  await snap('file-6-form-attachment-1')
  const [download] = await Promise.all([app.page.waitForEvent('download'), shown(app.page).locator('#form-save').click()])
  expect(download.suggestedFilename()).toBe('辽宁省省直机关事业单位基本医疗保险异地就医住院医疗费直接结算申报表.html')
  expect(readFileSync((await download.path())!, 'utf8')).toContain('<th>申请人姓名</th>')
  await shown(app.page).locator('#form-back').click()
  await shown(app.page).locator('#form-direct_settlement_request').waitFor()
  const kinds = ['employer_certificate', 'direct_settlement_form', 'direct_settlement_request']
  for (const [index, kind] of kinds.entries()) {
    const chooser = app.page.waitForEvent('filechooser')
    await shown(app.page).locator(`#material-${kind} .btn`).click()
    await (await chooser).setFiles({ name: `材料${index + 1}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(PDF) })
    await shown(app.page).locator(`#material-${kind}`, { hasText: `已上传：材料${index + 1}.pdf` }).waitFor()
  }
  await snap('file-6-proofs-uploaded')
  await next('核对信息')
  await shown(app.page).locator('#submit-filing').click()
  await resultPage()
  await expect(shown(app.page).locator('.fr-panel__title').innerText()).resolves.toBe('备案已提交，等待审核')
  await expect(shown(app.page).innerText()).resolves.toContain('审核通过后备案生效')
  const id = (await shown(app.page).locator('#filing-number').innerText()).trim()
  const held = await api(app, 'filing', 'get', { id }, { openid: 'e2e-liaoning-worker', now: NOW })
  expect(held.data).toMatchObject({ status: 'pending_review', review: { labels: ['初审', '复核', '审批'], passed: 0 } })
  expect(held.data.materials.map((m: { kind: string }) => m.kind)).toEqual(kinds)
})

test('a referral patient (达州 → 北京, 三级甲等 certificate) sees the end date 6 months on, before and after submitting', async () => {
  await openHome('e2e-referral', { name: '张建华', idNumber: residentId('511702', '19700304', '031') })
  await startFiling()
  await dazhouUpToProof('异地转诊就医人员', ['北京'], { id: residentId('511702', '19700304', '031'), name: '张建华', phone: '13900001111' })
  // 北京 files to the province: no city was asked.
  await signCommitment('张建华')
  await next('转诊信息')
  await type('hospitalName', '达州市中心医院')
  await choose('三级甲等')
  await pickDate(app.page, '.taro_page_show #certificate-date-picker', '2026-11-20')
  await expect(shown(app.page).locator('#certificate-date-picker').innerText()).resolves.toContain('2026年11月20日')
  await snap('file-7-referral')
  await next('核对信息')

  await expect(shown(app.page).locator('#preview-validity').innerText()).resolves.toBe('至 2027年5月22日')
  const review = await shown(app.page).innerText()
  expect(review).toContain('自2026年11月22日起至2027年5月22日，有效期6个月')
  expect(review).toContain('在达州市本地住院就医支付比例基础上降低10个百分点')
  expect(review).toContain('达州市中心医院')
  expect(review).toContain('三级甲等')
  await snap('file-8-review-referral')

  await shown(app.page).locator('#submit-filing').click()
  await resultPage()
  await expect(shown(app.page).locator('#result-validity').innerText()).resolves.toBe('2026年11月22日 至 2027年5月22日')
  await snap('file-9-result-referral')
  const mine = await api(app, 'filing', 'mine', {}, { openid: 'e2e-referral', now: NOW })
  expect(mine.data.filings).toHaveLength(1)
  expect(mine.data.filings[0]).toMatchObject({ validUntil: '2027-05-22', referral: { hospitalLevel: 'grade3a', certificateDate: '2026-11-20' } })
})

test('errors appear under their fields and what was typed stays: a missing city, a wrong ID number', async () => {
  await openHome('e2e-errors', { name: '刘淑芬', idNumber: residentId('510104', '19500101', '013') }, { largeText: true })
  await startFiling()
  await choose('达州市')
  await next('人员类别')
  await choose('异地长期居住人员')
  await next('就医地')

  // A province but no city: the message is under the city field, the province stays chosen.
  await region('广东')
  await shown(app.page).locator('#wizard-continue').click()
  const cityField = shown(app.page).locator('.field', { hasText: '就医城市' })
  await expect(cityField.locator('.field-error__text').innerText()).resolves.toBe('请选择就医城市')
  await expect(shown(app.page).locator('.fw-chosen__value').first().innerText()).resolves.toBe('广东省')
  await expect(shown(app.page).locator('.fw-error-summary').innerText()).resolves.toContain('请选择就医城市')
  await snap('file-3-missing-city-large')
  await expectReadable({ large: true })
  // Inside the insured pooling area: refused as soon as it is chosen, with 达州's own message.
  await shown(app.page).locator('.fw-chosen__change').first().click()
  await region('四川')
  await region('达州市')
  await expect(shown(app.page).locator('.field', { hasText: '就医城市' }).locator('.field-error__text').innerText()).resolves.toBe(
    '在达州市内就医不属于异地就医，无需备案。请选择达州市以外的就医地。',
  )
  await shown(app.page).locator('.fw-chosen__change').nth(1).click()
  await region('成都市')
  expect(await shown(app.page).locator('.field-error').count()).toBe(0)
  await next('开始日期')
  await shown(app.page).getByText(/^从今天/).click()
  await next('个人信息')

  // A wrong check digit: the rules' message under the number, and everything typed is still there.
  const wrong = residentId('510104', '19500101', '013').slice(0, 17) + '0'
  await type('idNumber', wrong)
  await type('name', '刘淑芬')
  await type('phone', '1381234')
  await shown(app.page).locator('#wizard-continue').click()
  await expect(errorUnder('idNumber').innerText()).resolves.toBe('证件号码校验位不对，请逐位核对号码（最后一位可能是X）')
  await expect(errorUnder('phone').innerText()).resolves.toBe('请输入11位手机号码，以13至19开头')
  expect(await errorUnder('name').count()).toBe(0)
  await expect(shown(app.page).locator('input[name="idNumber"]').inputValue()).resolves.toBe(wrong)
  await expect(shown(app.page).locator('input[name="name"]').inputValue()).resolves.toBe('刘淑芬')
  await expect(shown(app.page).locator('input[name="phone"]').inputValue()).resolves.toBe('1381234')
  await step('个人信息')
  await snap('file-5-errors-large')
  await expectReadable({ large: true })

  // Fixing one field clears its message; the rest wait for 继续.
  await type('phone', '13812345678')
  expect(await errorUnder('phone').count()).toBe(0)
  await type('idNumber', residentId('510104', '19500101', '013'))
  await next('证明材料或承诺')
})

test('leaving half-way and coming back resumes the draft; 重新开始 starts afresh', async () => {
  await openHome('e2e-resume', { name: '孙丽', idNumber: residentId('370811', '19750506', '042') })
  await startFiling()
  await choose('济宁市')
  await next('人员类别')
  await choose('异地长期居住人员')
  await next('就医地')
  await region('江苏')
  await region('南京市')
  await next('开始日期')

  // Leave to the home page, then come back through 办理备案.
  await app.open('/pages/index/index')
  await openWizard()
  await step('开始日期')
  await expect(shown(app.page).locator('.fw-resumed').innerText()).resolves.toContain('已为您保留上次填写的内容')
  await expect(shown(app.page).locator('.steps__count').innerText()).resolves.toBe('第 5 步：开始日期')
  // 济宁's late-filing window for long-term residents, in words: at most 5 days back.
  await expect(shown(app.page).locator('.screen__title + .screen__lead').innerText()).resolves.toContain('2026年11月17日')
  await snap('file-4-resumed')

  // Back goes through the kept answers.
  await shown(app.page).locator('#wizard-back').click()
  await step('就医地')
  await expect(shown(app.page).locator('.fw-chosen__value').allInnerTexts()).resolves.toEqual(['江苏省', '南京市'])

  // 重新开始 asks first, then empties everything (and a new draft gets a new requestId).
  const before = await app.page.evaluate(() => JSON.parse(localStorage.getItem('file-wizard:draft:e2e-resume') ?? '{}').data?.requestId)
  expect(before).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
  await shown(app.page).locator('#wizard-restart-top').click()
  await app.page.locator('.taro__modal').getByText('重新开始', { exact: true }).click()
  await step('为谁办理')
  expect(await shown(app.page).locator('.choice--selected').count()).toBe(0)
  const after = await app.page.evaluate(() => JSON.parse(localStorage.getItem('file-wizard:draft:e2e-resume') ?? '{}').data?.requestId)
  expect(after).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
  expect(after).not.toBe(before)
})

test('a submit whose reply is lost is sent again with the same requestId and files once', async () => {
  await openHome('e2e-network', { name: '周明', idNumber: residentId('511702', '19880808', '015') })
  await startFiling()
  await dazhouUpToProof('常驻异地工作人员', ['浙江', '杭州市'], { id: residentId('511702', '19880808', '015'), name: '周明', phone: '13700002222' })
  await signCommitment('周明')
  await next('核对信息')
  await shown(app.page).locator('#preview-validity').waitFor()

  // The server files it, but no answer reaches the page (every automatic retry too).
  const sent: string[] = []
  await app.page.route('**/api/filing', async (route) => {
    const body = route.request().postDataJSON() as { action: string; data: { requestId: string } }
    if (body.action !== 'submit') return route.fallback()
    sent.push(body.data.requestId)
    await route.fetch({ headers: { ...route.request().headers(), 'x-dev-now': NOW } })
    await route.abort('connectionreset')
  })
  await shown(app.page).locator('#submit-filing').click()
  const notice = shown(app.page).getByText('没有提交成功')
  await notice.waitFor({ timeout: 20_000 })
  await expect(shown(app.page).innerText()).resolves.toContain('同一份备案不会重复提交')
  await snap('file-8-network')
  expect(sent.length).toBeGreaterThan(1)
  expect(new Set(sent).size).toBe(1)

  await app.page.unroute('**/api/filing')
  await shown(app.page).locator('#submit-filing').click()
  await resultPage()
  const id = (await shown(app.page).locator('#filing-number').innerText()).trim()
  const mine = await api(app, 'filing', 'mine', {}, { openid: 'e2e-network', now: NOW })
  expect(mine.data.filings.map((filing: { id: string }) => filing.id)).toEqual([id])
})

test('opened from an earlier filing (?from=): its answers are filled in, only the start date, ID number and signature are asked', async () => {
  app = await startApp({ seedDemo: false, openid: 'e2e-again' })
  await fixNow(app.page, NOW)
  const idNumber = residentId('140105', '19600315', '037')
  const first = await submitAs(
    app,
    {
      requestId: 'e2e-again-0001',
      policyId: 'shanxi-provincial',
      category: 'referral',
      applicant: { name: '李建国', idType: 'resident_id', idNumber, phone: '13987654321' },
      destination: { provinceCode: '110000' },
      startDate: '2026-06-01',
      commitment: { accepted: true, signature: '李建国' },
      referral: { hospitalName: '山西白求恩医院', hospitalLevel: 'grade3a', certificateDate: '2026-05-30' },
    },
    { openid: 'e2e-again', now: '2026-06-01T10:00:00+08:00' },
  )
  expect(first.ok).toBe(true)
  await app.open(`/pages/file/index?from=${encodeURIComponent(first.data.id)}`)
  await step('开始日期')
  await expect(shown(app.page).locator('.fw-filled').innerText()).resolves.toContain(`已按备案${first.data.id}的内容填好`)
  await shown(app.page).getByText(/^从今天/).click()
  await next('个人信息')
  await expect(shown(app.page).locator('input[name="name"]').inputValue()).resolves.toBe('李建国')
  await type('idNumber', idNumber)
  await next('证明材料或承诺')
  await signCommitment('李建国')
  await next('转诊信息')
  await expect(shown(app.page).locator('input[name="hospitalName"]').inputValue()).resolves.toBe('山西白求恩医院')
  await next('核对信息')
  await expect(shown(app.page).locator('#preview-validity').innerText()).resolves.toBe('至 2027年5月22日')
  await shown(app.page).locator('#submit-filing').click()
  await resultPage()
  const id = (await shown(app.page).locator('#filing-number').innerText()).trim()
  expect(id).not.toBe(first.data.id)
  const again = await api(app, 'filing', 'get', { id }, { openid: 'e2e-again', now: NOW })
  expect(again.data).toMatchObject({
    policyId: 'shanxi-provincial',
    category: 'referral',
    startDate: '2026-11-22',
    destination: { areaCode: '110000' },
    referral: { hospitalName: '山西白求恩医院', hospitalLevel: 'grade3a', certificateDate: '2026-05-30' },
  })
})
