// What the filing detail page says, in words: pure, from what `filing.get` returns (personView with
// its history). No Taro here, so jest checks every wording (test/pages/filing-model.test.ts).
import {
  DISPLAY_STATE_LABELS,
  HOSPITAL_LEVEL_INFO,
  INSURANCE_TYPE_LABELS,
  MATERIALS,
  daysBetween,
  findProfile,
  formatChineseDate,
  maskMobile,
  regionName,
  shanghaiDate,
  type CalendarDate,
  type FiledCategoryRule,
  type HospitalLevel,
  type InsuranceType,
  type LockRule,
  type MaterialKind,
  type PolicyProfile,
} from '../../rules'
import type { personView, timeline } from '../../backend/views'

/** A filing as its owner sees it on the detail page (`filing.get`: with its history). */
export type FilingDetail = ReturnType<typeof personView> & { history: HistoryItem[] }
export type HistoryItem = ReturnType<typeof timeline>[number]

export function profileOf(filing: Pick<FilingDetail, 'policyId'>): PolicyProfile | undefined {
  return findProfile(filing.policyId)
}

/** The profile's rule for this filing's category, when it is one that is filed. */
export function filedRuleOf(filing: Pick<FilingDetail, 'policyId' | 'category'>): FiledCategoryRule | null {
  const rule = profileOf(filing)?.categories[filing.category]
  return rule && rule.filing === 'required' ? rule : null
}

// ————— dates and times —————

/** An instant (ISO 8601) as people in China read it: 2026年11月22日 14:05. */
export function formatChinaDateTime(iso: string): string {
  const instant = new Date(iso)
  if (Number.isNaN(instant.getTime())) return iso
  const china = new Date(instant.getTime() + 8 * 60 * 60 * 1000)
  const hh = String(china.getUTCHours()).padStart(2, '0')
  const mm = String(china.getUTCMinutes()).padStart(2, '0')
  return `${formatChineseDate(shanghaiDate(instant))} ${hh}:${mm}`
}

// ————— validity —————

export interface ValidityWords {
  /** The headline: 长期有效 / 至 2027年5月22日 / 一次住院结算有效. */
  text: string
  /** The window: 2026年11月22日 起 / 2026年11月22日 至 2027年5月22日. */
  window: string
  /** 还有 30 天 / 今天是最后一天 / 已于 … 到期 / 审核通过后生效 …; null when nothing to add. */
  note: string | null
  /** Days left including today's remainder (0 on the last day); null for no end or not running. */
  daysLeft: number | null
  tone: 'normal' | 'pending' | 'warn' | 'ended'
}

export function validityWords(
  filing: Pick<FilingDetail, 'policyId' | 'category' | 'state' | 'startDate' | 'validUntil'>,
  today: CalendarDate,
): ValidityWords {
  const rule = filedRuleOf(filing)
  const single = rule?.validity.kind === 'single_settlement'
  const start = formatChineseDate(filing.startDate)
  const end = filing.validUntil
  const text = single ? '一次住院结算有效' : end ? `至 ${formatChineseDate(end)}` : '长期有效'
  const window = end ? `${start} 至 ${formatChineseDate(end)}` : `${start} 起`
  const base = { text, window, daysLeft: null, tone: 'normal' as const }
  switch (filing.state) {
    // An ended filing says so first; the window it had stays below, small.
    case 'cancelled':
      return { ...base, text: '已取消', note: '这份备案已经停止，不再有效', tone: 'ended' }
    case 'rejected':
      return { ...base, text: '没有生效', note: '备案未通过审核', tone: 'ended' }
    case 'expired':
      return { ...base, text: '已过期', note: end ? `已于 ${formatChineseDate(end)} 到期` : '已到期', tone: 'ended' }
    case 'pending_review':
      return { ...base, note: '审核通过后生效', tone: 'pending' }
    default: {
      if (filing.startDate > today) return { ...base, note: `${start}起生效` }
      if (!end) return { ...base, note: null }
      const left = daysBetween(today, end)
      const warn = filing.state === 'expiring'
      return { ...base, daysLeft: left, tone: warn ? 'warn' : 'normal', note: left === 0 ? '今天是最后一天' : `还有 ${left} 天` }
    }
  }
}

