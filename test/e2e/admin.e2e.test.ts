// The back office in Chromium, as staff use it on a desktop: a 辽宁 resident worker's filing moved
// through 初审 → 复核 → 审批 by three different staff (the person then sees it 生效中); a rejection
// whose reason the person reads; 代办 (a son's filing for his mother found with 只看代办, its 代办人
// and 代签 shown, 代办核验 approved; a 辽宁 one with its 授权委托书 and four stages, cancelled by the
// insured person); a person who is not staff refused; the export matching the list's filter with no
// full ID number; a revealed ID number recorded; the dashboard's charts; the list on a phone.
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { residentId } from '../rules/fixtures'
import { addDays } from '../../src/rules'
import { QUERY_STAFF, STAFF, api, fixNow, overflowsHorizontally, startApp, submitAs, uploadPdf, verifyAs, type App } from './browser'

let app: App

afterEach(async () => {
  await app?.close()
})

const NOW = '2026-11-22T10:00:00+08:00'

/** 实名认证 through the local stand-in (a submit needs a verified caller). */
const verify = (openid: string, name: string, idNumber: string) => verifyAs(app, openid, { name, idNumber }, NOW)

/** Someone filing for the applicant (代办): who they are (verified as themself) and what they declare. */
interface ByAgent {
  name: string
  idNumber: string
  agent: { relationship: string; phone: string; authorization?: string }
}

/**
 * A 辽宁省省直 常驻异地工作人员 filing to 上海, with its three proofs (seed 002 附表1), by the person
 * (`openid` verified as the applicant) or, with `byAgent`, by `openid` verified as the agent.
 */
async function fileLiaoningWorker(openid: string, name: string, serial: string, byAgent?: ByAgent): Promise<{ id: string; idNumber: string }> {
  const materials = []
  for (const kind of ['employer_certificate', 'direct_settlement_form', 'direct_settlement_request']) {
    materials.push({ kind, fileId: await uploadPdf(app, openid) })
  }
  const idNumber = residentId('210102', '19800315', serial)
  await verify(openid, byAgent?.name ?? name, byAgent?.idNumber ?? idNumber)
  const reply = await api(
    app,
    'filing',
    'submit',
    {
      requestId: `e2e-admin-${openid}`,
      policyId: 'liaoning-provincial',
      category: 'resident_worker',
      applicant: { name, idType: 'resident_id', idNumber, phone: '13612345678' },
      destination: { provinceCode: '310000' },
      startDate: '2026-11-22',
      materials,
      ...(byAgent ? { agent: byAgent.agent } : {}),
    },
    { openid, now: NOW },
  )
  expect(reply).toMatchObject({ ok: true, data: { status: 'pending_review' } })
  return { id: reply.data.id, idNumber }
}

/** Becomes `openid` (the sign-in page's storage) and opens `path`. */
async function as(openid: string, path: string) {
  await app.page.evaluate((id) => localStorage.setItem('devOpenid', JSON.stringify({ data: id })), openid)
  await app.open(path)
}

/** The page that is showing (Taro's H5 router keeps earlier pages in the DOM, hidden). */
const shown = (page: Page) => page.locator('.taro_page_show:not(.taro_page_shade)').last()

async function reviewAs(staff: string, id: string, decision: 'approve' | 'reject' | 'request_materials', note?: string) {
  const { page } = app
  await as(staff, '/admin/index')
  await shown(page).locator('#queue-mine').click()
  await shown(page).locator(`#row-${id}`).click()
  await page.waitForURL(`**/admin/filing?id=${id}`)
  const panel = shown(page).locator('#review-panel')
  await panel.locator(`#decision-${decision}`).click()
  if (note) await panel.locator('textarea').fill(note)
  await panel.locator('#review-submit').click()
  await panel.locator('.a-alert--ok').waitFor()
}

