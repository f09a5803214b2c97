// The scheduled job: expiry reminders, and the purge of uploads no filing named within 24 hours.
// Locally the server runs it every hour (server/schedule.ts) and staff can run it at X-Dev-Now
// (POST /api/dev/reminders); deployed, the `reminders` cloud function runs it on its timers.
import type { Ctx } from './context'
import { runReminders, type ReminderRun, type SendSubscribeMessage } from './reminders'
import { purgeUnattachedUploads } from './uploads'

export interface HourlyRun extends ReminderRun {
  /** Uploads whose bytes were deleted: never named by a filing, older than 24 hours. */
  purged: number
}

/** One run at `ctx.now`: reminders first (they matter to people), then the purge. */
export async function runHourlyJob(ctx: Ctx, send?: SendSubscribeMessage): Promise<HourlyRun> {
  const reminders = await runReminders(ctx, send)
  const purged = await purgeUnattachedUploads(ctx)
  return { ...reminders, purged }
}
