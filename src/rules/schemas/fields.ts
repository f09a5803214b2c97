// Field schemas shared by every request: each carries the message a person reads when it is wrong.
import * as z from 'zod'
import { isCalendarDate } from '../dates'
import { checkMobile, checkName, type TextCheck } from '../identity'

/** A string field; `message` is shown when it is missing or not text. */
export const text = (message: string, max: number, tooLong = `最多${max}个字`) =>
  z.string({ error: message }).trim().min(1, { error: message }).max(max, { error: tooLong })

export const optionalText = (max: number, tooLong = `最多${max}个字`) =>
  z.string({ error: '请输入文字' }).trim().max(max, { error: tooLong }).optional()

export const dateField = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .refine(isCalendarDate, { error: `${message}，格式如 2026-03-01` })

export const regionCodeField = (message: string) =>
  z.string({ error: message }).trim().regex(/^\d{6}$/, { error: message })

export const destinationSchema = z.object(
  {
    provinceCode: regionCodeField('请选择就医省份'),
    cityCode: regionCodeField('请选择就医城市').optional(),
  },
  { error: '请选择就医地' },
)

/** A string field normalised by a checker from the identity module (which also says what is wrong). */
const checkedText = (message: string, check: (raw: string) => TextCheck) =>
  z.string({ error: message }).transform((raw, ctx) => {
    const checked = check(raw)
    if (checked.ok) return checked.value
    ctx.addIssue({ code: 'custom', message: checked.message })
    return z.NEVER
  })

export const nameField = checkedText('请输入姓名', checkName)
export const mobileField = checkedText('请输入手机号码', checkMobile)

export const addressField = optionalText(100, '地址最多100个字')

/** A client-made id that makes a retried submit return the first filing instead of a second one. */
export const requestIdField = z
  .string({ error: '缺少请求编号，请刷新页面后重试' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求编号格式不对，请刷新页面后重试' })

export const filingIdField = text('缺少备案编号', 64)

export const versionField = z
  .number({ error: '缺少版本号，请刷新后重试' })
  .int({ error: '版本号格式不对，请刷新后重试' })
  .min(1, { error: '版本号格式不对，请刷新后重试' })

export const reasonField = text('请填写原因', 200, '原因最多200个字')
