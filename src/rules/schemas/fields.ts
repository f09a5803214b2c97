// Field schemas shared by every request: each carries the message a person reads when it is wrong.
import * as z from 'zod'
import { isCalendarDate } from '../dates'
import { MOBILE_MESSAGE, NAME_MAX_LENGTH, NAME_TOO_LONG, checkMobile, checkName, type TextCheck } from '../identity'

/**
 * Every string is bounded as it arrives, before anything trims, normalises or matches it: no request
 * can make a check walk a megabyte of spaces. The raw bound leaves room for what a person pastes
 * around the text (spaces, a stray line break); the field's own limit is checked after trimming.
 */
export const rawBound = (max: number) => 2 * max + 20

/**
 * A string no longer than `rawMax` as sent, else `tooLong`. `abort`: zod would otherwise go on to
 * run the checks after it (trim, regex, refine) on the over-long string.
 */
export const boundedString = (message: string, rawMax: number, tooLong: string) =>
  z.string({ error: message }).max(rawMax, { error: tooLong, abort: true })

/** A string field; `message` is shown when it is missing or not text. */
export const text = (message: string, max: number, tooLong = `最多${max}个字`) =>
  boundedString(message, rawBound(max), tooLong).trim().min(1, { error: message }).max(max, { error: tooLong })

export const optionalText = (max: number, tooLong = `最多${max}个字`) =>
  boundedString('请输入文字', rawBound(max), tooLong).trim().max(max, { error: tooLong }).optional()

/** YYYY-MM-DD, or a full ISO instant some pickers send: 40 characters is plenty for either. */
export const dateField = (message: string) =>
  boundedString(message, 40, `${message}，格式如 2026-03-01`)
    .trim()
    .refine(isCalendarDate, { error: `${message}，格式如 2026-03-01` })

export const regionCodeField = (message: string) => boundedString(message, 20, message).trim().regex(/^\d{6}$/, { error: message })

export const destinationSchema = z.object(
  {
    provinceCode: regionCodeField('请选择就医省份'),
    cityCode: regionCodeField('请选择就医城市').optional(),
  },
  { error: '请选择就医地' },
)

/** A string field normalised by a checker from the identity module (which also says what is wrong). */
const checkedText = (message: string, rawMax: number, tooLong: string, check: (raw: string) => TextCheck) =>
  boundedString(message, rawMax, tooLong).transform((raw, ctx) => {
    const checked = check(raw)
    if (checked.ok) return checked.value
    ctx.addIssue({ code: 'custom', message: checked.message })
    return z.NEVER
  })

export const nameField = checkedText('请输入姓名', rawBound(NAME_MAX_LENGTH), NAME_TOO_LONG, checkName)
export const mobileField = checkedText('请输入手机号码', 40, MOBILE_MESSAGE, checkMobile)

/** An ID number as typed (18 characters, with room for spaces); checkIdNumber reads the rest. */
export const idNumberField = boundedString('请输入证件号码', 40, '证件号码最多40个字符')

export const addressField = optionalText(100, '地址最多100个字')

/** A client-made id that makes a retried submit return the first filing instead of a second one. */
export const requestIdField = boundedString('缺少请求编号，请刷新页面后重试', 64, '请求编号格式不对，请刷新页面后重试').regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求编号格式不对，请刷新页面后重试' })

export const filingIdField = text('缺少备案编号', 64)

export const versionField = z
  .number({ error: '缺少版本号，请刷新后重试' })
  .int({ error: '版本号格式不对，请刷新后重试' })
  .min(1, { error: '版本号格式不对，请刷新后重试' })

export const reasonField = text('请填写原因', 200, '原因最多200个字')
