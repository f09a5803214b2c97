// Payload fuzzing at volume: the recipes of test/backend/fuzz-kit.ts (every action of `filing` and
// `admin`, as a person, a stranger, staff, look-up-only staff and nobody; junk payloads, prototype
// keys, deep nesting, huge and odd strings, mutations of valid payloads) run in-process through
// `dispatch` on a real SQLite store and file store, then a share of them over real HTTP.
//
//   npm run bench:fuzz                   120,000 in-process cases + 5,000 over HTTP
//   BENCH_CASES=1000000 npm run bench:fuzz
//   BENCH_HTTP_CASES=0 …                 in-process only
//   BENCH_SEED=42 …                      another deterministic run (default 20261122)
//   BENCH_OUT=path …                     where the markdown goes (default bench/results/fuzz.md)
//
// In-process, the request goes through what the HTTP layer does before `dispatch` (the 1 MB limit,
// a BOM, JSON.parse, the dev identity looked up in the store) and `dispatch` maps every outcome to
// the status the server sends. Each case is checked as in the unit test: never 5xx; a refusal is a
// 4xx in Chinese that writes nothing; Object.prototype untouched; an impossible payload refused.
import { memoryAccessLog } from '../src/backend/store/access-log'
import { execSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import fc from 'fast-check'
import type { BackendConfig, Ctx } from '../src/backend/context'
import { localFiles } from '../src/backend/files/local'
import { DEV_STANDIN } from '../src/backend/identity/port'
import { dispatch } from '../src/backend/router'
import { JSON_BODY_LIMIT } from '../src/backend/server/body'
import { parseIsoInstant } from '../src/backend/server/identity'
import { createHttpServer } from '../src/backend/server/http'
import { STAFF_ROLES, type StaffMember } from '../src/backend/store/port'
import { openSqliteStore } from '../src/backend/store/sqlite'
import { acceptUpload } from '../src/backend/uploads'
import { AppError } from '../src/backend/protocol'
import { UNBOUND_RATE_LIMITS, UNBOUND_UPLOAD_QUOTA } from './limits'
import { NOW, buildWorld, httpTransport, openProbe, recipe, refreshWorld, runCase, type Recipe, type Transport, type World } from '../test/backend/fuzz-kit'

const CASES = Number(process.env.BENCH_CASES ?? 120_000)
const HTTP_CASES = Number(process.env.BENCH_HTTP_CASES ?? 5_000)
const SEED = Number(process.env.BENCH_SEED ?? 20261122)
const OUT = resolve(process.cwd(), process.env.BENCH_OUT ?? 'bench/results/fuzz.md')
const BATCH = 1_000
const REVIEW_STAFF = ['fz-admin-a', 'fz-admin-b', 'fz-admin-c']
const QUERY_STAFF = 'fz-query'
// Every commitment filing picked for 抽查; rate limits that never bind (bench/limits.ts): the world's
// owner verifies, uploads and files far more often than the shipped limits allow a person, and a 429
// would stop the fuzz before the checks behind the limit.
const CONFIG: BackendConfig = { reminderTemplateId: null, spotCheckRate: 1, rateLimits: UNBOUND_RATE_LIMITS, uploadQuota: UNBOUND_UPLOAD_QUOTA }

const log = (line: string) => process.stderr.write(line + '\n')

function staffList(): StaffMember[] {
  return [
    ...REVIEW_STAFF.map((openid) => ({ openid, name: `经办人 ${openid}`, roles: [...STAFF_ROLES] })),
    { openid: QUERY_STAFF, name: '查询人员', roles: ['query' as const] },
  ]
}

/** `dispatch` behind what http.ts does first: the same statuses, without sockets. */
function inProcess(dataDir: string) {
  const store = openSqliteStore({ file: join(dataDir, 'filings.db'), staff: staffList() })
  const files = localFiles(join(dataDir, 'uploads'), store)
  const accessLog = memoryAccessLog()
  const now = parseIsoInstant(NOW)!
  // 实名认证 by the local stand-in, as the local server does (the world's owner verifies as its 代办人).
  const context = async (openid?: string): Promise<Ctx> => ({
    caller: { openid: openid ?? null, staff: openid ? await store.staffMember(openid) : null },
    now,
    store,
    files,
    verifier: DEV_STANDIN,
    accessLog,
    config: CONFIG,
  })
  const refusal = (status: number, message: string) => ({ status, body: { ok: false, error: { code: 'VALIDATION', message } } })
  const transport: Transport = {
    async send(fn, body, openid) {
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
      if (bytes.length > JSON_BODY_LIMIT) return refusal(413, '请求内容太大：不能超过1MB')
      const text = bytes.toString('utf8').replace(/^\uFEFF/, '')
      let parsed: unknown
      if (text.trim() !== '') {
        try {
          parsed = JSON.parse(text)
        } catch {
          return refusal(400, '请求内容不是有效的 JSON，请检查格式')
        }
      }
      const { status, reply } = await dispatch(fn, parsed, await context(openid))
      // What goes on the wire: JSON text, read back.
      return { status, body: JSON.parse(JSON.stringify(reply)) }
    },
    async upload(openid, bytes) {
      try {
        return (await acceptUpload(await context(openid), { bytes })).fileId
      } catch (error) {
        throw error instanceof AppError ? new Error(error.body.message) : error
      }
    },
  }
  return { transport, close: () => store.close() }
}

interface Tally {
  cases: number
  failures: number
  firstFailures: string[]
  byStatus: Map<number, number>
  byAction: Map<string, { cases: number; ok: number }>
  ms: number
}

async function run(world: World, total: number, seed: number, hugeWeight: number): Promise<Tally> {
  const tally: Tally = { cases: 0, failures: 0, firstFailures: [], byStatus: new Map(), byAction: new Map(), ms: 0 }
  const started = performance.now()
  let lastLog = started
  for (let batch = 0; tally.cases < total; batch += 1) {
    // New filings every batch: those of the last one are mostly cancelled, rejected or reviewed by now.
    if (batch > 0) await refreshWorld(world)
    const recipes: Recipe[] = fc.sample(recipe({ hugeWeight }), { numRuns: Math.min(BATCH, total - tally.cases), seed: seed + batch })
    for (const r of recipes) {
      tally.cases += 1
      const key = r.kind === 'envelope' ? `${r.fn} (envelope)` : `${r.fn}.${r.action}`
      const counts = tally.byAction.get(key) ?? { cases: 0, ok: 0 }
      tally.byAction.set(key, counts)
      counts.cases += 1
      try {
        const { status } = await runCase(world, r)
        tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1)
        if (status === 200) counts.ok += 1
      } catch (error) {
        tally.failures += 1
        if (tally.firstFailures.length < 10) tally.firstFailures.push(`seed ${seed + batch}: ${(error as Error).message}`)
      }
    }
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now()
      log(`  ${tally.cases.toLocaleString('en')} cases, ${tally.failures} failures (${((lastLog - started) / 1000).toFixed(0)} s)`)
    }
  }
  tally.ms = performance.now() - started
  return tally
}

