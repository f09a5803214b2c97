// The back office's pure side: the filter form → an admin.list request (checked with the same schema
// as the server), page words, and the dashboard's chart data. The pages only draw what these return.
import type { listItem, staffView } from '../backend/views'
import { firstMessages } from '../lib/issues'
import type { Stats, StaffRole } from '../backend/store/port'
import type { AccessEntry } from '../backend/store/access-log'
import {
  AGENT_CHECK_STAGE,
  CATEGORIES,
  STAFF_STATES,
  STAFF_STATE_LABELS,
  addMonths,
  accessLogRequestSchema,
  listRequestSchema,
  parseWith,
  revealSchema,
  regionName,
  type CalendarDate,
  type Category,
  type FieldIssue,
  type FilingStatus,
  type StaffState,
} from '../rules'

export type AdminListItem = ReturnType<typeof listItem>
export type StaffDetail = ReturnType<typeof staffView>
export type { Stats }

/** 代办 on a list row: who filed for the insured person, and how they are related to them. */
export type AgentSummary = NonNullable<AdminListItem['agent']>
/** 代办 in the staff detail: the agent's ID and phone masked until 显示完整号码, and the 授权委托书 (a fileId) if any. */
export type AgentDetail = NonNullable<StaffDetail['agent']>

/** admin.reveal: the full numbers, the agent's too on a 代办 filing. */
export interface Revealed {
  idNumber: string
  phone: string
  address: string | null
  agent?: { idNumber: string; phone: string }
}

export interface ListReply {
  items: AdminListItem[]
  total: number
  page: number
  pageSize: number
  /** The caller's roles: the page offers 访问记录 to audit staff. */
  roles: StaffRole[]
}

/** The four ways in: everything, my review queue, the 抽查 queue, ending soon. */
export const QUEUES = {
  all: { label: '全部备案' },
  mine: { label: '待我审核' },
  spot: { label: '抽查待核查' },
  expiring: { label: '30天内到期' },
} as const
export type Queue = keyof typeof QUEUES

/** The stored status, as access-log lines from before the state filter (issue 16) name it. */
const STATUS_LABELS = {
  pending_review: '审核中',
  active: '已生效',
  rejected: '已驳回',
  cancelled: '已取消',
} as const satisfies Record<FilingStatus, string>

export const SORTS = [
  { label: '备案日期，新的在前', key: 'filedOn', direction: 'desc' },
  { label: '备案日期，早的在前', key: 'filedOn', direction: 'asc' },
  { label: '开始日期，新的在前', key: 'startDate', direction: 'desc' },
  { label: '有效期，先到期的在前', key: 'validUntil', direction: 'asc' },
  { label: '最近有更新的在前', key: 'updatedAt', direction: 'desc' },
] as const

/** What the filter form holds: text as typed (checked only when sent), choices as lists. */
export interface FilterForm {
  queue: Queue
  q: string
  /** Derived states (rules `staffState`): 生效中 excludes 未生效 and 已过期. */
  state: StaffState[]
  category: Category[]
  policyId: string[]
  provinceCode: string
  cityCode: string
  startFrom: string
  startTo: string
  /** Days, as typed; empty for no limit. */
  expiringWithinDays: string
  /** 只看代办: filings someone made for the insured person. */
  byAgent: boolean
  sort: number
}

export const EMPTY_FORM: FilterForm = {
  queue: 'all',
  q: '',
  state: [],
  category: [],
  policyId: [],
  provinceCode: '',
  cityCode: '',
  startFrom: '',
  startTo: '',
  expiringWithinDays: '',
  byAgent: false,
  sort: 0,
}

export const PAGE_SIZE = 20