test('three different staff take a 辽宁 filing through 初审 → 复核 → 审批; the person then sees it active', async () => {
  app = await startApp({ seedDemo: false, desktop: true, openid: STAFF[0] })
  await app.open('/admin/index')
  const { id } = await fileLiaoningWorker('e2e-liu', '刘建国', '031')
  const { page } = app

  // 初审 by the first staff member: the queue, the row, the detail with the stage named.
  await as(STAFF[0], '/admin/index')
  await shown(page).locator('#queue-mine').click()
  await shown(page).locator('#result-count', { hasText: '第 1–1 条，共 1 条' }).waitFor()
  const row = shown(page).locator(`#row-${id}`)
  await expect(row.innerText()).resolves.toMatch(/刘建国[\s\S]*210\*{11}\d{3}[\dX]/)
  await app.screenshot('admin-list-desktop')
  await row.click()
  await page.waitForURL(`**/admin/filing?id=${id}`)
  await expect(shown(page).locator('#review-panel .a-card__title').innerText()).resolves.toBe('审核：初审（第1级，共3级）')
  expect(await shown(page).locator('#filing-proofs .a-proof').count()).toBe(3)
  await app.screenshot('admin-detail-desktop')
  // Submitting with no decision says what is missing, next to the choice.
  await shown(page).locator('#review-submit').click()
  await expect(shown(page).locator('#review-decision .a-field__error').innerText()).resolves.toBe('请选择审核结果：通过、驳回或补充材料')
  await shown(page).locator('#decision-approve').click()
  await shown(page).locator('#review-submit').click()
  await expect(shown(page).locator('#review-panel .a-alert--ok').innerText()).resolves.toBe('初审已通过，转下一级。')
  await expect(shown(page).locator('#review-panel .a-card__title').innerText()).resolves.toBe('审核：复核（第2级，共3级）')
  // The same person cannot take the next stage: the reason instead of a form they could not use.
  await expect(shown(page).locator('#review-refused').innerText()).resolves.toBe('每一级审核须由不同的工作人员办理，您已审核过这份备案')
  expect(await shown(page).locator('#review-submit, #decision-approve').count()).toBe(0)

  await reviewAs(STAFF[1], id, 'approve')
  await expect(shown(page).locator('#review-panel .a-card__title').innerText()).resolves.toBe('审核：审批（第3级，共3级）')
  await reviewAs(STAFF[2], id, 'approve', '材料齐全')
  await expect(shown(page).locator('#review-panel .a-alert--ok').innerText()).resolves.toBe('已审批通过，备案生效。')
  await expect(shown(page).locator('#filing-head .state-tag').innerText()).resolves.toContain('生效中')
  const history = await shown(page).locator('#filing-history').innerText()
  for (const step of ['初审：审核通过', '复核：审核通过', '审批：审批通过，备案生效']) expect(history).toContain(step)

  // The person's home: the card is active.
  await as('e2e-liu', '/pages/index/index')
  await expect(page.locator('.filing-card').first().innerText()).resolves.toContain('生效中')
})

test('a change of an approved 辽宁 filing comes back for 初审 → 复核 → 审批; it takes effect at the last stage', async () => {
  app = await startApp({ seedDemo: false, desktop: true, openid: STAFF[0] })
  await app.open('/admin/index')
  const { id } = await fileLiaoningWorker('e2e-mover', '赵志刚', '047')
  for (const [index, staff] of STAFF.entries()) {
    expect(await api(app, 'admin', 'review', { id, version: index + 1, decision: 'approve' }, { openid: staff, now: NOW })).toMatchObject({ ok: true })
  }
  // After the 6-month lock (002 第十二条) the person asks to move to 昆明.
  const LATER = '2027-06-01T10:00:00+08:00'
  const proof = await uploadPdf(app, 'e2e-mover')
  const asked = await api(
    app,
    'filing',
    'change',
    { id, version: 4, patch: { destination: { provinceCode: '530000', cityCode: '530100' } }, reason: '单位派驻昆明', materials: [{ kind: 'employer_certificate', fileId: proof }] },
    { openid: 'e2e-mover', now: LATER },
  )
  expect(asked).toMatchObject({ ok: true, data: { status: 'active', destination: { provinceCode: '310000' } } })
  const { page } = app
  await fixNow(page, LATER)

  // The list row says a change waits; the detail says what, and that the old terms hold.
  await as(STAFF[0], '/admin/index')
  await expect(shown(page).locator(`#row-${id}`).innerText()).resolves.toContain('变更待审：初审（0/3）')
  await shown(page).locator(`#row-${id}`).click()
  await page.waitForURL(`**/admin/filing?id=${id}`)
  await expect(shown(page).locator('#pending-change').innerText()).resolves.toContain('变更待审核：就医地 上海市 → 云南省昆明市')
  await expect(shown(page).locator('#review-panel .a-card__title').innerText()).resolves.toBe('变更审核：就医地 上海市 → 云南省昆明市：初审（第1级，共3级）')
  expect(await shown(page).locator('#filing-proofs .a-proof').count()).toBe(4)
  await app.screenshot('admin-detail-change-review')
  await shown(page).locator('#decision-approve').click()
  await shown(page).locator('#review-submit').click()
  await expect(shown(page).locator('#review-panel .a-alert--ok').innerText()).resolves.toBe('初审已通过，转下一级。')

  for (const staff of [STAFF[1], STAFF[2]]) {
    await as(staff, `/admin/filing?id=${id}`)
    const panel = shown(page).locator('#review-panel')
    await panel.locator('#decision-approve').click()
    await panel.locator('#review-submit').click()
    await panel.locator('.a-alert--ok').waitFor()
  }
  await expect(shown(page).locator('#review-panel .a-alert--ok').innerText()).resolves.toBe('已审批通过，变更生效。')
  await expect(shown(page).locator('#filing-head').innerText()).resolves.toContain('云南省昆明市就医')
  expect(await shown(page).locator('#pending-change').count()).toBe(0)
  const history = await shown(page).locator('#filing-history').innerText()
  for (const step of ['申请变更，等待审核', '变更初审：审核通过', '变更复核：审核通过', '变更审批：审批通过，变更生效']) expect(history).toContain(step)
})

