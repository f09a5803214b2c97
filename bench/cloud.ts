// The deployed cloud functions (issue 6, item 3): each bundle's size, and its cold start against an
// empty handler built the same way. Goals: each bundle ≤ 300 KB; cold start ≤ 2× the empty handler's.
//
//   npm run bench:cloud              build, then 15 timed rounds (after one warm-up round)
//   BENCH_RUNS=21 npm run bench:cloud
//   BENCH_OUT=path …                 where the markdown goes (default bench/results/cloud.md)
//
// The bundles are built by scripts/build-cloud.mjs itself (into a temporary folder, so cloudfunctions/
// is left alone); the empty handler `exports.main = async () => ({ ok: true })` goes through esbuild
// with the same options. A cold start is a FRESH Node process (bench/cloud-child.ts) that sets up the
// in-memory stand-in for wx-server-sdk, loads the bundle with require() and makes its first call:
// measured from spawn to the answer printed on its stdout. Rounds interleave the five bundles
// (rotating the order), so slow moments of the machine fall on all of them alike.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { build, type BuildOptions } from 'esbuild'
import { fixed, goalsSentence, log, machineLines, median, table, writeResults, type Row } from './report'

const ROOT = process.cwd()
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const OUT = resolve(ROOT, process.env.BENCH_OUT ?? 'bench/results/cloud.md')
const SIZE_GOAL = 300 * 1024
const COLD_GOAL = 2
const FUNCTIONS = ['filing', 'admin', 'upload', 'reminders'] as const
const FIRST_CALL: Record<(typeof FUNCTIONS)[number], string> = {
  filing: '`policies`, no identity',
  admin: '`stats` as staff (looked up in `staff`)',
  upload: 'a 24-byte PDF from uploads/tmp/: checked, counted against the rate limit, kept, temporary copy deleted',
  reminders: 'the daily job over an empty database',
}
type Name = 'empty' | (typeof FUNCTIONS)[number]

interface Sample {
  wallMs: number
  bootMs: number
  setUpMs: number
  requireMs: number
  callMs: number
  replyBytes: number
}

/** scripts/build-cloud.mjs's esbuild options, for the empty handler and the composition builds. */
const CLOUD_BUILD = {
  bundle: true,
  platform: 'node',
  target: 'node16',
  format: 'cjs',
  external: ['wx-server-sdk'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
} as const satisfies BuildOptions

/** What a bundle is made of: bytes in the output by package (node_modules) or by folder under src/. */
async function composition(name: string): Promise<[string, number][]> {
  const result = await build({
    entryPoints: [join(ROOT, 'src/cloud', `${name}.ts`)],
    ...CLOUD_BUILD,
    metafile: true,
    write: false,
    outfile: 'out.js',
  })
  const bytes = new Map<string, number>()
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)
      const group = inPackage ? inPackage[1] : input.split('/').slice(0, 3).join('/')
      bytes.set(group, (bytes.get(group) ?? 0) + bytesInOutput)
    }
  }
  return [...bytes].sort((a, b) => b[1] - a[1])
}

