// Back-office requests: list filters, review decisions, recorded stays.
import * as z from 'zod'
import { FILING_STATUSES } from '../engine/filing'
import { boundedString, dateField, filingIdField, optionalText, reasonField, regionCodeField, versionField } from './fields'
import { categorySchema } from './vocabulary'

/** One value or a list of them (up to 20), read as a list. */
const oneOrMany = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item).max(20))

export const listFiltersSchema = z
  .object({
    status: oneOrMany(z.enum(FILING_STATUSES, { error: '请选择状态' })).optional(),
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
})
export type ListRequest = z.infer<typeof listRequestSchema>

export const exportRequestSchema = z.object({ filters: listFiltersSchema.default({}) })

export const REVIEW_DECISIONS = ['approve', 'reject', 'request_materials'] as const

/** What a reviewer must write for each decision (the person reads it). */
const NOTE_NEEDED = {
  approve: null,
  reject: '驳回时请填写原因，申请人会看到这段话',
  request_materials: '请写明需要补充哪些材料，申请人会看到这段话',
} as const satisfies Record<(typeof REVIEW_DECISIONS)[number], string | null>

export const reviewSchema = z
  .object({
    id: filingIdField,
    version: versionField,
    decision: z.enum(REVIEW_DECISIONS, { error: '请选择审核结果：通过、驳回或补充材料' }),
    note: optionalText(200, '审核意见最多200个字'),
  })
  .superRefine((r, context) => {
    const needed = NOTE_NEEDED[r.decision]
    if (needed && !r.note) context.addIssue({ code: 'custom', message: needed, path: ['note'] })
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
