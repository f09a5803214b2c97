// The bundled cloud functions (cloudfunctions/<name>/index.js as `npm run build:cloud` makes them),
// loaded with wx-server-sdk replaced by the in-memory stand-in. Not a substitute for trying them in
// WeChat DevTools: it checks our side — identity only from getWXContext, staff from the collection,
// uploads, reminders — against the SDK calls as the stand-in models them.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PRIVACY_NOTICE_VERSION, addDays, addMonths, shanghaiDate } from '../../src/rules'
import { COLLECTIONS } from '../../src/backend/store/cloudbase'
import { startFakeWechatApi, type FakeWechatApi } from './fake-wechat-api'
import { FakeWxCloud, RESULT_LIMIT, functionReply, invoke, manifestTimeouts, modelledDate, spendOnOpenApi } from './fake-wx-server-sdk'
import { residentId } from '../rules/fixtures'

type Main = (event?: unknown) => Promise<{ ok: boolean; data?: any; error?: { code: string; message: string; issues?: unknown[] } }>

const outDir = mkdtempSync(join(tmpdir(), 'yd-cloud-'))
const cloud = new FakeWxCloud()
const db = cloud.database()
const deleted: string[] = []
const sent: unknown[] = []
/** The next sends' failures, in order (wx-server-sdk's openapi rejects with WeChat's errcode as errCode). */
const sendFailures: Error[] = []
const wechatError = (errCode: number) => Object.assign(new Error(`openapi.subscribeMessage.send:fail ${errCode}`), { errCode })
let openid = ''

const sdk = {
  DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
  init: () => undefined,
  database: () => db,
  getWXContext: () => ({ OPENID: openid, APPID: 'wx-test', UNIONID: '' }),
  uploadFile: (options: { cloudPath: string; fileContent: Buffer }) => cloud.uploadFile(options),
  downloadFile: (options: { fileID: string }) => cloud.downloadFile(options),
  getTempFileURL: (options: { fileList: { fileID: string; maxAge: number }[] }) => cloud.getTempFileURL(options),
  deleteFile: async (options: { fileList: string[] }) => {
    deleted.push(...options.fileList)
    return cloud.deleteFile(options)
  },
  openapi: {
    subscribeMessage: {
      send: async (message: unknown) => {
        await spendOnOpenApi()
        const failure = sendFailures.shift()
        if (failure) throw failure
        sent.push(message)
      },
    },
  },
}

/** Each function's timeout (s) as cloudbaserc.json deploys it. */
const TIMEOUTS = manifestTimeouts()

/**
 * Loads a bundle as WeChat would run it, with our stand-in as `wx-server-sdk`: each call within the
 * function's timeout of modelled time (the stand-in's invoke; its clock is the modelled one), its reply
 * within 1 MB.
 */
function load(name: string, timeoutSeconds = TIMEOUTS[name]): Main {
  const code = readFileSync(join(outDir, name, 'index.js'), 'utf8')
  const module = { exports: {} as { main: Main } }
  const load = (id: string) => (id === 'wx-server-sdk' ? sdk : require(id))
  new Function('module', 'exports', 'require', 'Date', code)(module, module.exports, load, modelledDate())
  const main = module.exports.main
  // What reaches the caller: WeChat refuses a reply over 1 MB.
  return async (event) => functionReply(await invoke(name, timeoutSeconds, () => main(event)))
}

const as = (who: string) => {
  openid = who
}

let fns: Record<'filing' | 'admin' | 'upload' | 'reminders', Main>
let wechat: FakeWechatApi

const ENV = ['REMINDER_TEMPLATE_ID', 'WX_APPID', 'WX_APPSECRET', 'WX_API_BASE', 'DATA_KEY', 'DATA_KEY_ID'] as const

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build-cloud.mjs', outDir], { stdio: 'pipe' })
  for (const name of COLLECTIONS) await db.createCollection(name)
  wechat = await startFakeWechatApi()
  Object.assign(process.env, {
    REMINDER_TEMPLATE_ID: 'tmpl-expiry',
    WX_APPID: wechat.appId,
    WX_APPSECRET: wechat.appSecret,
    WX_API_BASE: wechat.url,
    // The data key as a CloudBase environment variable would give it (32 bytes, base64).
    DATA_KEY: Buffer.alloc(32, 9).toString('base64'),
    DATA_KEY_ID: 'cloud1',
  })
  fns = { filing: load('filing'), admin: load('admin'), upload: load('upload'), reminders: load('reminders') }
}, 60_000)

