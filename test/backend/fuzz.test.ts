// Property-based fuzzing of every action's payload over real HTTP (the local server on an ephemeral
// port, a real SQLite file): the recipes and checks are in fuzz-kit.ts, shared with
// `npm run bench:fuzz` (bench/fuzz.ts), which runs ≥ 100,000 of them.
//
// Each case: never a 5xx; a refusal is a 4xx protocol reply in Chinese (message and issues) that
// writes nothing (SQLite data_version, the tables' row counts, the sum of versions, the uploads
// folder); Object.prototype untouched; an impossible payload or a caller without the right refused.
// Seeds are fixed: a failure prints its case and replays the same way.
import fc from 'fast-check'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  ACTIONS,
  BODY_LIMIT,
  CHINESE,
  INTERNALS,
  OWNER,
  buildCase,
  buildWorld,
  httpTransport,
  openProbe,
  prototypeProblem,
  refreshWorld,
  recipe,
  runCase,
  type Probe,
  type Recipe,
  type World,
} from './fuzz-kit'
import { QUERY_STAFF, STAFF, startTestServer, type TestServer } from './http'

let api: TestServer
let transport: ReturnType<typeof httpTransport>
let probe: Probe
let world: World

beforeAll(async () => {
  // Every commitment filing picked for 抽查, so admin.spotCheck has filings to go deep on.
  api = await startTestServer({ spotCheckRate: 1 })
  transport = httpTransport(api.url, (openid, bytes) => api.upload(openid, bytes, 'proof.pdf'))
  probe = openProbe(api.dataDir)
  world = await buildWorld(transport, probe, { review: STAFF, query: QUERY_STAFF })
}, 30_000)

afterAll(async () => {
  probe?.close()
  transport?.close()
  await api?.close()
})

const statuses = new Map<string, Set<number>>()

/** Runs `numRuns` recipes with a fixed seed, stopping at the first failing case (printed whole). */
async function fuzz(arbitrary: fc.Arbitrary<Recipe>, numRuns: number, seed: number, label: string) {
  const seen = statuses.get(label) ?? new Set<number>()
  statuses.set(label, seen)
  let runs = 0
  await fc.assert(
    fc.asyncProperty(arbitrary, async (r) => {
      if (++runs % 200 === 0) await refreshWorld(world)
      const { status } = await runCase(world, r)
      seen.add(status)
    }),
    // No shrinking: the server's state moves on between runs, so a shrunk case would not replay.
    { numRuns, seed, endOnFailure: true },
  )
  return seen
}

// ---- the payloads, starting from valid ones ------------------------------------------------------

describe('the fuzz starts from payloads that go through', () => {
  test.each([
    ...ACTIONS.filing.filter((a) => a !== 'cancel').map((action) => ['filing', action, 'owner'] as const),
    ...ACTIONS.admin.map((action) => ['admin', action, 'staff'] as const),
    ['filing', 'cancel', 'owner'] as const,
  ])('%s.%s as %s, unmutated → 200', async (fn, action, role) => {
    // Variant 1: a contact change (no lock), approve by the second reviewer, verified (no note needed).
    const built = buildCase(world, { kind: 'mutated', fn, action, role, target: 0, variant: 1, mutations: [] })
    const reply = await world.transport.send(built.fn, built.body, built.openid)
    expect({ action, status: reply.status, error: reply.body?.error }).toEqual({ action, status: 200, error: undefined })
  })
})

describe('every action, fuzzed over HTTP', () => {
  test('filing: 900 cases (policies, preview, submit, mine, get, change, cancel, supplement, checkCoverage, proofLink)', async () => {
    const seen = await fuzz(recipe({ fn: 'filing' }), 900, 20261122, 'filing')
    // The mutations reach past the first field: refusals of every kind, and some go through.
    for (const status of [200, 400, 401, 404, 409]) expect(seen).toContain(status)
  }, 60_000)

  test('admin: 800 cases (list, get, reveal, review, spotCheck, recordStay, stats, export)', async () => {
    const seen = await fuzz(recipe({ fn: 'admin' }), 800, 20261123, 'admin')
    for (const status of [200, 400, 401, 403, 404]) expect(seen).toContain(status)
  }, 60_000)

  test('whole bodies and strings near the 1 MB limit: 300 cases', async () => {
    const seen = await fuzz(recipe({ hugeWeight: 12, envelopeWeight: 8 }), 300, 20261124, 'bodies')
    for (const status of [400, 404, 413]) expect(seen).toContain(status)
  }, 60_000)
})

