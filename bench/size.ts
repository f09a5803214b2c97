// Package size and first screen (issue 6, items 1 and 2), this app against an empty Taro React app
// built with the same config in the same run; figures as ratios, since the machines are shared.
//
//   npm run bench:size            four production builds (this app and the empty one, weapp and h5), then measure
//   BENCH_BUILD=0 …               reuse the four builds of the last run (bench/.data/size/), measure only
//   BENCH_FCP_RUNS=15 …           cold loads per app for the FCP median (default 9, after one warm-up load each)
//   BENCH_OUT=path …              where the markdown goes (default bench/results/size.md)
//
// The empty app is bench/empty-app/src: Taro's `default` template (React, TypeScript, Sass), one page
// rendering a View with a Text. Both apps go through `taro build --type weapp|h5` with this project's
// config/index.ts, babel.config.js and node_modules; the empty one through TARO_SOURCE_ROOT. Both write
// to bench/.data/size/<app>-<platform> (TARO_OUTPUT_ROOT), so dist/ is left alone.
//
// 1. weapp: bytes of every file of the build, the main package being everything outside the
//    subpackage roots the built app.json lists. Goals: main ≤ 1.5 × the empty app's main; every
//    package ≤ WeChat's 2 MB.
// 2. H5: the home page (/pages/index/index) in headless Chromium (bench/size-h5.ts), this app through
//    the project's local server (startServer: demo filings, signed in as demo-wang, so `filing.mine`
//    answers and the first screen shows the filing card) and the empty app through the same server
//    (no API calls), every load on Lighthouse's mobile profile (bench/size-h5.ts MOBILE_PROFILE: 4× CPU,
//    150 ms RTT, 1.6 Mbps). Goals: JS + CSS of the first screen ≤ 200 KB gzip; FCP median ≤ 1.8 s
//    (Lighthouse's "good") and ≤ 1.3 × the empty app's (issue 14). Also reported: the first screen's
//    bytes on the wire (the server sends the build's brotli copies).
//
// KB here is 1024 bytes, as WeChat counts its 2 MB (2048 KB).
import { execSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { chromium } from 'playwright-core'
import { CHROMIUM, CHROMIUM_ARGS } from '../test/e2e/chromium'
import { buildServerBundle, requireServer } from './server-bundle'
import { machine } from './report'
import { fileSet, GZIP_LEVEL, loadOnce, MOBILE_PROFILE, totals, type Load, type Target } from './size-h5'

const ROOT = process.cwd()
const OUT = resolve(ROOT, process.env.BENCH_OUT ?? 'bench/results/size.md')
const WORK = join(ROOT, 'bench/.data/size')
const BUILD = process.env.BENCH_BUILD !== '0'
const FCP_RUNS = Number(process.env.BENCH_FCP_RUNS ?? 9)

const KB = 1024
const WEAPP_PACKAGE_LIMIT_KB = 2048
const MAIN_RATIO_GOAL = 1.5
const H5_GZIP_GOAL_KB = 200
const FCP_RATIO_GOAL = 1.3
const FCP_GOAL_MS = 1800

type Platform = 'weapp' | 'h5'
interface App {
  key: 'app' | 'empty'
  label: string
  /** TARO_SOURCE_ROOT; null: the config's default (src), exactly as `npm run build:*`. */
  sourceRoot: string | null
}
const APP: App = { key: 'app', label: 'this app', sourceRoot: null }
const EMPTY: App = { key: 'empty', label: 'empty Taro React app', sourceRoot: 'bench/empty-app/src' }

function log(line: string) {
  process.stderr.write(line + '\n')
}

const outDir = (app: App, platform: Platform) => join(WORK, `${app.key}-${platform}`)

// ---- builds -------------------------------------------------------------------------------------------

/** `taro build --type <platform>` of one app with the project's config; its wall time in seconds. */
function taroBuild(app: App, platform: Platform): number {
  const out = outDir(app, platform)
  rmSync(out, { recursive: true, force: true })
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', TARO_OUTPUT_ROOT: relative(ROOT, out) }
  delete env.TARO_SOURCE_ROOT
  if (app.sourceRoot) env.TARO_SOURCE_ROOT = app.sourceRoot
  log(`building ${app.label} for ${platform} → ${relative(ROOT, out)} …`)
  const started = performance.now()
  const result = spawnSync(join(ROOT, 'node_modules/.bin/taro'), ['build', '--type', platform], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 512 * 2 ** 20,
  })
  const seconds = (performance.now() - started) / 1000
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
  writeFileSync(`${out}.log`, output)
  if (result.status !== 0 || !existsSync(out)) {
    throw new Error(`taro build --type ${platform} of ${app.label} failed (exit ${result.status}); log: ${relative(ROOT, out)}.log\n${output.slice(-3000)}`)
  }
  log(`  ${seconds.toFixed(0)} s`)
  return seconds
}

