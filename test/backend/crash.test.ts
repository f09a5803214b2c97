// Crash safety of the local server as it really runs: the server built the way `npm run
// build:server` builds it, started as its own Node process, sent 1,000 filing.submit requests by
// 1,000 people (16 at a time), killed with SIGKILL after ~400 replies, and started again on the same
// DATA_DIR. Every submission that was acknowledged (an ok: true reply) must be there exactly as the
// reply said, with its history starting at the submit; nothing may be half-written; and a retried
// submit (same requestId) must return the same filing, never a second one.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { buildSync } from 'esbuild'
import { PRIVACY_NOTICE_VERSION, checkCharacter } from '../../src/rules'

const ROOT = resolve(__dirname, '../..')
const NOW = '2026-11-22T10:00:00+08:00'
const PEOPLE = 1_000
const CONCURRENCY = 16
const KILL_AFTER = 400
const STAFF = 'crash-admin'

let work: string
let bundle: string
let dataDir: string
const children: ChildProcess[] = []

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'yd-crash-'))
  dataDir = join(work, 'data')
  bundle = join(work, 'server', 'main.js')
  // The `build:server` script's settings, into a folder of our own.
  buildSync({
    entryPoints: [join(ROOT, 'src/backend/server/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3'],
    logLevel: 'warning',
    outfile: bundle,
  })
}, 30_000)

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  rmSync(work, { recursive: true, force: true })
})

interface Running {
  child: ChildProcess
  port: number
  exited: Promise<NodeJS.Signals | number | null>
}

/** Starts the built server on a free port (PORT=0: main prints the port it got) with our DATA_DIR. */
function startChild(): Promise<Running> {
  const child = spawn(process.execPath, [bundle], {
    cwd: work,
    env: {
      ...process.env,
      // better-sqlite3 stays outside the bundle, as in `build:server`: found in the project's node_modules.
      NODE_PATH: join(ROOT, 'node_modules'),
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_OPENIDS: STAFF,
      SPOT_CHECK_RATE: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  const exited = new Promise<NodeJS.Signals | number | null>((done) => child.on('exit', (code, signal) => done(signal ?? code)))
  return new Promise((resolveStart, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}\n${err}`)), 20_000)
    child.stderr!.on('data', (chunk) => (err += String(chunk)))
    child.stdout!.on('data', (chunk) => {
      if (out.length < 10_000) out += String(chunk)
      const match = /local server: http:\/\/localhost:(\d+)\//.exec(out)
      if (match) {
        clearTimeout(timer)
        resolveStart({ child, port: Number(match[1]), exited })
      }
    })
    child.on('exit', () => reject(new Error(`server exited before it started: ${out}\n${err}`)))
  })
}

interface Reply {
  status: number
  body: any
}

function post(agent: Agent, port: number, fn: string, data: unknown, action: string, openid: string): Promise<Reply> {
  const body = JSON.stringify({ action, data })
  return new Promise((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/${fn}`,
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-dev-openid': openid, 'x-dev-now': NOW },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          try {
            done({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) })
          } catch (error) {
            fail(error)
          }
        })
        res.on('error', fail)
      },
    )
    req.on('error', fail)
    req.end(body)
  })
}

