// A network failure: the client retries with the same body, then the page says so in words and
// stays as it was; once the network is back, 重试 loads the filings.
import { startApp, type App } from './browser'

let app: App

afterEach(async () => {
  await app?.close()
})

test('an aborted request is retried 3 times with the same body, then the NETWORK message shows and the page stays', async () => {
  app = await startApp({ openid: 'demo-wang' })
  const { page } = app
  const bodies: string[] = []
  await page.route('**/api/filing', (route) => {
    bodies.push(route.request().postData() ?? '')
    return route.abort('internetdisconnected')
  })
  await app.open('/pages/index/index')
  await page.getByText('网络连接不稳定，请检查网络后重试。', { exact: true }).waitFor({ timeout: 15_000 })
  // Nothing was typed on this page: it does not claim to have saved anything (issue 16).
  expect(await page.getByText('您填写的内容已保存').count()).toBe(0)
  expect(bodies).toHaveLength(4)
  expect(new Set(bodies).size).toBe(1)
  expect(JSON.parse(bodies[0])).toEqual({ action: 'mine', data: {} })
  // The page is still there: its title, the main action and the guide.
  await page.getByText('办理备案', { exact: true }).waitFor()
  await page.getByText('哪些情况需要备案').waitFor()
  await app.screenshot('home-network-failure')

  await page.unroute('**/api/filing')
  await page.getByText('重试', { exact: true }).click()
  await page.locator('.filing-card').waitFor()
  expect(await page.getByText('网络连接不稳定').count()).toBe(0)
})
