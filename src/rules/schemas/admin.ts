// Back-office requests: list filters, review decisions, recorded stays.
import * as z from 'zod'
import { DISPLAY_STATE_LABELS, displayState, type FilingStatus } from '../engine/filing'
import type { CalendarDate } from '../dates'
import { boundedString, dateField, filingIdField, optionalText, reasonField, regionCodeField, versionField } from './fields'
import { MATERIAL_KINDS } from '../vocabulary'
import { categorySchema, materialKindSchema } from './vocabulary'

/** One value or a list of them (up to 20), read as a list. */
const oneOrMany = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item).max(20))

/**
 * What staff filter and count by (issue 16): displayState's states, with 即将到期 inside 生效中 (it is
 * the 30天内到期 queue's, and a figure of its own in 统计). Derived from the dates against `today`, never
 * stored: an approved filing is 未生效 before its start date and 已过期 after its end date.
 */
export const STAFF_STATES = ['pending_review', 'needs_materials', 'not_yet_active', 'active', 'expired', 'rejected', 'cancelled'] as const
export const staffStateSchema = z.enum(STAFF_STATES, { error: '请选择备案状态' })
export type StaffState = z.infer<typeof staffStateSchema>

export const STAFF_STATE_LABELS = {
  pending_review: DISPLAY_STATE_LABELS.pending_review,
  needs_materials: DISPLAY_STATE_LABELS.needs_materials,
  not_yet_active: DISPLAY_STATE_LABELS.not_yet_active,
  active: DISPLAY_STATE_LABELS.active,
  expired: DISPLAY_STATE_LABELS.expired,
  rejected: DISPLAY_STATE_LABELS.rejected,
  cancelled: DISPLAY_STATE_LABELS.cancelled,
} as const satisfies Record<StaffState, string>

export function staffState(filing: Parameters<typeof displayState>[0], today: CalendarDate): StaffState {
  const state = displayState(filing, today)
  return state === 'expiring' ? 'active' : state
}

/**
 * The stored-status filter that saved forms and URLs from before issue 16 still send, read as the
 * states it was meant to pick: 已生效 as 生效中 (no longer the expired and not-yet-started filings).
 */
const STATES_OF_STATUS: Record<FilingStatus, StaffState[]> = {
  pending_review: ['pending_review', 'needs_materials'],
  active: ['active'],
  rejected: ['rejected'],
  cancelled: ['cancelled'],
}
const legacyStatusSchema = oneOrMany(z.enum(['pending_review', 'active', 'rejected', 'cancelled'], { error: '请选择备案状态' })).optional()

export const listFiltersSchema = z
  .object({
    state: oneOrMany(staffStateSchema).optional(),
    status: legacyStatusSchema,
    category: oneOrMany(categorySchema).optional(),
    policyId: oneOrMany(boundedString('请选择参保地', 40, '最多40个字')).optional(),
    provinceCode: regionCodeField('请选择就医省份').optional(),
    cityCode: regionCodeField('请选择就医城市').optional(),
    startFrom: dateField('请选择开始日期范围的起点').optional(),
    startTo: dateField('请选择开始日期范围的终点').optional(),
    expiringWithinDays: z.number({ error: '请输入天数' }).int({ error: '请输入整数天数' }).min(0).max(366).optional(),
    needsMyReview: z.boolean().optional(),
    /** The 抽查 queue: commitment filings picked for a check and not yet checked. */
    spotCheckDue: z.boolean().optional(),
    /** 代办 filings only: filed by someone for the insured person. */
    byAgent: z.boolean().optional(),
    q: optionalText(40, '搜索内容最多40个字'),
  })
  .refine((f) => !f.startFrom || !f.startTo || f.startFrom <= f.startTo, { error: '开始日期范围的起点不能晚于终点', path: ['startTo'] })
  .refine((f) => !f.state?.length || !f.status?.length, { error: '请只按备案状态筛选（旧的“状态”条件请去掉）', path: ['status'] })
  .transform(({ status, ...filters }) =>
    status?.length ? { ...filters, state: [...new Set(status.flatMap((s) => STATES_OF_STATUS[s]))] } : filters,
  )

