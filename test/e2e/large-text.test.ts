// 长辈模式: text at 1.5×, no overlapping lines, touch targets of at least 60×60 CSS px, and the
// choice kept across a reload.
import type { Page } from 'playwright-core'
import { boxes, fontSize, overflowsHorizontally, overlappingText, startApp, type App } from './browser'
import { pickDate } from './date-picker'

let app: App

afterEach(async () => {
  await app?.close()
})

/** Everything a person taps, on any of our pages. */
const TAPPABLE = '.btn, .choice, .link, .toggle, .field__input'

async function turnOnLargeText(app: App) {
  await app.open('/pages/settings/index')
  await app.page.locator('.toggle').click()
  await app.page.locator('.screen--large').waitFor()
}

async function expectReadable(app: App, name: string) {
  const { page } = app
  expect(await overlappingText(page)).toEqual([])
  expect(await overflowsHorizontally(page)).toBe(false)
  const small = (await boxes(page, TAPPABLE)).filter((box) => box.width < 60 || box.height < 60)
  expect(small).toEqual([])
  await app.screenshot(name)
}

test('the settings switch scales every text size by 1.5 and is kept across a reload', async () => {
  app = await startApp({ openid: 'demo-wang' })
  const { page } = app
  await app.open('/pages/index/index')
  await page.locator('.filing-card').waitFor()
  const normal = {
    title: await fontSize(page, '.screen__title'),
    body: await fontSize(page, '.screen__lead'),
    tag: await fontSize(page, '.state-tag'),
    button: await fontSize(page, '.btn'),
  }

  await turnOnLargeText(app)
  expect(await page.locator('.toggle__state').textContent()).toBe('已开启')
  await page.reload()
  await page.locator('.screen--large').waitFor()
  expect(await page.locator('.toggle__state').textContent()).toBe('已开启')
  await app.screenshot('settings-large')

  await app.open('/pages/index/index')
  await page.locator('.screen--large .filing-card').waitFor()
  const large = {
    title: await fontSize(page, '.screen__title'),
    body: await fontSize(page, '.screen__lead'),
    tag: await fontSize(page, '.state-tag'),
    button: await fontSize(page, '.btn'),
  }
  for (const key of Object.keys(normal) as (keyof typeof normal)[]) {
    expect({ key, ratio: large[key] / normal[key] }).toEqual({ key, ratio: expect.closeTo(1.5, 2) })
  }

  // And back: off is kept too.
  await app.open('/pages/settings/index')
  await page.locator('.toggle').click()
  await page.reload()
  await page.locator('.screen').waitFor()
  expect(await page.locator('.screen--large').count()).toBe(0)
  expect(await page.locator('.toggle__state').textContent()).toBe('已关闭')
})

test('in large-text mode the pages hold: no overlapping text, nothing off-screen, touch targets ≥ 60×60', async () => {
  app = await startApp({ openid: 'demo-wang' })
  await turnOnLargeText(app)
  await expectReadable(app, 'settings-large-checked')

  await app.open('/pages/index/index')
  await app.page.locator('.filing-card').waitFor()
  await expectReadable(app, 'home-large')

  await app.open('/pages/signin/index')
  await app.page.getByText('其他身份').click()
  await app.page.locator('.field__input').waitFor()
  await expectReadable(app, 'signin-large')

  // 实名认证: demo-wang's verified identity, then the form to verify again.
  await app.open('/pages/verify/index')
  await app.page.locator('#verify-identity').waitFor()
  await expectReadable(app, 'verify-done-large')
  await app.page.locator('#verify-again').click()
  await app.page.locator('#verify-form').waitFor()
  await expectReadable(app, 'verify-form-large')
})

/** The open picker (Taro draws it on <body>, outside the page). */
const PICKER = '.weui-picker:visible'

async function openAdmissionPicker(page: Page) {
  await page.locator('.choice__title', { hasText: '住院' }).first().click()
  await page.locator('#admission-date').click()
  await page.locator(PICKER).waitFor()
  await page.waitForTimeout(350) // the slide-up
}

async function closePicker(page: Page) {
  await page.locator(PICKER).getByText('取消', { exact: true }).click()
  await page.locator(PICKER).waitFor({ state: 'hidden' })
}