function machine(): string {
  const cpu = cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU'
  let sqlite = ''
  try {
    sqlite = execSync(`${JSON.stringify(process.execPath)} -e "console.log(require('better-sqlite3')(':memory:').prepare('select sqlite_version() v').get().v)"`, { encoding: 'utf8' }).trim()
  } catch {
    sqlite = '?'
  }
  return `${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${process.platform} ${process.arch}; Node ${process.version}; SQLite ${sqlite}`
}

function section(title: string, t: Tally): string[] {
  const statuses = [...t.byStatus.entries()].sort(([a], [b]) => a - b)
  const lines = [
    `## ${title}`,
    '',
    `- Cases: ${t.cases.toLocaleString('en')}; failures: **${t.failures}**; time ${(t.ms / 1000).toFixed(1)} s (${Math.round(t.cases / (t.ms / 1000)).toLocaleString('en')} cases/s)`,
    `- Replies by status: ${statuses.map(([s, n]) => `${s} × ${n.toLocaleString('en')}`).join(', ')}`,
    '',
    '| action | cases | went through (200) |',
    '|---|---:|---:|',
    ...[...t.byAction.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `| ${k} | ${v.cases.toLocaleString('en')} | ${v.ok.toLocaleString('en')} |`),
    '',
  ]
  if (t.firstFailures.length > 0) lines.push('First failures:', '', '```', ...t.firstFailures, '```', '')
  return lines
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'yd-fuzz-bench-'))
  const started = new Date()
  try {
    log(`fuzz: ${CASES.toLocaleString('en')} cases in-process, ${HTTP_CASES.toLocaleString('en')} over HTTP, seed ${SEED}`)
    mkdirSync(join(root, 'direct'), { recursive: true })
    const direct = inProcess(join(root, 'direct'))
    const probe = openProbe(join(root, 'direct'))
    const world = await buildWorld(direct.transport, probe, { review: REVIEW_STAFF, query: QUERY_STAFF }, 5)
    const inProc = await run(world, CASES, SEED, 1)
    probe.close()
    await direct.close()
    log(`in-process: ${inProc.cases} cases, ${inProc.failures} failures, ${(inProc.ms / 1000).toFixed(1)} s`)

    let http: Tally | null = null
    if (HTTP_CASES > 0) {
      const dataDir = join(root, 'http')
      // The server's own HTTP layer on a free port (main.ts is not imported: bundled, it would start
      // a server of its own on 8080).
      mkdirSync(dataDir, { recursive: true })
      const store = openSqliteStore({ file: join(dataDir, 'filings.db'), staff: staffList() })
      const files = localFiles(join(dataDir, 'uploads'), store)
      const server = createHttpServer({ store, files, verifier: DEV_STANDIN, config: CONFIG, accessLog: memoryAccessLog(), staticDir: join(root, 'no-h5'), log: () => {} })
      await new Promise<void>((done) => server.server.listen(0, '127.0.0.1', done))
      const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`
      try {
        const httpProbe = openProbe(dataDir)
        const overHttp = httpTransport(url, async (openid, bytes) => {
          const form = new FormData()
          form.append('file', new Blob([new Uint8Array(bytes)]), 'proof.pdf')
          const response = await fetch(`${url}/api/upload`, { method: 'POST', headers: { 'x-dev-openid': openid }, body: form })
          const body = (await response.json()) as { ok: boolean; data?: { fileId: string } }
          if (!body.ok || !body.data) throw new Error(`upload: ${JSON.stringify(body)}`)
          return body.data.fileId
        })
        const httpWorld = await buildWorld(overHttp, httpProbe, { review: REVIEW_STAFF, query: QUERY_STAFF }, 5)
        http = await run(httpWorld, HTTP_CASES, SEED + 1_000_000, 2)
        overHttp.close()
        httpProbe.close()
      } finally {
        await server.shutdown(1_000)
        await store.close()
      }
      log(`over HTTP: ${http.cases} cases, ${http.failures} failures, ${(http.ms / 1000).toFixed(1)} s`)
    }

    const failures = inProc.failures + (http?.failures ?? 0)
    const lines = [
      '# Payload fuzzing',
      '',
      `Generated by \`npm run bench:fuzz\` (bench/fuzz.ts, recipes in test/backend/fuzz-kit.ts) on ${started.toISOString().slice(0, 10)}.`,
      '',
      `- Machine: ${machine()}`,
      `- Seed ${SEED} (fast-check, batches of ${BATCH}); "now" ${NOW}; spot-check rate 1; 实名认证 by the local stand-in (the world's owner verified as the 代办人 of the people it files for); rate limits that never bind (bench/limits.ts)`,
      `- Total: ${(inProc.cases + (http?.cases ?? 0)).toLocaleString('en')} cases, **${failures} failures**`,
      '- Every case: never 5xx; a refusal is a 4xx protocol reply with a Chinese message (and Chinese issue messages, no English internals or stack); a refusal writes nothing (SQLite data_version, filings/history/files/reminders counts, the sum of versions, the uploads folder); Object.prototype and Array.prototype untouched; a payload with a required field dropped or retyped, or a caller without the right, is refused; a submit that goes through belongs to its caller.',
      '',
      ...section('In-process (`dispatch`, real SQLite store and file store)', inProc),
      ...(http ? section('Over HTTP (the local server, real sockets)', http) : []),
    ]
    mkdirSync(dirname(OUT), { recursive: true })
    writeFileSync(OUT, lines.join('\n'))
    log(`wrote ${OUT}`)
    if (failures > 0) process.exitCode = 1
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

void main()
