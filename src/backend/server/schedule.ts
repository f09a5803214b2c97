// The hourly job on a timer: expiry reminders and the purge of uploads no filing named within 24 h.
// Once at start, then every hour. The timer is unref'd (it never keeps the process alive) and runs
// never overlap; a failed run is logged and the next one tries again.
import type { Ctx } from '../context'
import { runHourlyJob } from '../jobs'

export const REMINDER_INTERVAL_MS = 60 * 60 * 1000

/** Starts the schedule; the returned function stops it and waits for a run in progress. */
export function scheduleReminders(base: Omit<Ctx, 'caller' | 'now'>, log: (line: string) => void): () => Promise<void> {
  let running: Promise<void> | null = null
  let stopped = false

  const run = () => {
    if (running || stopped) return
    const ctx: Ctx = { ...base, caller: { openid: null, staff: null }, now: new Date() }
    running = runHourlyJob(ctx)
      .then((result) => {
        if (result.created > 0) log(`reminders: ${result.created} new`)
        if (result.purged > 0) log(`uploads: ${result.purged} never attached, purged`)
      })
      .catch((error: unknown) => {
        console.error('[reminders] run failed:', error instanceof Error ? error.message : error)
      })
      .finally(() => {
        running = null
      })
  }

  run()
  const timer = setInterval(run, REMINDER_INTERVAL_MS)
  timer.unref()
  return async () => {
    stopped = true
    clearInterval(timer)
    await running
  }
}