test('a rejection: staff write the reason, the person reads it on their filing', async () => {
  app = await startApp({ seedDemo: false, desktop: true, openid: STAFF[0] })
  await app.open('/admin/index')
  const { id } = await fileLiaoningWorker('e2e-zhou', '周立新', '047')
  const { page } = app
  await as(STAFF[0], `/admin/filing?id=${id}`)
  await shown(page).locator('#decision-reject').click()
  await shown(page).locator('#review-submit').click()
  await expect(shown(page).locator('#review-note .a-field__error').innerText()).resolves.toBe('驳回时请填写原因，申请人会看到这段话')
  await shown(page).locator('#review-note textarea').fill('常驻异地工作证明未加盖单位公章，请补充后重新申请')
  await shown(page).locator('#review-submit').click()
  await expect(shown(page).locator('#review-panel .a-alert--ok').innerText()).resolves.toBe('已驳回，申请人会看到原因。')

  await as('e2e-zhou', `/pages/filing/index?id=${id}`)
  await expect(page.locator('#detail-rejection').innerText()).resolves.toContain('常驻异地工作证明未加盖单位公章，请补充后重新申请')
})

test('a son files for his mother (代办): 只看代办 finds it tagged; the detail shows the 代办人 and 代签; 代办核验 is its one stage', async () => {
  app = await startApp({ seedDemo: false, desktop: true, openid: STAFF[0] })
  await app.open('/admin/index')
  const { page } = app
  // Beside it, a filing the person made for themself.
  await fileLiaoningWorker('e2e-liu', '刘建国', '031')
  const son = { openid: 'e2e-son', name: '李强', idNumber: residentId('511702', '19850412', '031') }
  const mother = { name: '王秀英', idNumber: residentId('511702', '19560305', '028') }
  await verify(son.openid, son.name, son.idNumber)
  const filed = await api(
    app,
    'filing',
    'submit',
    {
      requestId: 'e2e-admin-agent-dazhou',
      policyId: 'dazhou',
      category: 'resettled_retiree',
      applicant: { name: mother.name, idType: 'resident_id', idNumber: mother.idNumber, phone: '13912345678' },
      destination: { provinceCode: '440000', cityCode: '440300' },
      startDate: '2026-11-22',
      commitment: { accepted: true, signature: son.name },
      agent: { relationship: 'child', phone: '13800138000' },
    },
    { openid: son.openid, now: NOW },
  )
  // 达州's commitment filings take effect at once; one filed by an agent waits for 代办核验.
  expect(filed).toMatchObject({ ok: true, data: { status: 'pending_review' } })
  const id: string = filed.data.id

  // The list: 只看代办 leaves the 代办 filing, tagged with the agent and the relationship.
  await as(STAFF[0], '/admin/index')
  await shown(page).locator('#result-count', { hasText: '第 1–2 条，共 2 条' }).waitFor()
  await shown(page).locator('#filter-by-agent').click()
  await shown(page).locator('#result-count', { hasText: '第 1–1 条，共 1 条' }).waitFor()
  const row = shown(page).locator(`#row-${id}`)
  await expect(row.locator('.a-tag').innerText()).resolves.toBe('代办：李强（子女）')
  await expect(row.innerText()).resolves.toContain('代办核验（0/1）')
  await app.screenshot('admin-list-agent')
  // Off again: both.
  await shown(page).locator('#filter-by-agent').click()
  await shown(page).locator('#result-count', { hasText: '共 2 条' }).waitFor()
  expect(await shown(page).locator('.a-table__row .a-tag').count()).toBe(1)
  await shown(page).locator('#filter-by-agent').click()
  await shown(page).locator('#result-count', { hasText: '共 1 条' }).waitFor()

  // The detail: the 代办人 masked, what 代办核验 checks, 代签, and 代办核验 as the stage under way.
  await row.click()
  await page.waitForURL(`**/admin/filing?id=${id}`)
  const agentCard = shown(page).locator('#filing-agent')
  const agentText = await agentCard.innerText()
  for (const words of ['代办人', '李强', '子女', '代办备案须先经代办核验：核对代办人身份、与参保人的关系及授权委托书', '未上传']) expect(agentText).toContain(words)
  await expect(agentCard.locator('#agent-id .a-mono').innerText()).resolves.toMatch(/^511\*{11}\d{3}[\dX]$/)
  await expect(agentCard.locator('#agent-phone .a-mono').innerText()).resolves.toBe('138****8000')
  await expect(shown(page).locator('#commitment-signature').innerText()).resolves.toContain('代签：代办人李强（子女）以本人名义签署')
  await expect(shown(page).locator('#review-panel .a-card__title').innerText()).resolves.toBe('审核：代办核验（第1级，共1级）')
  await expect(shown(page).locator('#review-agent-check').innerText()).resolves.toContain('核验通过即生效')
  await expect(shown(page).locator('#filing-history').innerText()).resolves.toMatch(/提交备案\s*（代办人）/)
  await app.screenshot('admin-detail-agent')

  // 显示完整号码: one reveal shows the insured person's and the agent's numbers.
  await shown(page).locator('#reveal-agent').click()
  await shown(page).locator('#reveal-agent-reason input').fill('核对代办人')
  await shown(page).locator('#reveal-agent-confirm').click()
  await shown(page).locator('#agent-id .a-mono', { hasText: son.idNumber }).waitFor()
  await expect(shown(page).locator('#agent-phone .a-mono').innerText()).resolves.toBe('13800138000')
  await expect(shown(page).locator('#person-id .a-mono').innerText()).resolves.toBe(mother.idNumber)
  await expect(shown(page).locator('#person-phone .a-mono').innerText()).resolves.toBe('13912345678')

  // 代办核验 passed: the filing takes effect.
  await shown(page).locator('#decision-approve').click()
  await shown(page).locator('#review-submit').click()
  await expect(shown(page).locator('#review-panel .a-alert--ok').innerText()).resolves.toBe('已审批通过，备案生效。')
  await expect(shown(page).locator('#filing-head .state-tag').innerText()).resolves.toContain('生效中')
  await expect(shown(page).locator('#filing-history').innerText()).resolves.toContain('代办核验：')
})

