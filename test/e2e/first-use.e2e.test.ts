// What a first-time user tripped over (issue 16), done again as they did it:
// - a filing that starts later: 未生效 on home and detail; a stay before its start answered with
//   变更开始日期 (not the blank wizard), and the start moved on the change page; a cancelled card
//   offers only 查看详情; a planned discharge date without ticking 已经出院;
// - the wizard: a second long-term filing stopped at 人员类别, progress without a total, a
//   start-date picker that stops a year back; the benefit notes only for the filer's category;
// - 设置: a back link on H5, 长辈模式 a switch, the preview date ahead of today.
import type { Page } from 'playwright-core'
import { residentId } from '../rules/fixtures'
import { api, fixNow, startApp, submitAs, verifyAs, type App } from './browser'
import { pickDate } from './date-picker'
import * as wizard from './wizard'
import { shown } from './wizard'

let app: App

afterEach(async () => {
  await app?.close()
})

/** "Now" for these tests, China time. */
const NOW = '2026-12-01T09:00:00+08:00'
const PERSON = 'e2e-first-use'
const WANG = { name: '王秀兰', idType: 'resident_id', idNumber: residentId('511702', '19580612', '024'), phone: '13812345678' }
const RETIREE = { policyId: 'dazhou', category: 'resettled_retiree', applicant: WANG, commitment: { accepted: true, signature: '王秀兰' } }

/** A 达州 retiree's filing to `city` starting on `startDate`, filed through the API at NOW. */
async function file(requestId: string, startDate: string, destination: { provinceCode: string; cityCode?: string }) {
  const reply = await submitAs(app, { ...RETIREE, requestId, destination, startDate }, { openid: PERSON, now: NOW })
  expect(reply).toMatchObject({ ok: true, data: { status: 'active' } })
  return reply.data as { id: string; version: number }
}

async function choose(page: Page, question: string, answer: string) {
  const list = page.locator('.choices', { has: page.locator('.choices__question', { hasText: question }) })
  await list.locator('.choice__title', { hasText: answer }).click()
}

test('a filing that starts later: 未生效 everywhere, and a stay before its start moves the start date (items 1, 9, 13)', async () => {
  app = await startApp({ seedDemo: false, openid: PERSON })
  const { page } = app
  // An earlier filing, cancelled; then one to 深圳 that starts on 2027-02-01.
  const old = await file('e2e-first-old-01', '2026-12-01', { provinceCode: '310000' })
  expect((await api(app, 'filing', 'cancel', { id: old.id, version: old.version, reason: '不去上海了' }, { openid: PERSON, now: NOW })).ok).toBe(true)
  const later = await file('e2e-first-new-01', '2027-02-01', { provinceCode: '440000', cityCode: '440300' })
  await fixNow(page, NOW)

  await app.open('/pages/index/index')
  const card = page.locator(`.filing-card[data-filing-id="${later.id}"]`)
  await card.waitFor()
  await expect(card.locator('.state-tag__label').innerText()).resolves.toBe('未生效')
  await expect(card.locator('.filing-card__validity').innerText()).resolves.toBe('2027年2月1日起生效，长期有效')
  await expect(card.locator('.filing-card__more').innerText()).resolves.toContain('查看详情、变更或取消')
  const cancelled = page.locator(`.filing-card[data-filing-id="${old.id}"]`)
  await expect(cancelled.locator('.filing-card__more').innerText()).resolves.toBe('查看详情 ›')
  await app.screenshot('first-use-home-not-yet-active')

  await card.click()
  await page.locator('#detail-validity').waitFor()
  await expect(shown(page).locator('.fd-head .state-tag__label').innerText()).resolves.toBe('未生效')
  await expect(page.locator('#detail-validity').innerText()).resolves.toContain('2027年2月1日起生效')
  await app.screenshot('first-use-detail-not-yet-active')

  // 住院能直接结算吗？ for a stay that began on 2026-11-28, still in hospital, leaving on 2026-12-10.
  await app.open('/pages/coverage/index')
  await page.locator('#coverage-back').waitFor()
  await choose(page, '这次是住院、看门诊，还是买药？', '住院')
  await pickDate(page, '#admission-date', '2026-11-28')
  await choose(page, '出院了吗？', '还没出院')
  await pickDate(page, '#planned-discharge-date', '2026-12-10')
  await choose(page, '是急诊抢救吗？', '不是')
  await page.locator('#stay-region .fw-grid__item', { hasText: '广东' }).first().click()
  await page.locator('#stay-region .fw-grid__item', { hasText: '深圳' }).first().click()
  await page.locator('#coverage-check').click()
  const answer = page.locator('#coverage-answer')
  await answer.waitFor()
  const text = await answer.innerText()
  expect(text).toContain('不能直接结算')
  expect(text).toContain('还没出院，预计2026年12月10日出院')
  expect(text).toContain('入院日期早于备案开始日期2027年2月1日')
  expect(text).toContain('生效前可以变更开始日期')
  expect(await page.locator('#coverage-file-now').count()).toBe(0)
  await page.locator('#coverage-cancel-filing').waitFor()
  await app.screenshot('first-use-coverage-before-start')

  // 变更开始日期 → straight to the new date, progress without a total.
  await page.locator('#coverage-change-start').click()
  await page.waitForURL('**/pages/filing/change**')
  await page.locator('#change-start-date').waitFor()
  await expect(shown(page).locator('.steps__count').innerText()).resolves.toBe('第 2 步：填写新的内容')
  await pickDate(page, '#change-start-date', '2026-11-28')
  await shown(page).locator('#change-continue').click()
  await shown(page).locator('#change-summary').waitFor()
  await expect(shown(page).locator('#change-summary').innerText()).resolves.toContain('2026年11月28日')
  await shown(page).locator('.fd-textarea textarea').fill('住院比备案开始早')
  await shown(page).locator('#change-submit').click()
  await page.locator('#change-done').waitFor()
  await expect(page.locator('#change-done').innerText()).resolves.toContain('开始日期已改为：2026年11月28日')
  await app.screenshot('first-use-start-date-changed')

  const after = await api(app, 'filing', 'get', { id: later.id }, { openid: PERSON, now: NOW })
  expect(after.data).toMatchObject({ startDate: '2026-11-28', state: 'active', validUntil: null })
  const history = after.data.history as { action: string; changes: { field: string }[] }[]
  expect(history.at(-1)?.action).toBe('change')
})

