// The rules engine (issue 6, item 6): validations per second (`validateSubmission` on a valid and on
// invalid payloads) and validity / lock checks per second (`decideChange`, `decideCancel`, `lockState`,
// `validUntil`, and `previewFiling`, which the wizard calls and which combines them), each against
// JSON.parse of its own input as text: the decoding every request pays anyway.
//
//   npm run bench:rules               11 timed runs of ~250 ms per figure (after calibration)
//   BENCH_RUNS=15 BENCH_BATCH_MS=500 …
//   BENCH_OUT=path …                  where the markdown goes (default bench/results/rules.md)
//
// A run times every figure once, in a rotating order, so the figures share the machine's moments.
// Each call's result feeds a checksum, so that no call can be optimised away, and each input's answer
// is checked once before timing (a valid payload must pass, an invalid one must fail with its issues).
import { resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  decideCancel,
  decideChange,
  lockState,
  previewFiling,
  validateSubmission,
  validUntil,
  type FiledCategoryRule,
  type FilingFacts,
} from '../src/rules'
import { TODAY, filing, profile, residentId, submitInput } from '../test/rules/fixtures'
import { fixed, log, machineLines, median, table, thousands, writeResults, type Row } from './report'

const ROOT = process.cwd()
const RUNS = Number(process.env.BENCH_RUNS ?? 11)
const BATCH_MS = Number(process.env.BENCH_BATCH_MS ?? 250)
const OUT = resolve(ROOT, process.env.BENCH_OUT ?? 'bench/results/rules.md')

interface Figure {
  label: string
  group: 'validation' | 'validity and locks'
  /** What the call is given, as JSON text: the baseline parses it. */
  input: unknown
  call: () => number
  check: () => string | null
}

function filedRule(policyId: string, category: FilingFacts['category']): FiledCategoryRule {
  const rule = profile(policyId).categories[category]
  if (rule.filing !== 'required') throw new Error(`${policyId}/${category} is not filed`)
  return rule
}

function figures(): Figure[] {
  const valid = submitInput()
  // Shape-valid, so every rule runs: a wrong ID check digit, a start date past the window, a signature
  // that is not the applicant's name.
  const badId = residentId('511702', '19580612', '024').slice(0, 17) + (residentId('511702', '19580612', '024').endsWith('0') ? '1' : '0')
  const invalid = submitInput({
    applicant: { name: '王秀兰', idType: 'resident_id', idNumber: badId, phone: '13812345678' },
    startDate: '2027-06-30',
    commitment: { accepted: true, signature: '王秀' },
  })
  // Not even the shape: zod's first pass fails.
  const malformed = { requestId: 5, applicant: 'me', destination: [], startDate: 20261122 }
  const context = { today: TODAY }

  const dazhou = profile('dazhou')
  const shanxi = profile('shanxi-provincial')
  const locked = filing({ startDate: '2026-08-01', effectiveOn: '2026-08-01', filedOn: '2026-08-01' })
  const open = filing({ policyId: 'shanxi-provincial', category: 'resident_worker', startDate: '2026-11-01', effectiveOn: '2026-11-01', filedOn: '2026-11-01' })
  const jining = filing({ policyId: 'jining', startDate: '2026-10-01', effectiveOn: '2026-10-01' })
  const jiningLock = filedRule('jining', 'resettled_retiree').change.lock
  const referral = filedRule('dazhou', 'referral').validity
  const preview = { policyId: 'dazhou', category: 'referral', destination: { provinceCode: '110000' }, startDate: TODAY }

  const issues = (result: ReturnType<typeof validateSubmission>) => (result.ok ? 0 : result.issues.length)
  return [
    {
      label: '`validateSubmission`, valid (达州 retiree, commitment)',
      group: 'validation',
      input: valid,
      call: () => (validateSubmission(valid, context).ok ? 1 : 0),
      check: () => (validateSubmission(valid, context).ok ? null : 'the valid payload fails'),
    },
    {
      label: '`validateSubmission`, invalid: 3 rule issues (ID check digit, start date, signature)',
      group: 'validation',
      input: invalid,
      call: () => issues(validateSubmission(invalid, context)),
      check: () => (issues(validateSubmission(invalid, context)) === 3 ? null : `expected 3 issues, got ${JSON.stringify(validateSubmission(invalid, context))}`),
    },
    {
      label: '`validateSubmission`, invalid shape (wrong types, zod fails first)',
      group: 'validation',
      input: malformed,
      call: () => issues(validateSubmission(malformed, context)),
      check: () => (issues(validateSubmission(malformed, context)) > 0 ? null : 'the malformed payload passes'),
    },
    {
      label: '`decideChange`, locked (达州, within 6 months: message with exceptions)',
      group: 'validity and locks',
      input: locked,
      call: () => decideChange(dazhou, locked, TODAY).kind.length,
      check: () => (decideChange(dazhou, locked, TODAY).kind === 'locked' ? null : 'expected locked'),
    },
    {
      label: '`decideChange`, allowed (山西省省直, any time)',
      group: 'validity and locks',
      input: open,
      call: () => decideChange(shanxi, open, TODAY).kind.length,
      check: () => (decideChange(shanxi, open, TODAY).kind === 'allowed' ? null : 'expected allowed'),
    },
    {
      label: '`decideCancel` (达州 retiree)',
      group: 'validity and locks',
      input: locked,
      call: () => decideCancel(dazhou, locked, TODAY).kind.length,
      check: () => null,
    },
    {
      label: '`lockState` (济宁: open until expenses at the filed place)',
      group: 'validity and locks',
      input: jining,
      call: () => lockState(jiningLock, jining, TODAY).kind.length,
      check: () => (lockState(jiningLock, jining, TODAY).kind === 'open_until_expenses' ? null : 'expected open_until_expenses'),
    },
    {
      label: '`validUntil` (达州 referral, 6 months)',
      group: 'validity and locks',
      input: { validity: referral, startDate: TODAY },
      call: () => (validUntil(referral, TODAY) ?? '').length,
      check: () => (validUntil(referral, TODAY) === '2027-05-22' ? null : `expected 2027-05-22, got ${validUntil(referral, TODAY)}`),
    },
    {
      label: '`previewFiling` (达州 referral to 北京: validity, locks, benefit)',
      group: 'validity and locks',
      input: preview,
      call: () => (previewFiling(preview, TODAY).ok ? 1 : 0),
      check: () => (previewFiling(preview, TODAY).ok ? null : 'the preview fails'),
    },
  ]
}