/** Person i: their own openid, ID number and requestId; a 达州 resettled retiree signing the commitment. */
function person(i: number) {
  const birth = new Date(Date.UTC(1950, 0, 1) + Math.floor(i / 500) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')
  const first17 = `511702${birth}${String(100 + (i % 500))}`
  const name = ['王秀兰', '李建国', '张桂英', '刘德明'][i % 4]
  return {
    openid: `crash-${i}`,
    submit: {
      requestId: `crash-req-${String(i).padStart(4, '0')}`,
      policyId: 'dazhou',
      category: 'resettled_retiree',
      applicant: { name, idType: 'resident_id', idNumber: first17 + checkCharacter(first17), phone: `139${String(10_000_000 + i)}`, address: `深圳市南山区${i}号` },
      destination: { provinceCode: '440000', cityCode: '440300' },
      startDate: '2026-11-22',
      commitment: { accepted: true, signature: name },
    },
  }
}

test('kill -9 during 1,000 submits: every acknowledged filing survives intact, nothing is half-written, a retry returns the same filing', async () => {
  const first = await startChild()
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const acknowledged = new Map<number, any>()
  /** Sent, but no reply came back (in flight at the kill): may or may not have been stored. */
  const unanswered = new Set<number>()
  const refused: Reply[] = []
  let next = 0
  let killed = false

  async function worker() {
    while (!killed && next < PEOPLE) {
      const i = next++
      const { openid, submit } = person(i)
      try {
        // Each person completes 实名认证 (the local stand-in) before filing.
        const { name, idType, idNumber } = submit.applicant
        await post(agent, first.port, 'filing', { name, idType, idNumber, consent: { version: PRIVACY_NOTICE_VERSION, sensitive: true } }, 'verifyIdentity', openid)
        const reply = await post(agent, first.port, 'filing', submit, 'submit', openid)
        if (reply.body?.ok === true) acknowledged.set(i, reply.body.data)
        else refused.push(reply)
      } catch {
        unanswered.add(i)
      }
      if (!killed && acknowledged.size >= KILL_AFTER) {
        killed = true
        first.child.kill('SIGKILL')
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  expect(await first.exited).toBe('SIGKILL')
  agent.destroy()
  expect(refused).toEqual([])
  expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER)
  expect(acknowledged.size).toBeLessThan(PEOPLE)

  // ---- the same DATA_DIR, a new process ----
  const second = await startChild()
  const again = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  try {
    // Every acknowledged filing, read by its owner, is what the submit answered; its history starts with the submit.
    const indexes = [...acknowledged.keys()]
    for (let start = 0; start < indexes.length; start += CONCURRENCY) {
      await Promise.all(
        indexes.slice(start, start + CONCURRENCY).map(async (i) => {
          const submitted = acknowledged.get(i)
          const got = await post(again, second.port, 'filing', { id: submitted.id }, 'get', person(i).openid)
          expect(got.status).toBe(200)
          const { history, ...filing } = got.body.data
          expect(filing).toEqual(submitted)
          expect(history.length).toBeGreaterThanOrEqual(1)
          expect(history[0]).toMatchObject({ action: 'submit', role: 'owner' })
        }),
      )
    }

    // Nothing half-written, straight from the file: each filing's record parses and agrees with its
    // columns, each has a history that starts with its submit, and no history points nowhere.
    const db = new Database(join(dataDir, 'filings.db'), { readonly: true, fileMustExist: true })
    let ids: string[] = []
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(db.pragma('foreign_key_check')).toEqual([])
      const rows = db.prepare('SELECT id, owner, request_id, version, record FROM filings').all() as { id: string; owner: string; request_id: string; version: number; record: string }[]
      ids = rows.map((row) => row.id)
      const firstEntry = db.prepare('SELECT action, actor FROM history WHERE filing_id = ? ORDER BY seq LIMIT 1')
      for (const row of rows) {
        const record = JSON.parse(row.record)
        expect({ id: record.id, owner: record.owner, requestId: record.requestId, version: record.version }).toEqual({ id: row.id, owner: row.owner, requestId: row.request_id, version: row.version })
        expect(firstEntry.get(row.id)).toEqual({ action: 'submit', actor: row.owner })
      }
      const orphans = db.prepare('SELECT count(*) AS n FROM history WHERE filing_id NOT IN (SELECT id FROM filings)').get() as { n: number }
      expect(orphans.n).toBe(0)
      // The acknowledged ones, plus at most those in flight at the kill, plus the demo filings of the first start.
      const crashRows = rows.filter((row) => row.owner.startsWith('crash-'))
      expect(crashRows.length).toBeGreaterThanOrEqual(acknowledged.size)
      expect(crashRows.length).toBeLessThanOrEqual(acknowledged.size + unanswered.size)
    } finally {
      db.close()
    }

    // Staff see every filing: the list's total is the file's count, and each one opens.
    const list = await post(again, second.port, 'admin', { pageSize: 100 }, 'list', STAFF)
    expect(list.body.data.total).toBe(ids.length)
    for (let start = 0; start < ids.length; start += CONCURRENCY) {
      await Promise.all(
        ids.slice(start, start + CONCURRENCY).map(async (id) => {
          const detail = await post(again, second.port, 'admin', { id }, 'get', STAFF)
          expect({ id, status: detail.status }).toEqual({ id, status: 200 })
          expect(detail.body.data.history[0].action).toBe('submit')
        }),
      )
    }

    // A retried submit returns the same filing; one in flight at the kill is stored once, whatever happened to it.
    const retried = [...indexes, ...unanswered]
    for (let start = 0; start < retried.length; start += CONCURRENCY) {
      await Promise.all(
        retried.slice(start, start + CONCURRENCY).map(async (i) => {
          const { openid, submit } = person(i)
          // Verifying again is harmless; someone the kill cut off before it had never verified.
          const { name, idType, idNumber } = submit.applicant
          await post(again, second.port, 'filing', { name, idType, idNumber, consent: { version: PRIVACY_NOTICE_VERSION, sensitive: true } }, 'verifyIdentity', openid)
          const reply = await post(again, second.port, 'filing', submit, 'submit', openid)
          expect(reply.body.ok).toBe(true)
          if (acknowledged.has(i)) expect(reply.body.data).toEqual(acknowledged.get(i))
          const mine = await post(again, second.port, 'filing', {}, 'mine', openid)
          expect(mine.body.data.filings.map((f: { id: string }) => f.id)).toEqual([reply.body.data.id])
        }),
      )
    }
  } finally {
    again.destroy()
    second.child.kill('SIGKILL')
    await second.exited
  }
}, 60_000)
