// Home: the dev sign-in, a person's filing cards with their state and validity, the empty state.
import { residentId } from '../rules/fixtures'
import { STAFF, api, fixNow, startApp, submitAs, type App } from './browser'

let app: App

afterEach(async () => {
  await app?.close()
})

test('nobody signed in: the home page sends the person to the local demo sign-in', async () => {
  app = await startApp()
  await app.open('/')
  await app.page.waitForURL('**/pages/signin/index')
  await app.page.getByText('这是本地演示的登录').waitFor()
  await app.screenshot('signin')
})

test('signs in as demo-wang on the sign-in page and sees her filing card with its state', async () => {
  app = await startApp()
  const { page } = app
  await app.open('/pages/signin/index')
  await page.getByText('王秀兰（达州市参保）').click()
  await page.getByText('进入', { exact: true }).click()
  await page.waitForURL('**/pages/index/index')

  const card = page.locator('.filing-card')
  await card.waitFor()
  await expect(page.locator('.screen__title').textContent()).resolves.toBe('王秀兰，您好')
  expect(await card.count()).toBe(1)
  const text = await card.innerText()
  expect(text).toContain('异地安置退休人员')
  expect(text).toContain('生效中')
  expect(text).toContain('深圳市')
  expect(text).toContain('达州市')
  expect(text).toContain('长期有效')
  const reply = await api(app, 'filing', 'mine', {}, { openid: 'demo-wang' })
  expect(text).toContain(reply.data.filings[0].id)
  // The guide comes from the profiles: 达州 files emergencies (001 二), 山西省省直 and 济宁 treat them as
  // filed, and 山西省省直 needs no filing for 非急诊且未转诊.
  const guide = await page.locator('.guide').innerText()
  expect(guide).toContain('需要备案：临时外出就医人员\n异地转诊就医人员、异地急诊抢救人员')
  expect(guide).toContain('不用备案：山西省省直：异地急诊抢救人员')
  expect(guide).toContain('不用备案：山西省省直：其他临时外出就医人员（非急诊且未转诊）')
  // Her 参保地's own notes, with the seed section: outpatient care needs no filing; back home it settles as usual.
  const notes = await page.locator('.guide-notes').innerText()
  expect(notes).toContain('达州市参保人员请注意')
  expect(notes).toContain('普通门诊和药店购药不用备案')
  expect(notes).toContain('依据：001 三(二)8')
  await app.screenshot('home-demo-wang')
})

test('a first-time person sees the empty state and the way to file', async () => {
  app = await startApp({ seedDemo: false, openid: 'new-person' })
  await app.open('/pages/index/index')
  await app.page.getByText('您还没有备案').waitFor()
  await app.page.getByText('办理备案', { exact: true }).waitFor()
  // Not verified yet: the way to 实名认证 is offered before anything is filed.
  await expect(app.page.locator('.home__verify').innerText()).resolves.toContain('请先完成实名认证')
  await app.page.locator('#home-verify').waitFor()
  expect(await app.page.locator('.filing-card').count()).toBe(0)
  await app.screenshot('home-empty')
})

test('a temporary filing near its end shows 即将到期, the end date and the days left', async () => {
  app = await startApp({ seedDemo: false, openid: 'demo-temp' })
  const filedAt = '2026-01-10T10:00:00+08:00'
  const submitted = await submitAs(
    app,
    {
      requestId: 'e2e-temp-0001',
      policyId: 'dazhou',
      category: 'other_temporary',
      applicant: { name: '周桂英', idType: 'resident_id', idNumber: residentId('511702', '19560304', '021'), phone: '13812340000' },
      destination: { provinceCode: '440000', cityCode: '440100' },
      startDate: '2026-01-10',
      commitment: { accepted: true, signature: '周桂英' },
    },
    { openid: 'demo-temp', now: filedAt },
  )
  expect(submitted).toMatchObject({ ok: true, data: { validUntil: '2026-07-10' } })

  // The expiry-reminder job runs on that day and leaves a reminder in the person's outbox.
  const now = '2026-06-25T10:00:00+08:00'
  const job = await fetch(`${app.url}/api/dev/reminders`, { method: 'POST', headers: { 'x-dev-now': now, 'x-dev-openid': STAFF[0] } })
  expect(job.ok).toBe(true)

  await fixNow(app.page, now)
  await app.open('/pages/index/index')
  const card = app.page.locator('.filing-card')
  await card.waitFor()
  const text = await card.innerText()
  expect(text).toContain('即将到期')
  expect(text).toContain('至 2026年7月10日，还有 15 天')
  expect(text).toContain('广州市')
  const reminder = app.page.locator('.notice--warn')
  await reminder.waitFor()
  expect(await reminder.innerText()).toContain('备案快到期了')
  await app.screenshot('home-expiring')
})

test('on a slow network the service name shows before the scripts arrive, and gives way to the page', async () => {
  app = await startApp({ openid: 'demo-wang' })
  const { page } = app
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/js/**', async (route) => {
    await held
    await route.continue()
  })
  await page.goto(app.server.url + '/pages/index/index', { waitUntil: 'commit' })
  await page.getByRole('status').getByText('正在打开，请稍候…').waitFor()
  expect(await page.getByText('异地就医备案', { exact: true }).isVisible()).toBe(true)
  release()
  await page.locator('.filing-card').waitFor()
  expect(await page.getByText('正在打开，请稍候…').count()).toBe(0)
})