test('a 辽宁 代办 filing: 代办核验 → 初审 → 复核 → 审批, the 授权委托书 opens like a proof; the insured person cancelling it reads 本人撤销代办备案', async () => {
  app = await startApp({ seedDemo: false, desktop: true, openid: STAFF[0] })
  await app.open('/admin/index')
  const { page } = app
  const wife = { openid: 'e2e-wife', name: '张丽', idNumber: residentId('210102', '19820520', '042') }
  const authorization = await uploadPdf(app, wife.openid, '授权委托书.pdf')
  const { id, idNumber } = await fileLiaoningWorker(wife.openid, '刘建国', '031', {
    name: wife.name,
    idNumber: wife.idNumber,
    agent: { relationship: 'spouse', phone: '13800138000', authorization },
  })

  await as(STAFF[0], `/admin/filing?id=${id}`)
  await expect(shown(page).locator('#filing-agent #agent-relationship').innerText()).resolves.toContain('配偶')
  await expect(shown(page).locator('#filing-person').innerText()).resolves.toContain('刘建国')
  // The 授权委托书 opens in place, as the materials do.
  const proof = shown(page).locator(`#agent-authorization #proof-${authorization}`)
  await proof.locator('.a-link', { hasText: '查看' }).click()
  await proof.locator('iframe').waitFor()
  await expect(shown(page).locator('#filing-stages').innerText()).resolves.toContain('代办核验 → 初审 → 复核 → 审批')
  await expect(shown(page).locator('#review-panel .a-card__title').innerText()).resolves.toBe('审核：代办核验（第1级，共4级）')
  await expect(shown(page).locator('#review-agent-check').innerText()).resolves.toContain('核验通过后转初审')
  await shown(page).locator('#decision-approve').click()
  await shown(page).locator('#review-submit').click()
  await expect(shown(page).locator('#review-panel .a-alert--ok').innerText()).resolves.toBe('代办核验已通过，转下一级。')
  await expect(shown(page).locator('#review-panel .a-card__title').innerText()).resolves.toBe('审核：初审（第2级，共4级）')

  // The husband verifies as himself and cancels the filing his wife made for him.
  const husband = 'e2e-husband'
  await verify(husband, '刘建国', idNumber)
  const seen = await api(app, 'filing', 'get', { id }, { openid: husband, now: NOW })
  expect(seen).toMatchObject({ ok: true })
  const cancelled = await api(app, 'filing', 'cancel', { id, version: seen.data.version, reason: '我没有委托办理' }, { openid: husband, now: NOW })
  expect(cancelled).toMatchObject({ ok: true, data: { status: 'cancelled' } })

  await as(STAFF[0], `/admin/filing?id=${id}`)
  const history = await shown(page).locator('#filing-history').innerText()
  expect(history).toMatch(/本人撤销代办备案\s*（参保人本人）/)
  expect(history).toContain('我没有委托办理')
  expect(await shown(page).locator('#review-panel').count()).toBe(0)
})

