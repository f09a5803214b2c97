// What a filing card on the home page says: pure, from what `filing.mine` returns.
import { daysBetween, filedRuleOf, formatChineseDate, type CalendarDate, type Category, type DisplayState } from '../../rules/core'

/** The fields of `filing.mine`'s items this page reads (src/backend/views.ts personView). */
export interface MyFiling {
  id: string
  version: number
  state: DisplayState
  policyId: string
  policyName: string
  category: Category
  categoryLabel: string
  destination: { name: string }
  startDate: CalendarDate
  validUntil: CalendarDate | null
  rejectionReason: string | null
  applicant: { name: string }
}

export interface MyReminder {
  filingId: string
  validUntil: CalendarDate | null
  message: string
  createdAt: string
}

export interface MineReply {
  filings: MyFiling[]
  reminders: MyReminder[]
}

/** One filing's lasting, in words: 长期有效 / 至 2026年5月21日，还有 180 天 / 已于 … 到期. */
export function validityText(filing: MyFiling, today: CalendarDate): string {
  const singleStay = filedRuleOf(filing)?.validity.kind === 'single_settlement'
  const end = filing.validUntil
  switch (filing.state) {
    case 'cancelled':
      return '已取消，不再有效'
    case 'rejected':
      return filing.rejectionReason ? `未通过审核：${filing.rejectionReason}` : '未通过审核'
    case 'expired':
      return end ? `已于 ${formatChineseDate(end)} 到期` : '已到期'
    case 'needs_materials':
      return '经办人员要求补充材料，请打开备案查看并上传'
    case 'pending_review':
      if (singleStay) return '审核通过后生效，一次住院结算有效'
      return end ? `审核通过后生效，至 ${formatChineseDate(end)}` : '审核通过后生效，长期有效'
    default: {
      if (singleStay) return '一次住院结算有效'
      if (!end) return '长期有效'
      const left = daysBetween(today, end)
      return left === 0 ? `至 ${formatChineseDate(end)}，今天是最后一天` : `至 ${formatChineseDate(end)}，还有 ${left} 天`
    }
  }
}

/** The reminders worth showing: the latest per filing that is about to end or has ended. */
export function currentReminders({ filings, reminders }: MineReply): MyReminder[] {
  const ending = new Set(filings.filter((f) => f.state === 'expiring' || f.state === 'expired').map((f) => f.id))
  const latest = new Map<string, MyReminder>()
  for (const reminder of reminders) {
    if (!ending.has(reminder.filingId)) continue
    const seen = latest.get(reminder.filingId)
    if (!seen || seen.createdAt < reminder.createdAt) latest.set(reminder.filingId, reminder)
  }
  return [...latest.values()]
}
