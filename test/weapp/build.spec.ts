// The weapp check on the production build (dist/weapp, or WEAPP_DIST): WeChat's compilers, the
// app.json rules, require resolution, globals and the syntax gate find nothing; every page loads in
// the logic-layer stand-in, renders through the wcc-compiled templates and shows what it should,
// with BigInt and again without it (iOS < 14); 办理备案 on home opens the wizard, and a 济宁 temporary
// filing goes through the wizard to the result page.
import { resolve } from 'node:path'
import { checkBuild, describeProblem, readBuild, type Build } from '../../scripts/weapp-check'
import { startBackend, type Backend } from '../../scripts/weapp-check/run/cloud'
import { compileTemplates, type Generate } from '../../scripts/weapp-check/run/render'
import { findAll, textOf } from '../../scripts/weapp-check/run/render'
import { Screenplay, Session } from '../../scripts/weapp-check/run/session'
import { PRIVACY_NOTICE_VERSION } from '../../src/rules'
import { residentId } from '../rules/fixtures'
import { PAGE_CASES, PERSON } from './pages'

const DIST = resolve(process.env.WEAPP_DIST ?? 'dist/weapp')

let build: Build
let generate: Generate
let backend: Backend
let own: string

beforeAll(async () => {
  build = readBuild(DIST)
  generate = compileTemplates(build)
  backend = await startBackend()
  const mine = (await backend.call('filing', { action: 'mine' }, PERSON)) as { data: { filings: { id: string; party: string }[] } }
  own = mine.data.filings.find((f) => f.party === 'self')!.id
})

afterAll(async () => {
  await backend?.close()
})

test('the static checks find nothing (wcc, wcsc, app.json, requires, globals, ES2019)', () => {
  expect(checkBuild(build).map(describeProblem)).toEqual([])
})

test('every page of app.json has a case below', () => {
  const subs = build.app.subPackages ?? []
  const pages = [...build.app.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]
  expect(PAGE_CASES.map((c) => c.route).sort()).toEqual(pages.sort())
})

describe.each([
  ['with BigInt', false],
  ['without BigInt (iOS < 14)', true],
])('pages load and render, %s', (_label, withoutBigInt) => {
  test.each(PAGE_CASES.map((c) => [c.route, c] as const))('%s', async (_route, c) => {
    const session = new Session(build, generate, backend, c.openid, { withoutBigInt })
    const screen = await session.start(c.route + (c.query ? `?${c.query({ own })}` : ''))
    expect(session.mp.errors).toEqual([])
    expect(session.mp.consoleErrors).toEqual([])
    expect(generate.complaints.splice(0)).toEqual([])
    expect(screen.route).toBe(c.route)
    for (const words of c.shows) expect(screen.text).toContain(words)
    // Nothing Taro failed to render: no template name or binding leaks into the text.
    expect(screen.text).not.toMatch(/tmpl_|\{\{|undefined|NaN/)
  })
})

test('tapping 办理备案 on home opens the wizard at its first step', async () => {
  const session = new Session(build, generate, backend, PERSON)
  await session.start('pages/index/index')
  const wizard = await session.tap('办理备案')
  expect(session.mp.navigations).toEqual([{ kind: 'navigateTo', url: '/pages/file/index' }])
  expect(wizard.route).toBe('pages/file/index')
  expect(wizard.text).toContain('第 1 步')
  expect(session.mp.stack.map((p) => p.route)).toEqual(['pages/index/index', 'pages/file/index'])
})

test('a 济宁 temporary filing, through every step of the wizard to the result page (without BigInt)', async () => {
  const openid = 'weapp-jining'
  const person = { name: '孙丽', idNumber: residentId('370811', '19750506', '042') }
  const verified = (await backend.call('filing', { action: 'verifyIdentity', data: { ...person, idType: 'resident_id', consent: { version: PRIVACY_NOTICE_VERSION, sensitive: true } } }, openid)) as { ok: boolean }
  expect(verified.ok).toBe(true)
  const session = new Session(build, generate, backend, openid, { withoutBigInt: true })
  const p = new Screenplay(session)
  const next = () => p.tapNode(p.byId('wizard-continue'))
  const stepIs = (title: string) => expect(textOf(p.byClass('steps__count'))).toMatch(new RegExp(`第 \\d+ 步[^：]*：${title}$`))

  await session.start('pages/index/index')
  await session.tap('办理备案')
  stepIs('为谁办理')
  await p.tapNode(p.byClass('choice', '本人'))
  await next()
  stepIs('参保地')
  await p.tapNode(p.byClass('choice', '济宁市'))
  await next()
  stepIs('人员类别')
  await p.tapNode(p.byClass('choice', '其他临时外出就医人员'))
  await next()
  stepIs('就医地')
  await p.tapNode(p.byClass('fw-grid__item', '江苏', true))
  await p.tapNode(p.byClass('fw-grid__item', '南京市', true))
  await next()
  stepIs('开始日期')
  // WeChat's native date picker, as its change event delivers the choice.
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  await session.fire(findAll(session.screen().tree, (n) => n.tag === 'wx-picker' && n.attr?.mode === 'date')[0], 'change', { value: today })
  await next()
  stepIs('个人信息')
  await p.type('idNumber', person.idNumber)
  await p.type('name', person.name)
  await p.type('phone', '13812345678')
  await next()
  stepIs('核对信息')
  for (const words of ['济宁市', '其他临时外出就医人员', '江苏省南京市', '孙丽', '13812345678']) expect(p.text()).toContain(words)
  await p.tapNode(p.byId('submit-filing'))

  expect(session.mp.top().route).toBe('pages/file/result')
  const number = findAll(session.screen().tree, (n) => n.attr?.id === 'filing-number')
  expect(number).toHaveLength(1)
  expect(p.text()).toMatch(/YD\d{8}-[A-Z0-9]+/)
  expect(backend.calls.filter((c) => c.fn === 'filing' && c.action === 'submit')).toEqual([{ fn: 'filing', action: 'submit', ok: true }])
  expect(session.mp.errors).toEqual([])
  expect(session.mp.consoleErrors).toEqual([])
  expect(generate.complaints.splice(0)).toEqual([])
})

test("the phone's back inside the wizard goes to the previous step (WeChat's page-container, lib/step-back)", async () => {
  const session = new Session(build, generate, backend, PERSON)
  const p = new Screenplay(session)
  const container = () => findAll(session.screen().tree, (n) => n.tag === 'wx-page-container')
  const shown = () => String(container()[0]?.attr?.show) === 'true'
  const stepIs = (title: string) => expect(textOf(p.byClass('steps__count'))).toMatch(new RegExp(`第 \\d+ 步[^：]*：${title}$`))

  await session.start('pages/index/index')
  await session.tap('办理备案')
  stepIs('为谁办理')
  expect(container()).toHaveLength(1)
  // On the first step there is nothing to go back to: the page's own back leaves it.
  expect(shown()).toBe(false)
  await p.tapNode(p.byClass('choice', '本人'))
  await p.tapNode(p.byId('wizard-continue'))
  stepIs('参保地')
  expect(shown()).toBe(true)

  // WeChat closes the container and fires beforeleave for the back gesture, the Android key or the bar's back.
  await session.fire(container()[0], 'beforeleave', {})
  stepIs('为谁办理')
  expect(shown()).toBe(false)
  expect(session.mp.stack.map((page) => page.route)).toEqual(['pages/index/index', 'pages/file/index'])
  expect(session.mp.errors).toEqual([])
  expect(session.mp.consoleErrors).toEqual([])
})
