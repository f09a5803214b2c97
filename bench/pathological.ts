// npm run bench:pathological — the worst case of request validation on hostile text (issue 13).
//
// Every string field of every request schema (test/rules/pathological-kit.ts) gets each pathological
// shape — a megabyte of spaces, dots, middle dots between spaces, separators, full-width digits — at
// a megabyte (refused by the field's bound as sent) and at the longest length its bound still lets
// through to the normalisers and regexes (found per field by a binary search). Each parse is timed;
// the report gives the slowest of all, against parsing the valid sample (the baseline). Before the
// bounds, '王' + 200,000 spaces + '李' in a name took 25.7 s (a backtracking /\s*·\s*/g). The goal:
// a field at the server's body limit (1 MB) costs at most 10 ms of the event loop to refuse, and a
// field its bound admits at most 1 ms; each is set beside what the server must spend anyway on that
// request, JSON.parse of its body.
//
//   BENCH_OUT=path   where the markdown goes (default bench/results/pathological.md)
//   BENCH_REPEAT=n   timed parses per case (default 5; the median is kept)
import { resolve } from 'node:path'
import { checkName, safeParseChinese } from '../src/rules'
import { PATHOLOGICAL, REQUESTS, stringPaths, withValue } from '../test/rules/pathological-kit'
import { fixed, goalsSentence, log, machineLines, median, table, writeResults, type Row } from './report'

const ROOT = process.cwd()
const OUT = resolve(ROOT, process.env.BENCH_OUT ?? 'bench/results/pathological.md')
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5)
/** A megabyte field (the body limit) refused; a field its bound lets through, normalised and checked. */
const GOAL_REFUSED_MS = 10
const GOAL_ADMITTED_MS = 1

function timed(run: () => unknown): number {
  const times: number[] = []
  for (let i = 0; i < REPEAT; i += 1) {
    const started = process.hrtime.bigint()
    run()
    times.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  return median(times)
}

/** `shape` cut or repeated to `length` characters. */
const sized = (shape: string, length: number) => shape.repeat(Math.ceil(length / shape.length)).slice(0, length)

/** The longest text of `shape` the field's bound lets through (its too_big check does not fire). */
function longestAdmitted(schema: Parameters<typeof safeParseChinese>[0], sample: unknown, path: (string | number)[], shape: string): number {
  const field = path.join('.')
  const refusedByBound = (length: number) => {
    const result = safeParseChinese(schema, withValue(sample, path, sized(shape, length)))
    return !result.success && result.error.issues.some((issue) => issue.path.join('.').startsWith(field) && issue.code === 'too_big' && length > 1)
  }
  let low = 1
  let high = 1 << 20
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if (refusedByBound(mid)) high = mid - 1
    else low = mid
  }
  return low
}

interface Case {
  request: string
  field: string
  shape: string
  length: number
  ms: number
  /** JSON.parse of the whole request body carrying this input. */
  parseMs: number
}

const cases: Case[] = []
const baselines: number[] = []
for (const [request, schema, sample] of REQUESTS) {
  baselines.push(timed(() => safeParseChinese(schema, sample)))
  for (const path of stringPaths(sample)) {
    for (const [shape, text] of PATHOLOGICAL) {
      const unit = text.slice(0, 4)
      // A closed list's code has no length bound (nothing admits it but an exact match): the megabyte alone.
      const admittedLength = longestAdmitted(schema, sample, path, unit)
      for (const length of admittedLength < 100_000 ? [text.length, admittedLength] : [text.length]) {
        const body = JSON.stringify(withValue(sample, path, length === text.length ? text : sized(unit, length)))
        const input = JSON.parse(body) as unknown
        cases.push({ request, field: path.join('.'), shape, length, ms: timed(() => safeParseChinese(schema, input)), parseMs: timed(() => JSON.parse(body)) })
      }
    }
  }
  log(`${request}: ${cases.filter((c) => c.request === request).length} cases`)
}

// The reproduction from the issue, through the name check itself (which no longer backtracks).
const issueName = `王${' '.repeat(200_000)}李`
const directName = timed(() => checkName(issueName))

const baseline = median(baselines)
const worst = [...cases].sort((a, b) => b.ms - a.ms)
const admitted = cases.filter((c) => c.length < 1 << 20).sort((a, b) => b.ms - a.ms)[0]
const refused = cases.filter((c) => c.length >= 1 << 20).sort((a, b) => b.ms - a.ms)[0]

const row = (figure: string, c: Case, goal: number): Row => ({
  figure: `${figure} (${c.request} ${c.field}, ${c.shape}, ${c.length.toLocaleString('en')} chars)`,
  value: `${fixed(c.ms, 3)} ms`,
  baseline: `${fixed(c.parseMs, 3)} ms`,
  ratio: `${fixed(c.ms / c.parseMs, 1)}×`,
  goal: `≤ ${goal} ms`,
  met: c.ms <= goal,
})

const rows: Row[] = [
  row('slowest field at the body limit, refused by its bound', refused, GOAL_REFUSED_MS),
  row('slowest field at the longest length its bound admits', admitted, GOAL_ADMITTED_MS),
  { figure: "checkName('王' + 200,000 spaces + '李') called directly (25.7 s before)", value: `${fixed(directName, 3)} ms`, baseline: '—', ratio: '—', goal: '—', met: null },
  { figure: 'a valid sample (median over the requests)', value: `${fixed(baseline, 3)} ms`, baseline: '—', ratio: '—', goal: '—', met: null },
]

writeResults(OUT, [
  '# Validation on hostile text: the worst case',
  '',
  ...machineLines(),
  `- Method: every string field of ${REQUESTS.length} request schemas × ${PATHOLOGICAL.length} shapes, each at 1 MiB and at the longest length the field's bound admits; ${cases.length.toLocaleString('en')} cases, each the median of ${REPEAT} parses (safeParseChinese, as the handlers call it). Baseline: JSON.parse of the same request's body, which the server does before any validation. A field whose code is a closed list (category, idType, result) has no length bound: it is compared whole with the list, so it is measured at the megabyte only.`,
  '',
  ...table(rows),
  '',
  goalsSentence(rows),
  '',
  'The ten slowest cases:',
  '',
  '| request | field | shape | length | validation ms | JSON.parse ms |',
  '|---|---|---|---:|---:|---:|',
  ...worst.slice(0, 10).map((c) => `| ${c.request} | ${c.field} | ${c.shape} | ${c.length.toLocaleString('en')} | ${fixed(c.ms, 3)} | ${fixed(c.parseMs, 3)} |`),
])
