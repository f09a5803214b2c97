// Expiry reminders: every filing ending within 30 days gets one reminder per end date. Locally the
// reminder lands in an outbox that `filing.mine` returns; deployed, a WeChat subscribe message goes
// out too (the person subscribed when filing) through `send`.
import { EXPIRING_WITHIN_DAYS, addDays, formatChineseDate, type CalendarDate } from '../rules'
import type { Ctx } from './context'
import type { FilingRecord } from './domain/record'
import type { Reminder } from './store/port'
import { today } from './handlers/guards'
import { profileOf } from './domain/facts'

/** Sends one subscribe message; rejects when WeChat refuses it (the reminder then stays unsent). */
export type SendSubscribeMessage = (message: { touser: string; templateId: string; data: Record<string, { value: string }> }) => Promise<void>

function reminderText(filing: FilingRecord): string {
  return `您的异地就医备案（编号${filing.id}，${profileOf(filing).name}）将于${formatChineseDate(filing.validUntil!)}到期。到期后仍需在外地就医的，请及时重新办理备案。`
}

export interface ReminderRun {
  created: number
  sent: number
  failed: number
  /** Refused by WeChat for good (43101: the person allowed no message): recorded, never retried. */
  refused: number
  /** Recorded by an earlier run that failed to send them or ran out of time in between, sent again now. */
  retried: number
  /** Reminders and due filings this run left for the next one because its time budget ran out. */
  deferred: number
}

/** How long the run may still take, in ms; a run with no budget (the local server) never stops early. */
export type TimeLeft = () => number

/** Stops before a filing when less than this is left: one filing costs about 8 requests plus the send. */
export const PER_FILING_MS = 400

/** Unsent reminders retried per run, oldest first (the rest wait for the next run). */
export const RETRIES_PER_RUN = 100

/** WeChat's answer when the person has no subscription left for the template: final, not retried. */
const REFUSED = 43101

/**
 * The subscribe message's fields, formatted as the template's field types require: a `date` field
 * takes 年月日 ("2026年12月1日"), not an ISO date; `thing` at most 20 characters.
 */
export function reminderFields(filingId: string, validUntil: CalendarDate): Record<string, { value: string }> {
  return {
    character_string1: { value: filingId },
    date2: { value: formatChineseDate(validUntil) },
    thing3: { value: '备案即将到期，请及时重新办理' },
  }
}

type Deliver = (reminder: Pick<Reminder, 'filingId' | 'owner' | 'validUntil'>) => Promise<void>

/** Sends one reminder and records the outcome: sent, refused for good, or left unsent for a retry. */
function deliverer(ctx: Ctx, send: SendSubscribeMessage, templateId: string, run: ReminderRun): Deliver {
  return async ({ filingId, owner, validUntil }) => {
    try {
      await send({ touser: owner, templateId, data: reminderFields(filingId, validUntil) })
      await ctx.store.markReminderSent(filingId, validUntil, ctx.now.toISOString())
      run.sent += 1
    } catch (error) {
      // wx-server-sdk's openapi rejects with WeChat's errcode as `errCode`.
      if ((error as { errCode?: unknown } | null)?.errCode === REFUSED) {
        await ctx.store.markReminderRefused(filingId, validUntil, ctx.now.toISOString())
        run.refused += 1
        return
      }
      // Unsent: the outbox still holds the reminder, and the next run sends it again.
      run.failed += 1
      console.warn(`[reminders] subscribe message for ${filingId} not sent:`, error instanceof Error ? error.message : error)
    }
  }
}

export async function runReminders(ctx: Ctx, send?: SendSubscribeMessage, timeLeft: TimeLeft = () => Number.POSITIVE_INFINITY): Promise<ReminderRun> {
  const day = today(ctx)
  const run: ReminderRun = { created: 0, sent: 0, failed: 0, refused: 0, retried: 0, deferred: 0 }
  const templateId = ctx.config.reminderTemplateId
  const deliver = send && templateId ? deliverer(ctx, send, templateId, run) : null

  // First what earlier runs recorded and did not send (a failure, or a timeout between the two).
  if (deliver) {
    const unsent = await ctx.store.unsentReminders(day, ctx.now.toISOString(), RETRIES_PER_RUN)
    for (const [index, reminder] of unsent.entries()) {
      if (timeLeft() < PER_FILING_MS) {
        run.deferred = unsent.length - index
        return run
      }
      run.retried += 1
      await deliver(reminder)
    }
  }

  const due = await ctx.store.dueForReminder(day, addDays(day, EXPIRING_WITHIN_DAYS - 1))
  for (const [index, filing] of due.entries()) {
    // Stopping before the reminder is recorded leaves the filing due: the next run picks it up.
    if (timeLeft() < PER_FILING_MS) {
      run.deferred = due.length - index
      break
    }
    const added = await ctx.store.addReminder({
      filingId: filing.id,
      owner: filing.owner,
      validUntil: filing.validUntil!,
      message: reminderText(filing),
      createdAt: ctx.now.toISOString(),
      sentAt: null,
    })
    if (!added) continue
    run.created += 1
    await ctx.store.appendHistory({ filingId: filing.id, at: ctx.now.toISOString(), actor: 'system', role: 'system', action: 'remind' })
    if (deliver) await deliver({ filingId: filing.id, owner: filing.owner, validUntil: filing.validUntil! })
  }
  return run
}
