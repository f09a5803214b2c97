// 备案凭证 in the browser: the number, the masked name and ID, the validity, the state, and a QR code
// that a scanner reads back as the filing number (decoded from the pixels on screen with jsQR); a
// cancelled or expired filing's certificate says it is invalid and shows no code; large text holds.
import jsQR from 'jsqr'
import type { BrowserContext, Page } from 'playwright-core'
import { residentId } from '../rules/fixtures'
import { api, fixNow, overflowsHorizontally, overlappingText, startApp, submitAs, type App } from './browser'

let app: App

afterEach(async () => {
  await app?.close()
})

const NOW = '2026-12-05T10:00:00+08:00'

/** A 山西省省直 long-term resident in 北京 (change and cancel any time, 000 二(一)). */
async function fileShanxi(app: App, openid: string, requestId: string) {
  const reply = await submitAs(
    app,
    {
      requestId,
      policyId: 'shanxi-provincial',
      category: 'long_term_resident',
      applicant: { name: '张淑兰', idType: 'resident_id', idNumber: residentId('140105', '19560214', '028'), phone: '13900001111' },
      destination: { provinceCode: '110000' },
      startDate: '2026-12-01',
      commitment: { accepted: true, signature: '张淑兰' },
    },
    { openid, now: '2026-12-01T09:00:00+08:00' },
  )
  expect(reply).toMatchObject({ ok: true, data: { status: 'active', validUntil: null } })
  return reply.data as { id: string; version: number }
}

/** What a scanner sees: the QR element's pixels on screen, decoded with jsQR. */
async function scanQr(page: Page): Promise<string | null> {
  const png = await page.locator('.qr').screenshot()
  const { data, width, height } = await page.evaluate(async (base64) => {
    const image = new Image()
    image.src = `data:image/png;base64,${base64}`
    await image.decode()
    const canvas = document.createElement('canvas')
    canvas.width = image.width
    canvas.height = image.height
    const context = canvas.getContext('2d')!
    context.drawImage(image, 0, 0)
    return { data: Array.from(context.getImageData(0, 0, image.width, image.height).data), width: image.width, height: image.height }
  }, png.toString('base64'))
  return jsQR(Uint8ClampedArray.from(data), width, height)?.data ?? null
}

async function largeTextBeforeLoad(context: BrowserContext) {
  await context.addInitScript(() => localStorage.setItem('settings.largeText', JSON.stringify({ data: 'on' })))
}

test('a filing in force: number, masked name and ID, validity, state, and a QR code of the number', async () => {
  app = await startApp({ seedDemo: false, openid: 'cert-zhang' })
  const filing = await fileShanxi(app, 'cert-zhang', 'e2e-cert-0001')
  const { page } = app
  await fixNow(page, NOW)
  await app.open(`/pages/certificate/index?id=${filing.id}`)
  await page.locator('#certificate').waitFor()

  expect(await page.locator('.cert-card__title').innerText()).toBe('异地就医备案凭证')
  expect(await page.locator('#cert-number').innerText()).toBe(filing.id)
  expect(await page.locator('#cert-name').innerText()).toBe('张*兰')
  const idNumber = residentId('140105', '19560214', '028')
  expect(await page.locator('#cert-id-number').innerText()).toBe(`140***********${idNumber.slice(-4)}`)
  expect(await page.locator('.cert-row__label').allInnerTexts()).toEqual(['姓名', '居民身份证', '人员类别', '参保地', '就医地', '有效期'])
  expect(await page.locator('#cert-category').innerText()).toBe('异地长期居住人员')
  expect(await page.locator('#cert-insured').innerText()).toBe('山西省省直')
  expect(await page.locator('#cert-destination').innerText()).toBe('北京市')
  expect(await page.locator('#cert-validity').innerText()).toBe('长期有效（2026年12月1日起）')
  expect(await page.locator('.cert-card .state-tag').innerText()).toContain('生效中')
  expect(await page.locator('#cert-band').count()).toBe(0)

  // The code: a grid of Views, square, at least 200 px with its quiet zone, that reads back.
  const qr = page.locator('.qr')
  expect(await qr.getAttribute('data-modules')).toBe('21')
  expect(await qr.locator('.qr__row').count()).toBe(21)
  const box = (await qr.boundingBox())!
  expect(box.width).toBeGreaterThanOrEqual(200)
  expect(Math.abs(box.width - box.height)).toBeLessThan(1)
  expect(await scanQr(page)).toBe(filing.id)
  await app.screenshot('certificate-active')
})