export const listRequestSchema = z.object({
  filters: listFiltersSchema.default({}),
  page: z.number({ error: '页码应为数字' }).int().min(1, { error: '页码从1开始' }).max(100000).default(1),
  pageSize: z.number({ error: '每页条数应为数字' }).int().min(1).max(100, { error: '每页最多100条' }).default(20),
  sort: z
    .object({
      key: z.enum(['filedOn', 'startDate', 'validUntil', 'updatedAt'], { error: '请选择排序方式' }),
      direction: z.enum(['asc', 'desc'], { error: '请选择排序方向' }),
    })
    .default({ key: 'filedOn', direction: 'desc' }),
  /**
   * The `next` of the page before (same filters and sort): this page is then found by key, after that
   * page's last row. Opaque to the client; the server refuses one it did not make for this sort.
   */
  after: z
    .string({ error: '翻页位置无效，请从第一页重新查询' })
    .max(300, { error: '翻页位置无效，请从第一页重新查询' })
    .regex(/^[A-Za-z0-9_-]+$/, { error: '翻页位置无效，请从第一页重新查询' })
    .optional(),
})
export type ListRequest = z.infer<typeof listRequestSchema>

export const exportRequestSchema = z.object({ filters: listFiltersSchema.default({}) })

export const REVIEW_DECISIONS = ['approve', 'reject', 'request_materials'] as const

/** What a reviewer must write for a rejection (the person reads it). */
const REASON_NEEDED = '驳回时请填写原因，申请人会看到这段话'
const MATERIALS_NEEDED = '请勾选需要补充的材料，或在说明里写明需要补充什么'

export const reviewSchema = z
  .object({
    id: filingIdField,
    version: versionField,
    decision: z.enum(REVIEW_DECISIONS, { error: '请选择审核结果：通过、驳回或补充材料' }),
    note: optionalText(200, '审核意见最多200个字'),
    /** 要求补充材料: the filing's materials wanted (the server checks each is the filing's: materialsRequestIssues). */
    items: z
      .array(materialKindSchema, { error: '请勾选需要补充的材料' })
      .max(MATERIAL_KINDS.length, { error: '请勾选需要补充的材料' })
      .transform((kinds) => [...new Set(kinds)])
      .optional(),
  })
  .superRefine((r, context) => {
    if (r.decision === 'reject' && !r.note) context.addIssue({ code: 'custom', message: REASON_NEEDED, path: ['note'] })
    // Picked materials, a note, or both: a list cannot say everything (须加盖公章…), a note alone still works.
    if (r.decision === 'request_materials' && !r.note && !r.items?.length) context.addIssue({ code: 'custom', message: MATERIALS_NEEDED, path: ['items'] })
    if (r.decision !== 'request_materials' && r.items?.length) {
      context.addIssue({ code: 'custom', message: '只有要求补充材料时才勾选材料', path: ['items'] })
    }
  })
export type ReviewInput = z.infer<typeof reviewSchema>

export const spotCheckSchema = z
  .object({
    id: filingIdField,
    version: versionField,
    result: z.enum(['verified', 'problem'], { error: '请选择核查结果' }),
    note: optionalText(200, '核查意见最多200个字'),
  })
  .refine((c) => c.result !== 'problem' || (c.note ?? '').length > 0, {
    error: '请写明核查发现的问题和申请人要做什么，申请人会看到这段话',
    path: ['note'],
  })

export const recordStaySchema = z
  .object({
    id: filingIdField,
    admissionDate: dateField('请填写入院日期'),
    dischargeDate: dateField('请填写出院日期').nullish(),
  })
  .refine((s) => !s.dischargeDate || s.dischargeDate >= s.admissionDate, { error: '出院日期不能早于入院日期', path: ['dischargeDate'] })

/** admin.reveal: the full ID number and phone, for a stated reason (recorded and shown in the history). */
export const revealSchema = z.object({
  id: filingIdField,
  reason: reasonField,
})
export type RevealInput = z.infer<typeof revealSchema>

export const ACCESS_LOG_ACTIONS = ['list', 'export', 'proof', 'reveal'] as const

const timeBound = (message: string) =>
  boundedString(message, 40, message).regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, { error: message })

/** admin.accessLog: what staff read, for the `audit` role. */
export const accessLogRequestSchema = z
  .object({
    page: z.number({ error: '页码应为数字' }).int().min(1, { error: '页码从1开始' }).max(100000).default(1),
    pageSize: z.number({ error: '每页条数应为数字' }).int().min(1).max(100, { error: '每页最多100条' }).default(20),
    staff: optionalText(64, '工作人员账号最多64个字'),
    action: z.enum(ACCESS_LOG_ACTIONS, { error: '请选择操作类型' }).optional(),
    from: timeBound('请选择起始日期').optional(),
    to: timeBound('请选择截止日期').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from.slice(0, 10) <= q.to.slice(0, 10), { error: '起始日期不能晚于截止日期', path: ['to'] })
export type AccessLogRequest = z.infer<typeof accessLogRequestSchema>
