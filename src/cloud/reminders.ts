// Cloud function `reminders`: timers only (config.json). A timer call carries no OPENID; any call
// that does comes from a person (wx.cloud.callFunction) and is refused: the job is nobody's to run.
//
//   daily-expiry-reminders (09:00)  each person whose filing ends within 30 days gets one subscribe
//                                   message (template id from env REMINDER_TEMPLATE_ID); then the purge
//   hourly-upload-purge            only the purge of uploads no filing named within 24 hours
// and, daily, the retention policy (backend/retention.ts). Invoked by an operator (console or CLI, no
// OPENID) with `{ "task": "upgrade-store" }`, it brings an older build's documents up to this one
// (store/cloudbase-upgrade.ts) instead, in batches: while its answer's `upgraded.next` is not null,
// invoke it again with `{ "task": "upgrade-store", "after": <next> }`.
import { runHourlyJob } from '../backend/jobs'
import { fail } from '../backend/protocol'
import { purgeUnattachedUploads } from '../backend/uploads'
import { upgradeCloudbaseInPlace } from '../backend/store/cloudbase'
import { run, sdk, storage } from './runtime'

export const PURGE_TRIGGER = 'hourly-upload-purge'
export const UPGRADE_TASK = 'upgrade-store'

/**
 * The reminders' share of the function's timeout. CloudBase runs a function for 3 s unless its timeout
 * is set (the CLI's cloudbaserc.json `timeout`, 1–60 s, docs.cloudbase.net/en/cli-v1/functions/configs);
 * the default leaves the purge and retention the last second. Set REMINDER_BUDGET_MS with the timeout.
 */
export function reminderBudgetMs(setting: string | undefined): number {
  const ms = Number(setting)
  return Number.isFinite(ms) && ms > 0 ? ms : 2000
}

export async function main(event?: { TriggerName?: unknown; task?: unknown; after?: unknown }) {
  const started = Date.now()
  // The reminders' budget serves the upgrade too: both stop in time and leave the rest to the next run.
  const deadline = started + reminderBudgetMs(process.env.REMINDER_BUDGET_MS)
  return run('reminders', async (ctx) => {
    if (ctx.caller.openid) throw fail('FORBIDDEN', '这个功能只由系统定时运行')
    if (event?.task === UPGRADE_TASK) {
      const { db, crypto } = storage()
      const after = typeof event.after === 'string' ? event.after : null
      return { upgraded: await upgradeCloudbaseInPlace(db, crypto, { after, remainingMs: () => deadline - Date.now() }) }
    }
    if (event?.TriggerName === PURGE_TRIGGER) return { purged: await purgeUnattachedUploads(ctx) }
    return runHourlyJob(
      ctx,
      async ({ touser, templateId, data }) => {
        await sdk.openapi.subscribeMessage.send({ touser, templateId, page: 'pages/index/index', data })
      },
      () => deadline - Date.now(),
    )
  })
}
