// Expiry reminders: every filing ending within 30 days gets one reminder per end date. Locally the
// reminder lands in an outbox that `filing.mine` returns; deployed, a WeChat subscribe message goes
// out too (the person subscribed when filing) through `send`.
import { EXPIRING_WITHIN_DAYS, addDays, formatChineseDate } from '../rules'
import type { Ctx } from './context'
import type { FilingRecord } from './domain/record'
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
}

export async function runReminders(ctx: Ctx, send?: SendSubscribeMessage): Promise<ReminderRun> {
  const day = today(ctx)
  const due = await ctx.store.dueForReminder(day, addDays(day, EXPIRING_WITHIN_DAYS - 1))
  const run: ReminderRun = { created: 0, sent: 0, failed: 0 }
  for (const filing of due) {
    const message = reminderText(filing)
    const added = await ctx.store.addReminder({
      filingId: filing.id,
      owner: filing.owner,
      validUntil: filing.validUntil!,
      message,
      createdAt: ctx.now.toISOString(),
      sentAt: null,
    })
    if (!added) continue
    run.created += 1
    await ctx.store.appendHistory({ filingId: filing.id, at: ctx.now.toISOString(), actor: 'system', role: 'system', action: 'remind' })
    const templateId = ctx.config.reminderTemplateId
    if (!send || !templateId) continue
    try {
      await send({
        touser: filing.owner,
        templateId,
        data: {
          character_string1: { value: filing.id },
          date2: { value: filing.validUntil! },
          thing3: { value: '备案即将到期，请及时重新办理' },
        },
      })
      await ctx.store.markReminderSent(filing.id, filing.validUntil!, new Date().toISOString())
      run.sent += 1
    } catch (error) {
      // The person may have withdrawn the subscription: the outbox still holds the reminder.
      run.failed += 1
      console.warn(`[reminders] subscribe message for ${filing.id} not sent:`, error instanceof Error ? error.message : error)
    }
  }
  return run
}