afterAll(async () => {
  for (const name of ENV) delete process.env[name]
  await wechat.close()
  rmSync(outDir, { recursive: true, force: true })
})

/** 实名认证 as the deployed function runs it: start a face session, pass the face check on the phone, confirm. */
async function verifyAs(who: string, person: { name: string; idNumber: string }, verifyRet = 10000) {
  as(who)
  const claim = { name: person.name, idType: 'resident_id', idNumber: person.idNumber, consent: { version: PRIVACY_NOTICE_VERSION, sensitive: true } }
  const started = await fns.filing({ action: 'verifyIdentity', data: claim })
  expect(started).toEqual({ ok: true, data: { verified: false, verifyId: expect.any(String) } })
  wechat.face(started.data.verifyId, verifyRet)
  return fns.filing({ action: 'verifyIdentity', data: { ...claim, verifyResult: started.data.verifyId } })
}

// The bundles use the real clock: dates are relative to today in Beijing.
const today = shanghaiDate(new Date())

function retiree(requestId: string, overrides: Record<string, unknown> = {}) {
  return {
    requestId,
    policyId: 'dazhou',
    category: 'resettled_retiree',
    applicant: { name: '王秀兰', idType: 'resident_id', idNumber: residentId('511702', '19580612', '024'), phone: '13812345678' },
    destination: { provinceCode: '440000', cityCode: '440300' },
    startDate: today,
    commitment: { accepted: true, signature: '王秀兰' },
    ...overrides,
  }
}

test('filing.submit through the bundle: identity from getWXContext, an openid in the event ignored', async () => {
  as('o-wang')
  expect(await fns.filing({ action: 'submit', data: retiree('req-cloud-00000') })).toEqual({
    ok: false,
    error: { code: 'UNVERIFIED', message: '请先完成实名认证，再办理备案' },
  })
  expect(await verifyAs('o-wang', retiree('').applicant)).toMatchObject({ ok: true, data: { verified: true, method: 'wechat_face', name: '王秀兰' } })
  const reply = await fns.filing({ action: 'submit', data: retiree('req-cloud-00001'), openid: 'o-someone', userInfo: { openId: 'o-someone' } })
  expect(reply).toMatchObject({ ok: true, data: { status: 'active', validUntil: null } })
  as('o-someone')
  expect(await fns.filing({ action: 'mine', data: {} })).toMatchObject({ ok: true, data: { filings: [] } })
  as('o-wang')
  expect((await fns.filing({ action: 'mine', data: {} })).data.filings).toHaveLength(1)
})

