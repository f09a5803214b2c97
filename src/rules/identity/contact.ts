// Names and mobile numbers as people type them.

/** Dots people type between the parts of a minority or foreign name, all read as the middle dot. */
const DOT_VARIANTS = /[•・．.∙⋅●‧･]/g
const MIDDLE_DOT = '·'
/** Kangxi and supplementary radicals look like characters but match no identity record. */
const RADICALS = /[\u2E80-\u2FDF]/u

/** Full-width letters and digits (input methods in 全角 mode) become plain ones; radicals with a plain twin too. */
export function normalizeInput(raw: string): string {
  return raw.normalize('NFKC')
}

export type TextCheck = { ok: true; value: string } | { ok: false; message: string }

export const NAME_MAX_LENGTH = 30
export const NAME_TOO_LONG = '姓名最多30个字，请按证件填写'
export const MOBILE_MESSAGE = '请输入11位手机号码，以13至19开头'

/** Spaces around each middle dot dropped, without a regex that backtracks over runs of spaces. */
const tightenDots = (value: string) =>
  value
    .split(MIDDLE_DOT)
    .map((part) => part.trim())
    .join(MIDDLE_DOT)

const HAN = /^\p{Script=Han}$/u
const isHan = (char: string | undefined) => char !== undefined && HAN.test(char)

/**
 * Spaces inside a Chinese name dropped ("刘 秀英" → "刘秀英": people type one between surname and given
 * name, but no ID record has it); a space between two Latin letters kept (foreign and HMT names).
 * One split and join over a string already bounded by the schema: linear, no backtracking.
 */
const closeHanGaps = (value: string) =>
  value.split(' ').reduce((joined, part) => {
    if (joined === '') return part
    if (part === '') return joined
    // Two code units either side: enough for one character, even outside the BMP (扩展B).
    return isHan(Array.from(joined.slice(-2)).pop()) || isHan(Array.from(part.slice(0, 2))[0]) ? joined + part : `${joined} ${part}`
  }, '')

/**
 * A name as stored: full-width forms folded, every dot variant read as the middle dot with no spaces
 * around it, runs of whitespace one space, spaces beside Chinese characters dropped.
 */
export function normalizeName(raw: string): string {
  return closeHanGaps(tightenDots(normalizeInput(raw).replace(DOT_VARIANTS, MIDDLE_DOT)).replace(/\s+/g, ' ').trim())
}

/**
 * A name of 2–30 characters: Chinese characters, the middle dot of minority names (阿依古丽·买买提),
 * or Latin letters and spaces for names as printed on foreign and HMT documents.
 */
export function checkName(raw: string): TextCheck {
  const value = normalizeName(raw)
  if (value === '') return { ok: false, message: '请输入姓名' }
  const length = Array.from(value).length
  if (length < 2) return { ok: false, message: '姓名至少2个字，请输入证件上的完整姓名' }
  if (length > NAME_MAX_LENGTH) return { ok: false, message: NAME_TOO_LONG }
  if (RADICALS.test(value) || !/^[\p{Script=Han}A-Za-z· ]+$/u.test(value)) {
    return { ok: false, message: '姓名只能包含汉字、字母和间隔号“·”，请按证件填写' }
  }
  if (/^[· ]|[· ]$|··/.test(value)) {
    return { ok: false, message: '间隔号“·”只能写在姓名中间，请按证件填写' }
  }
  return { ok: true, value }
}

/** A mainland mobile number: 1, then 3–9, then 9 digits. Spaces, dashes, brackets and +86 / 0086 are dropped. */
export function checkMobile(raw: string): TextCheck {
  const value = normalizeInput(raw)
    .replace(/[\s\-‐‑–—()]/g, '')
    .replace(/^(\+|00)?86(?=1\d{10}$)/, '')
  if (value === '') return { ok: false, message: '请输入手机号码' }
  if (!/^1[3-9]\d{9}$/.test(value)) return { ok: false, message: MOBILE_MESSAGE }
  return { ok: true, value }
}