test('someone who is not staff is refused and sees no filing', async () => {
  app = await startApp({ seedDemo: true, desktop: true, openid: 'demo-wang' })
  const { page } = app
  await app.open('/admin/index')
  await expect(page.locator('#admin-refusal').innerText()).resolves.toContain('您没有使用经办后台的权限')
  expect(await page.locator('.a-table__row').count()).toBe(0)
  await app.open('/admin/dashboard')
  await page.locator('#admin-refusal').waitFor()
  expect(await page.locator('.a-kpi').count()).toBe(0)
  await app.screenshot('admin-refused')
})

test('look-up-only staff are told why they cannot review or reveal, instead of being offered the forms', async () => {
  app = await startApp({ seedDemo: true, desktop: true, openid: QUERY_STAFF })
  const { page } = app
  const listed = await api(app, 'admin', 'list', { filters: { status: ['pending_review'] } }, { openid: QUERY_STAFF })
  const id = listed.data.items[0].id as string
  await app.open(`/admin/filing?id=${encodeURIComponent(id)}`)
  await expect(shown(page).locator('#review-refused').innerText()).resolves.toBe('您的账号只能查询，不能审核、抽查或登记住院费用')
  expect(await shown(page).locator('#review-submit, #decision-approve').count()).toBe(0)
  await expect(shown(page).locator('#reveal-refused').innerText()).resolves.toBe('您的账号不能查看完整证件号码和电话')
  expect(await shown(page).locator('#reveal').count()).toBe(0)
  await app.screenshot('admin-query-staff-refusals')
})