// ---- fixed cases at the edges --------------------------------------------------------------------

/** One request whose reply must be a Chinese refusal that writes nothing. */
async function refused(fn: string, body: string | Buffer, openid: string | undefined = OWNER) {
  const before = probe.snapshot()
  const reply = await world.transport.send(fn, body, openid)
  expect(probe.snapshot()).toEqual(before)
  expect(reply.status).toBeGreaterThanOrEqual(400)
  expect(reply.status).toBeLessThan(500)
  expect(reply.body).toMatchObject({ ok: false, error: { message: expect.stringMatching(CHINESE) } })
  expect(reply.body.error.message).not.toMatch(INTERNALS)
  for (const issue of reply.body.error.issues ?? []) expect(issue.message).toMatch(CHINESE)
  expect(prototypeProblem()).toBeNull()
  return reply
}

const envelope = (action: string, dataText: string) => `{"action":${JSON.stringify(action)},"data":${dataText}}`

/** A body of exactly `bytes` bytes: a get whose id is padded with `unit`. */
function bodyOf(bytes: number, unit: string): string {
  const head = '{"action":"get","data":{"id":"'
  const tail = '"}}'
  const room = bytes - Buffer.byteLength(head + tail)
  const units = unit.repeat(Math.floor(room / Buffer.byteLength(unit)))
  return head + units + 'x'.repeat(room - Buffer.byteLength(units)) + tail
}

describe('the body limit, byte for byte', () => {
  test.each([
    ['x', BODY_LIMIT, 400],
    ['x', BODY_LIMIT + 1, 413],
    ['中', BODY_LIMIT, 400],
    ['中', BODY_LIMIT + 1, 413],
  ])('a body of "%s" of %i bytes → %i', async (unit, bytes, status) => {
    const body = bodyOf(bytes, unit)
    expect(Buffer.byteLength(body)).toBe(bytes)
    const reply = await refused('filing', body)
    expect(reply.status).toBe(status)
  })
})

describe('bodies the JSON parser or the envelope refuses', () => {
  test.each([
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0xff, 0xfe, 0x22, 0x7d])],
    ['a raw NUL', Buffer.from('{"action":"mine"\u0000}')],
    ['a UTF-16 body', Buffer.from('{"action":"mine"}', 'utf16le')],
    ['NaN', Buffer.from('{"action":"get","data":{"id":NaN}}')],
    ['a trailing comma', Buffer.from('{"action":"mine",}')],
    ['10,000 nested arrays', Buffer.from('['.repeat(10_000) + ']'.repeat(10_000))],
    ['100,000 nested arrays', Buffer.from('['.repeat(100_000) + ']'.repeat(100_000))],
    ['200,000 nested objects under __proto__', Buffer.from('{"__proto__":'.repeat(50_000) + '1' + '}'.repeat(50_000))],
  ])('%s → 4xx in Chinese', async (_label, body) => {
    await refused('filing', body)
  })

  test('a BOM before the JSON is fine', async () => {
    const reply = await world.transport.send('filing', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"action":"mine"}')]), OWNER)
    expect(reply.status).toBe(200)
  })
})

describe('each action with 10,000 levels of nesting, prototype keys and arrays for its data', () => {
  const cases = [
    ...ACTIONS.filing.filter((a) => !['policies', 'mine', 'identity', 'myData'].includes(a)).map((action) => ['filing', action, OWNER] as const),
    // stats and accessLog take no required field: extra keys are ignored, as for any action.
    ...ACTIONS.admin.filter((a) => a !== 'stats' && a !== 'accessLog').map((action) => ['admin', action, STAFF[0]] as const),
  ]
  const deep = '{"x":'.repeat(10_000) + '[]' + '}'.repeat(10_000)
  test.each(cases)('%s.%s', async (fn, action, openid) => {
    await refused(fn, envelope(action, '['.repeat(10_000) + ']'.repeat(10_000)), openid)
    const deepArray = '['.repeat(10_000) + ']'.repeat(10_000)
    await refused(fn, envelope(action, `{"id":${deep},"filters":${deepArray},"admissionDate":${deep},"policyId":${deep}}`), openid)
    await refused(fn, envelope(action, `{"id":"x","filters":{"status":${deepArray}},"admissionDate":"2026-11-20","policyId":"dazhou","version":${deep}}`), openid)
    await refused(fn, envelope(action, '{"__proto__":{"polluted":"yes","status":"active"},"constructor":{"prototype":{"polluted":"yes"}},"filters":[]}'), openid)
    await refused(fn, envelope(action, '[{"id":"YD20261122-222222","version":1}]'), openid)
    await refused(fn, envelope(action, '"NaN"'), openid)
    await refused(fn, envelope(action, '1e308'), openid)
  })
})