/** One fresh process: spawn → the answer line on stdout. */
function coldStart(child: string, bundle: string, name: Name): Promise<Sample> {
  return new Promise((done, fail) => {
    let out = ''
    let err = ''
    let wallMs = 0
    const started = performance.now()
    const proc = spawn(process.execPath, [child, bundle, name], { stdio: ['ignore', 'pipe', 'pipe'] })
    proc.stdout.setEncoding('utf8')
    proc.stdout.on('data', (chunk: string) => {
      out += chunk
      if (wallMs === 0 && out.includes('\n')) wallMs = performance.now() - started
    })
    proc.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString()
    })
    proc.on('error', fail)
    proc.on('close', (code) => {
      if (code !== 0 || wallMs === 0) return fail(new Error(`${name}: exit ${code}: ${err.trim() || out.trim()}`))
      const line = JSON.parse(out.split('\n', 1)[0]) as Omit<Sample, 'wallMs'>
      done({ ...line, wallMs })
    })
  })
}

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), 'yd-bench-cloud-'))
  try {
    log(`building the functions into ${outDir} …`)
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-cloud.mjs'), outDir], { stdio: 'pipe' })
    const bundles: Record<Name, string> = { empty: join(outDir, 'empty', 'index.js') } as Record<Name, string>
    for (const name of FUNCTIONS) bundles[name] = join(outDir, name, 'index.js')
    await build({
      stdin: { contents: 'exports.main = async () => ({ ok: true })', loader: 'js', resolveDir: ROOT },
      outfile: bundles.empty,
      ...CLOUD_BUILD,
    })
    const child = join(outDir, 'cloud-child.js')
    await build({
      entryPoints: [join(ROOT, 'bench/cloud-child.ts')],
      outfile: child,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
    })
    const sizes = Object.fromEntries((Object.keys(bundles) as Name[]).map((name) => [name, statSync(bundles[name]).size])) as Record<Name, number>

    const names: Name[] = ['empty', ...FUNCTIONS]
    const samples = Object.fromEntries(names.map((name) => [name, [] as Sample[]])) as Record<Name, Sample[]>
    log(`cold starts: 1 warm-up round, then ${RUNS} rounds of ${names.length} processes`)
    for (let round = 0; round <= RUNS; round += 1) {
      const order = names.map((_, i) => names[(i + round) % names.length])
      for (const name of order) {
        const sample = await coldStart(child, bundles[name], name)
        if (round > 0) samples[name].push(sample)
      }
      if (round > 0) log(`  round ${round}: ${names.map((name) => `${name} ${fixed(samples[name][round - 1].wallMs)}`).join(', ')} ms`)
    }

    const med = (name: Name, key: keyof Sample) => median(samples[name].map((s) => s[key]))
    const empty = med('empty', 'wallMs')
    const rows: Row[] = []
    for (const name of FUNCTIONS) {
      const size = sizes[name]
      rows.push({
        figure: `\`${name}\` bundle size`,
        value: `${fixed(size / 1024)} KB`,
        baseline: `${fixed(SIZE_GOAL / 1024, 0)} KB (the goal)`,
        ratio: `${fixed(size / SIZE_GOAL, 2)}`,
        goal: '≤ 300 KB',
        met: size <= SIZE_GOAL,
      })
    }
    for (const name of FUNCTIONS) {
      const wall = med(name, 'wallMs')
      rows.push({
        figure: `\`${name}\` cold start (spawn → first answer)`,
        value: `${fixed(wall)} ms`,
        baseline: `${fixed(empty)} ms (empty handler)`,
        ratio: `${fixed(wall / empty, 2)}×`,
        goal: `≤ ${COLD_GOAL}×`,
        met: wall / empty <= COLD_GOAL,
      })
    }
    const missed = rows.filter((r) => r.met === false)
    const parts = await Promise.all(FUNCTIONS.map(async (name) => [name, await composition(name)] as const))
    const whatIsIn = parts.map(([name, groups]) => `- \`${name}\`: ${groups.slice(0, 6).map(([group, n]) => `${group} ${fixed(n / 1024)} KB`).join(', ')}`)
    const why =
      missed.length === 0
        ? []
        : [
            '## Why',
            '',
            `- The difference from the empty handler is the bundle's \`require()\`: ${FUNCTIONS.map((name) => `${name} ${fixed(med(name, 'requireMs'))} ms`).join(', ')} against ${fixed(med('empty', 'requireMs'))} ms — reading, compiling and running the top level of every module in it (the first call itself takes ${FUNCTIONS.map((name) => `${fixed(med(name, 'callMs'))}`).join(' / ')} ms).`,
            `- Node's own start-up (${fixed(med('empty', 'bootMs'))} ms for the empty handler here) is the whole of the baseline, so the ratio is about 1 + require() ÷ start-up; on a busy machine both stretch (load average in the head of this file).`,
            '',
          ]

    const breakdown = [
      '| bundle | size | first call | wall ms | Node start-up | stand-in set-up | require() | first call ms | wall − empty | ratio, median of the rounds\' own |',
      '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|',
      ...names.map((name) => {
        const wall = med(name, 'wallMs')
        return `| ${name} | ${fixed(sizes[name] / 1024)} KB | ${name === 'empty' ? '`main()` → `{ ok: true }`' : FIRST_CALL[name as (typeof FUNCTIONS)[number]]} | ${fixed(wall)} | ${fixed(med(name, 'bootMs'))} | ${fixed(med(name, 'setUpMs'))} | ${fixed(med(name, 'requireMs'))} | ${fixed(med(name, 'callMs'))} | ${name === 'empty' ? '—' : `+${fixed(wall - empty)}`} | ${name === 'empty' ? '—' : `${fixed(median(samples[name].map((s, i) => s.wallMs / samples.empty[i].wallMs)), 2)}×`} |`
      }),
    ]
    const spread = names.map((name) => {
      const walls = samples[name].map((s) => s.wallMs).sort((a, b) => a - b)
      return `${name} ${fixed(walls[0])}–${fixed(walls[walls.length - 1])}`
    })

    writeResults(OUT, [
      '# Cloud functions: bundle size and cold start',
      '',
      'Generated by `npm run bench:cloud` (bench/cloud.ts, bench/cloud-child.ts).',
      '',
      ...machineLines(),
      `- Bundles: \`scripts/build-cloud.mjs\` (esbuild, minified, node16, wx-server-sdk external) into a temporary folder; the empty handler \`exports.main = async () => ({ ok: true })\` through esbuild with the same options`,
      `- Cold start: a fresh \`node\` process that makes \`require('wx-server-sdk')\` return the in-memory stand-in (test/backend/fake-wx-server-sdk.ts, the same set-up for every bundle), \`require()\`s the bundle and makes its first call; wall time from spawn to the answer line on stdout`,
      `- Each figure: the median of ${RUNS} rounds (after 1 warm-up round); a round starts each of the 5 bundles once, in a rotating order`,
      '',
      '## Summary',
      '',
      ...table(rows),
      '',
      goalsSentence(rows),
      '',
      ...why,
      '## Where a cold start goes (medians)',
      '',
      'The in-process columns are timed inside the child from its own time origin: Node start-up is the time until the child script runs, the set-up builds the stand-in (collections, a staff member, a temporary proof), then `require()` of the bundle and the first call. Node start-up is the same work for every bundle, so its differences between rows are the machine\'s noise; the last column pairs each start with the empty handler\'s in the same round.',
      '',
      ...breakdown,
      '',
      `Range of the wall times (ms): ${spread.join('; ')}.`,
      '',
      '## What is in a bundle (largest parts, minified bytes)',
      '',
      ...whatIsIn,
      '',
      'Not measured here: the platform\'s own cold start (container, code download) and loading the real `wx-server-sdk`, which an empty handler that `require`s it would pay as well.',
    ])
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
