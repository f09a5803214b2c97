// Property-based fuzzing of every action's payload, shared by test/backend/fuzz.test.ts (over real
// HTTP, a few thousand cases) and bench/fuzz.ts (in-process through `dispatch`, ≥ 100,000 cases).
//
// A case is a *recipe* drawn by fast-check: which action, who calls, and either a junk payload or a
// valid payload for a real filing with one to three mutations (drop a field, retype it, make it huge,
// odd Unicode, `__proto__` keys, deep nesting, arrays for objects, 1e308 / -0 / "NaN"). The valid
// payload is built when the case runs (a filing's current version, a fresh requestId), so mutations
// reach deep checks and are not all refused at the first field.
//
// What must hold for every case (`checkCase`): the status is never 5xx; a refusal is a 4xx protocol
// reply whose message and issue messages are Chinese (a CJK character, no English internals, no
// stack); a refusal writes nothing (SQLite's data_version, the row counts and the uploads folder are
// unchanged); Object.prototype is not polluted; a case that cannot be valid (a required field
// dropped or retyped, a caller without the right) is refused; a submit that goes through belongs to
// its caller whatever extra fields it carried.
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { existsSync, readdirSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { join } from 'node:path'
import { PRIVACY_NOTICE_VERSION, checkCharacter } from '../../src/rules'

// ---- JSON text, including what JSON.stringify will not write -----------------------------------

/** JSON text written verbatim (1e400, -0, 10,000 nested arrays). */
export class Raw {
  constructor(readonly text: string) {}
}

/** An object as ordered entries: a key may be `__proto__`, which JSON.parse makes an own key. */
export class Obj {
  constructor(readonly entries: [string, unknown][]) {}
}

export function jsonText(value: unknown): string {
  if (value instanceof Raw) return value.text
  if (value instanceof Obj) return `{${value.entries.map(([key, v]) => `${JSON.stringify(key)}:${jsonText(v)}`).join(',')}}`
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`
  if (value !== null && typeof value === 'object') {
    return jsonText(new Obj(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)))
  }
  if (value === undefined) return 'null'
  return JSON.stringify(value)
}

/** A plain value as a tree of Obj/arrays/leaves, so that paths can be mutated in place. */
function toTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toTree)
  if (value !== null && typeof value === 'object' && !(value instanceof Raw) && !(value instanceof Obj)) {
    return new Obj(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toTree(v)]))
  }
  return value
}

/** A copy of a tree: recipes are reused (fast-check shrinks and replays them), mutations never touch them. */
function cloneTree(value: unknown): unknown {
  if (value instanceof Obj) return new Obj(value.entries.map(([k, v]) => [k, cloneTree(v)]))
  if (Array.isArray(value)) return value.map(cloneTree)
  if (value !== null && typeof value === 'object' && !(value instanceof Raw)) return toTree(value)
  return value
}

type Path = (string | number)[]

/** Every path below the root (objects by key, arrays by index), parents before children. */
function pathsOf(tree: unknown, prefix: Path = []): Path[] {
  const out: Path[] = []
  if (tree instanceof Obj) {
    for (const [key, value] of tree.entries) out.push([...prefix, key], ...pathsOf(value, [...prefix, key]))
  } else if (Array.isArray(tree)) {
    tree.forEach((value, i) => out.push([...prefix, i], ...pathsOf(value, [...prefix, i])))
  }
  return out
}

function childOf(node: unknown, key: string | number): unknown {
  if (node instanceof Obj) return node.entries.find(([k]) => k === key)?.[1]
  if (Array.isArray(node)) return node[key as number]
  return undefined
}

const jsonType = (value: unknown): string =>
  value instanceof Obj ? 'object' : Array.isArray(value) ? 'array' : value === null ? 'null' : value instanceof Raw ? 'raw' : typeof value

// ---- values that should upset a parser -----------------------------------------------------------

const ODD_PIECES = [
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  '\u202e', // right-to-left override
  '\u200f', // right-to-left mark
  '\u200b', // zero-width space
  '\u200d', // zero-width joiner
  '\ufeff', // byte-order mark
  '\u0000', // NUL
  '\u0007',
  '\u2028', // line separator
  '\u3000', // ideographic space
  '👨‍👩‍👧‍👦',
  '🏥',
  '１３８１２３４５６７８', // full-width digits
  '４４００００',
  '２０２６－１１－２２',
  'e\u0301', // combining accent
  '⼈', // Kangxi radical
  '𠮷', // outside the BMP
  '王秀兰',
  '%_\\',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '${process.exit()}',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  'null',
  'true',
  '',
  ' ',
]

export const oddString: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...ODD_PIECES), fc.string({ maxLength: 6, unit: 'binary' })), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''))

/** Number literals as JSON text: the parser turns some into Infinity or -0. */
export const oddNumber: fc.Arbitrary<Raw | number | string> = fc.oneof(
  fc.constantFrom('1e308', '-1e308', '1e400', '-1e400', '-0', '0.0', '1e-400', '9007199254740993', '123456789012345678901234567890', '1.5', '-1', '0').map((t) => new Raw(t)),
  fc.double(),
  fc.integer(),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1', '0x10', '１'),
)

/** A prototype-polluting object as JSON text keys. */
export const protoObject: fc.Arbitrary<Obj> = fc
  .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.boolean())
  .map(([key, nested]) => {
    const payload = new Obj([['polluted', 'yes'], ['isStaff', true], ['status', 'active'], ['owner', 'fz-attacker']])
    return new Obj([[key, nested ? new Obj([['prototype', payload], ['__proto__', payload]]) : payload]])
  })

/** 10 to 10,000 levels of nesting, arrays or objects. */
export const deepValue: fc.Arbitrary<Raw> = fc
  .tuple(fc.constantFrom(10, 100, 1000, 10_000), fc.constantFrom('array', 'object', '__proto__'))
  .map(([depth, kind]) => {
    if (kind === 'array') return new Raw('['.repeat(depth) + ']'.repeat(depth))
    const key = kind === 'object' ? 'a' : '__proto__'
    return new Raw(`{"${key}":`.repeat(depth) + '1' + '}'.repeat(depth))
  })

/** Any JSON value, small. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  fc.jsonValue({ maxDepth: 3 }),
  oddString,
  oddNumber,
  fc.constantFrom(null, true, false, [], {}, '', 0),
  protoObject,
)

export interface HugeString {
  /** Characters of `unit` to repeat. */
  length: number
  unit: string
}

/**
 * A long string; `nearLimit` ones make the whole body land a few bytes under or over the 1 MB
 * body limit (the builder pads to the exact size).
 */
export const hugeString: fc.Arbitrary<{ huge: HugeString } | { nearLimit: number; unit: string }> = fc.oneof(
  fc.record({ huge: fc.record({ length: fc.constantFrom(201, 1000, 65_536, 300_000), unit: fc.constantFrom('x', '中', '\u200b', '１') }) }),
  fc.record({ nearLimit: fc.integer({ min: -64, max: 64 }), unit: fc.constantFrom('x', '中') }),
)

// ---- mutations -----------------------------------------------------------------------------------

export type Mutation =
  | { op: 'drop'; at: number }
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'huge'; at: number; size: { huge: HugeString } | { nearLimit: number; unit: string } }
  | { op: 'deep'; at: number; value: Raw }
  | { op: 'wrap'; at: number }
  | { op: 'odd-around'; at: number; before: string; after: string }
  | { op: 'extra'; at: number; key: string; value: unknown }
  /** A near miss: a version ±1, an id or date with one character changed. */
  | { op: 'nudge'; at: number; delta: number }

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'openid', 'owner', 'status', 'version', 'id', 'staff', 'reviewers', 'spotCheck', 'createdAt', 'toString', 'hasOwnProperty', 'x']

export const mutation = (hugeWeight: number): fc.Arbitrary<Mutation> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('drop' as const), at: fc.nat() }) },
    { weight: 5, arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: junkValue }) },
    { weight: hugeWeight, arbitrary: fc.record({ op: fc.constant('huge' as const), at: fc.nat(), size: hugeString }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('deep' as const), at: fc.nat(), value: deepValue }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('wrap' as const), at: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('odd-around' as const), at: fc.nat(), before: fc.constantFrom('', ...ODD_PIECES), after: fc.constantFrom('', ...ODD_PIECES) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('extra' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), oddString), value: fc.oneof(junkValue, protoObject) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('nudge' as const), at: fc.nat(), delta: fc.constantFrom(-1, 1, 2, 1000) }) },
  )

interface Applied {
  tree: unknown
  /** A required field was dropped or given another JSON type: the request cannot be valid. */
  breaksRequired: boolean
  /** Byte size the body must be padded to (a nearLimit mutation), if any. */
  padTo?: { bytes: number; unit: string }
}

/** The JSON body limit of the local server (src/backend/server/body.ts). */
export const BODY_LIMIT = 1024 * 1024
const PAD = '\u0001PAD\u0001'

function applyMutations(base: unknown, mutations: Mutation[], required: Set<string>): Applied {
  let tree = base
  let padTo: Applied['padTo']
  // The JSON type of each required field before the mutations (they change `base` in place).
  const requiredTypes = [...required].map((key) => {
    const path = key.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part))
    return { path, type: jsonType(getAt(base, path)) }
  }).filter(({ type }) => type !== 'undefined')
  for (const m of mutations) {
    const paths = pathsOf(tree)
    const targetPath: Path = paths.length === 0 ? [] : paths[m.at % paths.length]
    const old = targetPath.length === 0 ? tree : getAt(tree, targetPath)
    let next: unknown
    let remove = false
    switch (m.op) {
      case 'drop':
        remove = true
        break
      case 'replace':
        next = cloneTree(m.value)
        break
      case 'huge':
        if ('huge' in m.size) {
          next = m.size.huge.unit.repeat(m.size.huge.length)
        } else {
          next = PAD
          padTo = { bytes: BODY_LIMIT + m.size.nearLimit, unit: m.size.unit }
        }
        break
      case 'deep':
        next = m.value
        break
      case 'wrap':
        next = [old]
        break
      case 'odd-around':
        next = typeof old === 'string' ? `${m.before}${old}${m.after}` : old
        break
      case 'nudge':
        if (typeof old === 'number') next = old + m.delta
        else if (typeof old === 'string' && old.length > 0) {
          const i = Math.abs(m.delta * 7) % old.length
          const c = old[i]
          next = old.slice(0, i) + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + old.slice(i + 1)
          if (next === old) next = old.slice(0, i) + (c === '9' ? '0' : c === 'Z' ? 'A' : String.fromCharCode(c.charCodeAt(0) + 1)) + old.slice(i + 1)
        } else next = old
        break
      case 'extra': {
        const holder = old instanceof Obj ? old : targetPath.length > 0 ? getAt(tree, targetPath.slice(0, -1)) : tree
        if (holder instanceof Obj) holder.entries.push([m.key, cloneTree(m.value)])
        continue
      }
    }
    if (targetPath.length === 0) {
      tree = remove ? undefined : next
    } else {
      setAt(tree, targetPath, next, remove)
    }
  }
  // Judged on the final payload: a later mutation may put back what an earlier one broke.
  const breaksRequired = requiredTypes.some(({ path, type }) => {
    const now = getAt(tree, path)
    return now === undefined || jsonType(now) !== type
  })
  return { tree, breaksRequired, padTo }
}

function getAt(tree: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => childOf(node, key), tree)
}

function setAt(tree: unknown, path: Path, value: unknown, remove: boolean): void {
  const parent = getAt(tree, path.slice(0, -1))
  const key = path[path.length - 1]
  if (parent instanceof Obj) {
    const index = parent.entries.findIndex(([k]) => k === key)
    if (index < 0) return
    if (remove) parent.entries.splice(index, 1)
    else parent.entries[index] = [key as string, value]
  } else if (Array.isArray(parent)) {
    if (remove) parent.splice(key as number, 1)
    else parent[key as number] = value
  }
}

// ---- the world every case runs in ------------------------------------------------------------------

export const NOW = '2026-11-22T12:00:00+08:00'
export const TODAY = '2026-11-22'
export const OWNER = 'fz-owner'
export const STRANGER = 'fz-stranger'

/** How a case reaches the backend: over HTTP, or in-process through `dispatch`. */
export interface Transport {
  send(fn: string, body: string | Buffer, openid?: string): Promise<{ status: number; body: any; raw?: string }>
  upload(openid: string, bytes: Uint8Array): Promise<string>
}

/**
 * Over HTTP with node:http and one keep-alive socket (a third of fetch's cost per request, and raw
 * bytes allowed). `X-Dev-Now` is NOW on every call.
 */
export function httpTransport(url: string, upload: Transport['upload']): Transport & { close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const { hostname, port } = new URL(url)
  return {
    send(fn, body, openid) {
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
      const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': bytes.length, 'x-dev-now': NOW }
      if (openid) headers['x-dev-openid'] = openid
      return new Promise((resolve, reject) => {
        let answered = false
        const req = request({ hostname, port, method: 'POST', path: `/api/${fn}`, agent, headers }, (res) => {
          answered = true
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8')
            let parsed: unknown = null
            try {
              parsed = JSON.parse(raw)
            } catch {
              parsed = null
            }
            resolve({ status: res.statusCode ?? 0, body: parsed, raw })
          })
          res.on('error', reject)
        })
        // The server may close after answering a body it will not read: the answer is what counts.
        req.on('error', (error: NodeJS.ErrnoException) => {
          if (!answered || (error.code !== 'EPIPE' && error.code !== 'ECONNRESET')) reject(error)
        })
        req.end(bytes)
      })
    },
    upload,
    close: () => agent.destroy(),
  }
}

export interface World {
  transport: Transport
  /** The person whose filings and proofs the cases use (a new one at each refresh). */
  owner: string
  /** The owner's own ID number, as verified (a valid verifyIdentity repeats it). */
  ownerIdNumber: string
  staff: { review: string[]; query: string }
  /** 达州 resettled retirees of the owner, active, picked for 抽查 when the server samples every filing. */
  active: string[]
  /** 辽宁 resident workers of the owner under review. */
  pending: string[]
  /** 辽宁 resident workers of the owner waiting for more materials. */
  awaiting: string[]
  /** Proofs uploaded by the owner. */
  files: string[]
  probe: Probe
}

export const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n% fuzz proof\n%%EOF\n')

let people = 0

/** A valid resident ID number no other case uses (region 511702, a birth date and sequence per n). */
export function uniqueResidentId(region = '511702'): string {
  people += 1
  const day = new Date(Date.UTC(1950, 0, 1) + Math.floor(people / 900) * 86_400_000)
  const birth = day.toISOString().slice(0, 10).replace(/-/g, '')
  const first17 = region + birth + String((people % 900) + 100)
  return first17 + checkCharacter(first17)
}

let requests = 0
export const freshRequestId = () => `fz-${process.pid}-${Date.now().toString(36)}-${(requests += 1)}`

/** The world's owner files for family members (代办): verified as this person (the local stand-in). */
export const AGENT = { name: '张伟', relationship: 'child', phone: '13912345678' } as const

/** The owner's 实名认证 as the local stand-in takes it, with the consent to the current rules. */
const ownVerification = (idNumber: string) => ({
  name: AGENT.name,
  idType: 'resident_id',
  idNumber,
  consent: { version: PRIVACY_NOTICE_VERSION, sensitive: true },
})

export function retireeSubmit(): Record<string, unknown> {
  return {
    agent: { relationship: AGENT.relationship, phone: AGENT.phone },
    requestId: freshRequestId(),
    policyId: 'dazhou',
    category: 'resettled_retiree',
    applicant: { name: '王秀兰', idType: 'resident_id', idNumber: uniqueResidentId(), phone: '13812345678', address: '广东省深圳市南山区桃园路2号' },
    destination: { provinceCode: '440000', cityCode: '440300' },
    startDate: TODAY,
    // 代签: the agent signs in their own name.
    commitment: { accepted: true, signature: AGENT.name },
  }
}

function liaoningSubmit(files: string[]): Record<string, unknown> {
  const kinds = ['employer_certificate', 'direct_settlement_form', 'direct_settlement_request']
  return {
    requestId: freshRequestId(),
    policyId: 'liaoning-provincial',
    category: 'resident_worker',
    applicant: { name: '刘建国', idType: 'resident_id', idNumber: uniqueResidentId('210102'), phone: '13612345678' },
    destination: { provinceCode: '310000' },
    startDate: TODAY,
    materials: kinds.map((kind, i) => ({ kind, fileId: files[i] })),
    // 辽宁 asks every agent for the insured person's signed 授权委托书 (002 附表2).
    agent: { relationship: AGENT.relationship, phone: AGENT.phone, authorization: files[5] },
  }
}

async function ok(transport: Transport, fn: string, action: string, data: unknown, openid: string): Promise<any> {
  const result = await transport.send(fn, JSON.stringify({ action, data }), openid)
  if (!result.body?.ok) throw new Error(`${fn}.${action} failed while building the fuzz world: ${JSON.stringify(result.body ?? result.raw)}`)
  return result.body.data
}

/**
 * Uploads OWNER's proofs and files their filings (run with a spot-check rate of 1 so the 达州 ones
 * are picked for 抽查): `size` of each kind.
 */
export async function buildWorld(transport: Transport, probe: Probe, staff: World['staff'], size = 3): Promise<World> {
  const world: World = { transport, owner: OWNER, ownerIdNumber: '', staff, active: [], pending: [], awaiting: [], files: [], probe }
  await refreshWorld(world, size)
  return world
}

let owners = 0

/**
 * A new owner with new proofs and new filings of each kind, in place of the old ones. Cases that go
 * through cancel, reject and review the filings, so after a few hundred cases most would stop at
 * "not active" / "not under review": refreshed now and then, the mutations keep reaching the locks,
 * versions and materials behind. A new owner each time keeps `mine` and `listByOwner` short.
 */
export async function refreshWorld(world: World, size = 3): Promise<void> {
  const { transport, staff } = world
  const owner = owners === 0 ? OWNER : `${OWNER}-${owners}`
  owners += 1
  const files: string[] = []
  for (let i = 0; i < 6; i += 1) files.push(await transport.upload(owner, PDF_BYTES))
  const ownerIdNumber = uniqueResidentId('110101')
  await ok(transport, 'filing', 'verifyIdentity', ownVerification(ownerIdNumber), owner)
  const active: string[] = []
  const pending: string[] = []
  const awaiting: string[] = []
  for (let i = 0; i < size; i += 1) {
    // A 代办 filing takes effect once staff pass 代办核验.
    const retiree = (await ok(transport, 'filing', 'submit', retireeSubmit(), owner)).id
    await ok(transport, 'admin', 'review', { id: retiree, version: 1, decision: 'approve', note: '代办关系已核实' }, staff.review[0])
    active.push(retiree)
    // One long-term filing per person, not per owner: each 辽宁 filing is for another ID number.
    pending.push((await ok(transport, 'filing', 'submit', liaoningSubmit(files), owner)).id)
    const asked = (await ok(transport, 'filing', 'submit', liaoningSubmit(files), owner)).id
    await ok(transport, 'admin', 'review', { id: asked, version: 1, decision: 'request_materials', note: '请补充劳动合同首页' }, staff.review[0])
    awaiting.push(asked)
  }
  Object.assign(world, { owner, ownerIdNumber, files, active, pending, awaiting })
}

// ---- recipes -----------------------------------------------------------------------------------

export type Role = 'owner' | 'stranger' | 'staff' | 'query' | 'anonymous'

export const ACTIONS = {
  filing: ['policies', 'preview', 'submit', 'mine', 'get', 'change', 'cancel', 'supplement', 'checkCoverage', 'proofLink', 'identity', 'verifyIdentity', 'consent', 'myData'],
  admin: ['list', 'get', 'reveal', 'review', 'spotCheck', 'recordStay', 'stats', 'export', 'accessLog'],
} as const

export type Recipe =
  | { kind: 'mutated'; fn: 'filing' | 'admin'; action: string; role: Role; target: number; mutations: Mutation[]; variant: number }
  | { kind: 'junk'; fn: 'filing' | 'admin'; action: string; role: Role; data: unknown }
  | { kind: 'envelope'; fn: 'filing' | 'admin'; role: Role; body: unknown }

const actionsOf = (fn?: 'filing' | 'admin'): fc.Arbitrary<{ fn: 'filing' | 'admin'; action: string }> => {
  const filing = fc.constantFrom(...ACTIONS.filing).map((action) => ({ fn: 'filing' as const, action: action as string }))
  const admin = fc.constantFrom(...ACTIONS.admin).map((action) => ({ fn: 'admin' as const, action: action as string }))
  return fn === 'filing' ? filing : fn === 'admin' ? admin : fc.oneof(filing, admin)
}

const role: fc.Arbitrary<Role> = fc.oneof(
  { weight: 5, arbitrary: fc.constant('owner' as const) },
  { weight: 1, arbitrary: fc.constant('stranger' as const) },
  { weight: 4, arbitrary: fc.constant('staff' as const) },
  { weight: 1, arbitrary: fc.constant('query' as const) },
  { weight: 1, arbitrary: fc.constant('anonymous' as const) },
)

/** The caller that suits an action best (a person for filing, staff for admin), most of the time. */
const roleFor = (fn: 'filing' | 'admin') =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(fn === 'filing' ? ('owner' as const) : ('staff' as const)) }, { weight: 3, arbitrary: role })

/** Whole-body oddities: no action, an action of the wrong type, arrays, prototype keys, deep bodies. */
const envelopeBody: fc.Arbitrary<unknown> = fc.oneof(
  junkValue,
  deepValue,
  fc.record({ action: junkValue, data: junkValue }, { requiredKeys: [] }),
  fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'), junkValue).map(
    ([action, data]) => new Obj([['action', action], ['data', data]]),
  ),
  fc.tuple(fc.constantFrom(...ACTIONS.filing, ...ACTIONS.admin), protoObject).map(([action, proto]) => new Obj([...proto.entries, ['action', action], ['data', proto]])),
  fc.tuple(oddString, junkValue).map(([action, data]) => new Obj([['action', action], ['data', data]])),
  fc.constantFrom(65, 1000, 300_000).map((n) => new Obj([['action', 'x'.repeat(n)], ['data', new Obj([])]])),
)

export interface RecipeOptions {
  /** How often a mutation makes a string huge (vs. 3 for drop, 5 for replace…). Default 1. */
  hugeWeight?: number
  /** Only this function's actions. */
  fn?: 'filing' | 'admin'
  /** Share of whole-body oddities, of 20. Default 2. */
  envelopeWeight?: number
}

export const recipe = ({ hugeWeight = 1, fn: only, envelopeWeight = 2 }: RecipeOptions = {}): fc.Arbitrary<Recipe> =>
  fc.oneof(
    {
      weight: 14,
      arbitrary: actionsOf(only).chain(({ fn, action }) =>
        fc.record({
          kind: fc.constant('mutated' as const),
          fn: fc.constant(fn),
          action: fc.constant(action),
          role: roleFor(fn),
          target: fc.nat(),
          variant: fc.nat(),
          mutations: fc.array(mutation(hugeWeight), { minLength: 1, maxLength: 3 }),
        }),
      ),
    },
    {
      weight: 4,
      arbitrary: actionsOf(only).chain(({ fn, action }) =>
        fc.record({ kind: fc.constant('junk' as const), fn: fc.constant(fn), action: fc.constant(action), role: roleFor(fn), data: fc.oneof(junkValue, deepValue) }),
      ),
    },
    {
      weight: envelopeWeight,
      arbitrary: fc.record({ kind: fc.constant('envelope' as const), fn: only ? fc.constant(only) : fc.constantFrom('filing' as const, 'admin' as const), role, body: envelopeBody }),
    },
  )

/** Paths whose absence or another JSON type makes a payload invalid, per action. */
const REQUIRED: Record<string, string[]> = {
  'filing.preview': ['policyId', 'category', 'destination', 'destination.provinceCode', 'startDate'],
  'filing.submit': [
    'requestId', 'policyId', 'category', 'applicant', 'applicant.name', 'applicant.idType', 'applicant.idNumber', 'applicant.phone',
    'destination', 'destination.provinceCode', 'startDate', 'commitment', 'commitment.accepted', 'commitment.signature',
  ],
  'filing.get': ['id'],
  'filing.change': ['id', 'version', 'patch', 'reason'],
  'filing.cancel': ['id', 'version', 'reason'],
  'filing.supplement': ['id', 'version', 'materials', 'materials.0', 'materials.0.kind', 'materials.0.fileId'],
  'filing.checkCoverage': ['admissionDate', 'destination', 'destination.provinceCode'],
  'filing.proofLink': ['fileId'],
  'filing.verifyIdentity': ['name', 'idType', 'idNumber', 'consent', 'consent.version', 'consent.sensitive'],
  'filing.consent': ['consent', 'consent.version', 'consent.sensitive'],
  'admin.get': ['id'],
  'admin.reveal': ['id', 'reason'],
  'admin.review': ['id', 'version', 'decision'],
  'admin.spotCheck': ['id', 'version', 'result'],
  'admin.recordStay': ['id', 'admissionDate'],
}

/** Actions that read no payload: any `data` goes through for an allowed caller. */
const IGNORES_DATA = new Set(['filing.policies', 'filing.mine', 'filing.identity', 'filing.myData', 'admin.stats'])
/** Actions whose every field has a default: `{}` (or `null`, read as `{}`) goes through. */
const ALL_DEFAULTS = new Set(['admin.list', 'admin.export'])

const pick = <T>(items: T[], n: number): T => items[n % items.length]

function openidOf(world: World, role: Role, variant: number): string | undefined {
  switch (role) {
    case 'owner':
      // A submit needs a verified caller: the owner (who files for family members, 代办). The list
      // it grows is started afresh with each refreshWorld.
      return world.owner
    case 'stranger':
      return STRANGER
    case 'staff':
      return pick(world.staff.review, variant)
    case 'query':
      return world.staff.query
    case 'anonymous':
      return undefined
  }
}

/** Whether `role` may call `fn.action` at all. */
function allowed(fn: string, action: string, role: Role): boolean {
  if (fn === 'filing') return role !== 'anonymous' || action === 'policies' || action === 'preview'
  if (role !== 'staff' && role !== 'query') return false
  return role === 'staff' || !['review', 'spotCheck', 'recordStay', 'reveal', 'accessLog'].includes(action)
}

/** A valid payload for the action, against the world's current state. */
function validPayload(world: World, fn: string, action: string, target: number, variant: number): Record<string, unknown> {
  const version = (id: string) => world.probe.version(id) ?? 1
  const any = [...world.active, ...world.pending, ...world.awaiting]
  switch (`${fn}.${action}`) {
    case 'filing.preview':
      return { policyId: pick(['dazhou', 'liaoning-provincial', 'jining', 'datong'], variant), category: 'referral', destination: { provinceCode: '110000' }, startDate: TODAY, hospitalLevel: 'grade3a' }
    case 'filing.submit':
      return retireeSubmit()
    case 'filing.get':
    case 'admin.get':
      return { id: pick(any, target) }
    case 'admin.reveal':
      return { id: pick(any, target), reason: '核对申请人身份' }
    case 'filing.change': {
      const id = pick(any, target)
      const patch = variant % 3 === 0 ? { destination: { provinceCode: '110000' } } : { phone: `139${String(10_000_000 + (variant % 89_999_999)).slice(0, 8)}`, address: '北京市朝阳区建国路1号' }
      return { id, version: version(id), patch, reason: '工作地点变了' }
    }
    case 'filing.cancel': {
      const id = pick(any, target)
      return { id, version: version(id), reason: '不再需要异地就医' }
    }
    case 'filing.supplement': {
      const id = pick(world.awaiting, target)
      return { id, version: version(id), materials: [{ kind: 'employer_certificate', fileId: pick(world.files, variant) }], note: '已补劳动合同' }
    }
    case 'filing.checkCoverage':
      return {
        admissionDate: '2026-11-20',
        dischargeDate: '2026-11-21',
        destination: pick([{ provinceCode: '440000', cityCode: '440300' }, { provinceCode: '510000', cityCode: '511700' }, { provinceCode: '210000', cityCode: '210200' }], variant),
        emergency: variant % 2 === 0,
        care: pick(['inpatient', 'outpatient', 'chronic_outpatient', 'pharmacy'], variant),
        ...(variant % 3 === 0 ? { hospitalName: '北京协和医院' } : {}),
        policyId: pick(['dazhou', 'liaoning-provincial', 'datong', 'jining', 'shanxi-provincial'], variant),
      }
    case 'filing.proofLink':
      return { fileId: pick(world.files, variant) }
    case 'filing.verifyIdentity':
      return ownVerification(world.ownerIdNumber)
    case 'filing.consent':
      return { consent: { version: PRIVACY_NOTICE_VERSION, sensitive: true } }
    case 'admin.list':
      return { filters: { status: ['active', 'pending_review'], category: 'resident_worker', policyId: 'liaoning-provincial', provinceCode: '310000', startFrom: '2026-01-01', startTo: '2026-12-31', expiringWithinDays: 30, needsMyReview: variant % 2 === 0, spotCheckDue: false, q: '刘' }, page: 1, pageSize: 20, sort: { key: 'filedOn', direction: 'desc' } }
    case 'admin.export':
      return { filters: { status: 'active', q: '王' } }
    case 'admin.accessLog':
      return { page: 1, pageSize: 20, action: 'list', from: '2026-01-01', to: '2026-12-31' }
    case 'admin.review': {
      const id = pick(world.pending, target)
      const decision = pick(['approve', 'reject', 'request_materials'], variant)
      return { id, version: version(id), decision, note: '请补充派驻证明' }
    }
    case 'admin.spotCheck': {
      const id = pick(world.active, target)
      return { id, version: version(id), result: pick(['verified', 'problem'], variant), note: '承诺内容与实际不符，请补充居住证明' }
    }
    case 'admin.recordStay':
      return { id: pick(world.active, target), admissionDate: '2026-11-20', dischargeDate: '2026-11-21' }
    default:
      return {}
  }
}

export interface BuiltCase {
  fn: string
  openid?: string
  body: string
  /** The payload cannot be valid, or the caller may not call: the reply must be a refusal. */
  mustRefuse: boolean
  action: string | null
  label: string
}

/** Pads the PAD marker so that the body is exactly `bytes` long (UTF-8). */
function padBody(text: string, padTo: { bytes: number; unit: string }): string {
  const marker = JSON.stringify(PAD)
  const at = text.indexOf(marker)
  if (at < 0) return text
  const rest = Buffer.byteLength(text) - Buffer.byteLength(marker) + 2 // the quotes stay
  const unitBytes = Buffer.byteLength(padTo.unit)
  const room = Math.max(0, padTo.bytes - rest)
  let filler = padTo.unit.repeat(Math.floor(room / unitBytes))
  filler += 'x'.repeat(room - Buffer.byteLength(filler))
  return `${text.slice(0, at)}"${filler}"${text.slice(at + marker.length)}`
}

/** An object once parsed (what `data` must be for any action that reads it). */
const isObjectValue = (value: unknown): boolean =>
  value instanceof Obj ||
  (value instanceof Raw && value.text.trimStart().startsWith('{')) ||
  (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Raw))

export function buildCase(world: World, r: Recipe): BuiltCase {
  const openid = openidOf(world, r.role, r.kind === 'mutated' ? r.variant : 0)
  if (r.kind === 'envelope') {
    const text = jsonText(r.body)
    const action = r.body instanceof Obj ? r.body.entries.find(([k]) => k === 'action')?.[1] : undefined
    // Only a known action of this function can go through, and only for a caller it allows.
    const known = typeof action === 'string' && (ACTIONS[r.fn] as readonly string[]).includes(action)
    const data = r.body instanceof Obj ? r.body.entries.find(([k]) => k === 'data')?.[1] : undefined
    const dataIsObject = data === undefined || data === null || isObjectValue(data)
    const mayPass = known && allowed(r.fn, action as string, r.role) && (IGNORES_DATA.has(`${r.fn}.${action}`) || (ALL_DEFAULTS.has(`${r.fn}.${action}`) && dataIsObject))
    return { fn: r.fn, openid, body: text, mustRefuse: !mayPass, action: typeof action === 'string' ? action : null, label: `envelope ${r.fn}` }
  }
  const key = `${r.fn}.${r.action}`
  const permitted = allowed(r.fn, r.action, r.role)
  if (r.kind === 'junk') {
    const text = `{"action":${JSON.stringify(r.action)},"data":${jsonText(r.data)}}`
    const objectData = r.data === null || isObjectValue(r.data)
    const mayPass = permitted && (IGNORES_DATA.has(key) || (ALL_DEFAULTS.has(key) && objectData) || (objectData && !(key in REQUIRED) && key !== 'filing.submit'))
    return { fn: r.fn, openid, body: text, mustRefuse: !mayPass, action: r.action, label: `junk ${key} as ${r.role}` }
  }
  const base = toTree(validPayload(world, r.fn, r.action, r.target, r.variant))
  const applied = applyMutations(base, r.mutations, new Set(REQUIRED[key] ?? []))
  let text = `{"action":${JSON.stringify(r.action)},"data":${applied.tree === undefined ? 'null' : jsonText(applied.tree)}}`
  if (applied.padTo) text = padBody(text, applied.padTo)
  const dataNotObject = applied.tree !== undefined && applied.tree !== null && !isObjectValue(applied.tree)
  const mustRefuse = !permitted || ((applied.breaksRequired || dataNotObject) && !IGNORES_DATA.has(key))
  return { fn: r.fn, openid, body: text, mustRefuse, action: r.action, label: `mutated ${key} as ${r.role}: ${r.mutations.map((m) => m.op).join(', ')}` }
}

// ---- the state that a refusal must leave alone -------------------------------------------------------

export interface Snapshot {
  dataVersion: number
  filings: number
  history: number
  files: number
  reminders: number
  versions: number
  uploads: number
}

export interface Probe {
  snapshot(): Snapshot
  version(id: string): number | null
  owner(id: string): string | null
  close(): void
}

/** A read-only connection to the server's SQLite file (WAL: it sees every committed write). */
export function openProbe(dataDir: string): Probe {
  const db = new Database(join(dataDir, 'filings.db'), { readonly: true, fileMustExist: true })
  const counts = db.prepare(
    // Nothing is ever deleted (the schema's triggers), so the highest rowid moves with every insert.
    `SELECT (SELECT coalesce(max(rowid), 0) FROM filings) AS filings, (SELECT coalesce(max(rowid), 0) FROM history) AS history,
            (SELECT coalesce(max(rowid), 0) FROM files) AS files, (SELECT coalesce(max(rowid), 0) FROM reminders) AS reminders,
            (SELECT coalesce(sum(version), 0) FROM filings) AS versions`,
  )
  const versionOf = db.prepare('SELECT version, owner FROM filings WHERE id = ?')
  const uploadsDir = join(dataDir, 'uploads')
  return {
    snapshot() {
      const row = counts.get() as Omit<Snapshot, 'dataVersion' | 'uploads'>
      return {
        dataVersion: db.pragma('data_version', { simple: true }) as number,
        ...row,
        uploads: existsSync(uploadsDir) ? readdirSync(uploadsDir).length : 0,
      }
    },
    version(id) {
      return (versionOf.get(id) as { version: number } | undefined)?.version ?? null
    },
    owner(id) {
      return (versionOf.get(id) as { owner: string } | undefined)?.owner ?? null
    },
    close: () => db.close(),
  }
}

// ---- the checks --------------------------------------------------------------------------------------

/** At least one CJK character. */
export const CHINESE = /[\u3400-\u4dbf\u4e00-\u9fff]/
/** What a person must never read: stack frames, JavaScript errors, zod's English, SQLite. */
export const INTERNALS = /\n\s+at |\bat .+\(.*:\d+:\d+\)|\b(Type|Range|Syntax|Reference)?Error\b|Invalid input|\bexpected\b|\breceived\b|\bundefined\b|\[object |Cannot |is not a function|Too (big|small)|Unrecognized|SQLITE|ZodError|zod/i

const STATUS_OF: Record<string, number[]> = {
  VALIDATION: [400, 405, 413],
  UNAUTHENTICATED: [401],
  FORBIDDEN: [403],
  UNVERIFIED: [403],
  NOT_FOUND: [404],
  CONFLICT: [409],
  LOCKED: [409],
  DUPLICATE: [409],
  RATE_LIMITED: [429],
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join(',')
const ARRAY_PROTOTYPE_KEYS = Object.getOwnPropertyNames(Array.prototype).sort().join(',')

export function prototypeProblem(): string | null {
  if (Object.getOwnPropertyNames(Object.prototype).sort().join(',') !== PROTOTYPE_KEYS) return 'Object.prototype gained or lost a property'
  if (Object.getOwnPropertyNames(Array.prototype).sort().join(',') !== ARRAY_PROTOTYPE_KEYS) return 'Array.prototype gained or lost a property'
  const probe = {} as Record<string, unknown>
  for (const key of ['polluted', 'isStaff', 'status', 'owner']) if (probe[key] !== undefined) return `({}).${key} is set`
  return null
}

const sameState = (a: Snapshot, b: Snapshot) =>
  a.dataVersion === b.dataVersion && a.filings === b.filings && a.history === b.history && a.files === b.files && a.reminders === b.reminders && a.versions === b.versions && a.uploads === b.uploads

function messageProblem(where: string, message: unknown, echoed: string | null): string | null {
  if (typeof message !== 'string') return `${where} is not a string`
  if (!CHINESE.test(message)) return `${where} has no Chinese: ${JSON.stringify(message.slice(0, 200))}`
  // "没有这个操作：filing.<name>" repeats the caller's own action name: that is not an internal.
  const own = echoed ? message.split(echoed).join('') : message
  if (INTERNALS.test(own)) return `${where} shows internals: ${JSON.stringify(message.slice(0, 200))}`
  if (message.length > 500) return `${where} is ${message.length} characters long`
  return null
}

/** Everything wrong with one reply (empty when the case holds). */
export function replyProblems(built: BuiltCase, reply: { status: number; body: any; raw?: string }, before: Snapshot, after: Snapshot, probe: Probe): string[] {
  const problems: string[] = []
  const { status, body } = reply
  if (status >= 500 || status < 200) problems.push(`status ${status}`)
  if (!body || typeof body !== 'object' || typeof body.ok !== 'boolean') {
    problems.push(`not a protocol reply: ${String(reply.raw ?? JSON.stringify(body)).slice(0, 200)}`)
    return problems
  }
  if (body.ok) {
    if (status !== 200) problems.push(`ok with status ${status}`)
    if (built.mustRefuse) problems.push('went through, but the payload cannot be valid or the caller may not call')
    if (built.action === 'submit' && built.fn === 'filing') {
      const owner = probe.owner(body.data?.id)
      if (owner !== built.openid) problems.push(`a submit went through but the filing's owner is ${owner}, not the caller ${built.openid}`)
      if (!/^YD\d{8}-[2-9A-Z]{6}$/.test(String(body.data?.id))) problems.push(`a submit's filing number is ${body.data?.id}`)
    }
  } else {
    if (status < 400 || status >= 500) problems.push(`refusal with status ${status}`)
    const error = body.error
    if (!error || typeof error !== 'object') problems.push('refusal without an error object')
    else {
      if (!(error.code in STATUS_OF) || !STATUS_OF[error.code].includes(status)) problems.push(`code ${error.code} with status ${status}`)
      const m = messageProblem('message', error.message, built.action)
      if (m) problems.push(m)
      if (error.issues !== undefined) {
        if (!Array.isArray(error.issues)) problems.push('issues is not an array')
        else
          for (const issue of error.issues) {
            if (typeof issue?.path !== 'string') problems.push(`issue path ${JSON.stringify(issue?.path)}`)
            const im = messageProblem(`issue ${issue?.path}`, issue?.message, null)
            if (im) problems.push(im)
          }
      }
    }
    if (!sameState(before, after)) problems.push(`a refusal wrote: ${JSON.stringify(before)} → ${JSON.stringify(after)}`)
  }
  const pollution = prototypeProblem()
  if (pollution) problems.push(pollution)
  return problems
}

/** Runs one case; throws with every problem found (fast-check then reports the recipe). */
export async function runCase(world: World, r: Recipe): Promise<{ built: BuiltCase; status: number }> {
  const built = buildCase(world, r)
  const before = world.probe.snapshot()
  const reply = await world.transport.send(built.fn, built.body, built.openid)
  const after = world.probe.snapshot()
  const problems = replyProblems(built, reply, before, after, world.probe)
  if (problems.length > 0) {
    const shown = built.body.length > 600 ? `${built.body.slice(0, 600)}… (${built.body.length} chars)` : built.body
    throw new Error(`${built.label}\n  body: ${shown}\n  reply ${reply.status}: ${JSON.stringify(reply.body ?? reply.raw).slice(0, 600)}\n  - ${problems.join('\n  - ')}`)
  }
  return { built, status: reply.status }
}
