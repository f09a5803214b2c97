// 实名认证: the caller says who they are; the server checks it (WeChat 人脸核身 when deployed) and
// keeps it per openid. The page runs the same check first, so a typo is caught before the camera opens.
import * as z from 'zod'
import type { CalendarDate } from '../dates'
import { checkIdNumber, type IdType } from '../identity'
import { PRIVACY_NOTICE_VERSION } from '../privacy'
import { idNumberField, nameField, text } from './fields'
import { issue, safeParseChinese, fromZodError, type Validated } from './issues'
import { idTypeSchema } from './vocabulary'

const OUTDATED = '个人信息处理规则已更新，请重新阅读后同意'

/** 第二十九条: a separate consent to the sensitive items, for the version of the rules the person read. */
export const consentSchema = z.object(
  {
    version: z.literal(PRIVACY_NOTICE_VERSION, { error: OUTDATED }),
    sensitive: z.literal(true, { error: '请阅读《个人信息处理规则》，并勾选同意处理敏感个人信息' }),
  },
  { error: '请阅读《个人信息处理规则》，并勾选同意处理敏感个人信息' },
)

export const verifyIdentitySchema = z.object({
  name: nameField,
  idType: idTypeSchema,
  idNumber: idNumberField,
  /** The face-verification session the page completed (deployed); absent to start one. */
  verifyResult: text('人脸核身没有完成，请重新核验', 256).optional(),
  consent: consentSchema,
})

export interface IdentityClaim {
  name: string
  idType: IdType
  /** Normalised (upper case, no spaces). */
  idNumber: string
  verifyResult?: string
  consent: z.infer<typeof consentSchema>
}

/** The claim's shape, then its ID number's check digit and dates. */
export function validateIdentityClaim(input: unknown, today: CalendarDate): Validated<IdentityClaim> {
  const shape = safeParseChinese(verifyIdentitySchema, input)
  if (!shape.success) return { ok: false, issues: fromZodError(shape.error) }
  const id = checkIdNumber(shape.data.idType, shape.data.idNumber, today)
  if (!id.ok) return { ok: false, issues: [issue('idNumber', id.message)] }
  return { ok: true, value: { ...shape.data, idNumber: id.number } }
}
