// 实名认证 and 代办 in Chromium: a son, sent to 实名认证 by the wizard, verifies on the page (the local
// stand-in, labelled as such) and files for his mother — a 达州 异地安置退休 filing by commitment that
// he signs in his own name (代签). It waits at 审核中 · 代办核验 under 我为家人办理的备案. The mother signs
// in as herself, verifies with her own ID from the home page's prompt, sees the filing under 我的备案
// "由 张伟（子女）代办", and cancels it with a reason — the only thing it offers her. The son then sees
// it 已取消, with 本人撤销代办备案 in its history.
import { readFileSync } from 'node:fs'
import { residentId } from '../rules/fixtures'
import { api, fixNow, overflowsHorizontally, overlappingText, startApp, type App } from './browser'
import * as wizard from './wizard'
import { shown } from './wizard'

let app: App

afterEach(async () => {
  await app?.close()
})

/** "Now" for these tests (a Sunday in China, as in the other suites). */
const NOW = '2026-11-22T10:00:00+08:00'

const SON = { openid: 'e2e-son', name: '张伟', idNumber: residentId('511702', '19850315', '011') }
const MOTHER = { openid: 'e2e-mother', name: '王秀兰', idNumber: residentId('511702', '19580612', '024') }

const snap = (name: string) => app.screenshot(name)

// The wizard's helpers (test/e2e/wizard.ts) on this test's page.
const step = (title: string) => wizard.step(app.page, title)
const next = (title: string) => wizard.next(app.page, title)
const choose = (text: string) => wizard.choose(app.page, text)
const type = (name: string, value: string) => wizard.type(app.page, name, value)
const errorUnder = (name: string) => wizard.errorUnder(app.page, name)

/** The 实名认证 page's form, filled and sent (the local stand-in verifies at once). */
async function verifyOnPage(person: { name: string; idNumber: string }) {
  const page = shown(app.page)
  await page.locator('#verify-form').waitFor()
  await type('name', person.name)
  await type('idNumber', person.idNumber)
  // 第二十九条: the separate consent to the sensitive items, ticked by the person.
  await page.locator('#consent-tick').click()
  await page.locator('#verify-submit').click()
}

/** Signs in as another dev identity on the sign-in page (其他身份). */
async function signInAs(openid: string) {
  await app.open('/pages/signin/index')
  const page = shown(app.page)
  await expect(page.innerText()).resolves.toContain('本地演示不做人脸核身，直接按您填写的信息认证')
  await page.locator('.choice', { hasText: '其他身份' }).click()
  await page.locator('.field input').fill(openid)
  await page.getByText('进入', { exact: true }).click()
  await app.page.waitForURL('**/pages/index/index')
}

async function cardOf(party: 'agent' | 'applicant') {
  const card = shown(app.page).locator(`.filing-card[data-party="${party}"]`)
  await card.waitFor()
  return card
}