// ---- weapp sizes -------------------------------------------------------------------------------------

interface FileSize {
  path: string
  size: number
}

function walk(dir: string, base = dir): FileSize[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) return walk(full, base)
    return [{ path: relative(base, full).split('\\').join('/'), size: statSync(full).size }]
  })
}

interface WeappPackage {
  /** '' for the main package, else the subpackage root. */
  root: string
  bytes: number
  files: FileSize[]
}

/** The build's files split into the main package and the subpackages its app.json lists. */
function weappPackages(dir: string): WeappPackage[] {
  const appJson = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] }
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/\/+$/, ''))
  const packages: WeappPackage[] = ['', ...roots].map((root) => ({ root, bytes: 0, files: [] }))
  for (const file of walk(dir)) {
    const owner = packages.find((p) => p.root !== '' && file.path.startsWith(p.root + '/')) ?? packages[0]
    owner.files.push(file)
    owner.bytes += file.size
  }
  return packages
}

/** Main-package files grouped for the side-by-side listing: a page's files as one line, the rest by name. */
function mainGroups(main: WeappPackage): Map<string, number> {
  const groups = new Map<string, number>()
  for (const file of main.files) {
    const key = file.path.includes('/') ? file.path.replace(/\.[^/]*$/, '.*') : file.path
    groups.set(key, (groups.get(key) ?? 0) + file.size)
  }
  return groups
}

// ---- H5 ------------------------------------------------------------------------------------------------

/** The local server as `npm run build:server` bundles it (bench/server-bundle.ts). */
const SERVER_BUNDLE = join(ROOT, 'bench/.data/size-server.js')

async function loadServer() {
  await buildServerBundle(SERVER_BUNDLE)
  return requireServer(SERVER_BUNDLE)
}

interface H5Result {
  loads: Load[]
  fcps: number[]
  /** Every cold load fetched the same files. */
  sameFiles: boolean
}

async function measureH5(): Promise<{ app: H5Result; empty: H5Result; chromiumVersion: string }> {
  const { startServer } = await loadServer()
  const dataDirs = [mkdtempSync(join(tmpdir(), 'yd-bench-size-')), mkdtempSync(join(tmpdir(), 'yd-bench-size-'))]
  const quiet = () => {}
  const appServer = await startServer({ port: 0, dataDir: dataDirs[0], staticDir: outDir(APP, 'h5'), seedDemo: true, reminders: false, log: quiet })
  const emptyServer = await startServer({ port: 0, dataDir: dataDirs[1], staticDir: outDir(EMPTY, 'h5'), seedDemo: false, reminders: false, log: quiet })
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
  try {
    const targets: Record<App['key'], Target> = {
      app: { origin: appServer.url, path: '/pages/index/index', ready: '.filing-card', openid: 'demo-wang' },
      empty: { origin: emptyServer.url, path: '/pages/index/index', ready: '.index' },
    }
    const results: Record<App['key'], Load[]> = { app: [], empty: [] }
    // One warm-up load each (the disk cache, the server's first requests, Chromium's first renderer), not counted.
    for (const key of ['app', 'empty'] as const) await loadOnce(browser, targets[key])
    // Alternate the order round by round, so drift in the machine's load falls on both alike.
    for (let round = 0; round < FCP_RUNS; round += 1) {
      const order = round % 2 === 0 ? (['app', 'empty'] as const) : (['empty', 'app'] as const)
      for (const key of order) {
        const load = await loadOnce(browser, targets[key])
        results[key].push(load)
        log(`  round ${round + 1}/${FCP_RUNS} ${key}: FCP ${load.fcp.toFixed(0)} ms, page drawn ${load.ready.toFixed(0)} ms, ${load.resources.length} files`)
      }
    }
    const summarize = (loads: Load[]): H5Result => ({
      loads,
      fcps: loads.map((l) => l.fcp),
      sameFiles: loads.every((l) => fileSet(l) === fileSet(loads[0])),
    })
    return { app: summarize(results.app), empty: summarize(results.empty), chromiumVersion: browser.version() }
  } finally {
    await browser.close()
    await appServer.close()
    await emptyServer.close()
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
  }
}