test('the wizard: a second long-term filing stopped at 人员类别, progress without a total, the start picker stops a year back (items 2, 6, 8)', async () => {
  app = await startApp({ seedDemo: false, openid: PERSON })
  const { page } = app
  await file('e2e-first-held-01', '2026-12-01', { provinceCode: '440000', cityCode: '440300' })
  await verifyAs(app, PERSON, WANG, NOW)
  await fixNow(page, NOW)
  await app.open('/pages/index/index')
  await shown(page).getByText('办理备案', { exact: true }).first().click()
  await page.waitForURL('**/pages/file/index')
  await wizard.step(page, '为谁办理')
  await expect(shown(page).locator('.steps__count').innerText()).resolves.toBe('第 1 步：为谁办理')
  await wizard.choose(page, '本人')
  await wizard.next(page, '参保地')
  await wizard.choose(page, '达州市')
  await wizard.next(page, '人员类别')
  await wizard.choose(page, '异地安置退休人员')
  await shown(page).locator('#wizard-continue').click()
  // Said here, before any typing: the continue does not go on.
  await shown(page).locator('.fw-error-summary', { hasText: '您已经有一份审核中或生效中的长期居住备案' }).waitFor()
  await wizard.step(page, '人员类别')
  await app.screenshot('first-use-wizard-second-long-term')

  await wizard.choose(page, '其他临时外出就医人员')
  await wizard.next(page, '就医地')
  await expect(shown(page).locator('.steps__count').innerText()).resolves.toBe('第 4 步：就医地')
  await wizard.region(page, '广东')
  await wizard.region(page, '深圳市')
  await wizard.next(page, '开始日期')

  // The picker offers what the rules allow: a year back at most (the seed sets no limit), 90 days ahead.
  await expect(shown(page).locator('.screen__title + .screen__lead').innerText()).resolves.toContain('最早可选2025年12月1日')
  await shown(page).locator('#start-date-picker').click()
  const popup = page.locator('.weui-picker:visible')
  await popup.waitFor()
  const years = await popup.locator('taro-picker-group').nth(0).locator('.weui-picker__item').allTextContents()
  expect(years).toEqual(['2025年', '2026年', '2027年'])
  await app.screenshot('first-use-wizard-start-picker')
  await popup.getByText('取消', { exact: true }).click()
  await popup.waitFor({ state: 'hidden' })
  await shown(page).getByText(/^从今天/).click()
  await wizard.next(page, '个人信息')
})

test('the check page shows the benefit notes of the filer\'s category only (item 12)', async () => {
  app = await startApp({ seedDemo: false, openid: PERSON })
  const { page } = app
  await verifyAs(app, PERSON, WANG, NOW)
  await fixNow(page, NOW)
  // A 大同 employee filing 其他临时外出 sees the 15-point cut; a 大同 retiree does not.
  const preview = async (category: string) =>
    api(app, 'filing', 'preview', { policyId: 'datong', category, destination: { provinceCode: '140000', cityCode: '140100' }, startDate: '2026-12-01', insuranceType: 'employee' }, { openid: PERSON, now: NOW })
  const retiree = await preview('resettled_retiree')
  const temporary = await preview('other_temporary')
  expect(retiree.data.benefit.notes.join('')).not.toContain('下调15个百分点')
  expect(temporary.data.benefit.notes.join('')).toContain('下调15个百分点')
})

test('设置: a back link on H5, 长辈模式 a switch with its state, the preview date ahead of today (cosmetic)', async () => {
  app = await startApp({ seedDemo: false, openid: PERSON })
  const { page } = app
  await fixNow(page, NOW)
  await app.open('/pages/index/index')
  await shown(page).getByText('设置：长辈模式').click()
  await page.waitForURL('**/pages/settings/index')
  const toggle = page.locator('#large-text-toggle')
  await toggle.waitFor()
  await expect(toggle.getAttribute('role')).resolves.toBe('switch')
  const before = await toggle.getAttribute('aria-checked')
  await toggle.click()
  await expect(toggle.getAttribute('aria-checked')).resolves.toBe(before === 'true' ? 'false' : 'true')
  await expect(shown(page).locator('.settings__preview-text').innerText()).resolves.toBe('备案有效期至 2027年6月1日，还有 182 天。')
  await app.screenshot('first-use-settings')
  await page.locator('#settings-back').click()
  await page.waitForURL('**/pages/index/index')
})
