// Identity documents, names, mobiles and masking: the rules of src/rules/identity, read as a table.
//
// Valid numbers are built here with `withCheck`, an independent MOD 11-2 implementation (GB 11643-1999
// §5.2 / ISO 7064), so the expectations never come from the code under test. `today` is always passed
// explicitly: 2026-11-22. Nothing here reads the clock or the process time zone.
import {
  GENDER_LABELS,
  ID_TYPES,
  ID_TYPE_LABELS,
  checkCharacter,
  checkIdNumber,
  checkMobile,
  checkName,
  idTypeSchema,
  maskIdNumber,
  maskMiddle,
  maskMobile,
  type IdCheck,
  type IdType,
  type TextCheck,
} from '../../src/rules'

const today = '2026-11-22'

/** Any Chinese character: every message must tell the person, in Chinese, what to do. */
const CHINESE = /[\u4e00-\u9fa5]/

// ---- independent MOD 11-2 helper -------------------------------------------------------------

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_MAP = '10X98765432'

/** The 17 body digits followed by their GB 11643 check character. */
function withCheck(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`withCheck needs 17 digits, got "${first17}"`)
  let sum = 0
  for (let i = 0; i < 17; i += 1) sum += WEIGHTS[i] * Number(first17[i])
  return first17 + CHECK_MAP[sum % 11]
}

/** The same 17 digits with a check character that is certainly wrong. */
function withWrongCheck(first17: string): string {
  const right = withCheck(first17)[17]
  return first17 + (right === '0' ? '1' : '0')
}