test('the export is a file the page downloads: the rows of the current filter, masked, with the header row, for Excel (UTF-8 BOM)', async () => {
  app = await startApp({ seedDemo: true, desktop: true, openid: QUERY_STAFF })
  const { page } = app
  await app.open('/admin/index')
  await shown(page).locator('#filter-status .a-chip', { hasText: '生效中' }).click()
  await shown(page).locator('#result-count', { hasText: /^第 1–\d+ 条，共 \d+ 条$/ }).waitFor()
  const total = Number(/共 (\d+) 条/.exec(await shown(page).locator('#result-count').innerText())![1])
  const listed = await shown(page).locator('.a-table__row .a-cell--id').allInnerTexts()
  expect(listed).toHaveLength(total)

  // The server answers a link to the file it wrote (never the CSV itself); the page downloads it.
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/admin') && (response.request().postData() ?? '').includes('"export"'))
  const [download] = await Promise.all([page.waitForEvent('download'), shown(page).locator('#export').click()])
  const reply = await (await answered).json()
  expect(reply.data).toMatchObject({ rows: total, url: expect.stringMatching(/^\/api\/exports\/x_[0-9a-f]{32}$/) })
  expect(reply.data).not.toHaveProperty('csv')
  expect(download.suggestedFilename()).toMatch(/^异地就医备案-\d{4}-\d{2}-\d{2}\.csv$/)
  const csv = readFileSync((await download.path())!, 'utf8')
  expect(csv.startsWith('\uFEFF备案编号,状态,参保地,人员类别,姓名,证件类型,证件号码,联系电话,就医地,开始日期,有效期至,备案日期,代办人\r\n')).toBe(true)
  const rows = csv.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1)
  expect(rows).toHaveLength(total)
  expect(rows.map((line) => line.split(',')[0]).sort()).toEqual([...listed].map((id) => id.trim()).sort())
  for (const line of rows) expect(line).toMatch(/,(生效中|即将到期),/)
  expect(csv).not.toMatch(/\d{17}[\dX]/)
  await expect(shown(page).locator('#export-note').innerText()).resolves.toContain(`已导出 ${total} 条`)
})

test('显示完整号码 asks for a reason, then shows the ID number and phone; the reason is in the history', async () => {
  app = await startApp({ seedDemo: true, desktop: true, openid: STAFF[0] })
  const { page } = app
  const mine = await api(app, 'filing', 'mine', {}, { openid: 'demo-wang' })
  const id = mine.data.filings[0].id
  await app.open(`/admin/filing?id=${id}`)
  await expect(page.locator('#person-id').innerText()).resolves.toMatch(/\d{3}\*{11}\d{3}[\dX]/)
  await expect(page.locator('#person-phone .a-mono').innerText()).resolves.toMatch(/^1\d{2}\*{4}\d{4}$/)
  await page.locator('#reveal').click()
  // No reason: the message next to the field, nothing revealed.
  await page.locator('#reveal-confirm').click()
  await expect(page.locator('#reveal-reason .a-field__error').innerText()).resolves.toBe('请填写原因')
  await expect(page.locator('#person-id .a-mono').innerText()).resolves.toMatch(/\*/)
  await page.locator('#reveal-reason input').fill('申请人来电核对身份')
  await page.locator('#reveal-confirm').click()
  // The full number arrives with the reveal's answer: wait for it rather than read at once.
  await page.locator('#person-id .a-mono', { hasText: /^\d{17}[\dX]$/ }).waitFor()
  await expect(page.locator('#person-phone .a-mono').innerText()).resolves.toMatch(/^1\d{10}$/)
  // The page's history shows the reveal with its reason (reloaded after the reveal).
  await page.locator('#filing-history', { hasText: '原因：申请人来电核对身份' }).waitFor()
  // Recorded against who asked.
  const again = await api(app, 'admin', 'get', { id }, { openid: STAFF[1] })
  expect(again.data.history.map((h: { action: string; actor: string; reason: string | null }) => [h.action, h.actor, h.reason])).toContainEqual(['reveal', STAFF[0], '申请人来电核对身份'])
})

test('the dashboard draws its charts from the counts', async () => {
  app = await startApp({ seedDemo: true, desktop: true, openid: STAFF[0] })
  const { page } = app
  await app.open('/admin/dashboard')
  await page.locator('#chart-status .a-bar').first().waitFor()
  const stats = await api(app, 'admin', 'stats', {}, { openid: STAFF[0] })
  await expect(page.locator('#kpi-total .a-kpi__value').innerText()).resolves.toBe(String(stats.data.total))
  expect(await page.locator('#chart-category .a-bar').count()).toBe(Object.values(stats.data.byCategory as Record<string, number>).filter((n) => n > 0).length)
  expect(await page.locator('#chart-month .a-column').count()).toBe(12)
  const width = await page.locator('#chart-status .a-bar__fill').first().evaluate((el) => el.getBoundingClientRect().width)
  expect(width).toBeGreaterThan(50)
  await app.screenshot('admin-dashboard')
})

