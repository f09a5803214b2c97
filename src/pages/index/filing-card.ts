// What a filing card on the home page says: pure, from what `filing.mine` returns.
import { DISPLAY_STATE_LABELS, daysBetween, filedRuleOf, formatChineseDate, type CalendarDate, type Category, type DisplayState } from '../../rules/core'
import type { IdentityView } from '../verify/model'

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
  /** The review stages (代办核验 first for a 代办) and how many have passed. */
  review: { labels: string[]; passed: number }
  /** self: filed by me for me; agent: filed by me for a family member (代办); applicant: filed for me by someone. */
  party: 'self' | 'agent' | 'applicant'
  /** Who filed a 代办 filing. */
  agent: { name: string; relationshipLabel: string } | null
  /** A change of destination or insurance type waiting for staff review (the filing holds on its old terms). */
  pendingChange?: { summary: string; review: { labels: string[]; passed: number } } | null
}

export interface MyReminder {
  filingId: string
  validUntil: CalendarDate | null
  message: string
  createdAt: string
}

export interface MineReply {
  /** The caller's 实名认证 (masked). */
  identity: IdentityView
  filings: MyFiling[]
  reminders: MyReminder[]
}

/** 我的备案 (mine, and those filed for me) apart from 我为家人办理的备案 (代办), each newest first as sent. */
export function splitFilings<F extends Pick<MyFiling, 'party'>>(filings: readonly F[]): { own: F[]; forFamily: F[] } {
  return { own: filings.filter((filing) => filing.party !== 'agent'), forFamily: filings.filter((filing) => filing.party === 'agent') }
}

/** Where a filing under review is: 审核中 · 代办核验 (the stage now being done); null when not under review. */
export function progressText(filing: Pick<MyFiling, 'state' | 'review' | 'pendingChange'>): string | null {
  const pending = filing.pendingChange
  if (pending) {
    const stage = pending.review.labels[pending.review.passed]
    return `变更审核中${stage ? ` · ${stage}` : ''}：${pending.summary}，审核通过前按原备案结算`
  }
  if (filing.state !== 'pending_review' && filing.state !== 'needs_materials') return null
  const stage = filing.review.labels[filing.review.passed]
  return stage ? `${DISPLAY_STATE_LABELS[filing.state]} · ${stage}` : null
}

/** Who filed it, on a card: 由 张伟（子女）代办 for the insured person; 为 王秀兰 代办 for the agent; else null. */
export function agencyText(filing: Pick<MyFiling, 'party' | 'agent' | 'applicant'>): string | null {
  if (filing.party === 'applicant' && filing.agent) return `由 ${filing.agent.name}（${filing.agent.relationshipLabel}）代办`
  if (filing.party === 'agent') return `为 ${filing.applicant.name} 代办`
  return null
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
    case 'not_yet_active': {
      // 未生效: from when, first; a stay before that day is not covered.
      const from = `${formatChineseDate(filing.startDate)}起生效`
      if (singleStay) return `${from}，一次住院结算有效`
      return end ? `${from}，至 ${formatChineseDate(end)}` : `${from}，长期有效`
    }
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

/** What opening the card leads to: only what can still be done with the filing. */
export function cardLinkText(filing: Pick<MyFiling, 'state' | 'party'>): string {
  switch (filing.state) {
    case 'cancelled':
    case 'rejected':
    case 'expired':
      return '查看详情'
    case 'needs_materials':
      return '查看详情、补充材料'
    case 'pending_review':
      return '查看详情或取消'
    default:
      // Filed for me by a relative: I may cancel it, the change is theirs to make.
      return filing.party === 'applicant' ? '查看详情或取消' : '查看详情、变更或取消'
  }
}

/** The reminders worth showing: the latest per filing that is about to end or has ended. */
export function currentReminders({ filings, reminders }: Pick<MineReply, 'filings' | 'reminders'>): MyReminder[] {
  const ending = new Set(filings.filter((f) => f.state === 'expiring' || f.state === 'expired').map((f) => f.id))
  const latest = new Map<string, MyReminder>()
  for (const reminder of reminders) {
    if (!ending.has(reminder.filingId)) continue
    const seen = latest.get(reminder.filingId)
    if (!seen || seen.createdAt < reminder.createdAt) latest.set(reminder.filingId, reminder)
  }
  return [...latest.values()]
}