/** The filters part of the request (also what admin.export takes). */
export function filtersOf(form: FilterForm): Record<string, unknown> {
  const days = form.expiringWithinDays.trim()
  const filters: Record<string, unknown> = {
    ...(form.q.trim() ? { q: form.q.trim() } : {}),
    ...(form.state.length ? { state: form.state } : {}),
    ...(form.category.length ? { category: form.category } : {}),
    ...(form.policyId.length ? { policyId: form.policyId } : {}),
    ...(form.provinceCode ? { provinceCode: form.provinceCode } : {}),
    ...(form.cityCode ? { cityCode: form.cityCode } : {}),
    ...(form.startFrom ? { startFrom: form.startFrom } : {}),
    ...(form.startTo ? { startTo: form.startTo } : {}),
    // Typed digits become a number; anything else goes as typed, for the schema to name.
    ...(days ? { expiringWithinDays: /^\d+$/.test(days) ? Number(days) : days } : {}),
  }
  if (form.byAgent) filters.byAgent = true
  if (form.queue === 'mine') filters.needsMyReview = true
  if (form.queue === 'spot') filters.spotCheckDue = true
  if (form.queue === 'expiring' && filters.expiringWithinDays === undefined) filters.expiringWithinDays = 30
  return filters
}

/** The admin.list request for `page`, or the issues to show next to the filter fields. */
export function listRequestOf(form: FilterForm, page: number): { ok: true; request: Record<string, unknown> } | { ok: false; issues: FieldIssue[] } {
  const sort = SORTS[form.sort] ?? SORTS[0]
  const request = { filters: filtersOf(form), page, pageSize: PAGE_SIZE, sort: { key: sort.key, direction: sort.direction } }
  const checked = parseWith(listRequestSchema, request)
  return checked.ok ? { ok: true, request } : { ok: false, issues: checked.issues }
}

/** Where an issue goes in a staff form: the first part of its path (`items.0` → `items`), or `form`. */
export const staffFieldOf = (path: string) => path.split('.')[0] || 'form'

/** `filters.startTo` → `startTo`: where a filter issue goes in the form (the first message per field). */
export function issuesByField(issues: readonly FieldIssue[]): Record<string, string> {
  return firstMessages(issues, (path) => staffFieldOf(path.replace(/^filters\./, '')))
}

/** How many of the folded filters are set, for their header on a phone (the queue bar and 只看代办 always show). */
export function filterCount(form: FilterForm): number {
  const typed = [form.q, form.provinceCode, form.startFrom || form.startTo, form.expiringWithinDays].filter((value) => value.trim() !== '').length
  return typed + [form.state, form.category, form.policyId].filter((list) => list.length > 0).length
}

/** 第 21–40 条，共 135 条 / 没有符合条件的备案. */
export function pageWords(total: number, page: number, pageSize: number): string {
  if (total === 0) return '没有符合条件的备案'
  const from = (page - 1) * pageSize + 1
  const to = Math.min(total, page * pageSize)
  return `第 ${from}–${to} 条，共 ${total} 条`
}

export const pageCount = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / pageSize))

// ————— 代办 —————

/** 其他人（非亲属） → 非亲属: the relationship as it reads inside a pair of brackets. */
const bracketed = (label: string) => /（(.+)）$/.exec(label)?.[1] ?? label

/** The list row's tag: 代办：李强（子女）. */
export const agentTag = (agent: AgentSummary) => `代办：${agent.name}（${bracketed(agent.relationshipLabel)}）`

/** What staff check in 代办核验, said on the 代办人 section and the review panel at that stage. */
export const AGENT_CHECK_NOTE = `代办备案须先经${AGENT_CHECK_STAGE.label}：核对代办人身份、与参保人的关系及授权委托书`

export const isAgentCheck = (stage: string | undefined) => stage === AGENT_CHECK_STAGE.label

/** Who signed the commitment, when it was not the insured person: 代签 by the agent in their own name. */
export function signedByWords(filing: Pick<StaffDetail, 'commitment' | 'agent'>): string | null {
  if (filing.commitment?.signedBy !== 'agent') return null
  const who = filing.agent ? `代办人${filing.agent.name}（${bracketed(filing.agent.relationshipLabel)}）` : '代办人'
  return `代签：${who}以本人名义签署`
}

type HistoryItem = StaffDetail['history'][number]

