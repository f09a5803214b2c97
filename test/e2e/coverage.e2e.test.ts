// 住院能直接结算吗？ in the browser: a 达州 referral whose validity ends (seed 001 四(一): admitted
// within it, discharged after → still direct settlement), a stay admitted after the end (not covered,
// file now), an emergency with no filing (covered, no filing needed), and the messages next to
// their fields with the person's answers kept.
import type { Page } from 'playwright-core'
import { residentId } from '../rules/fixtures'
import { api, boxes, fixNow, overflowsHorizontally, overlappingText, startApp, type App } from './browser'
import { pickDate } from './date-picker'

let app: App

afterEach(async () => {
  await app?.close()
})

const PERSON = 'cov-referral'

/** 达州 referral to 成都, 2026-05-31 → last valid day 2026-11-30. */
async function fileReferral(app: App): Promise<string> {
  const reply = await api(
    app,
    'filing',
    'submit',
    {
      requestId: 'e2e-cov-ref-0001',
      policyId: 'dazhou',
      category: 'referral',
      applicant: { name: '刘桂芳', idType: 'resident_id', idNumber: residentId('511702', '19570812', '042'), phone: '13811112222' },
      destination: { provinceCode: '510000', cityCode: '510100' },
      startDate: '2026-05-31',
      commitment: { accepted: true, signature: '刘桂芳' },
      referral: { hospitalName: '达州市中心医院', hospitalLevel: 'grade3a', certificateDate: '2026-05-30' },
    },
    { openid: PERSON, now: '2026-05-31T09:00:00+08:00' },
  )
  expect(reply).toMatchObject({ ok: true, data: { validUntil: '2026-11-30', status: 'active' } })
  return reply.data.id
}

async function choosePlace(page: Page, province: string, city?: string) {
  await page.locator('#stay-region .fw-grid__item', { hasText: province }).first().click()
  if (city) await page.locator('#stay-region .fw-grid__item', { hasText: city }).first().click()
}

async function choose(page: Page, question: string, answer: string) {
  const list = page.locator('.choices', { has: page.locator('.choices__question', { hasText: question }) })
  await list.locator('.choice__title', { hasText: answer }).click()
}

/** The message under the field that holds `selector`. */
async function errorUnder(page: Page, anchor: string): Promise<string> {
  return (await page.locator(`#${anchor} .field-error__text`).first().textContent()) ?? ''
}

test('admitted on the last valid day and discharged after it: covered, and it says why', async () => {
  app = await startApp({ seedDemo: false, openid: PERSON })
  const id = await fileReferral(app)
  const { page } = app
  await fixNow(page, '2026-12-12T10:00:00+08:00')
  // From the home page, as a person would get there.
  await app.open('/')
  await page.locator('#home-coverage').click()
  await page.getByText('按您参保地（达州市）的规定判断。').waitFor()

  await pickDate(page, '#admission-date', '2026-11-30')
  await choose(page, '出院了吗？', '已经出院')
  await pickDate(page, '#discharge-date', '2026-12-10')
  await choosePlace(page, '四川', '成都市')
  await choose(page, '是急诊抢救吗？', '不是')
  await page.locator('#coverage-check').click()

  const answer = page.locator('#coverage-answer')
  await answer.waitFor()
  const text = await answer.innerText()
  expect(text).toContain('可以直接结算')
  expect(text).toContain('凭您在四川省成都市的备案直接结算。')
  expect(text).toContain(id)
  expect(text).toContain('2026年5月31日 至 2026年11月30日')
  expect(text).toContain('入院时在备案有效期内，出院晚于有效期（2026年11月30日）的，也按有效期内直接结算。')
  expect(text).toContain('您问的是：2026年11月30日入院，2026年12月10日出院，在四川省成都市，不是急诊抢救。')
  expect(await page.locator('#coverage-file-now').count()).toBe(0)
  await app.screenshot('coverage-covered-late-discharge')

  // The covering filing's certificate is one tap away.
  await page.locator('#coverage-certificate').click()
  await page.waitForURL(`**/pages/certificate/index?id=${id}`)
  await page.locator('#cert-number', { hasText: id }).waitFor()
})

test('admitted the day after the end and still in hospital: not covered, why, and 现在办理备案', async () => {
  app = await startApp({ seedDemo: false, openid: PERSON })
  await fileReferral(app)
  const { page } = app
  await fixNow(page, '2026-12-05T10:00:00+08:00')
  await app.open('/pages/coverage/index')
  await page.getByText('按您参保地（达州市）的规定判断。').waitFor()

  await pickDate(page, '#admission-date', '2026-12-01')
  await choose(page, '出院了吗？', '还没出院')
  await choosePlace(page, '四川', '成都市')
  await choose(page, '是急诊抢救吗？', '不是')
  await page.locator('#coverage-check').click()

  const answer = page.locator('#coverage-answer')
  await answer.waitFor()
  const text = await answer.innerText()
  expect(text).toContain('不能直接结算')
  expect(text).toContain('您的备案已于2026年11月30日到期，入院日期不在有效期内。')
  expect(text).toContain('现在怎么办')
  expect(text).toContain('还没出院结算的，现在办理（补办）备案，出院时就能直接结算。')
  await app.screenshot('coverage-not-covered')

  await page.locator('#coverage-file-now').click()
  await page.waitForURL('**/pages/file/index')
})