test('已过期 and 未生效 are states of their own: the filter lists only expired rows, 统计 counts them apart from 生效中', async () => {
  app = await startApp({ seedDemo: false, desktop: true, openid: STAFF[0] })
  const { page } = app
  const dazhou = (openid: string, name: string, serial: string, overrides: Record<string, unknown>, now: string) =>
    submitAs(
      app,
      {
        requestId: `e2e-state-${openid}`,
        policyId: 'dazhou',
        category: 'resettled_retiree',
        applicant: { name, idType: 'resident_id', idNumber: residentId('511702', '19580612', serial), phone: '13812345678' },
        destination: { provinceCode: '440000', cityCode: '440300' },
        startDate: now.slice(0, 10),
        commitment: { accepted: true, signature: name },
        ...overrides,
      },
      { openid, now },
    )
  // A six-month temporary filing and a long-term one, both approved at once (达州's commitment).
  const temporary = await dazhou('p-temp', '王秀兰', '511', { category: 'other_temporary' }, NOW)
  expect(temporary).toMatchObject({ ok: true, data: { status: 'active' } })
  const kept = await dazhou('p-long', '李建国', '528', {}, NOW)
  expect(kept).toMatchObject({ ok: true, data: { status: 'active', validUntil: null } })
  // The day after the temporary one ended, someone files for a start ten days ahead.
  const later = addDays(temporary.data.validUntil, 1)
  const laterNow = `${later}T10:00:00+08:00`
  const ahead = await dazhou('p-ahead', '赵敏', '535', { category: 'other_temporary', startDate: addDays(later, 10) }, laterNow)
  expect(ahead).toMatchObject({ ok: true, data: { status: 'active' } })
  await fixNow(page, laterNow)

  await app.open('/admin/index')
  await page.locator('#result-count', { hasText: '共 3 条' }).waitFor()
  await page.locator('#filter-status .a-chip', { hasText: '已过期' }).click()
  await page.locator('#result-count', { hasText: '第 1–1 条，共 1 条' }).waitFor()
  expect(await page.locator('.a-table__row').count()).toBe(1)
  await page.locator(`#row-${temporary.data.id}`, { hasText: '已过期' }).waitFor()
  await app.screenshot('admin-list-expired')
  // 生效中 instead: the long-term filing only (not the expired one, not the one that has not started).
  await page.locator('#filter-status .a-chip', { hasText: '已过期' }).click()
  await page.locator('#filter-status .a-chip', { hasText: '生效中' }).click()
  await page.locator('#result-count', { hasText: '第 1–1 条，共 1 条' }).waitFor()
  await page.locator(`#row-${kept.data.id}`).waitFor()

  await app.open('/admin/dashboard')
  await page.locator('#kpi-expired .a-kpi__value', { hasText: '1' }).waitFor()
  await expect(page.locator('#kpi-active .a-kpi__value').innerText()).resolves.toBe('1')
  await expect(page.locator('#kpi-not-yet-active .a-kpi__value').innerText()).resolves.toBe('1')
  await expect(page.locator('#kpi-total .a-kpi__value').innerText()).resolves.toBe('3')
  await page.locator('#chart-status .a-bar', { hasText: '已过期' }).waitFor()
  await app.screenshot('admin-dashboard-states')
})

test('on a phone the filters fold above the results, the list reads as cards, nothing off-screen', async () => {
  app = await startApp({ seedDemo: true, openid: STAFF[0] })
  const { page } = app
  await app.open('/admin/index')
  await page.locator('#result-count', { hasText: '共 6 条' }).waitFor()
  expect(await page.locator('#filter-status').isVisible()).toBe(false)
  expect(await overflowsHorizontally(page)).toBe(false)
  await app.screenshot('admin-list-phone')
  await page.locator('#filters-toggle').click()
  await page.locator('#filter-status .a-chip', { hasText: '审核中' }).click()
  await page.locator('#result-count', { hasText: '第 1–2 条，共 2 条' }).waitFor()
  await page.locator('#filters-toggle').click()
  await page.locator('#filters-toggle', { hasText: '筛选条件（已设1项） ▾' }).waitFor()
  expect(await page.locator('.a-table__row').count()).toBe(2)
  // 只看代办 stays in view beside the queues (not folded with the filters) and narrows them: demo-liu's filing for his mother.
  await page.locator('#filter-by-agent').click()
  await page.locator('#result-count', { hasText: '第 1–1 条，共 1 条' }).waitFor()
  await expect(page.locator('.a-table__row .a-tag').innerText()).resolves.toBe('代办：刘强（子女）')
  await page.locator('#filters-toggle', { hasText: '筛选条件（已设1项） ▾' }).waitFor()
  expect(await overflowsHorizontally(page)).toBe(false)
})
