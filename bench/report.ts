// What every results file of bench:cloud, bench:server and bench:rules shares: the machine it ran on,
// the date, medians and percentiles, and the table of figure / value / baseline / ratio / goal / met.
import { execSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { dirname } from 'node:path'

export function machine() {
  const cpu = cpus()
  let os = process.platform as string
  try {
    os = execSync('uname -sr', { encoding: 'utf8' }).trim()
  } catch {
    // not a Unix: keep the platform name
  }
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    ram: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    os,
    load: loadavg(),
  }
}

/** The commit measured, and whether src/ had changes not yet committed (others may edit the tree meanwhile). */
function code(): string {
  try {
    const commit = execSync('git log -1 --format=%h', { encoding: 'utf8' }).trim()
    const dirty = execSync('git status --porcelain -- src', { encoding: 'utf8' }).trim() !== ''
    return `commit ${commit}${dirty ? ' with uncommitted changes under src/' : ''}`
  } catch {
    return 'not a git checkout'
  }
}

/** The machine line, the date and the code, for the head of a results file. */
export function machineLines(): string[] {
  const m = machine()
  return [
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.ram} RAM, ${m.os}; Node ${m.node}`,
    `- Date: ${new Date().toISOString().slice(0, 10)}; load average when measuring began: ${m.load.map((n) => n.toFixed(2)).join(', ')}; code: ${code()}`,
  ]
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Nearest rank, on values already sorted ascending. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

export interface Row {
  figure: string
  value: string
  baseline: string
  ratio: string
  goal: string
  /** true / false, or null when the figure has no goal. */
  met: boolean | null
}

export function table(rows: Row[]): string[] {
  return [
    '| figure | value | baseline | ratio | goal | met? |',
    '|---|---:|---:|---:|---:|:---:|',
    ...rows.map((r) => `| ${r.figure} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.goal} | ${r.met === null ? '—' : r.met ? '✓' : '✗'} |`),
  ]
}

/** The sentence under a summary table: every goal met, or each one missed with its value. */
export function goalsSentence(rows: Row[]): string {
  const missed = rows.filter((r) => r.met === false)
  return missed.length === 0 ? 'Every goal is met.' : `Missed: ${missed.map((r) => `${r.figure} (${r.value}, goal ${r.goal})`).join('; ')}.`
}

export const fixed = (n: number, digits = 1) => n.toFixed(digits)
export const thousands = (n: number) => Math.round(n).toLocaleString('en')

export function writeResults(file: string, lines: string[]): void {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, lines.join('\n') + '\n')
  process.stderr.write(`→ ${file}\n`)
}

export function log(line: string): void {
  process.stderr.write(line + '\n')
}
