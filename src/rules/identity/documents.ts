// Identity document numbers: check them, and derive gender and birth date so nobody is asked twice.
import { isCalendarDate, type CalendarDate } from '../dates'
import { normalizeInput } from './contact'

export const ID_TYPES = ['resident_id', 'hmt_residence_permit', 'foreign_permanent_resident_id'] as const
export type IdType = (typeof ID_TYPES)[number]

export const ID_TYPE_LABELS = {
  resident_id: '居民身份证',
  hmt_residence_permit: '港澳台居民居住证',
  foreign_permanent_resident_id: '外国人永久居留身份证',
} as const satisfies Record<IdType, string>

export type Gender = 'male' | 'female'
export const GENDER_LABELS = { male: '男', female: '女' } as const satisfies Record<Gender, string>

export type IdCheck =
  | { ok: true; number: string; birthDate: CalendarDate; gender: Gender | null }
  | { ok: false; message: string }

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

/** GB 11643 / ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function checkCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(first17[index]), 0)
  return CHECK_CHARS[sum % 11]
}

/** Province-level codes that open a mainland resident ID number (GB/T 2260 first two digits). */
const ID_PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
])

const HMT_PREFIXES: Record<string, string> = { '810000': '香港', '820000': '澳门', '830000': '台湾' }

function normalize(raw: string): string {
  // People paste numbers with spaces, type a lowercase x, or type in 全角 mode.
  return normalizeInput(raw).replace(/\s+/g, '').toUpperCase()
}

function birthDateFrom(yyyymmdd: string, today: CalendarDate): CalendarDate | string {
  const date = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`
  if (!isCalendarDate(date) || date < '1900-01-01') return '证件号码中的出生日期不存在，请核对号码'
  if (date > today) return '证件号码中的出生日期晚于今天，请核对号码'
  return date
}

/** The 18-character layout shared by resident IDs, HMT permits and new foreign permanent resident IDs. */
function check18(number: string, today: CalendarDate, wrongLength: string): IdCheck {
  if (!/^\d{17}[\dX]$/.test(number)) return { ok: false, message: wrongLength }
  const birth = birthDateFrom(number.slice(6, 14), today)
  if (!isCalendarDate(birth)) return { ok: false, message: birth }
  if (checkCharacter(number.slice(0, 17)) !== number[17]) {
    return { ok: false, message: '证件号码校验位不对，请逐位核对号码（最后一位可能是X）' }
  }
  return { ok: true, number, birthDate: birth, gender: Number(number[16]) % 2 === 1 ? 'male' : 'female' }
}

function checkResidentId(number: string, today: CalendarDate): IdCheck {
  const result = check18(number, today, '请输入18位身份证号码，最后一位可能是X')
  if (!result.ok) return result
  if (!ID_PROVINCE_PREFIXES.has(number.slice(0, 2))) {
    return { ok: false, message: '身份证号码前两位不是内地省份代码，请核对号码；港澳台居民请选择“港澳台居民居住证”' }
  }
  return result
}

function checkHmtPermit(number: string, today: CalendarDate): IdCheck {
  const result = check18(number, today, '请输入18位港澳台居民居住证号码，以810000、820000或830000开头')
  if (!result.ok) return result
  if (!HMT_PREFIXES[number.slice(0, 6)]) {
    return { ok: false, message: '港澳台居民居住证号码以810000（香港）、820000（澳门）或830000（台湾）开头，请核对号码' }
  }
  return result
}

/**
 * 外国人永久居留身份证. The 2023 card: 18 digits starting with 9, then the issuing province (2),
 * nationality (3), birth date (8), sequence (3, odd for men) and a MOD 11-2 check character.
 * The 2017 card: 3 letters of nationality + 12 digits (issuing province 2, birth date YYMMDD 6,
 * sequence and check 4); its check rule is not public, and its birth century is taken as the latest
 * one not after today. Gender cannot be read from the old number.
 */
function checkForeignPermanentResidentId(number: string, today: CalendarDate): IdCheck {
  if (/^9/.test(number)) {
    const result = check18(number, today, '新版外国人永久居留身份证号码为18位数字，以9开头')
    if (!result.ok) return result
    if (!ID_PROVINCE_PREFIXES.has(number.slice(1, 3))) {
      return { ok: false, message: '外国人永久居留身份证号码第2、3位应为受理地省份代码，请核对号码' }
    }
    return result
  }
  if (!/^[A-Z]{3}\d{12}$/.test(number)) {
    return { ok: false, message: '请输入外国人永久居留身份证号码：新版为9开头的18位数字，旧版为3个字母加12位数字' }
  }
  if (!ID_PROVINCE_PREFIXES.has(number.slice(3, 5))) {
    return { ok: false, message: '旧版外国人永久居留身份证号码第4、5位应为受理地省份代码，请核对号码' }
  }
  const yymmdd = number.slice(5, 11)
  for (const century of ['20', '19']) {
    const birth = birthDateFrom(century + yymmdd, today)
    if (isCalendarDate(birth)) return { ok: true, number, birthDate: birth, gender: null }
  }
  return { ok: false, message: '证件号码中的出生日期不存在，请核对号码' }
}

const CHECKERS: Record<IdType, (number: string, today: CalendarDate) => IdCheck> = {
  resident_id: checkResidentId,
  hmt_residence_permit: checkHmtPermit,
  foreign_permanent_resident_id: checkForeignPermanentResidentId,
}

/** Checks an identity document number; `today` bounds the birth date. */
export function checkIdNumber(idType: IdType, raw: string, today: CalendarDate): IdCheck {
  const number = normalize(raw)
  if (number === '') return { ok: false, message: '请输入证件号码' }
  return CHECKERS[idType](number, today)
}
