// The filing detail, change and cancel pages in Chromium, against filings made through the API:
// a locked change shows the day it opens and changes nothing; a cancel; a phone change; a CONFLICT.
import type { Page } from 'playwright-core'
import { residentId } from '../rules/fixtures'
import { PDF, api, boxes, fixNow, overflowsHorizontally, overlappingText, startApp, submitAs, uploadPdf, type App } from './browser'

let app: App

afterEach(async () => {
  await app?.close()
})

/** "Now" for these tests: a Sunday in China, well inside the holiday calendar. */
const NOW = '2026-11-22T10:00:00+08:00'

const PEOPLE = {
  // 达州 retiree settled in 深圳, by commitment: changes locked 6 months from the day it took effect.
  dazhou: {
    openid: 'e2e-dazhou',
    filing: {
      requestId: 'e2e-dazhou-0001',
      policyId: 'dazhou',
      category: 'resettled_retiree',
      applicant: { name: '王秀兰', idType: 'resident_id', idNumber: residentId('511702', '19580612', '024'), phone: '13812345678' },
      destination: { provinceCode: '440000', cityCode: '440300' },
      startDate: '2026-11-22',
      commitment: { accepted: true, signature: '王秀兰' },
    },
  },
  // 山西省省直 long-term resident in 北京: changes and cancels open at any time.
  shanxi: {
    openid: 'e2e-shanxi',
    filing: {
      requestId: 'e2e-shanxi-0001',
      policyId: 'shanxi-provincial',
      category: 'long_term_resident',
      applicant: { name: '李建国', idType: 'resident_id', idNumber: residentId('140105', '19600315', '037'), phone: '13987654321' },
      destination: { provinceCode: '110000' },
      startDate: '2026-11-22',
      commitment: { accepted: true, signature: '李建国' },
    },
  },
} as const

type Person = keyof typeof PEOPLE

/** Files for `who` through the API at NOW, signs the browser in as them and pins the page's clock. */
async function fileAndOpen(who: Person, options: { largeText?: boolean } = {}): Promise<string> {
  const person = PEOPLE[who]
  app = await startApp({ seedDemo: false, openid: person.openid })
  const submitted = await submitAs(app, person.filing, { openid: person.openid, now: NOW })
  expect(submitted.ok).toBe(true)
  if (options.largeText) {
    await app.context.addInitScript(() => localStorage.setItem('settings.largeText', JSON.stringify({ data: 'on' })))
  }
  await fixNow(app.page, NOW)
  const id: string = submitted.data.id
  await openDetail(id)
  return id
}

async function openDetail(id: string) {
  await app.open(`/pages/filing/index?id=${encodeURIComponent(id)}`)
  await app.page.locator('.fd-head').waitFor()
}

async function getFiling(who: Person, id: string) {
  const reply = await api(app, 'filing', 'get', { id }, { openid: PEOPLE[who].openid, now: NOW })
  expect(reply.ok).toBe(true)
  return reply.data
}

/** The page that is showing (Taro's H5 router keeps earlier pages in the DOM, hidden). */
const shown = (page: Page) => page.locator('.taro_page_show:not(.taro_page_shade)')

const snap = (name: string) => app.screenshot(name)

async function tap(page: Page, text: string) {
  await shown(page).getByText(text, { exact: true }).first().click()
}

async function expectReadable(page: Page) {
  expect(await overlappingText(page)).toEqual([])
  expect(await overflowsHorizontally(page)).toBe(false)
  const small = (await boxes(page, '.btn, .choice, .link, .field__input')).filter(
    (box) => box.width > 0 && (box.width < 60 || box.height < 60),
  )
  expect(small).toEqual([])
}

test('a filing card on the home page opens its detail, and the detail its certificate', async () => {
  const id = await fileAndOpen('shanxi')
  const { page } = app
  await app.open('/pages/index/index')
  await page.locator('.filing-card').getByText('查看详情、变更或取消 ›').click()
  await page.waitForURL(`**/pages/filing/index?id=${id}`)
  await shown(page).locator('.fd-head').waitFor()
  await expect(shown(page).locator('.fd-head').innerText()).resolves.toContain(id)
  // 出示备案凭证 opens the certificate of this filing.
  await tap(page, '出示备案凭证')
  await page.waitForURL(`**/pages/certificate/index?id=${id}`)
  await shown(page).locator('#cert-number', { hasText: id }).waitFor()
})