test('a son verifies, files for his mother (代签); she verifies, sees it 由 张伟（子女）代办 and cancels it; he sees 已取消', async () => {
  app = await startApp({ seedDemo: false, openid: SON.openid })
  await fixNow(app.page, NOW)
  const { page } = app

  // ——— The son: not verified yet, so the wizard sends him to 实名认证 and brings him back. ———
  await app.open('/pages/index/index')
  await shown(page).locator('#home-verify').waitFor()
  await shown(page).getByText('办理备案', { exact: true }).first().click()
  await page.waitForURL('**/pages/verify/index**')
  const verify = shown(page)
  await verify.locator('.vf-standin', { hasText: '本地演示：不做人脸核身，直接按您填写的信息认证' }).waitFor()
  const why = await verify.innerText()
  expect(why).toContain('一个微信账号对应一个人')
  expect(why).toContain('与备案记录同期保存')
  expect(why).toContain('我们不接收、也不保存您的人脸照片或视频')
  // The rules' messages under their fields, before anything is sent.
  await verify.locator('#verify-submit').click()
  await expect(errorUnder('name').innerText()).resolves.toBe('请输入姓名')
  await expect(errorUnder('idNumber').innerText()).resolves.toBe('请输入证件号码')
  // The 个人信息处理规则 are on the page (holder and contact, each item, retention, rights), and the
  // separate consent is asked for by itself, never pre-ticked.
  const rules = await verify.locator('#privacy-notice').innerText()
  for (const words of ['12393', '敏感', '保存多久', '您的权利', '下载您的个人信息副本']) expect(rules).toContain(words)
  expect(await verify.innerText()).toContain('请阅读《个人信息处理规则》，并勾选同意处理敏感个人信息')
  await snap('agent-1-verify')
  await verifyOnPage(SON)
  await page.waitForURL('**/pages/file/index')
  await step('为谁办理')
  expect((await api(app, 'filing', 'identity', {}, { openid: SON.openid })).data).toMatchObject({ verified: true, name: '张伟', method: 'dev_standin' })

  // ——— For whom: his mother. ———
  await choose('为家人办理')
  await next('参保地')
  await expect(shown(page).locator('.screen__title').innerText()).resolves.toBe('家人在哪里参加医保？')
  await choose('达州市')
  await next('人员类别')
  await choose('异地安置退休人员')
  await next('就医地')
  await wizard.region(page, '广东')
  await wizard.region(page, '深圳市')
  await next('开始日期')
  await shown(page).getByText(/^从今天/).click()
  await next('参保人信息')
  await expect(shown(page).locator('.screen__title').innerText()).resolves.toBe('请填写家人（参保人）的信息')
  await type('idNumber', MOTHER.idNumber)
  await type('name', MOTHER.name)
  await type('phone', '13812345678')
  await next('代办信息')

  // ——— The 代办 step: 达州's words on 代办, the verified agent, the relationship and his phone. ———
  const agentStep = await shown(page).innerText()
  expect(agentStep).toContain('配偶、子女、父母或其他亲属可以为参保人办理')
  expect(agentStep).toContain('张伟')
  await shown(page).locator('#wizard-continue').click()
  await expect(shown(page).locator('.choices .field-error__text').innerText()).resolves.toBe('请选择您与申请人的关系')
  await choose('子女')
  await type('agentPhone', '13900001111')
  // A relative needs no 授权委托书 in 达州 (only someone who is not family).
  expect(await shown(page).locator('#agent-authorization').count()).toBe(0)
  await snap('agent-2-agent-step')
  await next('证明材料或承诺')

  // ——— 代签: the commitment in the son's own name, not his mother's. ———
  await choose('个人承诺')
  await shown(page).locator('.fw-agent-sign').waitFor()
  await type('signature', MOTHER.name)
  await shown(page).locator('#commitment-tick').click()
  await shown(page).locator('#wizard-continue').click()
  await expect(errorUnder('signature').innerText()).resolves.toBe('代签：请签您本人的姓名（张伟）')
  await type('signature', SON.name)
  await next('核对信息')
  const review = await shown(page).innerText()
  expect(review).toContain('为家人办理（代办）')
  expect(review).toContain('代办人是参保人的子女')
  expect(review).toContain('代办人代签：张伟')
  await snap('agent-3-review')
  expect(await overlappingText(page)).toEqual([])
  expect(await overflowsHorizontally(page)).toBe(false)

  await shown(page).locator('#submit-filing').click()
  await wizard.resultPage(page)
  await expect(shown(page).locator('.fr-panel__title').innerText()).resolves.toBe('备案已提交，等待审核')
  // 达州 commitment filings take effect at once; a 代办 is reviewed: 代办核验 is its one stage.
  await expect(shown(page).locator('.fr-steps__stages').innerText()).resolves.toBe('代办核验')
  await shown(page).locator('#result-agent-check').waitFor()
  const id = (await shown(page).locator('#filing-number').innerText()).trim()
  await snap('agent-4-result')

  const filed = await api(app, 'filing', 'get', { id }, { openid: SON.openid, now: NOW })
  expect(filed.data).toMatchObject({
    party: 'agent',
    status: 'pending_review',
    applicant: { name: '王秀兰' },
    agent: { name: '张伟', relationship: 'child' },
    commitment: { signature: '张伟', signedBy: 'agent' },
    review: { passed: 0 },
  })
  expect(filed.data.review.labels[0]).toBe('代办核验')

  // Home: under 我为家人办理的备案, tagged 代办, 审核中 · 代办核验.
  await shown(page).locator('#result-home').click()
  await page.waitForURL('**/pages/index/index')
  const sonCard = await cardOf('agent')
  const sonText = await sonCard.innerText()
  expect(sonText).toContain('代办')
  expect(sonText).toContain('为 王秀兰 代办')
  expect(sonText).toContain('审核中 · 代办核验')
  await expect(shown(page).locator('#home-family .section__title').innerText()).resolves.toBe('我为家人办理的备案')
  await expect(shown(page).locator('.home__empty').innerText()).resolves.toContain('您还没有备案')
  await snap('agent-5-son-home')

  // ——— The mother: her own WeChat (another identity), 实名认证 from the home page's prompt. ———
  await signInAs(MOTHER.openid)
  await shown(page).locator('#home-verify').click()
  await page.waitForURL('**/pages/verify/index')
  await verifyOnPage(MOTHER)
  await page.waitForURL('**/pages/index/index')
  const motherCard = await cardOf('applicant')
  const motherText = await motherCard.innerText()
  expect(motherText).toContain('由 张伟（子女）代办')
  expect(motherText).toContain('审核中 · 代办核验')
  await expect(shown(page).locator('.screen__title').first().innerText()).resolves.toBe('王秀兰，您好')
  expect(await shown(page).locator('#home-family').count()).toBe(0)
  await snap('agent-6-mother-home')

  // The detail: who filed it (masked), 代签, and only 取消备案 to do.
  await motherCard.click()
  await page.waitForURL(`**/pages/filing/index?id=${id}`)
  const agency = shown(page).locator('#detail-agency')
  await agency.waitFor()
  const agencyText = await agency.innerText()
  expect(agencyText).toContain('这份备案由 张伟（子女）为您代办')
  expect(agencyText).toContain('139****1111')
  expect(agencyText).not.toContain(SON.idNumber)
  await expect(shown(page).locator('#detail-signature').innerText()).resolves.toContain('签名（代办人代签）')
  expect(await shown(page).locator('#detail-change').count()).toBe(0)
  expect(await shown(page).locator('#detail-certificate').count()).toBe(0)
  await snap('agent-7-mother-detail')

  await shown(page).locator('#detail-cancel').click()
  await page.waitForURL('**/pages/filing/cancel**')
  await shown(page).locator('#cancel-agency').waitFor()
  await shown(page).getByText('我明白了，继续', { exact: true }).click()
  // Her reason is required, as anyone's.
  await shown(page).getByText('继续', { exact: true }).click()
  await expect(shown(page).locator('.field-error').innerText()).resolves.toContain('请填写原因')
  await shown(page).locator('.fd-textarea textarea').fill('我自己来办理')
  await shown(page).getByText('继续', { exact: true }).click()
  await shown(page).getByText('确认取消备案', { exact: true }).click()
  await shown(page).locator('#cancel-done').waitFor()
  await snap('agent-8-mother-cancelled')

  // Her copy of her data (设置 → 下载我的个人信息副本): her own ID number in full, her son's never.
  await app.open('/pages/settings/index')
  const settings = shown(page)
  const [download] = await Promise.all([page.waitForEvent('download'), settings.locator('#my-data-download').click()])
  expect(download.suggestedFilename()).toMatch(/^个人信息副本-\d{4}-\d{2}-\d{2}\.json$/)
  const copy = JSON.parse(readFileSync((await download.path())!, 'utf8'))
  expect(copy.identity).toMatchObject({ name: MOTHER.name, idNumber: MOTHER.idNumber })
  expect(copy.filings[0]).toMatchObject({ id, status: 'cancelled', party: 'applicant' })
  expect(JSON.stringify(copy)).not.toContain(SON.idNumber)
  await settings.locator('#privacy-rules-toggle').click()
  await expect(settings.locator('#privacy-notice').innerText()).resolves.toContain('您的权利')

  // ——— The son again: 已取消, and the history says the insured person withdrew it. ———
  await signInAs(SON.openid)
  const cancelled = await cardOf('agent')
  await expect(cancelled.innerText()).resolves.toContain('已取消')
  await cancelled.click()
  await page.waitForURL(`**/pages/filing/index?id=${id}`)
  const history = shown(page).locator('#detail-history')
  await history.waitFor()
  await expect(history.innerText()).resolves.toContain('本人撤销代办备案')
  await expect(history.innerText()).resolves.toContain('原因：我自己来办理')
  await snap('agent-9-son-cancelled')
})
