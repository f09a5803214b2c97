// The browser's back inside the two step flows (issue 16 item 5): in the filing wizard and the
// change flow it goes to the previous step with the answers kept, on the first step it leaves as
// before, and it agrees with the in-page 上一步 — after it, with forward, and after a reload.
import type { Page } from 'playwright-core'
import { residentId } from '../rules/fixtures'
import { fixNow, startApp, submitAs, verifyAs, type App } from './browser'
import * as wizard from './wizard'
import { shown } from './wizard'

let app: App

afterEach(async () => {
  await app?.close()
})

const NOW = '2026-11-22T10:00:00+08:00'
const OPENID = 'e2e-back'
const PERSON = { name: '李建国', idNumber: residentId('140105', '19600315', '037') }

const snap = (name: string) => app.screenshot(name)
const step = (title: string) => wizard.step(app.page, title)
const next = (title: string) => wizard.next(app.page, title)
const choose = (text: string) => wizard.choose(app.page, text)

/** The chosen option of the step showing. */
const chosen = () => shown(app.page).locator('.choice--selected .choice__title').innerText()

/**
 * Marks the page element showing, so a re-mount (Taro's router loading the page afresh on a
 * popstate) would show as the mark gone; the page must also stay the only one of its kind.
 */
async function mark(page: Page, selector: string) {
  await page.locator(selector).evaluate((element) => element.setAttribute('data-back-probe', 'kept'))
}
async function expectSameElement(page: Page, selector: string) {
  expect(await page.locator(selector).count()).toBe(1)
  await expect(page.locator(selector).getAttribute('data-back-probe')).resolves.toBe('kept')
}

/** Home, then 办理备案, answered up to step 4 (就医地): 本人, 达州市, `category`. */
async function threeStepsIn(category = '异地长期居住人员') {
  app = await startApp({ seedDemo: false, openid: OPENID })
  await verifyAs(app, OPENID, PERSON, NOW)
  await fixNow(app.page, NOW)
  await app.open('/pages/index/index')
  await shown(app.page).getByText('办理备案', { exact: true }).first().click()
  await app.page.waitForURL('**/pages/file/index')
  await step('为谁办理')
  await choose('本人')
  await next('参保地')
  await choose('达州市')
  await next('人员类别')
  await choose(category)
  await next('就医地')
}

test('filing wizard: back goes one step at a time with the answers, and from step 1 home', async () => {
  await threeStepsIn()
  const { page } = app
  await mark(page, '.screen.fw')

  await page.goBack()
  await step('人员类别')
  await expect(chosen()).resolves.toContain('异地长期居住人员')
  expect(page.url()).toContain('/pages/file/index')
  await snap('wizard-back-category')

  await page.goBack()
  await step('参保地')
  await expect(chosen()).resolves.toContain('达州市')
  await page.goBack()
  await step('为谁办理')
  await expect(chosen()).resolves.toContain('本人')
  // The same page all along: stepped back in place, never re-mounted by Taro's router.
  await expectSameElement(page, '.screen.fw')

  // On the first step back leaves the wizard for home, as before.
  await page.goBack()
  await page.waitForURL('**/pages/index/index')
  await shown(page).getByText('办理备案', { exact: true }).first().waitFor()
})

test('filing wizard: 上一步 and back agree, forward changes nothing, a reload keeps the step', async () => {
  await threeStepsIn()
  const { page } = app

  // 上一步, then the browser's back: one step each.
  await shown(page).locator('#wizard-back').click()
  await step('人员类别')
  await page.goBack()
  await step('参保地')
  await expect(chosen()).resolves.toContain('达州市')

  // Forward after back is no way to skip ahead: the step stays, and so does back's next step.
  await page.goForward()
  await step('参保地')
  await next('人员类别')
  await expect(chosen()).resolves.toContain('异地长期居住人员')
  await next('就医地')

  // A reload on a step resumes there (the draft keeps its step), and back still steps back.
  await page.reload()
  await step('就医地')
  await page.goBack()
  await step('人员类别')
  await expect(chosen()).resolves.toContain('异地长期居住人员')
  await snap('wizard-back-after-reload')

  // Back to step 1 by 上一步: the browser's back now leaves.
  await shown(page).locator('#wizard-back').click()
  await step('参保地')
  await shown(page).locator('#wizard-back').click()
  await step('为谁办理')
  await page.goBack()
  await page.waitForURL('**/pages/index/index')
})