// ————— can I change or cancel now? —————

export interface Availability {
  /** The substance (就医地、险种) may be changed, or the filing cancelled, today. */
  can: boolean
  /** 可以变更 / 2027年5月23日起可以变更 / 现在不能变更 … */
  headline: string
  /** The rule's own sentence (the server's `message`), or our explanation. */
  message: string | null
  /** When locked: the first day it opens. */
  opensOn: CalendarDate | null
}

export interface ChangeAvailability extends Availability {
  /** Circumstances that lift the lock now, with the proof each needs (from the profile). */
  exceptions: { code: string; label: string; proof: string[] }[]
  /** Phone and address may be corrected now (any open filing). */
  contactOpen: boolean
  /** Something to know about a lock that is not running yet (济宁: once expenses are incurred). */
  note: string | null
  /** Proof every change of the substance needs (达州 temporary: a referral certificate). */
  proof: string[]
}

const labels = (kinds: readonly MaterialKind[]) => kinds.map((kind) => MATERIALS[kind].label)

/** A lock that starts only once medical expenses are incurred at the filed place, said in words. */
function expensesNote(lock: LockRule | undefined, filing: Pick<FilingDetail, 'stays'>, action: string): string | null {
  if (!lock || lock.kind !== 'months' || !lock.onlyAfterExpensesAtDestination || filing.stays.length > 0) return null
  return `在备案地发生医疗费用以前，可以随时${action}；发生医疗费用后，${lock.months}个月内不能${action}。`
}

export function changeAvailability(filing: FilingDetail): ChangeAvailability {
  const rule = filedRuleOf(filing)
  const { canChange } = filing
  const open = filing.status === 'active' || filing.status === 'pending_review'
  const common = { exceptions: [], contactOpen: open, note: null, proof: labels(rule?.change.proof ?? []) }
  if (filing.status === 'pending_review') {
    return {
      ...common,
      can: false,
      headline: '审核中，暂不能变更就医地',
      message: '审核通过后才能变更就医地。如果就医地填错了，可以取消这份备案后重新办理。',
      opensOn: null,
    }
  }
  if (canChange.allowed) {
    return { ...common, can: true, headline: '可以变更', message: null, opensOn: null, note: expensesNote(rule?.change.lock, filing, '变更') }
  }
  if (canChange.allowedFrom) {
    return {
      ...common,
      can: false,
      headline: `${formatChineseDate(canChange.allowedFrom)}起可以变更`,
      message: canChange.message,
      opensOn: canChange.allowedFrom,
      exceptions: (rule?.change.exceptions ?? []).map((e) => ({ code: e.code, label: e.label, proof: labels(e.proof) })),
    }
  }
  return { ...common, can: false, headline: '现在不能变更', message: canChange.message, opensOn: null }
}

export function cancelAvailability(filing: FilingDetail): Availability & { note: string | null } {
  const { canCancel } = filing
  if (canCancel.allowed) {
    return { can: true, headline: '可以取消', message: null, opensOn: null, note: expensesNote(filedRuleOf(filing)?.cancel, filing, '取消') }
  }
  if (canCancel.allowedFrom) {
    return {
      can: false,
      headline: `${formatChineseDate(canCancel.allowedFrom)}起可以取消`,
      message: canCancel.message,
      opensOn: canCancel.allowedFrom,
      note: null,
    }
  }
  return { can: false, headline: '现在不能取消', message: canCancel.message, opensOn: null, note: null }
}

// ————— review —————

export type StageState = 'done' | 'current' | 'waiting' | 'stopped'

/** 初审 → 复核 → 审批 with which are done; empty for a filing that takes effect at once. */
export function reviewStages(filing: Pick<FilingDetail, 'review' | 'status'>): { label: string; state: StageState }[] {
  const { labels: names, passed } = filing.review
  return names.map((label, index) => {
    if (filing.status === 'active' || index < passed) return { label, state: 'done' as const }
    if (index > passed) return { label, state: 'waiting' as const }
    if (filing.status === 'rejected') return { label, state: 'stopped' as const }
    if (filing.status === 'cancelled') return { label, state: 'waiting' as const }
    return { label, state: 'current' as const }
  })
}

