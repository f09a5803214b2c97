// Issue 17 items 3 and 4 on the CloudBase adapter, over the limit-modelling stand-in
// (fake-wx-server-sdk.ts: 1 MB per function reply, -604001; documents skip() walks past, metered;
// the declared indexes enforced):
// - admin.export of 10,000 filings: the CSV in the reply (how it was done before) is refused by the
//   reply limit; written to cloud storage, the reply is a short link and the file holds every row;
// - deep list pages found by key after a cursor walk past no document; by offset they walk thousands.
import { dispatch } from '../../src/backend/router'
import type { Ctx } from '../../src/backend/context'
import { DEV_STANDIN } from '../../src/backend/identity/port'
import { cloudbaseAccessLog } from '../../src/backend/store/access-log-cloudbase'
import { COLLECTIONS, cloudbaseFiles, cloudbaseStore } from '../../src/backend/store/cloudbase'
import type { StaffMember, Store } from '../../src/backend/store/port'
import { EXPORT_LINK_SECONDS, type FileStore } from '../../src/backend/files/port'
import { addDays } from '../../src/rules'
import { residentId, submitEntry, temporaryFiling } from './builders'
import { FakeWxCloud, RESULT_LIMIT, functionReply } from './fake-wx-server-sdk'

const STAFF: StaffMember = { openid: 'admin-a', name: '张科员', roles: ['query', 'review'] }
const OTHER_STAFF: StaffMember = { openid: 'admin-b', name: '李科长', roles: ['query'] }
const NOW = new Date('2026-11-22T04:00:00.000Z')
const TODAY = '2026-11-22'

async function environment(filings: number) {
  const cloud = new FakeWxCloud()
  const db = cloud.database()
  for (const name of COLLECTIONS) await db.createCollection(name)
  for (const member of [STAFF, OTHER_STAFF]) cloud.put('staff', { _id: member.openid, name: member.name, roles: member.roles })
  const store = cloudbaseStore(db)
  const files = cloudbaseFiles(cloud, db)
  // Spread over 200 days, so that the sort keys tie in runs of about 50 (the cursor's _id breaks them).
  const made = Array.from({ length: filings }, (_, i) =>
    temporaryFiling({
      owner: `o-${i}`,
      filedOn: addDays('2026-05-01', i % 200),
      applicant: { name: i % 3 === 0 ? '王秀兰' : '李建国', idNumber: residentId('511702', '19580612', String(i % 1000).padStart(3, '0')), phone: '13812345678' },
    }),
  )
  for (let i = 0; i < made.length; i += 100) {
    const batch = made.slice(i, i + 100)
    const results = await Promise.all(batch.map((filing) => store.createFiling(filing, submitEntry(filing))))
    expect(results.every((result) => result.kind === 'created')).toBe(true)
  }
  return { cloud, db, store, files }
}

function staffCtx(store: Store, files: FileStore, db: ReturnType<FakeWxCloud['database']>, staff: StaffMember = STAFF, now = NOW): Ctx {
  return {
    caller: { openid: staff.openid, staff },
    now,
    store,
    files,
    verifier: DEV_STANDIN,
    config: { reminderTemplateId: null, spotCheckRate: 0, rateLimits: { submit: { max: 1, windowSeconds: 1 }, verifyIdentity: { max: 1, windowSeconds: 1 }, upload: { max: 1, windowSeconds: 1 } } },
    accessLog: cloudbaseAccessLog(db),
  }
}

/** What WeChat hands the caller: the function's reply, refused past 1 MB. */
async function call(ctx: Ctx, action: string, data: unknown) {
  const { reply } = await dispatch('admin', { action, data }, ctx)
  return functionReply(reply) as { ok: boolean; data?: any; error?: { code: string; message: string; issues?: { path: string }[] } }
}

const csvRows = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '')