test('a cancelled filing: the certificate says it is invalid, strikes the number and shows no code', async () => {
  app = await startApp({ seedDemo: false, openid: 'cert-cancel' })
  const filing = await fileShanxi(app, 'cert-cancel', 'e2e-cert-0002')
  const cancelled = await api(app, 'filing', 'cancel', { id: filing.id, version: filing.version, reason: '回太原居住' }, { openid: 'cert-cancel', now: '2026-12-03T09:00:00+08:00' })
  expect(cancelled).toMatchObject({ ok: true, data: { status: 'cancelled' } })
  const { page } = app
  await fixNow(page, NOW)
  await app.open(`/pages/certificate/index?id=${filing.id}`)
  await page.locator('#certificate').waitFor()

  expect(await page.locator('#cert-band .cert-band__title').innerText()).toBe('已取消 — 此凭证无效')
  expect(await page.locator('#cert-band').innerText()).toContain('不能用于直接结算')
  expect(await page.locator('#certificate').getAttribute('data-usable')).toBe('no')
  expect(await page.locator('.cert-card .state-tag').innerText()).toContain('已取消')
  expect(await page.locator('.qr').count()).toBe(0)
  expect(await page.locator('.cert-card__no-qr').innerText()).toBe('此凭证无效，不显示二维码')
  expect(await page.locator('#cert-number').evaluate((element) => getComputedStyle(element).textDecorationLine)).toBe('line-through')
  // The band is the first thing on the page, above the card.
  const band = (await page.locator('#cert-band').boundingBox())!
  const card = (await page.locator('#certificate').boundingBox())!
  expect(band.y + band.height).toBeLessThanOrEqual(card.y)
  await app.screenshot('certificate-cancelled')
})

test('an expired referral says so too', async () => {
  app = await startApp({ seedDemo: false, openid: 'cert-expired' })
  const reply = await submitAs(
    app,
    {
      requestId: 'e2e-cert-0003',
      policyId: 'dazhou',
      category: 'referral',
      applicant: { name: '欧阳秀英', idType: 'resident_id', idNumber: residentId('511702', '19590101', '062'), phone: '13811113333' },
      destination: { provinceCode: '510000', cityCode: '510100' },
      startDate: '2026-05-31',
      commitment: { accepted: true, signature: '欧阳秀英' },
      referral: { hospitalName: '达州市中心医院', hospitalLevel: 'grade3a', certificateDate: '2026-05-30' },
    },
    { openid: 'cert-expired', now: '2026-05-31T09:00:00+08:00' },
  )
  expect(reply).toMatchObject({ ok: true, data: { validUntil: '2026-11-30' } })
  const { page } = app
  await fixNow(page, NOW)
  await app.open(`/pages/certificate/index?id=${reply.data.id}`)
  await page.locator('#certificate').waitFor()
  expect(await page.locator('#cert-band .cert-band__title').innerText()).toBe('已过期 — 此凭证无效')
  expect(await page.locator('#cert-band').innerText()).toContain('已于2026年11月30日到期')
  expect(await page.locator('#cert-name').innerText()).toBe('欧**英')
  expect(await page.locator('#cert-validity').innerText()).toBe('2026年5月31日 至 2026年11月30日')
  expect(await page.locator('.qr').count()).toBe(0)
  await app.screenshot('certificate-expired')
})

test('someone else’s filing number: not found, and nothing of it is shown', async () => {
  app = await startApp({ seedDemo: false, openid: 'cert-owner' })
  const filing = await fileShanxi(app, 'cert-owner', 'e2e-cert-0004')
  const { context } = app
  await context.addInitScript(() => localStorage.setItem('devOpenid', JSON.stringify({ data: 'cert-stranger' })))
  await app.open(`/pages/certificate/index?id=${filing.id}`)
  const notice = app.page.locator('.notice')
  await notice.waitFor()
  expect(await notice.innerText()).toContain('打不开这份凭证')
  expect(await notice.innerText()).toContain('没有找到这份备案')
  expect(await app.page.locator('#certificate').count()).toBe(0)
  expect(await app.page.getByText(filing.id).count()).toBe(0)
})

test('large text: the certificate holds (no overlapping text, nothing off-screen) and the code still reads', async () => {
  app = await startApp({ seedDemo: false, openid: 'cert-large' })
  await largeTextBeforeLoad(app.context)
  const filing = await fileShanxi(app, 'cert-large', 'e2e-cert-0005')
  const { page } = app
  await fixNow(page, NOW)
  await app.open(`/pages/certificate/index?id=${filing.id}`)
  await page.locator('.screen--large #certificate').waitFor()
  expect(await overlappingText(page)).toEqual([])
  expect(await overflowsHorizontally(page)).toBe(false)
  expect(await scanQr(page)).toBe(filing.id)
  await app.screenshot('certificate-active-large')

  const cancelled = await api(app, 'filing', 'cancel', { id: filing.id, version: filing.version, reason: '回太原居住' }, { openid: 'cert-large', now: '2026-12-03T09:00:00+08:00' })
  expect(cancelled.ok).toBe(true)
  await page.reload()
  await page.locator('.screen--large #cert-band').waitFor()
  expect(await overlappingText(page)).toEqual([])
  expect(await overflowsHorizontally(page)).toBe(false)
  await app.screenshot('certificate-cancelled-large')
})