test('the date picker follows 长辈模式: its text at 1.5×, its buttons and wheels at least 60×60, and a date can still be chosen', async () => {
  app = await startApp({ openid: 'demo-wang' })
  const { page } = app
  await app.open('/pages/coverage/index')
  await openAdmissionPicker(page)
  const normal = { row: await fontSize(page, `${PICKER} .weui-picker__item`), button: await fontSize(page, `${PICKER} .weui-picker__action`) }
  await closePicker(page)

  await turnOnLargeText(app)
  await app.open('/pages/coverage/index')
  await openAdmissionPicker(page)
  const large = { row: await fontSize(page, `${PICKER} .weui-picker__item`), button: await fontSize(page, `${PICKER} .weui-picker__action`) }
  expect(large.row / normal.row).toBeCloseTo(1.5, 1)
  expect(large.button / normal.button).toBeCloseTo(1.5, 1)
  const small = (await boxes(page, `${PICKER} .weui-picker__action, ${PICKER} taro-picker-group`)).filter((box) => box.width < 60 || box.height < 60)
  expect(small).toEqual([])
  // Each row's text fits its row: Taro's wheel places rows 34 px apart, whatever the font.
  const rows = await page.$$eval(`${PICKER} .weui-picker__item`, (items) => items.slice(0, 12).map((item) => ({ text: item.textContent, clipped: item.scrollWidth > item.clientWidth || item.scrollHeight > item.clientHeight })))
  expect(rows.filter((row) => row.clipped)).toEqual([])
  await app.screenshot('date-picker-large')
  await closePicker(page)

  await pickDate(page, '#admission-date', '2026-11-20')
  await expect(page.locator('#admission-date').innerText()).resolves.toContain('2026年11月20日')
})

/** The lines a text is laid out on: each character placed by its own box. */
async function lines(page: Page, selector: string): Promise<string[]> {
  return page.$eval(selector, (element) => {
    const found: { top: number; text: string }[] = []
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    while (walker.nextNode()) {
      const node = walker.currentNode
      const text = node.textContent ?? ''
      for (let i = 0; i < text.length; i += 1) {
        const range = document.createRange()
        range.setStart(node, i)
        range.setEnd(node, i + 1)
        const rect = range.getBoundingClientRect()
        if (rect.width === 0) continue
        const line = found.find((candidate) => Math.abs(candidate.top - rect.top) < rect.height / 2)
        if (line) line.text += text[i]
        else found.push({ top: rect.top, text: text[i] })
      }
    }
    return found.sort((a, b) => a.top - b.top).map((line) => line.text.trim())
  })
}

test('in large-text mode a filing number breaks only after its hyphen, never inside its digits', async () => {
  app = await startApp({ openid: 'demo-wang' })
  const { page } = app
  // The narrowest phone still sold with WeChat (320 CSS px): there the number cannot fit one line.
  await page.setViewportSize({ width: 320, height: 640 })
  await turnOnLargeText(app)
  await app.open('/pages/index/index')
  await page.locator('.filing-card').first().waitFor()
  const id = (await page.locator('.filing-card').first().getAttribute('data-filing-id'))!
  const whole = [[id], [id.slice(0, id.indexOf('-') + 1), id.slice(id.indexOf('-') + 1)]]
  expect(whole).toContainEqual(await lines(page, '.filing-card__number'))

  await app.open(`/pages/filing/index?id=${id}`)
  await page.locator('.fd-number').waitFor()
  expect(whole).toContainEqual(await lines(page, '.fd-number'))

  await app.open(`/pages/certificate/index?id=${id}`)
  await page.locator('#cert-number').waitFor()
  expect(whole).toContainEqual(await lines(page, '#cert-number'))
  // …and its longer line stays inside the card.
  expect(await page.$eval('#cert-number', (element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(1)
  await app.screenshot('certificate-large-number')
  expect(await overflowsHorizontally(page)).toBe(false)
})

test('in normal mode the same pages hold too', async () => {
  app = await startApp({ openid: 'demo-wang' })
  await app.open('/pages/index/index')
  await app.page.locator('.filing-card').waitFor()
  expect(await overlappingText(app.page)).toEqual([])
  expect(await overflowsHorizontally(app.page)).toBe(false)
  await app.open('/pages/settings/index')
  expect(await overlappingText(app.page)).toEqual([])
  await app.screenshot('settings')
})