/** Shorthand for the failing branch, so the tables can say `message` without casts. */
function messageOf(result: IdCheck | TextCheck): string {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`)
  return result.message
}

describe('withCheck (the test helper) agrees with published examples', () => {
  test.each([
    ['11010519491231002', '11010519491231002X', 'GB 11643 example: check character X'],
    ['44052418800101001', '440524188001010014', 'GB 11643 example: check character 4'],
  ])('%s → %s (%s)', (first17, full, _reason) => {
    expect(withCheck(first17)).toBe(full)
  })
})

// ---- checkCharacter --------------------------------------------------------------------------

describe('checkCharacter: GB 11643 MOD 11-2 check character of the first 17 digits', () => {
  test.each([
    ['11010519491231002', 'X', 'published example 11010519491231002X'],
    ['44052418800101001', '4', 'published example 440524188001010014'],
    // One body per possible remainder, so each of the eleven characters of 10X98765432 appears.
    ['11010519900307018', '0', 'remainder 1'],
    ['11010519900307004', '1', 'remainder 0'],
    ['11010519900307009', '2', 'remainder 10'],
    ['11010519900307003', '3', 'remainder 9'],
    ['11010519900307008', '4', 'remainder 8'],
    ['11010519900307002', '5', 'remainder 7'],
    ['11010519900307007', '6', 'remainder 6'],
    ['11010519900307001', '7', 'remainder 5'],
    ['11010519900307006', '8', 'remainder 4'],
    ['11010519900307000', '9', 'remainder 3'],
    ['11010519900307005', 'X', 'remainder 2'],
  ])('checkCharacter(%s) → %s (%s)', (first17, expected, _reason) => {
    expect(checkCharacter(first17)).toBe(expected)
    expect(withCheck(first17)[17]).toBe(expected)
  })
})

// ---- 居民身份证 --------------------------------------------------------------------------------

describe('居民身份证 (resident_id): good numbers, with birth date and gender', () => {
  test.each([
    [withCheck('11010519900307123'), '1990-03-07', 'male', '北京 东城; 17th digit 3 is odd'],
    ['11010519491231002X', '1949-12-31', 'female', 'published example; 17th digit 2 is even; check X'],
    [withCheck('44030420000229002'), '2000-02-29', 'female', '29 February of a leap year'],
    [withCheck('65010219000101001'), '1900-01-01', 'male', 'earliest accepted birth date'],
    [withCheck('31011520261122004'), '2026-11-22', 'female', 'born today'],
    [withCheck('54010219800615007'), '1980-06-15', 'male', '西藏 (54)'],
    [withCheck('15010219800615008'), '1980-06-15', 'female', '内蒙古 (15)'],
    [withCheck('46010219800615009'), '1980-06-15', 'male', '海南 (46)'],
  ])('%s → born %s, %s (%s)', (number, birthDate, gender, _reason) => {
    expect(checkIdNumber('resident_id', number, today)).toEqual({ ok: true, number, birthDate, gender })
  })
})

describe('居民身份证: input is normalised (spaces removed, lowercase x → X)', () => {
  test.each([
    ['11010519491231002x', '11010519491231002X', 'lowercase x'],
    ['110105 19491231 002X', '11010519491231002X', 'spaces between groups'],
    [' 1101 0519 4912 3100 2x ', '11010519491231002X', 'leading, trailing and inner spaces, lowercase x'],
    ['110105\t19491231\t002X', '11010519491231002X', 'tabs'],
    ['110105\u300019491231\u3000002X', '11010519491231002X', 'ideographic (full-width) spaces'],
  ])('%j → %s (%s)', (raw, number, _reason) => {
    const result = checkIdNumber('resident_id', raw, today)
    expect(result).toEqual({ ok: true, number, birthDate: '1949-12-31', gender: 'female' })
  })
})

describe('居民身份证: bad numbers are refused with a Chinese message', () => {
  test.each([
    ['', /请输入证件号码/, 'empty'],
    ['   ', /请输入证件号码/, 'only spaces'],
    ['1101051949123100', /18位身份证号码/, '16 characters'],
    ['11010519491231002', /18位身份证号码/, '17 digits: check character missing'],
    [withCheck('11010519900307123') + '1', /18位身份证号码/, '19 characters'],
    ['110105491231002', /18位身份证号码/, '15-digit first-generation number'],
    ['1101051949A231002X', /18位身份证号码/, 'a letter inside'],
    ['X10105194912310021', /18位身份证号码/, 'X anywhere but the last position'],
    ['11010519491231002Y', /18位身份证号码/, 'a letter other than X at the end'],
    ['110105-19491231-002X', /18位身份证号码/, 'dashes are not removed'],
    [withWrongCheck('11010519900307123'), /校验位不对/, 'wrong check character'],
    ['110105194912310020', /校验位不对/, 'published example with 0 instead of X'],
    [withCheck('11010519900230123'), /出生日期不存在/, '30 February'],
    [withCheck('11010519010229123'), /出生日期不存在/, '29 February of a common year (1901)'],
    [withCheck('11010519901301123'), /出生日期不存在/, 'month 13'],
    [withCheck('11010519900000123'), /出生日期不存在/, 'month and day 00'],
    [withCheck('11010519900431123'), /出生日期不存在/, '31 April'],
    [withCheck('11010518991231123'), /出生日期不存在/, 'born 1899: before 1900'],
    [withCheck('44052418800101001'), /出生日期不存在/, 'published 1880 example: before 1900'],
    [withCheck('11010520261123123'), /晚于今天/, 'born tomorrow'],
    [withCheck('11010520270101123'), /晚于今天/, 'born next year'],
    [withCheck('81000019900307123'), /内地省份代码.*港澳台居民居住证/, '81…: Hong Kong prefix, points to the HMT permit'],
    [withCheck('83000019900307123'), /内地省份代码/, '83…: Taiwan permit prefix'],
    [withCheck('71000019900307123'), /内地省份代码/, '71: GB/T 2260 Taiwan code, never on a resident ID'],
    [withCheck('00010119900307123'), /内地省份代码/, '00: no province'],
    [withCheck('10010119900307123'), /内地省份代码/, '10: no province'],
    [withCheck('91184019850615001'), /内地省份代码/, 'a new foreign permanent resident number'],
  ])('%j is refused: %s (%s)', (raw, message, _reason) => {
    const text = messageOf(checkIdNumber('resident_id', raw, today))
    expect(text).toMatch(message)
    expect(text).toMatch(CHINESE)
  })
})

// ---- 港澳台居民居住证 --------------------------------------------------------------------------

describe('港澳台居民居住证 (hmt_residence_permit): good numbers', () => {
  test.each([
    [withCheck('81000019900307123'), '1990-03-07', 'male', '810000 香港'],
    [withCheck('82000020010815002'), '2001-08-15', 'female', '820000 澳门'],
    [withCheck('83000019751231005'), '1975-12-31', 'male', '830000 台湾'],
    [withCheck('83000020261122004'), '2026-11-22', 'female', 'born today'],
  ])('%s → born %s, %s (%s)', (number, birthDate, gender, _reason) => {
    expect(checkIdNumber('hmt_residence_permit', number, today)).toEqual({ ok: true, number, birthDate, gender })
  })

  test('lowercase x and spaces are normalised', () => {
    const number = withCheck('81000019900307004')
    expect(number[17]).toBe('X')
    const raw = ` ${number.slice(0, 6)} ${number.slice(6, 14)} ${number.slice(14).toLowerCase()} `
    expect(checkIdNumber('hmt_residence_permit', raw, today)).toEqual({
      ok: true,
      number,
      birthDate: '1990-03-07',
      gender: 'female',
    })
  })
})

describe('港澳台居民居住证: bad numbers', () => {
  test.each([
    ['', /请输入证件号码/, 'empty'],
    ['81000019900307123', /18位港澳台居民居住证号码/, '17 digits'],
    ['81000019900307A234', /18位港澳台居民居住证号码/, 'a letter inside'],
    [withCheck('11010519900307123'), /810000（香港）、820000（澳门）或830000（台湾）/, 'mainland prefix 110105'],
    [withCheck('81000119900307123'), /810000/, '810001: only 810000 itself'],
    [withCheck('84000019900307123'), /810000/, '840000 is no HMT prefix'],
    [withCheck('71000019900307123'), /810000/, '710000 (GB/T 2260 台湾) is not the permit prefix'],
    [withWrongCheck('82000020010815002'), /校验位不对/, 'wrong check character'],
    [withCheck('82000020010230002'), /出生日期不存在/, '30 February'],
    [withCheck('82000018991231002'), /出生日期不存在/, 'born 1899'],
    [withCheck('83000020261123005'), /晚于今天/, 'born tomorrow'],
  ])('%j is refused: %s (%s)', (raw, message, _reason) => {
    const text = messageOf(checkIdNumber('hmt_residence_permit', raw, today))
    expect(text).toMatch(message)
    expect(text).toMatch(CHINESE)
  })
})

// ---- 外国人永久居留身份证 ----------------------------------------------------------------------

describe('外国人永久居留身份证, 2023 format: 9 + province (2) + nationality (3) + birth (8) + sequence (3) + check', () => {
  test.each([
    [withCheck('9' + '11' + '840' + '19850615' + '001'), '1985-06-15', 'male', '北京, USA 840, sequence odd'],
    [withCheck('9' + '31' + '392' + '20100101' + '002'), '2010-01-01', 'female', '上海, JPN 392, sequence even'],
    [withCheck('9' + '44' + '826' + '19000101' + '003'), '1900-01-01', 'male', '广东, GBR 826, earliest date'],
    [withCheck('9' + '65' + '643' + '20261122' + '004'), '2026-11-22', 'female', '新疆, RUS 643, born today'],
  ])('%s → born %s, %s (%s)', (number, birthDate, gender, _reason) => {
    expect(checkIdNumber('foreign_permanent_resident_id', number, today)).toEqual({
      ok: true,
      number,
      birthDate,
      gender,
    })
  })

  test.each([
    ['9' + '11' + '840' + '19850615' + '001', /新版外国人永久居留身份证号码为18位数字/, '17 digits: check missing'],
    ['9' + '11' + '840' + '19850615' + '00112', /新版外国人永久居留身份证号码为18位数字/, '19 digits'],
    ['9' + '11' + '840' + '1985O615' + '0011', /新版外国人永久居留身份证号码为18位数字/, 'letter O for zero'],
    [withWrongCheck('9' + '11' + '840' + '19850615' + '001'), /校验位不对/, 'wrong check character'],
    [withCheck('9' + '11' + '840' + '19850230' + '001'), /出生日期不存在/, '30 February'],
    [withCheck('9' + '11' + '840' + '18991231' + '001'), /出生日期不存在/, 'born 1899'],
    [withCheck('9' + '11' + '840' + '20261123' + '001'), /晚于今天/, 'born tomorrow'],
    [withCheck('9' + '81' + '840' + '19850615' + '001'), /第2、3位应为受理地省份代码/, 'issuing code 81 is no province'],
    [withCheck('9' + '00' + '840' + '19850615' + '001'), /第2、3位应为受理地省份代码/, 'issuing code 00'],
  ])('%j is refused: %s (%s)', (raw, message, _reason) => {
    const text = messageOf(checkIdNumber('foreign_permanent_resident_id', raw, today))
    expect(text).toMatch(message)
    expect(text).toMatch(CHINESE)
  })
})

describe('外国人永久居留身份证, 2017 format: 3 letters + province (2) + YYMMDD + 4 digits; no gender', () => {
  test.each([
    ['USA118506150012', 'USA118506150012', '1985-06-15', 'YY=85: 2085 is after today, so 1985'],
    ['GBR311001010015', 'GBR311001010015', '2010-01-01', 'YY=10: 2010 is not after today'],
    ['JPN442611220012', 'JPN442611220012', '2026-11-22', 'YY=26, today: 2026'],
    ['JPN442611230012', 'JPN442611230012', '1926-11-23', 'YY=26, tomorrow: back to 1926'],
    ['CAN110002290011', 'CAN110002290011', '2000-02-29', 'YY=00, 29 February: 2000 is a leap year'],
    ['DEU659912310019', 'DEU659912310019', '1999-12-31', 'YY=99: 1999'],
    ['usa118506150012', 'USA118506150012', '1985-06-15', 'lowercase letters are capitalised'],
    [' USA 11 850615 0012 ', 'USA118506150012', '1985-06-15', 'spaces removed'],
  ])('%j → %s, born %s (%s)', (raw, number, birthDate, _reason) => {
    expect(checkIdNumber('foreign_permanent_resident_id', raw, today)).toEqual({
      ok: true,
      number,
      birthDate,
      gender: null,
    })
  })

  test.each([
    ['US1118506150012', /3个字母加12位数字/, 'only two letters'],
    ['USAA18506150012', /3个字母加12位数字/, 'four letters'],
    ['U5A118506150012', /3个字母加12位数字/, 'a digit among the letters'],
    ['USA11850615001', /3个字母加12位数字/, '11 digits'],
    ['USA1185061500123', /3个字母加12位数字/, '13 digits'],
    ['USA11850615001A', /3个字母加12位数字/, 'a letter among the digits'],
    ['USA-11-850615-0012', /3个字母加12位数字/, 'dashes'],
    ['118506150012', /3个字母加12位数字/, 'no letters at all'],
    ['USA818506150012', /第4、5位应为受理地省份代码/, 'issuing code 81 is no province'],
    ['USA008506150012', /第4、5位应为受理地省份代码/, 'issuing code 00'],
    ['USA119002300012', /出生日期不存在/, '30 February in either century'],
    ['USA119013010012', /出生日期不存在/, 'month 13'],
    ['USA119004310012', /出生日期不存在/, '31 April'],
    ['USA110000000012', /出生日期不存在/, 'YYMMDD 000000'],
  ])('%j is refused: %s (%s)', (raw, message, _reason) => {
    const text = messageOf(checkIdNumber('foreign_permanent_resident_id', raw, today))
    expect(text).toMatch(message)
    expect(text).toMatch(CHINESE)
  })

  test('an empty number asks for one', () => {
    expect(checkIdNumber('foreign_permanent_resident_id', ' ', today)).toEqual({ ok: false, message: '请输入证件号码' })
  })
})

describe('the same number is judged by the document type chosen', () => {
  const hk = withCheck('81000019900307123')
  const bj = withCheck('11010519900307123')
  const foreignNew = withCheck('91184019850615001')
  test.each([
    ['resident_id', bj, true],
    ['hmt_residence_permit', bj, false],
    ['foreign_permanent_resident_id', bj, false],
    ['resident_id', hk, false],
    ['hmt_residence_permit', hk, true],
    ['foreign_permanent_resident_id', hk, false],
    ['resident_id', foreignNew, false],
    ['hmt_residence_permit', foreignNew, false],
    ['foreign_permanent_resident_id', foreignNew, true],
    ['resident_id', 'USA118506150012', false],
    ['hmt_residence_permit', 'USA118506150012', false],
  ] as const)('%s, %s → ok %s', (idType, number, ok) => {
    expect(checkIdNumber(idType, number, today).ok).toBe(ok)
  })
})

describe('today bounds the birth date (not the clock)', () => {
  const bornToday = withCheck('11010520261122123')
  test.each([
    ['2026-11-21', false, 'the day before the birth'],
    ['2026-11-22', true, 'the birth day itself'],
    ['2030-01-01', true, 'any later day'],
  ])('born 2026-11-22, today %s → ok %s (%s)', (day, ok, _reason) => {
    expect(checkIdNumber('resident_id', bornToday, day).ok).toBe(ok)
  })

  test.each([
    ['USA118506150012', '2010-06-15', '1985-06-15', 'YY=85 read in 2010'],
    ['GBR311001010015', '2010-01-01', '2010-01-01', 'YY=10 on that very day'],
    ['GBR311001010015', '2009-12-31', '1910-01-01', 'YY=10 the day before: 2010 is still in the future'],
  ])('old foreign card %s read on %s → born %s (%s)', (raw, day, birthDate, _reason) => {
    expect(checkIdNumber('foreign_permanent_resident_id', raw, day)).toEqual({
      ok: true,
      number: raw,
      birthDate,
      gender: null,
    })
  })
})

describe('document types and labels', () => {
  test('three document types, each with its Chinese label', () => {
    expect(ID_TYPES).toEqual(['resident_id', 'hmt_residence_permit', 'foreign_permanent_resident_id'])
    expect(ID_TYPE_LABELS).toEqual({
      resident_id: '居民身份证',
      hmt_residence_permit: '港澳台居民居住证',
      foreign_permanent_resident_id: '外国人永久居留身份证',
    })
    expect(GENDER_LABELS).toEqual({ male: '男', female: '女' })
  })

  test.each(ID_TYPES.map((t) => [t]))('idTypeSchema accepts %s', (idType: IdType) => {
    expect(idTypeSchema.parse(idType)).toBe(idType)
  })

  test.each([['passport'], [''], [undefined]])('idTypeSchema refuses %p with a Chinese message', (value) => {
    const result = idTypeSchema.safeParse(value)
    expect(result.success).toBe(false)
    if (!result.success) expect(result.error.issues[0].message).toBe('请选择证件类型')
  })
})

// ---- names -----------------------------------------------------------------------------------

describe('checkName: good names and their normalised value', () => {
  test.each([
    ['张三', '张三', 'two Han characters'],
    ['  张三  ', '张三', 'surrounding spaces trimmed'],
    ['阿依古丽·买买提', '阿依古丽·买买提', 'minority name with the middle dot U+00B7'],
    ['阿依古丽•买买提', '阿依古丽·买买提', 'bullet • U+2022 → ·'],
    ['阿依古丽.买买提', '阿依古丽·买买提', 'full stop . → ·'],
    ['阿依古丽．买买提', '阿依古丽·买买提', 'full-width full stop ． → ·'],
    ['阿依古丽・买买提', '阿依古丽·买买提', 'katakana middle dot ・ → ·'],
    ['米尔扎提·阿不都·热合曼', '米尔扎提·阿不都·热合曼', 'two dots, each between parts'],
    ['JOHN SMITH', 'JOHN SMITH', 'Latin name as printed on a foreign card'],
    ['John Smith', 'John Smith', 'mixed case kept'],
    ['JOHN   SMITH', 'JOHN SMITH', 'runs of spaces collapsed to one'],
    ['LI', 'LI', 'two Latin letters'],
    ['𠮷野', '𠮷野', 'a CJK Extension B character counts as one'],
    ['林〇', '林〇', 'ideographic zero 〇 is Han'],
    ['张'.repeat(30), '张'.repeat(30), '30 characters: the maximum'],
  ])('%j → %j (%s)', (raw, value, _reason) => {
    expect(checkName(raw)).toEqual({ ok: true, value })
  })
})

describe('checkName: refused names, each with a Chinese message', () => {
  test.each([
    ['', /请输入姓名/, 'empty'],
    ['   ', /请输入姓名/, 'only spaces'],
    ['张', /至少2个字/, 'a single character'],
    ['𠮷', /至少2个字/, 'a single Extension B character (two UTF-16 units)'],
    ['张'.repeat(31), /最多30个字/, '31 characters'],
    ['A'.repeat(31), /最多30个字/, '31 Latin letters'],
    ['张3', /只能包含汉字、字母和间隔号/, 'a digit'],
    ['张三1', /只能包含汉字、字母和间隔号/, 'a trailing digit'],
    ['张三😀', /只能包含汉字、字母和间隔号/, 'an emoji'],
    ['张-三', /只能包含汉字、字母和间隔号/, 'a hyphen'],
    ['张三（曾用名）', /只能包含汉字、字母和间隔号/, 'brackets'],
    ['·张三', /间隔号“·”只能写在姓名中间/, 'leading middle dot'],
    ['张三·', /间隔号“·”只能写在姓名中间/, 'trailing middle dot'],
    ['.张三', /间隔号“·”只能写在姓名中间/, 'leading full stop (normalised to ·)'],
    ['张三•', /间隔号“·”只能写在姓名中间/, 'trailing bullet (normalised to ·)'],
    ['阿依古丽··买买提', /间隔号“·”只能写在姓名中间/, 'double middle dot'],
    ['阿依古丽..买买提', /间隔号“·”只能写在姓名中间/, 'double full stop'],
    ['阿依古丽•.买买提', /间隔号“·”只能写在姓名中间/, 'two different dot variants in a row'],
  ])('%j is refused: %s (%s)', (raw, message, _reason) => {
    const text = messageOf(checkName(raw))
    expect(text).toMatch(message)
    expect(text).toMatch(CHINESE)
  })
})

// ---- mobiles ---------------------------------------------------------------------------------

describe('checkMobile: mainland mobile numbers', () => {
  test.each([
    ['13812345678', '13812345678', 'plain'],
    ['138 1234 5678', '13812345678', 'spaces'],
    ['138-1234-5678', '13812345678', 'dashes'],
    ['+8613812345678', '13812345678', '+86 prefix'],
    ['8613812345678', '13812345678', '86 prefix'],
    ['+86 138-1234-5678', '13812345678', '+86, space and dashes together'],
    [' 13812345678 ', '13812345678', 'surrounding spaces'],
    ['14712345678', '14712345678', '14x'],
    ['19912345678', '19912345678', '19x'],
  ])('%j → %s (%s)', (raw, value, _reason) => {
    expect(checkMobile(raw)).toEqual({ ok: true, value })
  })

  test.each([
    ['', /请输入手机号码/, 'empty'],
    ['  - ', /请输入手机号码/, 'only separators'],
    ['12812345678', /11位手机号码，以13至19开头/, 'second digit 2'],
    ['10812345678', /11位手机号码/, 'second digit 0'],
    ['1381234567', /11位手机号码/, '10 digits'],
    ['138123456789', /11位手机号码/, '12 digits'],
    ['1381234567a', /11位手机号码/, 'a letter'],
    ['abcdefghijk', /11位手机号码/, 'only letters'],
    ['+8612812345678', /11位手机号码/, '+86 then a bad number'],
    ['861381234567', /11位手机号码/, '86 + 10 digits: the 86 is not dropped'],
    ['02812345678', /11位手机号码/, 'a landline'],
  ])('%j is refused: %s (%s)', (raw, message, _reason) => {
    const text = messageOf(checkMobile(raw))
    expect(text).toMatch(message)
    expect(text).toMatch(CHINESE)
  })
})

// ---- masking ---------------------------------------------------------------------------------

describe('masking keeps the first 3 and last 4 characters', () => {
  const masks = { maskIdNumber, maskMobile, maskMiddle }
  test.each([
    ['maskIdNumber', '110101199003071234', '110***********1234', 'resident ID (spec example)'],
    ['maskIdNumber', '11010519491231002X', '110***********002X', 'resident ID ending in X'],
    ['maskIdNumber', 'USA118506150012', 'USA********0012', 'old foreign card, 15 characters'],
    ['maskMobile', '13812341234', '138****1234', 'mobile (spec example)'],
    ['maskMiddle', '12345678', '123*5678', '8 characters: one star'],
    ['maskMiddle', '1234567', '*******', '7 characters: all hidden'],
    ['maskMiddle', 'abc', '***', 'very short'],
    ['maskMiddle', 'a', '*', 'one character'],
    ['maskMiddle', '', '', 'empty'],
  ] as const)('%s(%j) → %j (%s)', (name, value, expected, _reason) => {
    const masked = masks[name](value)
    expect(masked).toBe(expected)
    expect(masked).toHaveLength(value.length)
  })
})

// ---- what people paste and type: PDFs, 全角 input methods, spaced dots ---------------------------

describe('input as people really type it is normalised before it is checked', () => {
  test.each([
    ['阿依古丽 · 买买提', '阿依古丽·买买提', 'spaces around the dot are dropped (the ID record has none)'],
    ['阿依古丽‧买买提', '阿依古丽·买买提', 'U+2027 hyphenation point, common in 台湾 names'],
    ['阿依古丽･买买提', '阿依古丽·买买提', 'U+FF65 half-width katakana dot'],
    ['ＪＯＨＮ ＳＭＩＴＨ', 'JOHN SMITH', 'full-width Latin letters'],
    ['王\u2F00', '王一', 'a Kangxi radical with a plain twin becomes that character'],
    ['刘 秀英', '刘秀英', 'a space between surname and given name (issue 16 item 4)'],
    ['刘　秀　英', '刘秀英', 'full-width spaces inside a Han name'],
    ['刘 \t 秀英', '刘秀英', 'a run of mixed whitespace inside a Han name'],
    ['𠮷 野', '𠮷野', 'a space after an Extension B character'],
    ['阿依古丽 ·买买提 ', '阿依古丽·买买提', 'the middle dot kept, spaces around it dropped'],
    ['张 JOHN', '张JOHN', 'a space beside a Han character goes even before Latin letters'],
    ['JOHN  VAN SMITH', 'JOHN VAN SMITH', 'spaces between Latin parts kept, one each'],
  ])('checkName(%j) → %j (%s)', (raw, expected, _reason) => {
    expect(checkName(raw)).toEqual({ ok: true, value: expected })
  })

  test.each([
    ['阿依古丽· ·买买提', '间隔号', 'a doubled dot with a space between'],
    ['⺀⺁', '汉字', 'radicals with no plain twin match no record'],
  ])('checkName(%j) is refused (%s: %s)', (raw, word, _reason) => {
    const result = checkName(raw)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain(word)
  })

  test.each([
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X', 'full-width digits and X'],
    ['１１０１０５１９４９１２３１００２ｘ', '11010519491231002X', 'full-width lowercase x'],
  ])('checkIdNumber(resident_id, %j) reads %s (%s)', (raw, number, _reason) => {
    expect(checkIdNumber('resident_id', raw, '2026-11-22')).toMatchObject({ ok: true, number })
  })

  test.each([
    ['0086 138 1234 5678', '0086 prefix'],
    ['(+86)13812345678', 'bracketed +86'],
    ['138–1234–5678', 'en-dash separators'],
    ['１３８１２３４５６７８', 'full-width digits'],
  ])('checkMobile(%j) → 13812345678 (%s)', (raw, _reason) => {
    expect(checkMobile(raw)).toEqual({ ok: true, value: '13812345678' })
  })
})