test('an emergency with no filing: the 参保地 is asked, and the stay is covered without filing', async () => {
  app = await startApp({ seedDemo: false, openid: 'cov-nobody' })
  const { page } = app
  await fixNow(page, '2026-12-05T10:00:00+08:00')
  await app.open('/pages/coverage/index')
  await page.getByText('您在哪里参加医保？').waitFor()

  await pickDate(page, '#admission-date', '2026-12-04')
  await choose(page, '出院了吗？', '还没出院')
  await choosePlace(page, '北京')
  await page.getByText('北京市的备案不分城市，不用再选。').waitFor()
  await choose(page, '是急诊抢救吗？', '是，急诊抢救')
  await choose(page, '您在哪里参加医保？', '达州市')
  await page.locator('#coverage-check').click()

  const answer = page.locator('#coverage-answer')
  await answer.waitFor()
  const text = await answer.innerText()
  expect(text).toContain('可以直接结算')
  expect(text).toContain('按急诊抢救直接结算，不用备案。')
  expect(text).toContain('在北京市，急诊抢救')
  await app.screenshot('coverage-emergency')
})

test('messages stand next to their fields, and nothing chosen is lost', async () => {
  app = await startApp({ seedDemo: false, openid: PERSON })
  await fileReferral(app)
  const { page } = app
  await fixNow(page, '2026-12-05T10:00:00+08:00')
  await app.open('/pages/coverage/index')
  await page.getByText('按您参保地（达州市）的规定判断。').waitFor()

  // Nothing answered: each question says what it needs.
  await page.locator('#coverage-check').click()
  await page.locator('.field-error').first().waitFor()
  expect(await errorUnder(page, 'cv-admissionDate')).toBe('请选择入院日期')
  expect(await errorUnder(page, 'cv-discharged')).toBe('请选择是否已经出院')
  expect(await errorUnder(page, 'cv-destination-provinceCode')).toBe('请选择就医省份')
  expect(await errorUnder(page, 'cv-emergency')).toBe('请选择是否急诊抢救')
  expect(await page.locator('#coverage-answer').count()).toBe(0)
  await app.screenshot('coverage-errors-empty')

  // A province that needs a city, and a discharge before the admission.
  await pickDate(page, '#admission-date', '2026-12-01')
  expect(await page.locator('#cv-admissionDate .field-error').count()).toBe(0)
  await choose(page, '出院了吗？', '已经出院')
  await pickDate(page, '#discharge-date', '2026-12-03')
  await pickDate(page, '#admission-date', '2026-12-04')
  await choosePlace(page, '四川')
  await choose(page, '是急诊抢救吗？', '不是')
  await page.locator('#coverage-check').click()
  await page.locator('#cv-dischargeDate .field-error').waitFor()
  expect(await errorUnder(page, 'cv-dischargeDate')).toBe('出院日期不能早于入院日期')
  expect(await errorUnder(page, 'cv-destination-cityCode')).toBe('请选择就医城市')
  expect(await page.locator('#cv-admissionDate .field-error').count()).toBe(0)
  expect(await page.locator('#cv-emergency .field-error').count()).toBe(0)

  // Everything chosen is still there.
  expect(await page.locator('#admission-date').innerText()).toContain('2026年12月4日')
  expect(await page.locator('#discharge-date').innerText()).toContain('2026年12月3日')
  expect(await page.locator('#stay-region .fw-chosen__value').first().innerText()).toBe('四川省')
  expect(await page.locator('.choice--selected .choice__title').allInnerTexts()).toEqual(['已经出院（已选）', '不是（已选）'])
  await app.screenshot('coverage-errors-fields')

  // Fixing them gives an answer.
  await pickDate(page, '#discharge-date', '2026-12-04')
  await page.locator('#stay-region .fw-grid__item', { hasText: '成都市' }).click()
  await page.locator('#coverage-check').click()
  await page.locator('#coverage-answer').waitFor()
  expect(await page.locator('.field-error').count()).toBe(0)
})

test('large text: the questions and the answer hold, and every target is at least 60 × 60 px', async () => {
  app = await startApp({ seedDemo: false, openid: PERSON })
  await app.context.addInitScript(() => localStorage.setItem('settings.largeText', JSON.stringify({ data: 'on' })))
  await fileReferral(app)
  const { page } = app
  await fixNow(page, '2026-12-05T10:00:00+08:00')
  await app.open('/pages/coverage/index')
  await page.locator('.screen--large').waitFor()
  await page.getByText('按您参保地（达州市）的规定判断。').waitFor()

  await pickDate(page, '#admission-date', '2026-12-01')
  await choose(page, '出院了吗？', '还没出院')
  await page.locator('#stay-region .fw-grid__item', { hasText: '四川' }).first().click()
  expect(await overlappingText(page)).toEqual([])
  expect(await overflowsHorizontally(page)).toBe(false)
  await app.screenshot('coverage-large-cities')
  await page.locator('#stay-region .fw-grid__item', { hasText: '成都市' }).click()
  await choose(page, '是急诊抢救吗？', '不是')
  await page.locator('#coverage-check').click()
  await page.locator('#coverage-answer').waitFor()

  expect(await overlappingText(page)).toEqual([])
  expect(await overflowsHorizontally(page)).toBe(false)
  const small = (await boxes(page, '.btn, .choice, .fw-date, .fw-chosen__change, .fw-grid__item')).filter((box) => box.width < 60 || box.height < 60)
  expect(small).toEqual([])
  await app.screenshot('coverage-large-answer')
})