test('a locked change: the detail says from when, the change flow explains it and changes nothing', async () => {
  const id = await fileAndOpen('dazhou')
  const { page } = app
  const can = page.locator('#detail-can-change')
  await expect(can.innerText()).resolves.toContain('2027年5月23日起可以变更')
  const text = await can.innerText()
  expect(text).toContain('工作单位发生变化')
  expect(text).toContain('联系电话和联系地址随时可以修改')
  // The ID number is masked as the server sends it; the validity is open-ended.
  await expect(page.locator('#detail-id-number').innerText()).resolves.toContain('511***********0242')
  await expect(page.locator('#detail-validity').innerText()).resolves.toContain('长期有效')
  // Each answer names the seed section behind it, and the profile's guide says what no form asks.
  await expect(page.locator('#detail-validity').innerText()).resolves.toContain('依据：001 四(一)')
  expect(text).toContain('依据：001 四(三)1')
  const guide = await page.locator('#detail-guide').innerText()
  expect(guide).toContain('外伤没有第三方责任的，也能直接结算')
  expect(guide).toContain('依据：001 三(二)7')
  await snap('filing-detail-locked')

  await tap(page, '变更备案')
  await page.waitForURL('**/pages/filing/change**')
  const option = shown(page).locator('.choice', { hasText: '就医地' })
  await expect(option.innerText()).resolves.toContain('2027年5月23日起可以变更')
  await option.click()
  await tap(page, '继续')
  await shown(page).getByText('您属于下面哪种情形？').waitFor()
  await tap(page, '以上都不是')
  const locked = shown(page).locator('#change-locked')
  await locked.waitFor()
  await expect(locked.innerText()).resolves.toContain('2027年5月23日起才能变更')
  await expect(locked.innerText()).resolves.toContain('联系电话和联系地址现在就可以修改')
  await snap('filing-change-locked')

  const after = await getFiling('dazhou', id)
  expect(after.version).toBe(1)
  expect(after.destination.areaCode).toBe('440300')
  expect(after.history.map((h: { action: string }) => h.action)).toEqual(['submit'])
})

test('a LOCKED answer from the server shows the day it opens, in words, and changes nothing', async () => {
  // The page reads the filing on a day the lock is open (2027-06-01), then the server judges the
  // submit on the filing's first day: LOCKED with allowedFrom 2027-05-23.
  app = await startApp({ seedDemo: false, openid: PEOPLE.dazhou.openid })
  const { page } = app
  const submitted = await submitAs(app, PEOPLE.dazhou.filing, { openid: PEOPLE.dazhou.openid, now: NOW })
  const id: string = submitted.data.id
  let now = '2027-06-01T10:00:00+08:00'
  await page.clock.setFixedTime(new Date(NOW))
  await page.route('**/api/**', (route) => route.continue({ headers: { ...route.request().headers(), 'x-dev-now': now } }))
  await app.open(`/pages/filing/change?id=${encodeURIComponent(id)}`)
  await shown(page).locator('.choice', { hasText: '就医地' }).click()
  await tap(page, '继续')
  await shown(page).locator('.fw-grid__item', { hasText: '广东' }).click()
  await shown(page).locator('.fw-grid__item', { hasText: '广州市' }).click()
  await tap(page, '继续')
  await shown(page).locator('.fd-textarea textarea').fill('搬到女儿家住')
  now = NOW
  await tap(page, '提交变更')
  const locked = shown(page).locator('#change-locked')
  await locked.waitFor()
  const text = await locked.innerText()
  expect(text).toContain('2027年5月23日起才能变更')
  expect(text).toContain('本次没有做任何变更')
  await snap('filing-change-server-locked')
  const after = await getFiling('dazhou', id)
  expect(after.version).toBe(1)
  expect(after.destination.areaCode).toBe('440300')
})

