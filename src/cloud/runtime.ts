// The deployed side of the backend: wx-server-sdk supplies identity, clock-free context, database
// and storage; everything else is the shared core. Identity comes only from getWXContext().OPENID:
// the X-Dev-* headers of the local server do not exist here.
import * as cloud from 'wx-server-sdk'
import { spotCheckRateFrom, type Ctx } from '../backend/context'
import { faceVerifierFrom } from '../backend/identity/wechat-face'
import { rateLimitsFrom } from '../backend/limits'
import { uploadQuotaFrom } from '../backend/uploads'
import type { Reply } from '../backend/protocol'
import { dispatch, failure } from '../backend/router'
import { fieldCrypto, keyringFrom, type FieldCrypto } from '../backend/crypto/fields'
import { cloudbaseAccessLog } from '../backend/store/access-log-cloudbase'
import { cloudbaseFiles, cloudbaseStore, type CloudStorageApi, type Database } from '../backend/store/cloudbase'

type Ports = Pick<Ctx, 'store' | 'files' | 'verifier' | 'config' | 'accessLog'> & { db: Database; crypto: FieldCrypto }
let ports: Ports | null = null

/** Built once per function instance (a warm instance reuses it). */
function ready(): Ports {
  if (!ports) {
    // The documented way to use the calling mini-program's environment; the typings expect a string.
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    // wx-server-sdk's typings return `Promise | void`; the adapter's interface names exactly the calls it makes.
    const db = cloud.database() as unknown as Database
    // The key of the fields encrypted at rest: the function's environment variables (DATA_KEY, a
    // 32-byte key as base64; DATA_KEY_ID; DATA_KEYS_OLD for keys still readable after a rotation).
    // Without it the function refuses to run rather than store anything in the clear.
    const keyring = keyringFrom(process.env)
    if (!keyring) throw new Error('DATA_KEY is not set on this function (README: deploying, the data key)')
    const crypto = fieldCrypto(keyring)
    ports = {
      db,
      crypto,
      store: cloudbaseStore(db, crypto),
      files: cloudbaseFiles(cloud as unknown as CloudStorageApi, db),
      verifier: faceVerifierFrom(process.env),
      accessLog: cloudbaseAccessLog(db, crypto),
      config: {
        reminderTemplateId: process.env.REMINDER_TEMPLATE_ID || null,
        spotCheckRate: spotCheckRateFrom(process.env.SPOT_CHECK_RATE),
        rateLimits: rateLimitsFrom(process.env),
        uploadQuota: uploadQuotaFrom(process.env.UPLOAD_QUOTA),
      },
    }
  }
  return ports
}

export const sdk = cloud

/** The database and the field keys themselves, for an operator's maintenance task (cloud/reminders.ts). */
export function storage(): { db: Database; crypto: FieldCrypto } {
  const { db, crypto } = ready()
  return { db, crypto }
}

/** The caller (staff from the `staff` collection, checked on every call) and the server clock. */
export async function context(): Promise<Ctx> {
  const { store, files, verifier, config, accessLog } = ready()
  const openid = cloud.getWXContext().OPENID || null
  return { caller: { openid, staff: openid ? await store.staffMember(openid) : null }, now: new Date(), store, files, verifier, config, accessLog }
}

/**
 * The entry of a function that serves `fn`. The event is `{ action, data }`; WeChat adds `userInfo`,
 * and any openid a client puts in the event is ignored.
 */
export function serve(fn: string) {
  return async (event: { action?: unknown; data?: unknown } | undefined): Promise<Reply> => {
    try {
      const { reply } = await dispatch(fn, { action: event?.action, data: event?.data }, await context())
      return reply
    } catch (error) {
      return failure(fn, error).reply
    }
  }
}

/** Runs `work` with the context, turning any failure into a protocol reply. */
export async function run<T>(fn: string, work: (ctx: Ctx) => Promise<T>): Promise<Reply<T>> {
  try {
    return { ok: true, data: await work(await context()) }
  } catch (error) {
    return failure(fn, error).reply as Reply<T>
  }
}
