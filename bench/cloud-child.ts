// One cold start, in a fresh Node process spawned by bench/cloud.ts: set up the in-memory stand-in for
// wx-server-sdk (test/backend/fake-wx-server-sdk.ts), make `require('wx-server-sdk')` return it, load
// one bundle with require() as WeChat's runtime does, make its first call, print one JSON line, exit.
//
//   node bench/.data/cloud-child.js <bundle.js> <empty|filing|admin|upload|reminders>
//
// The set-up (stand-in, collections, a staff member, a temporary proof) is the same whatever the
// bundle, so the empty handler's start pays for it too and the difference is the bundle's own.
import Module from 'node:module'
import { performance } from 'node:perf_hooks'
import { FakeWxCloud } from '../test/backend/fake-wx-server-sdk'

type Main = (event?: unknown) => Promise<{ ok: boolean; error?: unknown }>

/**
 * The collections the functions use (created in the console when deployed), spelled out rather than
 * imported so this process loads nothing of the backend before the bundle; the type keeps the list
 * equal to src/backend/store/cloudbase.ts's COLLECTIONS (`npx tsc -p bench/tsconfig.json` fails when one
 * is added there). `rate_limits` is needed by the upload's first call (its use of the upload limit).
 */
const COLLECTIONS: typeof import('../src/backend/store/cloudbase').COLLECTIONS = ['filings', 'history', 'holdings', 'requests', 'files', 'reminders', 'staff', 'identities', 'rate_limits', 'access_log', 'counters']

/** The first calls: the cheapest meaningful one of each function. */
const FIRST_CALLS: Record<string, { openid: string; event: (tmp: string) => unknown }> = {
  // A public action (no identity, no database): what the wizard calls first.
  filing: { openid: '', event: () => ({ action: 'policies', data: {} }) },
  // Staff (looked up in the `staff` collection) asking for the dashboard over an empty database.
  admin: { openid: 'o-staff', event: () => ({ action: 'stats', data: {} }) },
  // A real upload: a PDF in uploads/tmp/ checked by its first bytes, counted against the upload rate
  // limit (rate_limits), kept, the temporary copy deleted.
  upload: { openid: 'o-person', event: (fileID) => ({ fileID }) },
  // The daily timer over an empty database.
  reminders: { openid: '', event: () => undefined },
  // exports.main = async () => ({ ok: true })
  empty: { openid: '', event: () => undefined },
}

async function main() {
  const started = performance.now()
  const [bundle, name] = process.argv.slice(2)
  const first = FIRST_CALLS[name]
  if (!bundle || !first) throw new Error('usage: cloud-child.js <bundle.js> <empty|filing|admin|upload|reminders>')

  const cloud = new FakeWxCloud()
  const db = cloud.database()
  for (const collection of COLLECTIONS) await db.createCollection(collection)
  await db.collection('staff').add({ data: { _id: 'o-staff', name: '张经办', roles: ['query', 'review'] } })
  const { fileID } = await cloud.uploadFile({ cloudPath: 'uploads/tmp/bench1234abcd.pdf', fileContent: Buffer.from('%PDF-1.7\n% bench\n%%EOF\n') })
  process.env.REMINDER_TEMPLATE_ID = 'tmpl-bench'
  if (!process.env.DATA_KEY) process.env.DATA_KEY = Buffer.alloc(32, 9).toString('base64')
  const sdk = {
    DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
    init: () => undefined,
    database: () => db,
    getWXContext: () => ({ OPENID: first.openid, APPID: 'wx-bench', UNIONID: '' }),
    uploadFile: (options: { cloudPath: string; fileContent: Buffer }) => cloud.uploadFile(options),
    downloadFile: (options: { fileID: string }) => cloud.downloadFile(options),
    deleteFile: async ({ fileList }: { fileList: string[] }) => ({ fileList: fileList.map((id) => ({ fileID: id, status: 0 })) }),
    openapi: { subscribeMessage: { send: async () => ({ errCode: 0 }) } },
  }
  // The same effect as the test's loader, but through Node's own require (as the cloud runtime loads index.js).
  const original = Module.prototype.require
  Module.prototype.require = function (this: NodeJS.Module, id: string) {
    return id === 'wx-server-sdk' ? sdk : original.call(this, id)
  } as typeof Module.prototype.require

  const setUp = performance.now()
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(bundle) as { main: Main }
  const required = performance.now()
  const reply = await loaded.main(first.event(fileID))
  const answered = performance.now()
  const text = JSON.stringify(reply)
  if (!reply || reply.ok !== true) {
    process.stderr.write(`first call failed: ${text.slice(0, 500)}\n`)
    process.exit(1)
  }
  // Times from this process's own origin: Node's start-up, the stand-in's set-up, require(), the call.
  const line = {
    ok: true,
    replyBytes: Buffer.byteLength(text),
    bootMs: started,
    setUpMs: setUp - started,
    requireMs: required - setUp,
    callMs: answered - required,
  }
  process.stdout.write(JSON.stringify(line) + '\n', () => process.exit(0))
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
