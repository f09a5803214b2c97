// 住院能直接结算吗？ in the browser, asked as a person would, each answer checked against its seed:
// a 达州 retiree back home in 达州 (001 三(二)8) and with a stay settled before filing (001 四(二));
// a 达州 referral whose validity ends (001 四(一)); 普通门诊 with no filing (001 四(四)); 辽宁省省直 in
// 大连 (002 第二条: 原渠道); 大同 门诊慢特病 (003: two cases); emergencies — treated as filed across
// provinces (22号), filed before discharge within 四川 (001 二、四(二)); the national default's
// 参保城市; and the messages next to their fields with the person's answers kept.
import type { Page } from 'playwright-core'
import { residentId } from '../rules/fixtures'
import { boxes, fixNow, overflowsHorizontally, overlappingText, startApp, submitAs, type App } from './browser'
import { pickDate } from './date-picker'

let app: App

afterEach(async () => {
  await app?.close()
})

const PERSON = 'cov-referral'
const RETIREE = 'cov-retiree'
const CARE = '这次是住院、看门诊，还是买药？'

/** 达州 referral to 成都, 2026-05-31 → last valid day 2026-11-30. */
async function fileReferral(app: App): Promise<string> {
  const reply = await submitAs(
    app,
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

/** 达州 retiree settled in 深圳, filed on 2026-06-01 with a start date of 2026-05-01 (补办: no limit back, 001 四(二)). */
async function fileRetiree(app: App): Promise<string> {
  const reply = await submitAs(
    app,
    {
      requestId: 'e2e-cov-ret-0001',
      policyId: 'dazhou',
      category: 'resettled_retiree',
      applicant: { name: '王秀兰', idType: 'resident_id', idNumber: residentId('511702', '19580612', '024'), phone: '13812345678' },
      destination: { provinceCode: '440000', cityCode: '440300' },
      startDate: '2026-05-01',
      commitment: { accepted: true, signature: '王秀兰' },
    },
    { openid: RETIREE, now: '2026-06-01T09:00:00+08:00' },
  )
  expect(reply).toMatchObject({ ok: true, data: { validUntil: null, status: 'active', filedOn: '2026-06-01' } })
  return reply.data.id
}

async function choosePlace(page: Page, province: string, city?: string, region = 'stay') {
  await page.locator(`#${region}-region .fw-grid__item`, { hasText: province }).first().click()
  if (city) await page.locator(`#${region}-region .fw-grid__item`, { hasText: city }).first().click()
}

async function choose(page: Page, question: string, answer: string) {
  const list = page.locator('.choices', { has: page.locator('.choices__question', { hasText: question }) })
  await list.locator('.choice__title', { hasText: answer }).click()
}

/** The message under the field that holds `selector`. */
async function errorUnder(page: Page, anchor: string): Promise<string> {
  return (await page.locator(`#${anchor} .field-error__text`).first().textContent()) ?? ''
}

/** Signs in as `openid` at `now`, lets `prepare` set the scene (a filing), and opens the coverage page. */
async function openCoverage(openid: string, now: string, prepare?: (app: App) => Promise<unknown>): Promise<Page> {
  app = await startApp({ seedDemo: false, openid })
  await prepare?.(app)
  await fixNow(app.page, now)
  await app.open('/pages/coverage/index')
  return app.page
}

/** Answers the questions about a hospital stay, in the order the page asks them. */
async function askStay(
  page: Page,
  stay: { admitted: string; discharged?: string; emergency?: boolean; province: string; city?: string },
): Promise<void> {
  await choose(page, CARE, '住院')
  await pickDate(page, '#admission-date', stay.admitted)
  await choose(page, '出院了吗？', stay.discharged ? '已经出院' : '还没出院')
  if (stay.discharged) await pickDate(page, '#discharge-date', stay.discharged)
  await choose(page, '是急诊抢救吗？', stay.emergency ? '是，急诊抢救' : '不是')
  await choosePlace(page, stay.province, stay.city)
}

/** Answers the questions about a visit (门诊, 门诊慢特病, 药店): its day and place, no discharge, no emergency. */
async function askVisit(page: Page, care: string, visit: { on: string; province: string; city?: string }): Promise<void> {
  await choose(page, CARE, care)
  await pickDate(page, '#admission-date', visit.on)
  await choosePlace(page, visit.province, visit.city)
}

function expectWords(text: string, words: string[]): void {
  for (const part of words) expect(text).toContain(part)
}

/** Which of the buttons under the answer are shown. */
async function buttons(page: Page): Promise<{ fileNow: boolean; certificate: boolean }> {
  return {
    fileNow: (await page.locator('#coverage-file-now').count()) > 0,
    certificate: (await page.locator('#coverage-certificate').count()) > 0,
  }
}

/** Presses 查看 and reads the answer box. */
async function answer(page: Page): Promise<string> {
  await page.locator('#coverage-check').click()
  const box = page.locator('#coverage-answer')
  await box.waitFor()
  return box.innerText()
}

test('a 达州 retiree settled in 深圳 asks about a stay back home in 达州: ✓, the seed says so (001 三(二)8)', async () => {
  app = await startApp({ seedDemo: false, openid: RETIREE })
  await fileRetiree(app)
  const { page } = app
  await fixNow(page, '2026-07-10T10:00:00+08:00')
  // From the home page, as a person would get there.
  await app.open('/')
  await page.locator('#home-coverage').click()
  await page.getByText(CARE).waitFor()
  // Until the kind of care is chosen, no other question is asked.
  expect(await page.locator('#admission-date').count()).toBe(0)

  await askStay(page, { admitted: '2026-07-08', province: '四川', city: '达州市' })
  await page.getByText('按您参保地（达州市）的规定判断。').waitFor()
  const text = await answer(page)
  expectWords(text, [
    '✓',
    '可以直接结算',
    '您问的是：住院：2026年7月8日入院，还没出院，在四川省达州市，不是急诊抢救。',
    '在达州市内就医不属于异地就医，不用备案，按达州市规定结算。',
    '异地长期居住人员在备案有效期内确需回达州市就医的，可以在达州市享受医保结算服务',
    '依据：001 三(二)8',
    '这次在参保地（统筹区内）就医，不属于异地就医。',
  ])
  expect(text).not.toContain('现在怎么办')
  // No filing is what settles it, so there is no certificate to show and nothing to file.
  expect(await buttons(page)).toEqual({ fileNow: false, certificate: false })
  await app.screenshot('coverage-home-stay')
})

test('the same retiree, a stay in 深圳 discharged before the filing was made: ✗, claim it by hand (001 四(二))', async () => {
  const page = await openCoverage(RETIREE, '2026-07-10T10:00:00+08:00', fileRetiree)
  await askStay(page, { admitted: '2026-05-10', discharged: '2026-05-20', province: '广东', city: '深圳市' })

  expectWords(await answer(page), [
    '✗',
    '不能直接结算',
    // The filing starts on 2026-05-01, before the stay, yet it cannot turn a settled stay into a direct one.
    '这次住院在2026年6月1日办理备案之前已经出院结算：备案不会把已经自费结算的住院改成直接结算，不管备案的开始日期是哪天。',
    '依据：001 四(二)、三(一)2',
    '现在怎么办',
    '出院自费结算后按规定补办异地就医备案手续的，可以按规定申请医保手工报销（执行达州市医保支付范围及待遇政策）。',
    '这次是跨省异地就医。',
  ])
  expect(await buttons(page)).toEqual({ fileNow: false, certificate: false })
  expectWords(await page.locator('#coverage-notes').innerText(), ['您可能还需要知道', '已经自费结算的，可以申请手工报销', '依据：001 四(二)'])
  await app.screenshot('coverage-settled-before-filing')
})

test('admitted on the last valid day and discharged after it: covered, and it says why (001 四(一))', async () => {
  let id = ''
  const page = await openCoverage(PERSON, '2026-12-12T10:00:00+08:00', async (app) => (id = await fileReferral(app)))
  await askStay(page, { admitted: '2026-11-30', discharged: '2026-12-10', province: '四川', city: '成都市' })
  await page.getByText('按您参保地（达州市）的规定判断。').waitFor()

  expectWords(await answer(page), [
    '可以直接结算',
    id,
    '四川省成都市',
    '2026年5月31日 至 2026年11月30日',
    '入院时在备案有效期内，出院晚于有效期（2026年11月30日）的，也按有效期内直接结算。',
    '依据：001 二、四(一)、四(三)2',
    '您问的是：住院：2026年11月30日入院，2026年12月10日出院，在四川省成都市，不是急诊抢救。',
    '这次是省内异地就医。',
  ])
  expect(await buttons(page)).toEqual({ fileNow: false, certificate: true })
  await app.screenshot('coverage-covered-late-discharge')

  // The covering filing's certificate is one tap away.
  await page.locator('#coverage-certificate').click()
  await page.waitForURL(`**/pages/certificate/index?id=${id}`)
  await page.locator('#cert-number', { hasText: id }).waitFor()
})

test('admitted the day after the end and still in hospital: not covered, why, and 现在办理备案 (001 四(二))', async () => {
  const page = await openCoverage(PERSON, '2026-12-05T10:00:00+08:00', fileReferral)
  await askStay(page, { admitted: '2026-12-01', province: '四川', city: '成都市' })

  expectWords(await answer(page), [
    '不能直接结算',
    '您的备案已于2026年11月30日到期，入院日期不在有效期内。出院结算前补办异地就医备案的，就医地联网定点医疗机构为您直接结算。',
    '依据：001 四(二)',
    '现在怎么办',
    '还没出院结算的，现在办理（补办）备案，出院时就能直接结算。',
  ])
  // The expired filing is named in why, but it is no certificate to show.
  expect(await buttons(page)).toEqual({ fileNow: true, certificate: false })
  await app.screenshot('coverage-not-covered')

  await page.locator('#coverage-file-now').click()
  await page.waitForURL('**/pages/file/index')
})

test('普通门诊 with no filing, 参保地 达州, in 成都: ✓ no filing needed (001 四(四)), and only the questions a visit needs', async () => {
  const page = await openCoverage('cov-outpatient', '2026-07-10T10:00:00+08:00')
  await choose(page, CARE, '普通门诊')
  await page.getByText('哪天看病？').waitFor()
  await page.getByText('在哪里看病？').waitFor()
  expect(await page.getByText('出院了吗？').count()).toBe(0)
  expect(await page.getByText('是急诊抢救吗？').count()).toBe(0)
  await askVisit(page, '普通门诊', { on: '2026-07-12', province: '四川', city: '成都市' })
  await choose(page, '您在哪里参加医保？', '达州市')

  expectWords(await answer(page), [
    '✓',
    '可以直接结算',
    '您问的是：普通门诊：2026年7月12日，在四川省成都市。',
    '异地普通门诊就医不用办理备案，在已开通异地联网结算的定点医药机构出示医保电子凭证或社保卡即可，按达州市本地就医支付比例结算。',
    '依据：001 四(四)、三(二)6',
    '这次是省内异地就医。',
  ])
  expect(await buttons(page)).toEqual({ fileNow: false, certificate: false })
  expectWords(await page.locator('#coverage-notes').innerText(), ['普通门诊和药店购药不用备案', '依据：001 四(四)'])
  await app.screenshot('coverage-outpatient')
})

test('no filing, 辽宁省省直, a stay in 大连: ✗, 省内异地 goes through the former channel (002 第二条)', async () => {
  const page = await openCoverage('cov-liaoning', '2026-07-10T10:00:00+08:00')
  await askStay(page, { admitted: '2026-07-09', province: '辽宁', city: '大连市' })
  await choose(page, '您在哪里参加医保？', '辽宁省省直')

  expectWords(await answer(page), [
    '✗',
    '不能直接结算',
    '辽宁省省直的异地就医直接结算规程只适用于跨省住院，省内异地就医不在其中：个人先行垫付，再由参保单位向省社保局申报（原结算方式）。',
    '依据：002 第二条；通知 三(二)2、三(四)',
    '现在怎么办',
    '请按原渠道办理',
    '这次是省内异地就医。',
  ])
  // Filing would not help: 辽宁 files cross-province stays only.
  expect(await buttons(page)).toEqual({ fileNow: false, certificate: false })
  await app.screenshot('coverage-liaoning-in-province')
})

test('大同 门诊慢特病: 要看情况, one case each way (003)', async () => {
  const page = await openCoverage('cov-datong', '2026-07-10T10:00:00+08:00')
  await askVisit(page, '门诊慢特病', { on: '2026-07-10', province: '四川', city: '成都市' })
  await choose(page, '您在哪里参加医保？', '大同市')

  expectWords(await answer(page), ['？', '要看情况', '依据：003（问：异地定居、安置人员门诊慢特病如何办理、报销）', '这次是跨省异地就医。'])
  const cases = page.locator('#coverage-answer .cv-case')
  expect(await cases.count()).toBe(2)
  expectWords(await cases.nth(0).innerText(), ['✓', '在大同（参保地）鉴定的门诊慢特病', '可以直接结算', '门诊直报已开通，不需要办理相关手续。'])
  expectWords(await cases.nth(1).innerText(), ['✗', '在定居地鉴定的门诊慢特病', '不能直接结算', '门诊发生的相关费用回大同手工报销，按参保地待遇报销。'])
  expect(await buttons(page)).toEqual({ fileNow: false, certificate: false })
  await app.screenshot('coverage-datong-depends')
})

test('emergencies with no filing: treated as filed across provinces (22号), filed before discharge within 四川 (001 二、四(二))', async () => {
  const page = await openCoverage('cov-nobody', '2026-12-05T10:00:00+08:00')
  await askStay(page, { admitted: '2026-12-04', emergency: true, province: '北京' })
  await page.getByText('北京市的备案不分城市，不用再选。').waitFor()
  await choose(page, '您在哪里参加医保？', '达州市')

  expectWords(await answer(page), [
    '可以直接结算',
    '在北京市，急诊抢救',
    '跨省急诊抢救没有备案的，按国家规定视同已备案，出院时直接结算',
    '依据：国家框架：医保发〔2022〕22号（跨省，非种子文件）；001 二',
    '这次是跨省异地就医。',
  ])
  await app.screenshot('coverage-emergency-cross-province')

  // Another place takes the old answer away; 成都 is in 达州's own province, where 达州 files emergencies.
  await page.locator('#stay-region .fw-chosen__change').first().click()
  expect(await page.locator('#coverage-answer').count()).toBe(0)
  await choosePlace(page, '四川', '成都市')
  expectWords(await answer(page), [
    '不能直接结算',
    '您还没有这个就医地的有效备案。',
    '达州市的急诊抢救人员办理异地就医备案后直接结算；出院结算前补办急诊抢救备案的，也能直接结算。',
    '依据：001 二、四(二)',
    '这次是省内异地就医。',
  ])
  expect(await buttons(page)).toEqual({ fileNow: true, certificate: false })
  await app.screenshot('coverage-emergency-in-province')
})

test('其他参保地（国家统一规定）: the 参保城市 is asked, its message stands under it, and 22号 answers', async () => {
  const page = await openCoverage('cov-national', '2026-07-10T10:00:00+08:00')
  await askStay(page, { admitted: '2026-07-09', province: '四川', city: '成都市' })
  await choose(page, '您在哪里参加医保？', '其他参保地')
  await page.getByText('您在哪个城市参加医保？').waitFor()

  await page.locator('#coverage-check').click()
  await page.locator('#cv-insuredRegionCode .field-error').waitFor()
  expect(await errorUnder(page, 'cv-insuredRegionCode')).toBe('请选择您的参保地（参保城市）')
  expect(await page.locator('.field-error').count()).toBe(1)
  // A province alone is not a place for 广东: the message moves under the city.
  await choosePlace(page, '广东', undefined, 'insured')
  expect(await page.locator('#cv-insuredRegionCode .field-error').count()).toBe(0)
  await page.locator('#coverage-check').click()
  await page.locator('#cv-insuredRegionCode .field-error').waitFor()
  expect(await errorUnder(page, 'cv-insuredRegionCode')).toBe('请选择您的参保地（参保城市）')
  await app.screenshot('coverage-national-city-missing')
  await page.locator('#insured-region .fw-grid__item', { hasText: '广州市' }).click()

  expectWords(await answer(page), [
    '不能直接结算',
    '跨省住院可以在出院结算前补办备案，补办后出院时直接结算。',
    '依据：国家框架：医保发〔2022〕22号（跨省，非种子文件）',
    '这次是跨省异地就医。',
  ])
  expect(await buttons(page)).toEqual({ fileNow: true, certificate: false })
})

test('messages stand next to their fields, and nothing chosen is lost', async () => {
  const page = await openCoverage(PERSON, '2026-12-05T10:00:00+08:00', fileReferral)
  await page.getByText(CARE).waitFor()

  // Nothing answered: the first question says what it needs.
  await page.locator('#coverage-check').click()
  await page.locator('.field-error').first().waitFor()
  expect(await errorUnder(page, 'cv-care')).toBe('请选择是住院、看门诊还是买药')
  expect(await page.locator('.field-error').count()).toBe(1)

  // A stay: each question says what it needs.
  await choose(page, CARE, '住院')
  expect(await page.locator('#cv-care .field-error').count()).toBe(0)
  await page.locator('#coverage-check').click()
  await page.locator('#cv-admissionDate .field-error').waitFor()
  expect(await errorUnder(page, 'cv-admissionDate')).toBe('请选择入院日期')
  expect(await errorUnder(page, 'cv-discharged')).toBe('请选择是否已经出院')
  expect(await errorUnder(page, 'cv-emergency')).toBe('请选择是否急诊抢救')
  expect(await errorUnder(page, 'cv-destination-provinceCode')).toBe('请选择就医省份')
  expect(await page.locator('#coverage-answer').count()).toBe(0)
  await app.screenshot('coverage-errors-empty')

  // A province that needs a city, and a discharge before the admission.
  await pickDate(page, '#admission-date', '2026-12-01')
  expect(await page.locator('#cv-admissionDate .field-error').count()).toBe(0)
  await choose(page, '出院了吗？', '已经出院')
  await pickDate(page, '#discharge-date', '2026-12-03')
  await pickDate(page, '#admission-date', '2026-12-04')
  await choose(page, '是急诊抢救吗？', '不是')
  await choosePlace(page, '四川')
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
  expect(await page.locator('.choice--selected .choice__title').allInnerTexts()).toEqual(['住院（已选）', '已经出院（已选）', '不是（已选）'])
  await app.screenshot('coverage-errors-fields')

  // Fixing them gives an answer.
  await pickDate(page, '#discharge-date', '2026-12-04')
  await page.locator('#stay-region .fw-grid__item', { hasText: '成都市' }).click()
  await answer(page)
  expect(await page.locator('.field-error').count()).toBe(0)
})

test('large text: the questions and the answer hold, and every target is at least 60 × 60 px', async () => {
  const page = await openCoverage('cov-large', '2026-07-10T10:00:00+08:00', (app) =>
    app.context.addInitScript(() => localStorage.setItem('settings.largeText', JSON.stringify({ data: 'on' }))),
  )
  await page.locator('.screen--large').waitFor()

  // 大同 门诊慢特病: the richest answer (two cases, each with its mark).
  await choose(page, CARE, '门诊慢特病')
  await pickDate(page, '#admission-date', '2026-07-10')
  await page.locator('#stay-region .fw-grid__item', { hasText: '四川' }).first().click()
  expect(await overlappingText(page)).toEqual([])
  expect(await overflowsHorizontally(page)).toBe(false)
  await app.screenshot('coverage-large-cities')
  await page.locator('#stay-region .fw-grid__item', { hasText: '成都市' }).click()
  await choose(page, '您在哪里参加医保？', '大同市')
  await answer(page)

  expect(await overlappingText(page)).toEqual([])
  expect(await overflowsHorizontally(page)).toBe(false)
  const small = (await boxes(page, '.btn, .choice, .fw-date, .fw-chosen__change, .fw-grid__item')).filter((box) => box.width < 60 || box.height < 60)
  expect(small).toEqual([])
  await app.screenshot('coverage-large-answer')
})
