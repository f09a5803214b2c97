// WeChat's own template and style compilers, wcc and wcsc, from the npm package miniprogram-compiler
// (the Linux binaries DevTools uses). The package's files lose their execute bit when npm installs
// with scripts off, so it is set here before every run.
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { packageOf, type Build, type Problem } from './build'

const BIN_DIR = join(dirname(require.resolve('miniprogram-compiler/package.json', { paths: [process.cwd()] })), 'bin', 'linux')
export const WCC = join(BIN_DIR, 'wcc')
export const WCSC = join(BIN_DIR, 'wcsc')

export function ensureExecutable(): void {
  if (process.platform !== 'linux') throw new Error('the weapp check runs WeChat\'s Linux wcc/wcsc: run it on Linux')
  for (const bin of [WCC, WCSC]) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: npm ci`)
    chmodSync(bin, 0o755)
  }
}

/** wcc's component list: count, then for each page/component with usingComponents its .wxml, n and names. */
function componentArgs(build: Build, wxml: string[]): string {
  const args: (string | number)[] = []
  let count = 0
  for (const file of wxml) {
    const json = file.replace(/\.wxml$/, '.json')
    if (!build.files.includes(json)) continue
    const using = Object.keys((JSON.parse(readFileSync(join(build.dir, json), 'utf8')) as { usingComponents?: object }).usingComponents ?? {})
    if (using.length) {
      args.push(file, using.length, ...using)
      count += 1
    }
  }
  return [count, ...args].join(' ')
}

/** Compiles `wxml` (+ .wxs) together as DevTools does; the generated JS ($gwx) or a thrown error with wcc's message. */
export function wcc(build: Build, wxml: string[], wxs: string[]): string {
  const result = spawnSync(WCC, ['-d', '-cc', componentArgs(build, wxml), ...wxml, ...wxs, '-gn', '$gwx'], {
    cwd: build.dir,
    maxBuffer: 256 * 2 ** 20,
  })
  if (result.status !== 0) throw new Error(`wcc: ${(result.stderr ?? '').toString().trim() || `exit ${result.status}`}`)
  return result.stdout.toString()
}

export function wcsc(build: Build, wxss: string[]): string {
  const result = spawnSync(WCSC, ['-db', '-pc', '0', ...wxss], { cwd: build.dir, maxBuffer: 256 * 2 ** 20 })
  if (result.status !== 0) throw new Error(`wcsc: ${(result.stderr ?? '').toString().trim() || `exit ${result.status}`}`)
  return result.stdout.toString()
}

/** All templates together, then each package on its own (a subpackage with the main package it may import from). */
export function checkTemplates(build: Build): Problem[] {
  ensureExecutable()
  const problems: Problem[] = []
  const wxml = build.files.filter((f) => f.endsWith('.wxml'))
  const wxs = build.files.filter((f) => f.endsWith('.wxs'))
  const sets: [string, (f: string) => boolean][] = [
    ['(all packages)', () => true],
    ['(main package)', (f) => packageOf(build, f) === ''],
    ...build.roots.map((root): [string, (f: string) => boolean] => [root, (f) => ['', root].includes(packageOf(build, f))]),
  ]
  const wxss = build.files.filter((f) => f.endsWith('.wxss'))
  for (const [label, keep] of sets) {
    try {
      wcc(build, wxml.filter(keep), wxs.filter(keep))
    } catch (error) {
      problems.push({ check: 'wcc', file: label, message: (error as Error).message })
    }
    // Stylesheets the same way (wcsc needs every @import target in its list); its errors name the file.
    try {
      wcsc(build, wxss.filter(keep))
    } catch (error) {
      problems.push({ check: 'wcsc', file: label, message: (error as Error).message })
    }
  }
  return problems
}
