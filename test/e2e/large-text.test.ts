// 长辈模式: text at 1.5×, no overlapping lines, touch targets of at least 60×60 CSS px, and the
// choice kept across a reload.
import { boxes, fontSize, overflowsHorizontally, overlappingText, startApp, type App } from './browser'

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