describe('admin.export at a province’s scale (10,000 filings, CloudBase stand-in)', () => {
  let env: Awaited<ReturnType<typeof environment>>

  beforeAll(async () => {
    env = await environment(10_000)
  }, 120_000)

  it('fails the old way (the whole CSV in the function reply: -604001) and succeeds as a file with the same 10,000 rows', async () => {
    const ctx = staffCtx(env.store, env.files, env.db)
    const before = env.cloud.meter()
    const reply = await call(ctx, 'export', { filters: {} })
    expect(reply.ok).toBe(true)
    expect(reply.data).toEqual({
      filename: `异地就医备案-${TODAY}.csv`,
      contentType: 'text/csv; charset=utf-8',
      rows: 10_000,
      url: expect.stringMatching(/^https:\/\/.*\/exports\/admin-a\/x_[0-9a-f]{32}\.csv\?sign=[0-9a-f]+&t=600$/),
      expiresAt: new Date(NOW.getTime() + EXPORT_LINK_SECONDS * 1000).toISOString(),
    })
    // Read by key, slice after slice: no document walked past.
    expect(env.cloud.meter().skipped - before.skipped).toBe(0)
    // The reply is a link, not the data.
    expect(Buffer.byteLength(JSON.stringify(reply))).toBeLessThan(1024)

    // The file: every filing once, masked, with the header row, BOM and CRLF.
    const objectId = env.cloud.objectIds().find((id) => /\/exports\/admin-a\/x_[0-9a-f]{32}\.csv$/.test(id))!
    const csv = (await env.cloud.downloadFile({ fileID: objectId })).fileContent.toString('utf8')
    expect(csv.startsWith('\uFEFF备案编号,状态,参保地,人员类别,姓名,证件类型,证件号码,联系电话,就医地,开始日期,有效期至,备案日期,代办人\r\n')).toBe(true)
    const rows = csvRows(csv)
    expect(rows).toHaveLength(10_001)
    const ids = rows.slice(1).map((row) => row.split(',')[0])
    expect(new Set(ids).size).toBe(10_000)
    expect(ids.sort()).toEqual((await env.store.exportAll({}, TODAY)).map((filing) => filing.id).sort())
    expect(csv).toContain('138****5678')
    expect(csv).not.toMatch(/\d{17}[\dX]/)
    // filedOn order, as the export always was.
    const filedOn = rows.slice(1).map((row) => row.split(',')[11])
    expect(filedOn).toEqual([...filedOn].sort())

    // The old way: the same CSV inside the reply. WeChat refuses it.
    expect(Buffer.byteLength(csv)).toBeGreaterThan(RESULT_LIMIT)
    expect(() => functionReply({ ok: true, data: { filename: reply.data.filename, contentType: reply.data.contentType, rows: 10_000, csv } })).toThrow(
      expect.objectContaining({ errCode: -604001 }),
    )

    // The maker reads it while the link works; nobody else does, and nobody after.
    const id = /x_[0-9a-f]{32}/.exec(objectId)![0]
    expect((await env.files.readExport(id, STAFF.openid, NOW))?.bytes.length).toBe(Buffer.byteLength(csv))
    expect(await env.files.readExport(id, OTHER_STAFF.openid, NOW)).toBeNull()
    expect(await env.files.readExport(id, STAFF.openid, new Date(NOW.getTime() + (EXPORT_LINK_SECONDS + 1) * 1000))).toBeNull()
    // Never a proof: no proof route reads it.
    expect(await env.files.stat(id)).toBeNull()
    expect(await env.files.usage(STAFF.openid)).toEqual({ files: 0, bytes: 0 })
  }, 120_000)

  it('deletes the maker’s expired exports at their next export, and any export with the purge of unattached uploads', async () => {
    const later = new Date(NOW.getTime() + 3600_000)
    const first = await call(staffCtx(env.store, env.files, env.db, STAFF, later), 'export', { filters: { q: '王' } })
    expect(first.data.rows).toBe(3334)
    const objects = () => env.cloud.objectIds().filter((id) => id.includes('/exports/'))
    // The export of the test before (an hour old) went; this one stays.
    expect(objects()).toHaveLength(1)
    // Another staff member's export stays until the purge, which takes it 24 hours on.
    await call(staffCtx(env.store, env.files, env.db, OTHER_STAFF, later), 'export', { filters: { state: ['cancelled'] } })
    expect(objects()).toHaveLength(2)
    await env.files.purgeUnattached(new Date(later.getTime() + 1000), new Date(later.getTime() + 25 * 3600_000))
    expect(objects()).toHaveLength(0)
  }, 120_000)

  it('pages deep into the list by key: no document skipped, where offsets walk thousands', async () => {
    const ctx = staffCtx(env.store, env.files, env.db)
    const sort = { key: 'filedOn', direction: 'desc' } as const
    const start = env.cloud.meter()
    let reply = await call(ctx, 'list', { filters: {}, sort, page: 1, pageSize: 100 })
    const seen = new Set<string>(reply.data.items.map((item: { id: string }) => item.id))
    for (let page = 2; page <= 100; page += 1) {
      reply = await call(ctx, 'list', { filters: {}, sort, page, pageSize: 100, after: reply.data.next })
      expect(reply.ok).toBe(true)
      for (const item of reply.data.items) seen.add(item.id)
    }
    expect(seen.size).toBe(10_000)
    expect(reply.data.next).toBeNull()
    expect(env.cloud.meter().skipped - start.skipped).toBe(0)

    // By offset the same last page would walk 9,900 documents, on every request: refused past DEEP_OFFSET.
    const deep = await call(ctx, 'list', { filters: {}, sort, page: 100, pageSize: 100 })
    expect(deep).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'page' }] } })
    const offset = env.cloud.meter()
    await env.store.search({ filters: {}, today: TODAY, sort, page: 100, pageSize: 100 })
    expect(env.cloud.meter().skipped - offset.skipped).toBe(9_900)

    // A cursor made for another sort, or not made here: refused, not guessed at.
    const stale = await call(ctx, 'list', { filters: {}, sort: { key: 'startDate', direction: 'asc' }, page: 2, pageSize: 100, after: reply.data.next ?? (await call(ctx, 'list', { filters: {}, sort, page: 1, pageSize: 100 })).data.next })
    expect(stale).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'after' }] } })
    const forged = await call(ctx, 'list', { filters: {}, sort, page: 2, pageSize: 100, after: 'AAAA' })
    expect(forged).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'after' }] } })
  }, 120_000)
})
