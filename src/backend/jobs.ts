// The scheduled job: expiry reminders, the purge of uploads no filing named within 24 hours, and the
// retention policy (retention.ts).
// Locally the server runs it every hour (server/schedule.ts) and staff can run it at X-Dev-Now
// (POST /api/dev/reminders); deployed, the `reminders` cloud function runs it on its timers.
import type { Ctx } from './context'
import { runReminders, type ReminderRun, type SendSubscribeMessage, type TimeLeft } from './reminders'
import { applyRetention, type RetentionRun } from './retention'
import { purgeUnattachedUploads } from './uploads'

export interface HourlyRun extends ReminderRun {
  /** Uploads whose bytes were deleted: never named by a filing, older than 24 hours. */
  purged: number
  retention: RetentionRun
}

/**
 * One run at `ctx.now`: reminders first (they matter to people), then the purge, then retention.
 * `timeLeft` (deployed: the function's budget) stops reminders and retention in time; the purge is
 * bounded by its own batch.
 */
export async function runHourlyJob(ctx: Ctx, send?: SendSubscribeMessage, timeLeft?: TimeLeft): Promise<HourlyRun> {
  const reminders = await runReminders(ctx, send, timeLeft)
  const purged = await purgeUnattachedUploads(ctx)
  const retention = await applyRetention(ctx, timeLeft)
  return { ...reminders, purged, retention }
}
