// The deployed side of the backend: wx-server-sdk supplies identity, clock-free context, database
// and storage; everything else is the shared core. Identity comes only from getWXContext().OPENID:
// the X-Dev-* headers of the local server do not exist here.
import * as cloud from 'wx-server-sdk'
import { spotCheckRateFrom, type Ctx } from '../backend/context'
import { faceVerifierFrom } from '../backend/identity/wechat-face'
import { rateLimitsFrom } from '../backend/limits'
import type { Reply } from '../backend/protocol'
import { dispatch, failure } from '../backend/router'
import { cloudbaseFiles, cloudbaseStore, type CloudStorageApi, type Database } from '../backend/store/cloudbase'

type Ports = Pick<Ctx, 'store' | 'files' | 'verifier' | 'config'>
let ports: Ports | null = null

/** Built once per function instance (a warm instance reuses it). */
function ready(): Ports {
  if (!ports) {
    // The documented way to use the calling mini-program's environment; the typings expect a string.
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    // wx-server-sdk's typings return `Promise | void`; the adapter's interface names exactly the calls it makes.
    const db = cloud.database() as unknown as Database
    ports = {
      store: cloudbaseStore(db),
      files: cloudbaseFiles(cloud as unknown as CloudStorageApi, db),
      verifier: faceVerifierFrom(process.env),
      config: {
        reminderTemplateId: process.env.REMINDER_TEMPLATE_ID || null,
        spotCheckRate: spotCheckRateFrom(process.env.SPOT_CHECK_RATE),
        rateLimits: rateLimitsFrom(process.env),
      },
    }
  }
  return ports
}

export const sdk = cloud

/** The caller (staff from the `staff` collection, checked on every call) and the server clock. */
export async function context(): Promise<Ctx> {
  const { store, files, verifier, config } = ready()
  const openid = cloud.getWXContext().OPENID || null
  return { caller: { openid, staff: openid ? await store.staffMember(openid) : null }, now: new Date(), store, files, verifier, config }
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
