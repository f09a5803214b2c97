// npm run bench: every benchmark in one run, one after another (so they do not share the CPU), then
// bench/RESULTS.md — the machine and date, every goal missed, and each benchmark's own report.
// One benchmark: npm run bench:<name>. BENCH_ONLY=size,cloud runs a subset.
import { execSync, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'

const BENCHES = [
  { name: 'size', file: 'size.md', what: 'weapp packages and the H5 first screen against an empty Taro React app' },
  { name: 'cloud', file: 'cloud.md', what: 'cloud function bundles and cold start against an empty handler' },
  { name: 'server', file: 'server.md', what: 'local server submit throughput and latency against an empty JSON handler' },
  { name: 'admin', file: 'admin-million.md', what: 'the back office at 1,000,000 filings' },
  { name: 'rules', file: 'rules.md', what: 'rules engine: validations and validity checks per second' },
  { name: 'fuzz', file: 'fuzz.md', what: 'payload fuzzing at volume' },
  { name: 'pathological', file: 'pathological.md', what: 'request validation on hostile text: the worst case' },
]

const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim())
const failed = []
for (const bench of BENCHES) {
  if (only && !only.includes(bench.name)) continue
  console.log(`\n=== bench:${bench.name} — ${bench.what}`)
  const run = spawnSync('npm', ['run', `bench:${bench.name}`], { stdio: 'inherit' })
  if (run.status !== 0) failed.push(bench.name)
}

const cpu = cpus()[0]?.model.trim() ?? 'unknown'
const sections = BENCHES.map((bench) => {
  let text
  try {
    text = readFileSync(`bench/results/${bench.file}`, 'utf8')
  } catch {
    return { bench, text: null }
  }
  return { bench, text }
})
// A row of a results table whose verdict is ✗ is a goal missed.
const missed = sections.flatMap(({ bench, text }) =>
  (text ?? '').split('\n').filter((line) => line.startsWith('|') && line.includes('✗')).map((line) => `| ${bench.name} ${line}`),
)
const lines = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}.`,
  `Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node ${process.version}; ${execSync('uname -sr', { encoding: 'utf8' }).trim()}.`,
  'Each benchmark measures against its own baseline in the same run (these machines are shared and noisy); each report below gives its own date, load and method.',
  failed.length ? `\nThese benchmarks did not finish in this run (their last report is shown): ${failed.join(', ')}.` : '',
  '',
  '## Goals missed',
  '',
  missed.length ? missed.join('\n') : 'None.',
  '',
  ...sections.flatMap(({ bench, text }) => [
    `## ${bench.name}: ${bench.what}`,
    '',
    text ? text.replace(/^# .*\n/, '').replace(/^(#+) /gm, '#$1 ') : '_No report yet: run `npm run bench:' + bench.name + '`._',
    '',
  ]),
]
writeFileSync('bench/RESULTS.md', lines.join('\n'))
console.log(`\nbench/RESULTS.md written${failed.length ? `; failed: ${failed.join(', ')}` : ''}`)
if (failed.length) process.exitCode = 1