// ---- report ----------------------------------------------------------------------------------------------

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`
const ms = (value: number) => `${value.toFixed(0)} ms`
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`

/** The commit measured, and how many files under src/ and config/ differ from it (others may be editing). */
function sourceState(): string {
  try {
    const commit = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim()
    const dirty = execSync('git status --porcelain -- src config bench/empty-app babel.config.js package.json', { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
    return dirty.length === 0 ? `commit ${commit}, no local changes` : `commit ${commit} plus local changes in ${dirty.length} file(s): ${dirty.map((l) => l.slice(3)).join(', ')}`
  } catch {
    return 'not a git checkout'
  }
}

async function main() {
  mkdirSync(WORK, { recursive: true })
  const m = machine()
  const state = sourceState()
  const buildSeconds = new Map<string, number>()
  if (BUILD) {
    for (const platform of ['weapp', 'h5'] as const) {
      for (const app of [APP, EMPTY]) buildSeconds.set(`${app.key}-${platform}`, taroBuild(app, platform))
    }
  } else {
    for (const app of [APP, EMPTY]) {
      for (const platform of ['weapp', 'h5'] as const) {
        if (!existsSync(outDir(app, platform))) throw new Error(`BENCH_BUILD=0 but ${relative(ROOT, outDir(app, platform))} is missing: run once with the builds`)
      }
    }
    log('BENCH_BUILD=0: measuring the builds of the last run')
  }

  // 1. weapp
  const appPackages = weappPackages(outDir(APP, 'weapp'))
  const emptyPackages = weappPackages(outDir(EMPTY, 'weapp'))
  const appMain = appPackages[0]
  const emptyMain = emptyPackages[0]
  const appTotal = appPackages.reduce((t, p) => t + p.bytes, 0)
  const mainAllowed = emptyMain.bytes * MAIN_RATIO_GOAL
  const mainMet = appMain.bytes <= mainAllowed
  const licenseBytes = (pkgs: WeappPackage[]) => pkgs.flatMap((p) => p.files).filter((f) => f.path.endsWith('.LICENSE.txt')).reduce((t, f) => t + f.size, 0)

  // 2. H5
  log(`H5: ${FCP_RUNS} cold loads each of this app and the empty app (after one warm-up each) …`)
  const h5 = await measureH5()
  const appFirst = totals(h5.app.loads[0].resources)
  const emptyFirst = totals(h5.empty.loads[0].resources)
  const gzipMet = appFirst.gzip <= H5_GZIP_GOAL_KB * KB
  const appFcp = median(h5.app.fcps)
  const emptyFcp = median(h5.empty.fcps)
  const fcpAllowed = emptyFcp * FCP_RATIO_GOAL
  const fcpMet = appFcp <= fcpAllowed
  const fcpAbsoluteMet = appFcp <= FCP_GOAL_MS
  const appWire = median(h5.app.loads.map((l) => l.wire))
  const emptyWire = median(h5.empty.loads.map((l) => l.wire))

  const mark = (met: boolean) => (met ? '✓ met' : '✗ missed')
  const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)}%`
  const appGroups = mainGroups(appMain)
  const emptyGroups = mainGroups(emptyMain)
  const growth = [...new Set([...appGroups.keys(), ...emptyGroups.keys()])]
    .map((k) => ({ k, d: (appGroups.get(k) ?? 0) - (emptyGroups.get(k) ?? 0) }))
    .sort((a, b) => b.d - a.d)
  const missed: string[] = []
  if (!mainMet) {
    missed.push(
      `- **weapp main package**: ${kb(appMain.bytes)} is ${ratio(appMain.bytes, emptyMain.bytes)} the empty app's ${kb(emptyMain.bytes)}; ` +
        `the goal (${MAIN_RATIO_GOAL}×) allows ${kb(mainAllowed)}, so it is ${kb(appMain.bytes - mainAllowed)} (${pct(appMain.bytes - mainAllowed, mainAllowed)}) over. ` +
        `Of the ${kb(appMain.bytes - emptyMain.bytes)} beyond the empty app, the largest parts: ` +
        growth.slice(0, 4).map((g) => `\`${g.k}\` +${kb(g.d)}`).join(', ') + '.',
    )
  }
  if (!gzipMet) missed.push(`- **H5 first screen**: ${kb(appFirst.gzip)} gzip, ${kb(appFirst.gzip - H5_GZIP_GOAL_KB * KB)} (${pct(appFirst.gzip - H5_GZIP_GOAL_KB * KB, H5_GZIP_GOAL_KB * KB)}) over ${H5_GZIP_GOAL_KB} KB.`)
  if (!fcpMet) {
    missed.push(
      `- **H5 FCP**: median ${ms(appFcp)} is ${ratio(appFcp, emptyFcp)} the empty app's ${ms(emptyFcp)}; the goal (${FCP_RATIO_GOAL}×) allows ${ms(fcpAllowed)}, so it is ${ms(appFcp - fcpAllowed)} (${pct(appFcp - fcpAllowed, fcpAllowed)}) over.`,
    )
  }
  if (!fcpAbsoluteMet) missed.push(`- **H5 FCP**: median ${ms(appFcp)}, ${ms(appFcp - FCP_GOAL_MS)} over ${ms(FCP_GOAL_MS)}.`)
  for (const p of appPackages) {
    if (p.bytes > WEAPP_PACKAGE_LIMIT_KB * KB) missed.push(`- **weapp ${p.root || 'main'} package**: ${kb(p.bytes - WEAPP_PACKAGE_LIMIT_KB * KB)} over WeChat's ${WEAPP_PACKAGE_LIMIT_KB} KB.`)
  }
  const lines: string[] = [
    '# Package size and first screen: this app against an empty Taro React app',
    '',
    `Generated by \`npm run bench:size\` (bench/size.ts, bench/size-h5.ts) on ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.ram} RAM, ${m.os}; Node ${m.node}; Chromium ${h5.chromiumVersion}`,
    `- Load average when the run began: ${m.load.map((n) => n.toFixed(2)).join(', ')} (${m.cores} cores; the machine is shared, hence ratios)`,
    `- Source: ${state}`,
    `- Builds, in this run: \`taro build --type weapp|h5\` (production) of this app (src/) and of the empty app (bench/empty-app/src: Taro's \`default\` template, React + TypeScript + Sass, one page rendering a View with a Text), both with the project's config/index.ts, babel.config.js and node_modules, into bench/.data/size/` +
      (buildSeconds.size ? ` (${[...buildSeconds].map(([k, s]) => `${k} ${s.toFixed(0)} s`).join(', ')})` : ' (BENCH_BUILD=0: the builds of an earlier run)'),
    '- KB = 1024 bytes (WeChat\'s 2 MB per package is 2048 KB)',
    '',
    '## Summary',
    '',
    '| figure | this app | empty app | ratio | goal | met? |',
    '|---|---:|---:|---:|---|---|',
    `| weapp main package | ${kb(appMain.bytes)} | ${kb(emptyMain.bytes)} | ${ratio(appMain.bytes, emptyMain.bytes)} | ≤ ${MAIN_RATIO_GOAL}× the empty app (≤ ${kb(mainAllowed)}) | ${mark(mainMet)}${mainMet ? '' : `: ${kb(appMain.bytes - mainAllowed)} over, ${(appMain.bytes / emptyMain.bytes - MAIN_RATIO_GOAL).toFixed(2)}× above the goal`} |`,
    `| weapp main package against WeChat's limit | ${kb(appMain.bytes)} (${((100 * appMain.bytes) / (WEAPP_PACKAGE_LIMIT_KB * KB)).toFixed(0)}%) | ${kb(emptyMain.bytes)} (${((100 * emptyMain.bytes) / (WEAPP_PACKAGE_LIMIT_KB * KB)).toFixed(0)}%) | — | ≤ ${WEAPP_PACKAGE_LIMIT_KB} KB | ${mark(appMain.bytes <= WEAPP_PACKAGE_LIMIT_KB * KB)} |`,
    ...appPackages.slice(1).map((p) => {
      const met = p.bytes <= WEAPP_PACKAGE_LIMIT_KB * KB
      return `| weapp subpackage \`${p.root}\` | ${kb(p.bytes)} (${((100 * p.bytes) / (WEAPP_PACKAGE_LIMIT_KB * KB)).toFixed(0)}%) | — | — | ≤ ${WEAPP_PACKAGE_LIMIT_KB} KB | ${mark(met)} |`
    }),
    `| weapp whole app (all packages) | ${kb(appTotal)} | ${kb(emptyPackages.reduce((t, p) => t + p.bytes, 0))} | — | (WeChat: ≤ 20 MB with subpackages) | ${mark(appTotal <= 20 * 1024 * KB)} |`,
    `| H5 first screen: JS + CSS, gzip | ${kb(appFirst.gzip)} | ${kb(emptyFirst.gzip)} | ${ratio(appFirst.gzip, emptyFirst.gzip)} | ≤ ${H5_GZIP_GOAL_KB} KB | ${mark(gzipMet)}${gzipMet ? '' : `: ${kb(appFirst.gzip - H5_GZIP_GOAL_KB * KB)} over`} |`,
    `| H5 first screen: every byte on the wire (median) | ${kb(appWire)} | ${kb(emptyWire)} | ${ratio(appWire, emptyWire)} | — | — |`,
    `| H5 first contentful paint, mobile profile, median of ${FCP_RUNS} cold loads | ${ms(appFcp)} | ${ms(emptyFcp)} | ${ratio(appFcp, emptyFcp)} | ≤ ${FCP_RATIO_GOAL}× the empty app (≤ ${ms(fcpAllowed)}) | ${mark(fcpMet)}${fcpMet ? '' : `: ${ms(appFcp - fcpAllowed)} over, ${(appFcp / emptyFcp - FCP_RATIO_GOAL).toFixed(2)}× above the goal`} |`,
    `| H5 first contentful paint against Lighthouse's "good" | ${ms(appFcp)} | ${ms(emptyFcp)} | — | ≤ ${ms(FCP_GOAL_MS)} | ${mark(fcpAbsoluteMet)} |`,
    // Since index.html paints the service name before any script (issue 14), FCP is that placeholder:
    // this row says when the home page itself (the filing card, which needs the API) was drawn.
    `| H5 home page's own content drawn (this app: the filing card; empty app: its page), median | ${ms(median(h5.app.loads.map((l) => l.ready)))} | ${ms(median(h5.empty.loads.map((l) => l.ready)))} | ${ratio(median(h5.app.loads.map((l) => l.ready)), median(h5.empty.loads.map((l) => l.ready)))} | — | — |`,
    '',
    ...(missed.length ? ['Goals missed, and by how much:', '', ...missed] : ['Every goal met.']),
    '',
    '## weapp: the main package file by file',
    '',
    `Everything outside the subpackage roots of the built app.json (${appPackages.slice(1).map((p) => `\`${p.root}\``).join(', ')}). ` +
      `A page's files (.js, .json, .wxml, .wxss, .LICENSE.txt) are one line. The .LICENSE.txt files (comments terser moved out of the bundles) are counted: ` +
      `${kb(licenseBytes([appMain]))} of this app's main package, ${kb(licenseBytes([emptyMain]))} of the empty app's. ` +
      `What any Taro React app carries (the empty app's main package): \`taro.js\` (Taro's runtime and API), \`app.js\` (React's reconciler through @tarojs/react, and the app), ` +
      `\`base.wxml\` (Taro's template for every weapp component), \`vendors.js\` (react, react/jsx-runtime); a page of its own adds next to nothing.`,
    '',
    '| file | this app | empty app | difference |',
    '|---|---:|---:|---:|',
    ...[...new Set([...appGroups.keys(), ...emptyGroups.keys()])]
      .sort((x, y) => (appGroups.get(y) ?? 0) - (appGroups.get(x) ?? 0) || x.localeCompare(y))
      .map((k) => {
        const a = appGroups.get(k)
        const e = emptyGroups.get(k)
        return `| \`${k}\` | ${a === undefined ? '—' : kb(a)} | ${e === undefined ? '—' : kb(e)} | ${kb((a ?? 0) - (e ?? 0))} |`
      }),
    `| **main package** | **${kb(appMain.bytes)}** | **${kb(emptyMain.bytes)}** | **${kb(appMain.bytes - emptyMain.bytes)}** |`,
    '',
    '## H5: what the first screen loads',
    '',
    `The home page \`/pages/index/index\` of each production build, served by the project's local server (\`startServer\`; this app with the demo filings, signed in as ` +
      `\`demo-wang\` through local storage before the first script, so \`filing.mine\` answers and the first screen is complete once its filing card shows; the empty app once its \`.index\` view shows), ` +
      `then until the network has been quiet for 500 ms. Headless Chromium, 390×844 phone viewport, a new browser context for every load (cold HTTP cache). ` +
      `Every load runs on Lighthouse's mobile profile through the DevTools protocol (${MOBILE_PROFILE.cpuSlowdown}× CPU slowdown, ${MOBILE_PROFILE.rttMs} ms round trip, ${MOBILE_PROFILE.downKbps} Kbit/s down, ${MOBILE_PROFILE.upKbps} Kbit/s up). ` +
      `Every script and stylesheet response is counted; each decoded body is gzipped here (zlib level ${GZIP_LEVEL}) for a figure that compares across runs, while "on the wire" is what the server actually sent for every request of the load (headers included; brotli copies written at build time, config/h5-assets.ts). ` +
      `Files are from the first counted load; ${h5.app.sameFiles && h5.empty.sameFiles ? 'every other load fetched the same files' : '**some loads fetched other files** (see the FCP runs)'}.`,
    '',
    '| app | file | type | bytes | gzip |',
    '|---|---|---|---:|---:|',
    ...(
      [
        ['this app', h5.app.loads[0]],
        ['empty app', h5.empty.loads[0]],
      ] as const
    ).flatMap(([label, l]) => l.resources.map((r) => `| ${label} | \`${r.path}\` | ${r.type === 'script' ? 'JS' : 'CSS'} | ${kb(r.bytes)} | ${kb(r.gzip)} |`)),
    '',
    '| app | files | JS + CSS bytes | JS gzip | CSS gzip | JS + CSS gzip | every byte on the wire |',
    '|---|---:|---:|---:|---:|---:|---:|',
    `| this app | ${appFirst.files} | ${kb(appFirst.bytes)} | ${kb(appFirst.jsGzip)} | ${kb(appFirst.cssGzip)} | ${kb(appFirst.gzip)} | ${kb(h5.app.loads[0].wire)} |`,
    `| empty app | ${emptyFirst.files} | ${kb(emptyFirst.bytes)} | ${kb(emptyFirst.jsGzip)} | ${kb(emptyFirst.cssGzip)} | ${kb(emptyFirst.gzip)} | ${kb(h5.empty.loads[0].wire)} |`,
    '',
    '## H5: first contentful paint, every load',
    '',
    `\`performance.getEntriesByName('first-contentful-paint')\` of each cold load, in ms. One warm-up load of each app first (not counted), then ${FCP_RUNS} rounds, the order alternating each round (this app first in odd rounds).`,
    '',
    `| app | ${h5.app.fcps.map((_, i) => `#${i + 1}`).join(' | ')} | median | min | max |`,
    `|---|${h5.app.fcps.map(() => '---:').join('|')}|---:|---:|---:|`,
    ...(
      [
        ['this app', h5.app.fcps],
        ['empty app', h5.empty.fcps],
      ] as const
    ).map(([label, f]) => `| ${label} | ${f.map((v) => v.toFixed(0)).join(' | ')} | ${ms(median(f))} | ${ms(Math.min(...f))} | ${ms(Math.max(...f))} |`),
    '',
    `A cross-check of the ratio: the median of the ${FCP_RUNS} per-round ratios (this app ÷ the empty app in the same round) is ${median(h5.app.fcps.map((f, i) => f / h5.empty.fcps[i])).toFixed(2)}×, ` +
      `against ${ratio(appFcp, emptyFcp)} from the two medians. On a busy machine both move by a few tenths from run to run; the load average above says how busy it was.`,
    '',
  ]

  const markdown = lines.join('\n')
  mkdirSync(dirname(OUT), { recursive: true })
  writeFileSync(OUT, markdown)
  process.stdout.write(markdown + '\n')
  log(`written to ${relative(ROOT, OUT)}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