export const STAGE_WORDS: Record<StageState, string> = {
  done: '已完成',
  current: '正在办理',
  waiting: '未开始',
  stopped: '未通过',
}

// ————— what was filed —————

export function hospitalLevelLabel(level: HospitalLevel): string {
  return HOSPITAL_LEVEL_INFO[level]?.label ?? level
}

export function insuranceTypeLabel(type: InsuranceType | null): string | null {
  return type ? INSURANCE_TYPE_LABELS[type] : null
}

export function materialLabel(kind: MaterialKind): string {
  return MATERIALS[kind]?.label ?? kind
}

// ————— history —————

export interface TimelineEntry {
  key: string
  label: string
  when: string
  reason: string | null
  /** 原因 for the person's own actions and a rejection; 说明 for staff's other notes. */
  reasonLabel: '原因' | '说明'
  /** What changed, in words (phones masked). */
  details: string[]
  byStaff: boolean
}

type Changed = HistoryItem['changes'][number]

function areaName(value: unknown): string | null {
  const area = (value as { areaCode?: unknown } | null)?.areaCode
  return typeof area === 'string' ? (regionName(area) ?? area) : null
}

function contactOf(value: unknown): { phone: string | null; address: string | null } {
  const applicant = (value ?? {}) as { phone?: unknown; address?: unknown }
  return {
    phone: typeof applicant.phone === 'string' ? applicant.phone : null,
    address: typeof applicant.address === 'string' && applicant.address !== '' ? applicant.address : null,
  }
}

function describeChange({ field, before, after }: Changed): string[] {
  switch (field) {
    case 'destination':
      return [`就医地：${areaName(before) ?? '—'} → ${areaName(after) ?? '—'}`]
    case 'insuranceType':
      return [`参保险种：${insuranceTypeLabel(before as InsuranceType | null) ?? '未填写'} → ${insuranceTypeLabel(after as InsuranceType | null) ?? '未填写'}`]
    case 'applicant': {
      const was = contactOf(before)
      const now = contactOf(after)
      const lines: string[] = []
      if (was.phone !== now.phone) lines.push(`联系电话：${was.phone ? maskMobile(was.phone) : '未填写'} → ${now.phone ? maskMobile(now.phone) : '未填写'}`)
      if (was.address !== now.address) lines.push(`联系地址：${was.address ?? '未填写'} → ${now.address ?? '未填写'}`)
      return lines
    }
    case 'materials': {
      const had = new Set(((before as { fileId: string }[] | null) ?? []).map((m) => m.fileId))
      const added = ((after as { kind: MaterialKind; fileId: string }[] | null) ?? []).filter((m) => !had.has(m.fileId))
      return added.map((m) => `补充材料：${materialLabel(m.kind)}`)
    }
    default:
      return []
  }
}

/** The history, newest first, in words. */
export function timelineEntries(history: readonly HistoryItem[]): TimelineEntry[] {
  return history
    .map((item, index) => ({
      key: `${index}-${item.at}`,
      label: item.label,
      when: formatChinaDateTime(item.at),
      reason: item.reason,
      reasonLabel: item.role === 'staff' && item.action !== 'reject' ? ('说明' as const) : ('原因' as const),
      details: item.changes.flatMap(describeChange),
      byStaff: item.role === 'staff',
    }))
    .reverse()
}

// ————— actions —————

export interface DetailActions {
  change: boolean
  cancel: boolean
  certificate: boolean
  continuingReferral: boolean
  refile: boolean
}

/** Which buttons the detail page offers. */
export function detailActions(filing: Pick<FilingDetail, 'status' | 'state' | 'category'>): DetailActions {
  const open = filing.status === 'active' || filing.status === 'pending_review'
  return {
    change: open,
    cancel: open,
    certificate: filing.status === 'active' && filing.state !== 'expired',
    continuingReferral: filing.category === 'referral' && filing.status === 'active',
    refile: filing.status === 'rejected',
  }
}

export function stateLabel(filing: Pick<FilingDetail, 'state'>): string {
  return DISPLAY_STATE_LABELS[filing.state]
}