// ---- bugs the fuzzing found ------------------------------------------------------------------------

describe('found by fuzzing: zod\'s English messages reached people', () => {
  // Before: "Invalid input: expected object, received string" and the like, as the reply's message.
  test.each([
    ['filing', 'get', '"abc"', OWNER, ''],
    ['filing', 'supplement', '-1', OWNER, ''],
    ['admin', 'review', '[]', STAFF[0], ''],
    ['admin', 'list', '{"sort":[{"key":"filedOn","direction":"desc"}]}', STAFF[0], 'sort'],
    ['admin', 'list', '{"filters":[]}', STAFF[0], 'filters'],
    ['admin', 'list', '{"filters":{"needsMyReview":"yes"}}', STAFF[0], 'filters.needsMyReview'],
    ['admin', 'export', `{"filters":{"policyId":"${'x'.repeat(41)}"}}`, STAFF[0], 'filters.policyId.0'],
    ['admin', 'list', `{"filters":{"status":${JSON.stringify(Array(21).fill('active'))}}}`, STAFF[0], 'filters.status'],
    ['filing', 'checkCoverage', '{"admissionDate":"2026-11-20","destination":{"provinceCode":"440000"},"policyId":5}', OWNER, 'policyId'],
  ])('%s.%s with data %s → a Chinese message', async (fn, action, data, openid, path) => {
    const reply = await refused(fn, envelope(action, data), openid)
    expect(reply.status).toBe(400)
    expect(reply.body.error.issues.map((i: { path: string }) => i.path)).toContain(path)
  })

  test('the messages say what is wrong', async () => {
    const long = await refused('admin', envelope('list', `{"filters":{"policyId":"${'x'.repeat(41)}"}}`), STAFF[0])
    expect(long.body.error.message).toBe('最多40个字')
    const notObject = await refused('filing', envelope('get', '"abc"'))
    expect(notObject.body.error.message).toBe('格式不对，请检查填写的内容')
    const notBoolean = await refused('admin', envelope('list', '{"filters":{"spotCheckDue":1}}'), STAFF[0])
    expect(notBoolean.body.error.message).toBe('请选择是或否')
    // A schema's own message still wins.
    const page = await refused('admin', envelope('list', '{"page":"1"}'), STAFF[0])
    expect(page.body.error.message).toBe('页码应为数字')
  })
})

describe('found by fuzzing: an unknown action was echoed back whole', () => {
  test('a 300,000-character or right-to-left action name is not repeated in the message', async () => {
    for (const action of ['x'.repeat(300_000), '\u202edelete', 'get\u0000', '<b>x</b>']) {
      const reply = await refused('filing', JSON.stringify({ action }))
      expect(reply.status).toBe(404)
      expect(reply.body.error.message).toBe('没有这个操作')
    }
    const named = await refused('filing', JSON.stringify({ action: 'nosuch' }))
    expect(named.body.error.message).toBe('没有这个操作：filing.nosuch')
  })
})

test("after all of it: the uploads folder holds the fuzz world's proofs and nothing else, and the server answers", async () => {
  const stored = readdirSync(join(api.dataDir, 'uploads'))
  expect(stored.every((name) => /^f_[0-9a-f]{32}$/.test(name))).toBe(true)
  // Six proofs per refresh of the world, each with its row in the files table (nothing is deleted: max rowid = count).
  expect(stored.length).toBe(probe.snapshot().files)
  expect(stored).toEqual(expect.arrayContaining(world.files))
  const reply = await world.transport.send('filing', '{"action":"mine"}', OWNER)
  expect(reply.status).toBe(200)
})