let checksum = 0

/** The time of one call, in µs, or in ns below a microsecond. */
const perCall = (perSecond: number) => (perSecond > 1e6 ? `${fixed(1e9 / perSecond, 0)} ns` : `${fixed(1e6 / perSecond, 1)} µs`)

/** Calls per second over one batch of `n` calls. */
function timed(call: () => number, n: number): number {
  const started = performance.now()
  for (let i = 0; i < n; i += 1) checksum += call()
  return n / ((performance.now() - started) / 1000)
}

/** How many calls fill about `ms` milliseconds (after warming the function up). */
function calibrate(call: () => number, ms: number): number {
  let n = 16
  for (;;) {
    const started = performance.now()
    for (let i = 0; i < n; i += 1) checksum += call()
    const spent = performance.now() - started
    if (spent >= ms / 4) return Math.max(1, Math.round((n * ms) / spent))
    n *= 2
  }
}

function main() {
  const all = figures()
  for (const f of all) {
    const problem = f.check()
    if (problem) throw new Error(`${f.label}: ${problem}`)
  }
  // Each figure and its baseline: the same input as JSON text, parsed.
  const pairs = all.map((f) => {
    const text = JSON.stringify(f.input)
    const parse = () => (JSON.parse(text) === null ? 0 : 1)
    return { f, text, parse, n: calibrate(f.call, BATCH_MS), nParse: calibrate(parse, BATCH_MS) }
  })
  const rates = pairs.map(() => ({ figure: [] as number[], baseline: [] as number[] }))
  log(`${RUNS} runs × ${pairs.length} figures (+ baselines), ~${BATCH_MS} ms each`)
  for (let run = 0; run < RUNS; run += 1) {
    for (let k = 0; k < pairs.length; k += 1) {
      const i = (k + run) % pairs.length
      const p = pairs[i]
      rates[i].figure.push(timed(p.f.call, p.n))
      rates[i].baseline.push(timed(p.parse, p.nParse))
    }
    log(`  run ${run + 1} done`)
  }

  const rows: Row[] = pairs.map((p, i) => {
    const value = median(rates[i].figure)
    const baseline = median(rates[i].baseline)
    return {
      figure: p.f.label,
      value: `${thousands(value)} /s (${perCall(value)})`,
      baseline: `${thousands(baseline)} /s (JSON.parse, ${p.text.length} chars)`,
      ratio: `${fixed(value / baseline, 2)}`,
      goal: 'none set',
      met: null,
    }
  })
  const spread = pairs.map((p, i) => {
    const sorted = [...rates[i].figure].sort((a, b) => a - b)
    return `| ${p.f.label} | ${thousands(sorted[0])} | ${thousands(sorted[sorted.length - 1])} | ${fixed(((sorted[sorted.length - 1] - sorted[0]) / median(sorted)) * 100, 0)}% |`
  })
  const validValue = median(rates[0].figure)

  writeResults(OUT, [
    '# Rules engine: validations and validity / lock checks per second',
    '',
    'Generated by `npm run bench:rules` (bench/rules.ts).',
    '',
    ...machineLines(),
    `- One process, one thread; "today" fixed at ${TODAY}; inputs from test/rules/fixtures.ts; each answer checked once before timing`,
    `- Each figure: the median of ${RUNS} timed runs of ~${BATCH_MS} ms (calls per second over a batch, after a warm-up that sizes the batch); each run times every figure and its baseline in turn, in a rotating order`,
    '- Baseline: `JSON.parse` of the same input as JSON text, timed the same way beside it (the decoding a request pays anyway); ratio = figure ÷ baseline (below 1: slower than decoding its input)',
    '- Goal: issue 6 sets none for the rules engine; the figures say what a check costs beside a request',
    '',
    '## Summary',
    '',
    ...table(rows),
    '',
    `A valid submission takes ${perCall(validValue)} to validate, one with three rule issues ${perCall(median(rates[1].figure))}; where a whole \`filing.submit\` spends its time is in bench/results/server.md ("Where a submit's time goes").`,
    '',
    `The validity and lock checks that compute a date cost microseconds, the ones that compute none nanoseconds: \`validUntil\` is a single \`addMonths\` (${perCall(median(rates[7].figure))}), \`lockState\` an \`addMonths\` and an \`addDays\` (${perCall(median(rates[6].figure))}), and a locked \`decideChange\` adds the date in words for its message (${perCall(median(rates[3].figure))}); an allowed \`decideChange\` with no lock (${perCall(median(rates[4].figure))}) does no date arithmetic. The calendar functions (src/rules/dates.ts) go through dayjs.`,
    '',
    '## Spread of the runs (calls per second)',
    '',
    '| figure | slowest run | fastest run | spread |',
    '|---|---:|---:|---:|',
    ...spread,
    '',
    `(checksum ${checksum % 1000}: the calls' results, kept so none is optimised away)`,
  ])
}

main()