test('locked, but 工作单位发生变化: with its proof uploaded the destination changes now', async () => {
  const id = await fileAndOpen('dazhou')
  const { page } = app
  await tap(page, '变更备案')
  await page.waitForURL('**/pages/filing/change**')
  await shown(page).locator('.choice', { hasText: '就医地' }).click()
  await tap(page, '继续')
  await tap(page, '工作单位发生变化')
  await tap(page, '继续')
  await shown(page).locator('.fw-grid__item', { hasText: '广东' }).click()
  await shown(page).locator('.fw-grid__item', { hasText: '广州市' }).click()
  await tap(page, '继续')
  // The proof step: continuing without it says what is missing.
  await tap(page, '继续')
  await expect(shown(page).locator('.field-error').innerText()).resolves.toContain('请上传：参保单位出具的常驻异地工作证明（加盖公章）')
  const chooser = page.waitForEvent('filechooser')
  await tap(page, '上传照片或 PDF')
  await (await chooser).setFiles({ name: '工作证明.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) })
  await shown(page).getByText('已上传：工作证明.pdf').waitFor()
  await snap('filing-change-proof')
  await tap(page, '继续')
  await shown(page).locator('.fd-textarea textarea').fill('单位派我到广州工作')
  await snap('filing-change-destination-confirm')
  await tap(page, '提交变更')
  const done = shown(page).locator('#change-done')
  await done.waitFor()
  await expect(done.innerText()).resolves.toContain('广东省广州市')
  // A 备案变更 starts the lock again: the next change opens six months on.
  await expect(shown(page).locator('.notice').first().innerText()).resolves.toContain('下次变更：2027年5月23日起可以变更')
  await snap('filing-change-destination-done')
  const after = await getFiling('dazhou', id)
  expect(after.destination.areaCode).toBe('440100')
  expect(after.materials.map((m: { kind: string }) => m.kind)).toEqual(['employer_certificate'])
  const history = after.history.map((h: { action: string; reason: string | null }) => [h.action, h.reason])
  expect(history).toEqual([
    ['submit', null],
    ['change', '单位派我到广州工作'],
  ])
})

test('a referral shows its referral details and end date, and 办理续转诊 starts a new filing', async () => {
  app = await startApp({ seedDemo: false, openid: 'e2e-referral' })
  const { page } = app
  const submitted = await submitAs(
    app,
    {
      requestId: 'e2e-referral-0001',
      policyId: 'dazhou',
      category: 'referral',
      applicant: { name: '刘德明', idType: 'resident_id', idNumber: residentId('511702', '19500101', '013'), phone: '13811112222' },
      destination: { provinceCode: '510000', cityCode: '510100' },
      startDate: '2026-11-22',
      commitment: { accepted: true, signature: '刘德明' },
      referral: { hospitalName: '达州市中心医院', hospitalLevel: 'grade3a', certificateDate: '2026-11-20' },
    },
    { openid: 'e2e-referral', now: NOW },
  )
  expect(submitted.ok).toBe(true)
  await fixNow(page, '2027-05-01T10:00:00+08:00')
  await openDetail(submitted.data.id)
  const validity = await shown(page).locator('#detail-validity').innerText()
  expect(validity).toContain('至 2027年5月22日')
  expect(validity).toContain('即将到期：还有 21 天')
  const referral = await shown(page).locator('#detail-referral').innerText()
  expect(referral).toContain('达州市中心医院')
  expect(referral).toContain('三级甲等')
  expect(referral).toContain('2026年11月20日')
  // 达州: any change of a referral filing needs a 转诊证明.
  await expect(shown(page).locator('#detail-can-change').innerText()).resolves.toContain('变更时需要上传：转出医疗机构出具的转诊证明')
  await snap('filing-detail-referral')
  await tap(page, '办理续转诊')
  await page.waitForURL(/\/pages\/file\/index\?from=/)
})

test('a cancel with a reason: the result and the detail show 已取消, the timeline has the reason', async () => {
  const id = await fileAndOpen('shanxi')
  const { page } = app
  await expect(page.locator('#detail-can-change').innerText()).resolves.toContain('可以变更')
  await tap(page, '取消备案')
  await page.waitForURL('**/pages/filing/cancel**')
  await shown(page).locator('#cancel-about').waitFor()
  await snap('filing-cancel-about')
  await tap(page, '我明白了，继续')
  // No reason: the message is under the field, and nothing is sent.
  await tap(page, '继续')
  await expect(shown(page).locator('.field-error').innerText()).resolves.toContain('请填写原因')
  await shown(page).locator('.fd-textarea textarea').fill('已经回太原居住')
  await tap(page, '继续')
  await expect(shown(page).locator('#cancel-confirm').innerText()).resolves.toContain('已经回太原居住')
  await snap('filing-cancel-confirm')
  await tap(page, '确认取消备案')
  const done = shown(page).locator('#cancel-done')
  await done.waitFor()
  await expect(done.innerText()).resolves.toContain('已取消')
  await snap('filing-cancel-done')

  await tap(page, '查看备案')
  await page.waitForURL('**/pages/filing/index**')
  await shown(page).locator('.state-tag--cancelled').waitFor()
  const history = await shown(page).locator('#detail-history').innerText()
  expect(history).toContain('取消备案')
  expect(history).toContain('原因：已经回太原居住')
  // A cancelled filing offers no change or cancel any more.
  expect(await shown(page).locator('#detail-change, #detail-cancel').count()).toBe(0)
  await snap('filing-detail-cancelled')
  expect((await getFiling('shanxi', id)).status).toBe('cancelled')
})

async function changePhoneUpToSubmit(page: Page, phone: string, reason: string) {
  await tap(page, '变更备案')
  await page.waitForURL('**/pages/filing/change**')
  await shown(page).locator('.choice', { hasText: '联系电话' }).click()
  await tap(page, '继续')
  const input = shown(page).locator('.field__input input')
  await input.fill(phone)
  await tap(page, '继续')
  await shown(page).locator('.fd-textarea textarea').fill(reason)
}

test('a phone number change succeeds and appears in the timeline', async () => {
  const id = await fileAndOpen('dazhou')
  const { page } = app
  await tap(page, '变更备案')
  await page.waitForURL('**/pages/filing/change**')
  await shown(page).locator('.choice', { hasText: '联系电话' }).click()
  await tap(page, '继续')
  // A wrong number: the rules' message under the field, and the input stays.
  const input = shown(page).locator('.field__input input')
  await input.fill('1391234')
  await tap(page, '继续')
  await expect(shown(page).locator('.field-error').innerText()).resolves.toContain('11位手机号码')
  await expect(input.inputValue()).resolves.toBe('1391234')
  await snap('filing-change-phone-error')
  await input.fill('13900001111')
  await tap(page, '继续')
  await expect(shown(page).locator('#change-summary').innerText()).resolves.toContain('13900001111')
  await shown(page).locator('.fd-textarea textarea').fill('换了新手机号')
  await snap('filing-change-phone-confirm')
  await tap(page, '提交变更')
  await shown(page).locator('#change-done').waitFor()
  await snap('filing-change-phone-done')
  await tap(page, '查看备案')
  await page.waitForURL('**/pages/filing/index**')
  await shown(page).locator('#detail-phone', { hasText: '13900001111' }).waitFor()
  const history = await shown(page).locator('#detail-history').innerText()
  expect(history).toContain('修改联系方式')
  expect(history).toContain('联系电话：138****5678 → 139****1111')
  expect(history).toContain('原因：换了新手机号')
  await snap('filing-detail-after-phone')
  const after = await getFiling('dazhou', id)
  expect(after.applicant.phone).toBe('13900001111')
  // A contact correction does not restart the change lock.
  expect(after.actions.change.allowedFrom).toBe('2027-05-23')
})

test('a CONFLICT (changed elsewhere meanwhile) reloads the filing, explains, and goes through when confirmed', async () => {
  const id = await fileAndOpen('shanxi')
  const { page } = app
  await changePhoneUpToSubmit(page, '13900002222', '换号')
  // Meanwhile the filing changes (another phone, another tab): version 1 → 2.
  const elsewhere = await api(app, 'filing', 'change', { id, version: 1, patch: { address: '北京市朝阳区安贞里1号' }, reason: '补充地址' }, { openid: PEOPLE.shanxi.openid, now: NOW })
  expect(elsewhere.ok).toBe(true)
  await tap(page, '提交变更')
  const notice = shown(page).locator('.fd-outcome', { hasText: '请再确认一次' })
  await notice.waitFor()
  await expect(notice.innerText()).resolves.toContain('这份备案刚刚有了更新，已为您重新载入，请再确认一次')
  // The input is kept.
  await expect(shown(page).locator('.fd-textarea textarea').inputValue()).resolves.toBe('换号')
  await snap('filing-change-conflict')
  expect((await getFiling('shanxi', id)).applicant.phone).toBe('13987654321')

  await tap(page, '提交变更')
  await shown(page).locator('#change-done').waitFor()
  const after = await getFiling('shanxi', id)
  expect(after.version).toBe(3)
  expect(after.applicant.phone).toBe('13900002222')
  expect(after.applicant.address).toBe('北京市朝阳区安贞里1号')
})

test('a staged filing shows its review progress; a rejected one its reason, first', async () => {
  // demo-sun: 辽宁省省直 retiree in 海南, reviewed 初审 → 复核 → 审批.
  app = await startApp({ openid: 'demo-sun' })
  const { page } = app
  const mine = await api(app, 'filing', 'mine', {}, { openid: 'demo-sun' })
  const filing = mine.data.filings[0]
  const passed = await api(app, 'admin', 'review', { id: filing.id, version: filing.version, decision: 'approve', note: '材料齐全' }, { openid: 'admin-dev' })
  expect(passed.ok).toBe(true)
  await openDetail(filing.id)
  const review = await shown(page).locator('#detail-review').innerText()
  expect(review).toMatch(/初审\s*已完成/)
  expect(review).toMatch(/复核\s*正在办理/)
  expect(review).toMatch(/审批\s*未开始/)
  await expect(shown(page).locator('#detail-can-change').innerText()).resolves.toContain('审核中，暂不能变更就医地')
  await snap('filing-detail-pending')

  // Another 辽宁 filing, rejected at 初审 (one staff member may not pass two stages of one filing).
  const sun = 'e2e-liaoning'
  const materials = []
  for (const kind of ['hukou', 'direct_settlement_form', 'direct_settlement_request']) {
    materials.push({ kind, fileId: await uploadPdf(app, sun) })
  }
  const second = await submitAs(
    app,
    {
      requestId: 'e2e-liaoning-0001',
      policyId: 'liaoning-provincial',
      category: 'resettled_retiree',
      applicant: { name: '周淑芬', idType: 'resident_id', idNumber: residentId('210102', '19510302', '084'), phone: '13644445555' },
      destination: { provinceCode: '460000' },
      startDate: '2026-11-22',
      materials,
    },
    { openid: sun, now: NOW },
  )
  expect(second.ok).toBe(true)
  const rejected = await api(app, 'admin', 'review', { id: second.data.id, version: second.data.version, decision: 'reject', note: '户口本照片看不清，请重新上传' }, { openid: 'admin-dev', now: NOW })
  expect(rejected.ok).toBe(true)
  await page.evaluate((id) => localStorage.setItem('devOpenid', JSON.stringify({ data: id })), sun)
  await openDetail(second.data.id)
  await expect(shown(page).locator('#detail-rejection').innerText()).resolves.toContain('户口本照片看不清，请重新上传')
  await expect(shown(page).locator('#detail-review').innerText()).resolves.toMatch(/初审\s*未通过/)
  expect(await shown(page).locator('#detail-refile').count()).toBe(1)
  await snap('filing-detail-rejected')
  // 重新办理备案 starts a new filing with this one's answers filled in.
  await shown(page).locator('#detail-refile').click()
  await page.waitForURL(`**/pages/file/index?from=${second.data.id}`)
  await expect(page.locator('.screen.fw .fw-filled').innerText()).resolves.toContain(`已按备案${second.data.id}的内容填好`)
})

test('辽宁: a change of an approved filing waits for review on the old terms; a rejected one says why', async () => {
  const who = 'e2e-liaoning-change'
  app = await startApp({ seedDemo: false, openid: who })
  const { page } = app
  const materials = []
  for (const kind of ['hukou', 'direct_settlement_form', 'direct_settlement_request']) {
    materials.push({ kind, fileId: await uploadPdf(app, who) })
  }
  const filed = await submitAs(
    app,
    {
      requestId: 'e2e-liaoning-change-0001',
      policyId: 'liaoning-provincial',
      category: 'resettled_retiree',
      applicant: { name: '周淑芬', idType: 'resident_id', idNumber: residentId('210102', '19510302', '084'), phone: '13644445555' },
      destination: { provinceCode: '460000' },
      startDate: '2026-11-22',
      materials,
    },
    { openid: who, now: NOW },
  )
  expect(filed.ok).toBe(true)
  const id: string = filed.data.id
  for (const [index, staff] of ['admin-dev', 'admin-dev2', 'admin-dev3'].entries()) {
    const passed = await api(app, 'admin', 'review', { id, version: index + 1, decision: 'approve' }, { openid: staff, now: NOW })
    expect(passed.ok).toBe(true)
  }
  // 002 第十二条: 12 months from filing, then the change goes back through review.
  const LATER = '2027-12-01T10:00:00+08:00'
  const proof = await uploadPdf(app, who)
  const asked = await api(
    app,
    'filing',
    'change',
    { id, version: 4, patch: { destination: { provinceCode: '530000', cityCode: '530100' } }, reason: '随女儿搬到昆明', materials: [{ kind: 'hukou', fileId: proof }] },
    { openid: who, now: LATER },
  )
  expect(asked.ok).toBe(true)
  await fixNow(page, LATER)
  await openDetail(id)
  await expect(shown(page).locator('#detail-pending-change').innerText()).resolves.toContain('变更审核中：就医地 海南省 → 云南省昆明市，审核通过前按原备案结算')
  await expect(shown(page).locator('.fd-head__place').innerText()).resolves.toContain('在海南省就医')
  await expect(shown(page).locator('#detail-can-change').innerText()).resolves.toContain('已有一项变更在审核中')
  await snap('filing-detail-change-pending')

  const rejected = await api(app, 'admin', 'review', { id, version: 5, decision: 'reject', note: '户口迁移证明与申请的就医地不一致' }, { openid: 'admin-dev', now: LATER })
  expect(rejected.ok).toBe(true)
  await openDetail(id)
  expect(await shown(page).locator('#detail-pending-change').count()).toBe(0)
  const rejection = await shown(page).locator('#detail-change-rejection').innerText()
  expect(rejection).toContain('户口迁移证明与申请的就医地不一致')
  expect(rejection).toContain('备案按原内容继续有效')
  await snap('filing-detail-change-rejected')
})

test('in large-text mode the detail, change and cancel pages hold: no overlap, nothing off-screen, targets ≥ 60×60', async () => {
  const id = await fileAndOpen('dazhou', { largeText: true })
  const { page } = app
  await page.locator('.screen--large').waitFor()
  await expectReadable(page)
  await snap('filing-detail-large')

  await app.open(`/pages/filing/change?id=${encodeURIComponent(id)}`)
  await shown(page).locator('.choice').first().waitFor()
  await expectReadable(page)
  await snap('filing-change-large')
  await shown(page).locator('.choice', { hasText: '就医地' }).click()
  await tap(page, '继续')
  await shown(page).getByText('您属于下面哪种情形？').waitFor()
  await expectReadable(page)
  await snap('filing-change-exception-large')

  await app.open(`/pages/filing/cancel?id=${encodeURIComponent(id)}`)
  await shown(page).locator('#cancel-about').waitFor()
  await expectReadable(page)
  await snap('filing-cancel-large')
})