test('no OPENID → UNAUTHENTICATED; a malformed event → VALIDATION; never a throw', async () => {
  as('')
  expect(await fns.filing({ action: 'mine' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  as('o-wang')
  expect(await fns.filing(undefined)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  expect(await fns.filing({ action: 'drop' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
})

test('admin: staff come from the staff collection, checked on every call; lists are masked', async () => {
  as('o-clerk')
  expect(await fns.admin({ action: 'list', data: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  await db.collection('staff').add({ data: { _id: 'o-clerk', name: '张经办' } })
  const reply = await fns.admin({ action: 'list', data: {} })
  expect(reply).toMatchObject({ ok: true, data: { total: 1, items: [{ name: '王秀兰', idNumber: expect.stringMatching(/^511\*+\w{4}$/), phone: '138****5678' }] } })
})

test('admin.export of 10,000 rows: the CSV in the reply (the old way) is refused with -604001; as a file behind a link it goes through', async () => {
  as('o-exporter')
  await db.collection('staff').add({ data: { _id: 'o-exporter', name: '导出员', roles: ['export'] } })
  const [model] = cloud.peek('filings')
  const copies = Array.from({ length: 10_000 }, (_, i) => `${model._id}-copy${i}`)
  for (const id of copies) cloud.put('filings', { ...model, _id: id })
  try {
    const reply = await fns.admin({ action: 'export', data: {} })
    expect(reply).toMatchObject({ ok: true, data: { rows: 10_001, url: expect.stringMatching(/\/exports\/o-exporter\/x_[0-9a-f]{32}\.csv\?/) } })
    expect(Buffer.byteLength(JSON.stringify(reply))).toBeLessThan(1024)
    const fileID = cloud.objectIds().find((id) => id.includes('/exports/o-exporter/'))!
    const csv = (await cloud.downloadFile({ fileID })).fileContent.toString('utf8')
    expect(csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean)).toHaveLength(10_002)
    // The same CSV inside the reply, as admin.export answered before: WeChat refuses it.
    expect(() => functionReply({ ...reply, data: { ...reply.data, csv } })).toThrow(expect.objectContaining({ errCode: -604001 }))
  } finally {
    for (const id of copies) cloud.drop('filings', id)
  }
  // The same export of a few rows fits.
  const small = await fns.admin({ action: 'export', data: {} })
  expect(small).toMatchObject({ ok: true, data: { rows: cloud.peek('filings').length } })
  expect(Buffer.byteLength(JSON.stringify(small))).toBeLessThan(RESULT_LIMIT)
}, 60_000)

test('upload: a temporary proof is checked by its first bytes, kept privately, and the temporary copy removed', async () => {
  as('o-liu')
  // The client asks where to upload: its own folder, named by the function from getWXContext.
  expect(await fns.upload({ prefix: true })).toEqual({ ok: true, data: { prefix: 'uploads/tmp/o-liu/' } })
  const { fileID } = await cloud.uploadFile({ cloudPath: 'uploads/tmp/o-liu/abcd1234efgh.pdf', fileContent: Buffer.from('%PDF-1.7\n') })
  const kept = await fns.upload({ fileID })
  expect(kept).toMatchObject({ ok: true, data: { fileId: expect.any(String) } })
  expect(deleted).toContain(fileID)

  // Refused for its bytes: the temporary copy is deleted all the same.
  const { fileID: fake } = await cloud.uploadFile({ cloudPath: 'uploads/tmp/o-liu/zzzz1234efgh.pdf', fileContent: Buffer.from('<script>') })
  expect(await fns.upload({ fileID: fake })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '请上传 JPG、PNG 图片或 PDF 文件' } })
  expect(deleted).toContain(fake)
  expect(cloud.objectIds()).not.toContain(fake)

  // deleteFile succeeds as a call while refusing the one file (status non-zero): that is logged, not ignored.
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  try {
    const { fileID: gone } = await cloud.uploadFile({ cloudPath: 'uploads/tmp/o-liu/gone1234efgh.pdf', fileContent: Buffer.from('%PDF-1.7\n') })
    const remove = sdk.deleteFile
    sdk.deleteFile = async ({ fileList }) => ({ fileList: fileList.map((id) => ({ fileID: id, status: -503002, errMsg: 'STORAGE_FILE_DELETE_FAIL' })) }) as never
    try {
      expect(await fns.upload({ fileID: gone })).toMatchObject({ ok: true })
    } finally {
      sdk.deleteFile = remove
    }
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`temporary file not deleted: ${gone} status -503002`)))
  } finally {
    warn.mockRestore()
  }
  expect(await fns.upload({ fileID: 'cloud://env.bucket/proofs/o-wang/secret' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  // The old shared folder is no longer taken.
  const { fileID: shared } = await cloud.uploadFile({ cloudPath: 'uploads/tmp/abcd1234efgh.pdf', fileContent: Buffer.from('%PDF-1.7\n') })
  expect(await fns.upload({ fileID: shared })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })

  await verifyAs('o-liu', { name: '刘芳', idNumber: residentId('210102', '19600101', '042') })

  const filing = await fns.filing({
    action: 'submit',
    data: retiree('req-cloud-00002', {
      applicant: { name: '刘芳', idType: 'resident_id', idNumber: residentId('210102', '19600101', '042'), phone: '13612345678' },
      commitment: undefined,
      materials: [{ kind: 'hukou', fileId: kept.data.fileId }],
    }),
  })
  expect(filing).toMatchObject({ ok: true, data: { materials: [{ kind: 'hukou', fileId: kept.data.fileId }] } })

  // The mini-program cannot read the private copy itself: the owner gets a short-lived link to it.
  const link = await fns.filing({ action: 'proofLink', data: { fileId: kept.data.fileId } })
  expect(link).toEqual({ ok: true, data: { url: expect.stringMatching(/^https:\/\/.+\/proofs\/o-liu\/f_[0-9a-f]{32}\?sign=/), contentType: 'application/pdf' } })
  as('o-stranger')
  expect(await fns.filing({ action: 'proofLink', data: { fileId: kept.data.fileId } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  as('o-liu')
})

test("upload: another person's temporary file is refused and left alone; no caller, nothing", async () => {
  as('o-victim')
  const { fileID } = await cloud.uploadFile({ cloudPath: 'uploads/tmp/o-victim/victim12345678.pdf', fileContent: Buffer.from('%PDF-1.7\n%victim\n') })
  as('o-thief')
  const before = deleted.length
  expect(await fns.upload({ fileID })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  // A look-alike folder name (a prefix of the caller's openid) is not the caller's folder either.
  as('o-victim-2')
  expect(await fns.upload({ fileID })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  as('')
  expect(await fns.upload({ fileID })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  expect(await fns.upload({ prefix: true })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  expect(deleted.slice(before)).toEqual([])
  expect((await cloud.downloadFile({ fileID })).fileContent.toString()).toContain('%victim')
  // Its owner still can.
  as('o-victim')
  expect(await fns.upload({ fileID })).toMatchObject({ ok: true, data: { fileId: expect.stringMatching(/^f_/) } })
  expect(deleted).toContain(fileID)
})

test('upload: refused past the rate limit, the temporary copy still deleted', async () => {
  as('o-busy')
  // The limits are read once per warm instance (the defaults here: 60 uploads an hour).
  let refused: { fileID: string; reply: Awaited<ReturnType<Main>> } | null = null
  for (let i = 0; i < 70 && !refused; i += 1) {
    const { fileID } = await cloud.uploadFile({ cloudPath: `uploads/tmp/o-busy/busy${String(i).padStart(8, '0')}.pdf`, fileContent: Buffer.from(`%PDF-1.7\n%${i}\n`) })
    const reply = await fns.upload({ fileID })
    expect(deleted).toContain(fileID)
    if (!reply.ok) refused = { fileID, reply }
  }
  expect(refused?.reply).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringMatching(/[\u4e00-\u9fff]/) } })
})

test('reminders: a call from a person (with an OPENID) is refused; only the timer runs it', async () => {
  as('o-anyone')
  expect(await fns.reminders()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await fns.reminders({ TriggerName: 'hourly-upload-purge' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  as('')
  expect(await fns.reminders({ TriggerName: 'hourly-upload-purge' })).toMatchObject({ ok: true, data: { purged: expect.any(Number) } })
})

test("reminders: the operator's upgrade task runs without an OPENID only, and finds this build's documents up to date", async () => {
  as('o-anyone')
  expect(await fns.reminders({ task: 'upgrade-store' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  as('')
  expect(await fns.reminders({ task: 'upgrade-store' })).toEqual({ ok: true, data: { upgraded: { filings: 0, history: 0, identities: 0, next: null } } })
})

test('reminders: one subscribe message per filing ending within 30 days, once', async () => {
  await verifyAs('o-zhao', { name: '赵磊', idNumber: residentId('511702', '19700505', '013') })
  const start = addDays(addMonths(today, -6), 10)
  const referral = await fns.filing({
    action: 'submit',
    data: retiree('req-cloud-00003', {
      category: 'referral',
      applicant: { name: '赵磊', idType: 'resident_id', idNumber: residentId('511702', '19700505', '013'), phone: '13512345678' },
      commitment: { accepted: true, signature: '赵磊' },
      destination: { provinceCode: '110000' },
      startDate: start,
      referral: { hospitalName: '达州市中心医院', hospitalLevel: 'grade3a', certificateDate: start },
    }),
  })
  expect(referral.data.validUntil).toBe(addMonths(start, 6))
  as('')
  // A budget too short for one filing: nothing is recorded, and the filing stays due for the next run.
  process.env.REMINDER_BUDGET_MS = '1'
  expect(await fns.reminders()).toMatchObject({ ok: true, data: { created: 0, sent: 0, deferred: 1 } })
  delete process.env.REMINDER_BUDGET_MS
  expect(sent).toEqual([])
  // Recorded, then the send fails: the reminder stays unsent, and the next run sends it again.
  sendFailures.push(wechatError(-1))
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  try {
    expect(await fns.reminders()).toMatchObject({ ok: true, data: { created: 1, sent: 0, failed: 1, retried: 0, deferred: 0 } })
  } finally {
    warn.mockRestore()
  }
  expect(await fns.reminders()).toMatchObject({ ok: true, data: { created: 0, sent: 1, failed: 0, retried: 1 } })
  // The template's `date` field takes 年月日, not an ISO date.
  const [y, m, d] = addMonths(start, 6).split('-').map(Number)
  expect(sent).toEqual([
    expect.objectContaining({ touser: 'o-zhao', templateId: 'tmpl-expiry', data: expect.objectContaining({ date2: { value: `${y}年${m}月${d}日` } }) }),
  ])
  expect(await fns.reminders()).toMatchObject({ ok: true, data: { created: 0, sent: 0, retried: 0 } })
})

test('reminders: a 43101 refusal (no subscription left) is recorded and never retried', async () => {
  const person = { name: '孙倩', idNumber: residentId('511702', '19720606', '028') }
  await verifyAs('o-sun', person)
  const start = addDays(addMonths(today, -6), 12)
  const referral = await fns.filing({
    action: 'submit',
    data: retiree('req-cloud-00004', {
      category: 'referral',
      applicant: { ...person, idType: 'resident_id', phone: '13512345679' },
      commitment: { accepted: true, signature: person.name },
      destination: { provinceCode: '110000' },
      startDate: start,
      referral: { hospitalName: '达州市中心医院', hospitalLevel: 'grade3a', certificateDate: start },
    }),
  })
  expect(referral).toMatchObject({ ok: true })
  as('')
  const before = sent.length
  sendFailures.push(wechatError(43101))
  expect(await fns.reminders()).toMatchObject({ ok: true, data: { created: 1, sent: 0, failed: 0, refused: 1 } })
  expect(cloud.peek('reminders').find((r) => r.filingId === referral.data.id)).toMatchObject({ sentAt: null, refusedAt: expect.any(String) })
  expect(await fns.reminders()).toMatchObject({ ok: true, data: { created: 0, sent: 0, retried: 0, refused: 0 } })
  expect(sent.length).toBe(before)
})

describe('实名认证 through the bundle: WeChat 人脸核身 2.0, checked with WeChat, never taken on trust', () => {
  const person = { name: '孙立', idNumber: residentId('110101', '19620304', '051') }

  test('a passed face check verifies the caller; the reply masks the ID number', async () => {
    const verified = await verifyAs('o-sun', person)
    expect(verified).toEqual({
      ok: true,
      data: { verified: true, name: '孙立', idType: 'resident_id', idTypeLabel: '居民身份证', idNumberMasked: expect.stringMatching(/^110\*+\w{4}$/), method: 'wechat_face', verifiedAt: expect.any(String), consentCurrent: true },
    })
    expect(await fns.filing({ action: 'identity', data: {} })).toEqual(verified)
    // WeChat was asked with the documented fields: cert_info on start; verify_id, out_seq_no, cert_hash, openid on the check.
    const [start, check] = wechat.calls.filter((c) => c.path.startsWith('/cityservice')).slice(-2)
    expect(start.body).toEqual({ out_seq_no: expect.stringMatching(/^[A-Za-z0-9_-]{5,32}$/), cert_info: { cert_type: 'IDENTITY_CARD', cert_name: '孙立', cert_no: person.idNumber }, openid: 'o-sun' })
    expect(check.body).toEqual({ verify_id: expect.any(String), out_seq_no: start.body.out_seq_no, cert_hash: expect.stringMatching(/^[0-9a-f]{64}$/), openid: 'o-sun' })
  })

  test('a cancelled or failed face check verifies nothing, and says what to do', async () => {
    expect(await verifyAs('o-cancel', person, 90002)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: '人脸核身已取消，请重新核验', issues: [{ path: 'verifyResult', message: '人脸核身已取消，请重新核验' }] },
    })
    expect(await verifyAs('o-fail', person, 90011)).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'verifyResult' }] } })
    as('o-fail')
    expect(await fns.filing({ action: 'identity', data: {} })).toEqual({ ok: true, data: { verified: false } })
  })

  test("a session is good only for the openid and the claim it was started with", async () => {
    as('o-first')
    const claim = { name: person.name, idType: 'resident_id', idNumber: person.idNumber, consent: { version: PRIVACY_NOTICE_VERSION, sensitive: true } }
    const started = await fns.filing({ action: 'verifyIdentity', data: claim })
    wechat.face(started.data.verifyId, 10000)
    // Another account presenting the same session, or the same account with another name: refused.
    as('o-second')
    expect(await fns.filing({ action: 'verifyIdentity', data: { ...claim, verifyResult: started.data.verifyId } })).toMatchObject({ ok: false, error: { issues: [{ path: 'verifyResult' }] } })
    as('o-first')
    expect(await fns.filing({ action: 'verifyIdentity', data: { ...claim, name: '孙丽', verifyResult: started.data.verifyId } })).toMatchObject({ ok: false, error: { issues: [{ path: 'verifyResult' }] } })
    expect(await fns.filing({ action: 'verifyIdentity', data: { ...claim, verifyResult: started.data.verifyId } })).toMatchObject({ ok: true, data: { verified: true } })
  })

  test('only 居民身份证 can be face-checked; an expired access token is renewed once', async () => {
    as('o-hk')
    const permit = await fns.filing({ action: 'verifyIdentity', data: { name: '陈大文', idType: 'hmt_residence_permit', idNumber: residentId('810000', '19800101', '011'), consent: { version: PRIVACY_NOTICE_VERSION, sensitive: true } } })
    expect(permit).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'idType', message: expect.stringContaining('只支持居民身份证') }] } })
    wechat.expireToken()
    expect(await verifyAs('o-token', person)).toMatchObject({ ok: true, data: { verified: true } })
  })
})

describe('the time budget: each function within its cloudbaserc.json timeout, in modelled time', () => {
  const N = 25
  const people = Array.from({ length: N }, (_, i) => ({ name: '钱多多', idNumber: residentId('511702', '19660707', String(300 + i)) }))

  test('the reminder run with REMINDER_BUDGET_MS=40000 overruns the old 3 s default (-504003) and fits the manifest’s 60 s', async () => {
    expect(TIMEOUTS).toEqual({ filing: 20, admin: 60, upload: 20, reminders: 60 })
    const start = addDays(addMonths(today, -6), 14)
    for (const [i, person] of people.entries()) {
      await verifyAs(`o-budget-${i}`, person)
      const reply = await fns.filing({
        action: 'submit',
        data: retiree(`req-budget-${String(i).padStart(5, '0')}`, {
          category: 'referral',
          applicant: { ...person, idType: 'resident_id', phone: '13512340000' },
          commitment: { accepted: true, signature: person.name },
          destination: { provinceCode: '110000' },
          startDate: start,
          referral: { hospitalName: '达州市中心医院', hospitalLevel: 'grade3a', certificateDate: start },
        }),
      })
      expect(reply).toMatchObject({ ok: true })
    }
    as('')
    const before = sent.length
    process.env.REMINDER_BUDGET_MS = '40000'
    try {
      // Each due filing costs a reminder's add, the send and its mark (about 8 requests' worth): 25 are
      // several seconds of modelled time, past 3 s.
      const oldDefault = load('reminders', 3)
      await expect(oldDefault()).rejects.toMatchObject({ errCode: -504003, message: expect.stringContaining('Invoking task timed out after 3 seconds') })
      const sentWhileKilled = sent.length - before
      expect(sentWhileKilled).toBeLessThan(N)
      // The manifest's 60 s: the run finishes, and every filing is reminded (the one caught between its
      // send and its mark may be sent once more: recorded before sending, retried after).
      expect(await fns.reminders()).toMatchObject({ ok: true })
      const reminded = (sent.slice(before) as { touser: string }[]).map((m) => m.touser)
      for (let i = 0; i < N; i += 1) expect(reminded).toContain(`o-budget-${i}`)
      expect(reminded.length).toBeLessThanOrEqual(N + 1)
    } finally {
      delete process.env.REMINDER_BUDGET_MS
    }
  })

  test('the upgrade of an older build’s filings goes on over several runs, each within the manifest’s 60 s', async () => {
    // As an older build left them: every filing uncounted, no counters.
    for (const shard of cloud.peek('counters')) cloud.drop('counters', String(shard._id))
    for (const doc of cloud.peek('filings')) {
      const { counted: _counted, ...older } = doc
      cloud.put('filings', { ...older, _id: String(doc._id) })
    }
    const total = cloud.peek('filings').length
    as('')
    process.env.REMINDER_BUDGET_MS = '2000'
    try {
      const runs: { filings: number; next: string | null }[] = []
      let after: string | undefined
      do {
        const reply = (await fns.reminders({ task: 'upgrade-store', ...(after ? { after } : {}) })) as { ok: true; data: { upgraded: { filings: number; next: string | null } } }
        expect(reply).toMatchObject({ ok: true })
        runs.push(reply.data.upgraded)
        after = reply.data.upgraded.next ?? undefined
      } while (after && runs.length < 50)
      // A 2 s budget holds a few filings' transactions: more than one run, none killed, all counted once.
      expect(runs.length).toBeGreaterThan(1)
      expect(runs[runs.length - 1].next).toBeNull()
      expect(runs.reduce((n, run) => n + run.filings, 0)).toBe(total)
      expect(cloud.peek('filings').every((doc) => doc.counted === true)).toBe(true)
    } finally {
      delete process.env.REMINDER_BUDGET_MS
    }
  })
})