test('filing wizard: back from a 修改 link returns to the check page; after submitting, back goes home', async () => {
  await threeStepsIn('异地安置退休人员')
  const { page } = app
  await wizard.region(page, '广东')
  await wizard.region(page, '深圳市')
  await next('开始日期')
  await shown(page).getByText(/^从今天/).click()
  await next('个人信息')
  await wizard.type(page, 'idNumber', PERSON.idNumber)
  await wizard.type(page, 'name', PERSON.name)
  await wizard.type(page, 'phone', '13812340001')
  await next('证明材料或承诺')
  await choose('个人承诺')
  await wizard.type(page, 'signature', PERSON.name)
  await shown(page).locator('#commitment-tick').click()
  await next('核对信息')

  // 修改 on the check page, then back: the check page again, as its 返回核对信息 link does.
  await shown(page).locator('.fw-summary__change').first().click()
  await expect(shown(page).locator('#wizard-back').innerText()).resolves.toContain('返回核对信息')
  await page.goBack()
  await step('核对信息')

  // Submitting leaves the wizard for the result in its place: back from there is home.
  await shown(page).locator('#submit-filing').click()
  await wizard.resultPage(page)
  await page.goBack()
  await page.waitForURL('**/pages/index/index')
  await shown(page).getByText('办理备案', { exact: true }).first().waitFor()
})

/** A 山西省省直 (changes open at any time), then its detail and 变更备案 → 联系电话. */
async function changeFlow() {
  app = await startApp({ seedDemo: false, openid: OPENID })
  const submitted = await submitAs(
    app,
    {
      requestId: 'e2e-back-0001',
      policyId: 'shanxi-provincial',
      category: 'long_term_resident',
      applicant: { ...PERSON, idType: 'resident_id', phone: '13987654321' },
      destination: { provinceCode: '110000' },
      startDate: '2026-11-22',
      commitment: { accepted: true, signature: PERSON.name },
    },
    { openid: OPENID, now: NOW },
  )
  expect(submitted.ok).toBe(true)
  await fixNow(app.page, NOW)
  const id: string = submitted.data.id
  await app.open(`/pages/filing/index?id=${encodeURIComponent(id)}`)
  const { page } = app
  await shown(page).locator('.fd-head').waitFor()
  await shown(page).getByText('变更备案', { exact: true }).first().click()
  await page.waitForURL('**/pages/filing/change**')
  await shown(page).locator('.choice', { hasText: '联系电话' }).click()
  return id
}

const changeStep = (title: string) => shown(app.page).locator('.steps__count', { hasText: `：${title}` }).waitFor()

test('change flow: back goes to the previous step with what was typed, and from the first to the detail', async () => {
  const id = await changeFlow()
  const { page } = app
  await shown(page).locator('#change-continue').click()
  const phone = shown(page).locator('.field__input input')
  await phone.fill('13900001111')
  await shown(page).locator('#change-continue').click()
  await shown(page).locator('.fd-textarea textarea').fill('换了号码')
  await mark(page, '.taro_page_show:not(.taro_page_shade) .fd-flow')

  await page.goBack()
  await changeStep('填写新的内容')
  await expect(shown(page).locator('.field__input input').inputValue()).resolves.toBe('13900001111')
  await snap('change-back-value')
  // 上一步 after back: the first question, 联系电话 still chosen; forward leaves it there.
  await shown(page).locator('#flow-back').click()
  await changeStep('选择要变更的内容')
  await expect(chosen()).resolves.toContain('联系电话')
  await page.goForward()
  await changeStep('选择要变更的内容')
  await expect(chosen()).resolves.toContain('联系电话')
  await expectSameElement(page, '.taro_page_show:not(.taro_page_shade) .fd-flow')

  // And on again, the reason kept too; then back, back, back: the detail.
  await shown(page).locator('#change-continue').click()
  await changeStep('填写新的内容')
  await shown(page).locator('#change-continue').click()
  await changeStep('填写原因并提交')
  await expect(shown(page).locator('.fd-textarea textarea').inputValue()).resolves.toBe('换了号码')
  await page.goBack()
  await changeStep('填写新的内容')
  await page.goBack()
  await changeStep('选择要变更的内容')
  await page.goBack()
  await page.waitForURL(`**/pages/filing/index?id=${id}`)
  await shown(page).locator('.fd-head').waitFor()
})

test('change flow: 不变更了 from a later step goes back to the detail, not a step back', async () => {
  const id = await changeFlow()
  const { page } = app
  await shown(page).locator('#change-continue').click()
  await shown(page).locator('.field__input input').fill('13900001111')
  await shown(page).locator('#change-leave').click()
  await page.waitForURL(`**/pages/filing/index?id=${id}`)
  await shown(page).locator('.fd-head').waitFor()
  // The change page is gone (its back guard came down first, so navigateBack left the page).
  await page.locator('.fd-flow').waitFor({ state: 'detached' })
})
