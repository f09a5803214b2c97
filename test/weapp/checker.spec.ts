// The checker itself: a copy of the real build broken on purpose in one way at a time must fail the
// check that guards against it (and the untouched copy must pass, in build.spec.ts).
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { checkBuild, readBuild, type Problem } from '../../scripts/weapp-check'
import { startBackend, type Backend } from '../../scripts/weapp-check/run/cloud'
import { compileTemplates } from '../../scripts/weapp-check/run/render'
import { Session } from '../../scripts/weapp-check/run/session'
import { PERSON } from './pages'

const DIST = resolve(process.env.WEAPP_DIST ?? 'dist/weapp')
const copies: string[] = []
let backend: Backend

beforeAll(async () => {
  backend = await startBackend({ seedDemo: false })
})

afterAll(async () => {
  await backend?.close()
  for (const dir of copies) rmSync(dir, { recursive: true, force: true })
})

/** A fresh copy of the build with `breakIt` applied to it. */
function broken(breakIt: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'weapp-broken-'))
  copies.push(dir)
  cpSync(DIST, dir, { recursive: true })
  breakIt(dir)
  return dir
}

const prepend = (file: string, code: string) => writeFileSync(file, code + readFileSync(file, 'utf8'))
const problemsOf = (dir: string, check: string): Problem[] => checkBuild(readBuild(dir)).filter((p) => p.check === check)

test('a missing chunk: the require check names it, and the app does not launch', async () => {
  const dir = broken((d) => rmSync(join(d, 'common.js')))
  expect(problemsOf(dir, 'require')).toContainEqual(expect.objectContaining({ file: 'app.js', message: expect.stringContaining('common.js: no such file') }))
  const build = readBuild(dir)
  const session = new Session(build, compileTemplates(build), backend, PERSON)
  await expect(session.start('pages/index/index')).rejects.toThrow(/module "\.\/common" is not defined/)
})

test('a require from one subpackage into another fails the package rule', () => {
  const dir = broken((d) => appendFileSync(join(d, 'pages/file/index.js'), '\nrequire("../filing/sub-vendors.js");\n'))
  expect(problemsOf(dir, 'require')).toEqual([
    expect.objectContaining({ file: 'pages/file/index.js', message: expect.stringContaining('subpackage pages/file may not load subpackage pages/filing') }),
  ])
})

test('a require from the main package into a subpackage fails the package rule', () => {
  const dir = broken((d) => appendFileSync(join(d, 'pages/index/index.js'), '\nrequire("../file/sub-vendors.js");\n'))
  expect(problemsOf(dir, 'require')).toEqual([expect.objectContaining({ message: expect.stringContaining('the main package may not load subpackage pages/file') })])
})

test('`window` at load: the globals check flags it, and the page fails in the stand-in as on a phone', async () => {
  const dir = broken((d) => prepend(join(d, 'pages/index/index.js'), 'window.__loaded = true;'))
  expect(problemsOf(dir, 'globals')).toEqual([expect.objectContaining({ file: 'pages/index/index.js', message: expect.stringContaining('`window`') })])
  const build = readBuild(dir)
  const session = new Session(build, compileTemplates(build), backend, PERSON)
  await expect(session.start('pages/index/index')).rejects.toThrow(/Cannot set properties of undefined|window/)
})

test('a guarded `window` passes the globals check', () => {
  const dir = broken((d) => prepend(join(d, 'pages/index/index.js'), 'if (typeof window !== "undefined") window.__loaded = true;'))
  expect(problemsOf(dir, 'globals')).toEqual([])
})

test('an unclosed tag: WeChat\'s wcc refuses the templates', () => {
  const dir = broken((d) => appendFileSync(join(d, 'pages/index/index.wxml'), '\n<view class="x">没有结束标签\n'))
  const wcc = problemsOf(dir, 'wcc')
  expect(wcc.length).toBeGreaterThan(0)
  expect(wcc[0].message).toMatch(/pages\/index\/index\.wxml.*end tag missing/)
})

test('a broken stylesheet: wcsc refuses it', () => {
  const dir = broken((d) => appendFileSync(join(d, 'pages/index/index.wxss'), '\n.broken { color: red;\n'))
  expect(problemsOf(dir, 'wcsc').length).toBeGreaterThan(0)
})

test('an ES2020 operator (`??`) and a class field fail the ES2019 gate', () => {
  const dir = broken((d) => {
    appendFileSync(join(d, 'common.js'), '\nvar fallback = globalThis.x ?? 1;\n')
    appendFileSync(join(d, 'pages/index/index.js'), '\nclass Later { field = 1 }\n')
  })
  expect(problemsOf(dir, 'syntax').map((p) => p.file).sort()).toEqual(['common.js', 'pages/index/index.js'])
})

test('a page whose app.json entry has no files, and a usingComponents that does not resolve', () => {
  const dir = broken((d) => {
    const app = JSON.parse(readFileSync(join(d, 'app.json'), 'utf8'))
    app.pages.push('pages/missing/index')
    writeFileSync(join(d, 'app.json'), JSON.stringify(app))
    writeFileSync(join(d, 'pages/settings/index.json'), JSON.stringify({ usingComponents: { comp: '../../nowhere' } }))
  })
  const messages = problemsOf(dir, 'json').map((p) => p.message)
  expect(messages).toContainEqual(expect.stringContaining('page pages/missing/index: pages/missing/index.js is missing'))
  expect(messages).toContainEqual(expect.stringContaining('usingComponents comp → nowhere'))
})

test('BigInt at load: the page fails once BigInt is removed, as on iOS < 14', async () => {
  const dir = broken((d) => prepend(join(d, 'pages/index/index.js'), 'var big = BigInt(1);'))
  const build = readBuild(dir)
  const withBigInt = new Session(build, compileTemplates(build), backend, PERSON)
  await expect(withBigInt.start('pages/index/index')).resolves.toMatchObject({ route: 'pages/index/index' })
  const withoutBigInt = new Session(build, compileTemplates(build), backend, PERSON, { withoutBigInt: true })
  await expect(withoutBigInt.start('pages/index/index')).rejects.toThrow('BigInt is not defined')
})

test('a template the page data needs but the build lacks: WeChat\'s template runtime complains and the text is gone', async () => {
  // tmpl_0_9 renders Taro's text nodes; without it every text is blank, yet wcc compiles fine.
  const dir = broken((d) => {
    const base = join(d, 'base.wxml')
    writeFileSync(base, readFileSync(base, 'utf8').replace('<template name="tmpl_0_9">', '<template name="tmpl_0_9_renamed">'))
  })
  expect(problemsOf(dir, 'wcc')).toEqual([])
  const build = readBuild(dir)
  const generate = compileTemplates(build)
  const session = new Session(build, generate, backend, PERSON)
  const screen = await session.start('pages/index/index')
  expect(generate.complaints.join('\n')).toContain('Template `tmpl_0_9` not found')
  expect(screen.text).not.toContain('办理备案')
})