/** Who did it: the filer (申请人, or 代办人 on a 代办 filing), the insured person themself, or the staff member / system. */
export function actorLabel(item: Pick<HistoryItem, 'role' | 'actor'>, filing: Pick<StaffDetail, 'owner' | 'agent'>): string {
  if (item.role === 'applicant') return '参保人本人'
  if (item.role === 'owner' || item.actor === filing.owner) return filing.agent ? '代办人' : '申请人'
  return item.actor
}

// ————— dashboard —————

export interface Bar {
  key: string
  label: string
  value: number
  /** Of the largest bar, 0–1: the bar's length. */
  share: number
}

/** Largest first; past `limit` bars the rest are summed into 其他. */
export function barsOf(counts: Record<string, number>, label: (key: string) => string, limit = 10): Bar[] {
  const sorted = Object.entries(counts)
    .filter(([, value]) => value > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const shown = sorted.slice(0, limit)
  const rest = sorted.slice(limit).reduce((sum, [, value]) => sum + value, 0)
  const rows = shown.map(([key, value]) => ({ key, label: label(key), value }))
  if (rest > 0) rows.push({ key: 'other', label: '其他', value: rest })
  const max = Math.max(1, ...rows.map((row) => row.value))
  return rows.map((row) => ({ ...row, share: row.value / max }))
}

/** The last `months` months up to today's, oldest first, with 0 for a month with no filings. */
export function monthBars(byMonth: Record<string, number>, today: CalendarDate, months = 12): Bar[] {
  const keys = Array.from({ length: months }, (_, index) => addMonths(`${today.slice(0, 7)}-01`, index - months + 1).slice(0, 7))
  const max = Math.max(1, ...keys.map((key) => byMonth[key] ?? 0))
  return keys.map((key) => ({ key, label: `${Number(key.slice(5))}月`, value: byMonth[key] ?? 0, share: (byMonth[key] ?? 0) / max }))
}

export const statusLabel = (key: string) => STATUS_LABELS[key as FilingStatus] ?? key
export const stateLabel = (key: string) => STAFF_STATE_LABELS[key as StaffState] ?? key
export const categoryLabel = (key: string) => CATEGORIES[key as Category]?.label ?? key
export const provinceLabel = (key: string) => regionName(key) ?? key

export { STAFF_STATES, STAFF_STATE_LABELS }

/**
 * What a reviewer is deciding now: the filing itself (pending_review), or a change of an approved one
 * (its profile's own stages, no 代办核验), with the stage, how many there are and whether it is the
 * last. Null when nothing waits for review.
 */
export interface ReviewTarget {
  kind: 'filing' | 'change'
  /** 变更审核：就医地 上海市 → 云南省昆明市 (for a change). */
  title: string
  stages: string[]
  passed: number
  stage: string | undefined
  last: boolean
  waitingForMaterials: boolean
}

export function reviewTarget(filing: Pick<StaffDetail, 'status' | 'review' | 'pendingChange' | 'materialsRequest'>): ReviewTarget | null {
  const waitingForMaterials = Boolean(filing.materialsRequest)
  const target = (kind: ReviewTarget['kind'], title: string, stages: string[], passed: number): ReviewTarget => ({
    kind,
    title,
    stages,
    passed,
    stage: stages[passed],
    last: passed + 1 >= stages.length,
    waitingForMaterials,
  })
  if (filing.status === 'pending_review') return target('filing', '审核', filing.review.labels, filing.review.passed)
  const pending = filing.pendingChange
  if (filing.status === 'active' && pending) return target('change', `变更审核：${pending.summary}`, pending.review.labels, pending.review.passed)
  return null
}

/** What the reviewer is told after a decision. */
export function reviewDoneWords(target: ReviewTarget, decision: 'approve' | 'reject' | 'request_materials'): string {
  if (decision === 'reject') return target.kind === 'change' ? '已驳回变更，备案按原内容继续有效，申请人会看到原因。' : '已驳回，申请人会看到原因。'
  if (decision === 'request_materials') return '已要求补充材料，申请人会看到要补充的材料和您的说明。'
  if (!target.last) return `${target.stage}已通过，转下一级。`
  return target.kind === 'change' ? '已审批通过，变更生效。' : '已审批通过，备案生效。'
}

// ————— 显示完整信息 (admin.reveal) —————

/** The admin.reveal request, or the message to show next to the reason field (the server checks the same). */
export function revealRequestOf(id: string, reason: string): { ok: true; request: { id: string; reason: string } } | { ok: false; error: string } {
  const checked = parseWith(revealSchema, { id, reason })
  if (checked.ok) return { ok: true, request: checked.value }
  return { ok: false, error: checked.issues.find((issue) => issue.path === 'reason')?.message ?? checked.issues[0].message }
}

// ————— 访问记录 (admin.accessLog, the audit role) —————

export type { AccessEntry }

export interface AccessLogReply {
  items: AccessEntry[]
  total: number
  page: number
  pageSize: number
}

export const ACCESS_ACTION_LABELS: Record<AccessEntry['action'], string> = {
  list: '查询列表',
  export: '导出',
  proof: '查看证明材料',
  reveal: '查看完整信息',
}

export interface AccessLogForm {
  staff: string
  action: '' | AccessEntry['action']
  from: string
  to: string
}

export const EMPTY_ACCESS_LOG_FORM: AccessLogForm = { staff: '', action: '', from: '', to: '' }
export const ACCESS_LOG_PAGE_SIZE = 20

/** The admin.accessLog request for `page`, or the issues by field (staff, action, from, to). */
export function accessLogRequestOf(form: AccessLogForm, page: number): { ok: true; request: Record<string, unknown> } | { ok: false; errors: Record<string, string> } {
  const request: Record<string, unknown> = { page, pageSize: ACCESS_LOG_PAGE_SIZE }
  if (form.staff.trim()) request.staff = form.staff.trim()
  if (form.action) request.action = form.action
  if (form.from.trim()) request.from = form.from.trim()
  if (form.to.trim()) request.to = form.to.trim()
  const checked = parseWith(accessLogRequestSchema, request)
  if (checked.ok) return { ok: true, request }
  return { ok: false, errors: firstMessages(checked.issues, staffFieldOf) }
}

const FILTER_WORDS: Record<string, string> = {
  q: '搜索',
  state: '状态',
  status: '状态',
  category: '人员类别',
  policyId: '参保地',
  provinceCode: '就医省份',
  cityCode: '就医城市',
  startFrom: '开始日期起',
  startTo: '开始日期止',
  expiringWithinDays: '到期天数',
  needsMyReview: '待我审核',
  spotCheckDue: '待抽查',
  byAgent: '只看代办',
}

/** One log line in words: what was done, with which filters, and how many rows came back. */
export function accessEntryWords(entry: AccessEntry): { action: string; detail: string } {
  const parts: string[] = []
  for (const [key, value] of Object.entries(entry.filters ?? {})) {
    const word = FILTER_WORDS[key]
    if (!word || value === undefined || value === false) continue
    const say = (item: unknown) => (key === 'state' ? stateLabel(String(item)) : key === 'status' ? statusLabel(String(item)) : key === 'category' ? categoryLabel(String(item)) : String(item))
    parts.push(value === true ? word : `${word}：${Array.isArray(value) ? value.map(say).join('、') : say(value)}`)
  }
  if (entry.page !== null) parts.push(`第${entry.page}页`)
  if (entry.rows !== null) parts.push(`${entry.rows}条`)
  if (entry.filingId) parts.push(`备案 ${entry.filingId}`)
  if (entry.fileId) parts.push(`文件 ${entry.fileId}`)
  if (entry.reason) parts.push(`原因：${entry.reason}`)
  if (entry.action !== 'proof' && entry.action !== 'reveal' && parts.length === (entry.rows !== null ? 1 : 0) + (entry.page !== null ? 1 : 0)) parts.unshift('全部备案')
  return { action: ACCESS_ACTION_LABELS[entry.action], detail: parts.join('，') }
}

/** Whether a staff member may open the 访问记录 page (the list page shows the link only then). */
export const canAudit = (roles: readonly StaffRole[] | undefined) => (roles ?? []).includes('audit')
