// Is a destination off-site for this insured region, and served by this profile's channel?
import type { PolicyProfile } from '../profiles'
import { checkDestination, findCity, isProvinceLevelDestination, provinceCodeOf, regionName, type Destination } from '../regions'
import type { FiledDestination } from './filing'
import { placeStay, type InsuredRegion } from './scope'

export type { InsuredRegion } from './scope'

export type FieldResult<T> = { ok: true; value: T } | { ok: false; path: string[]; message: string }

/**
 * The insured region: fixed by the profile, or named by the person where the profile leaves it open
 * (the national default). A named city pools at city level; a province-level place at province level.
 */
export function resolveInsuredRegion(profile: PolicyProfile, insuredRegionCode?: string): FieldResult<InsuredRegion> {
  if (profile.insuredRegion) return { ok: true, value: profile.insuredRegion }
  const path = ['insuredRegionCode']
  if (!insuredRegionCode) return { ok: false, path, message: '请选择您的参保地（参保城市）' }
  if (!isProvinceLevelDestination(insuredRegionCode) && !findCity(insuredRegionCode)) {
    return { ok: false, path, message: '请选择参保城市；北京、天津、上海、重庆、海南、西藏、兵团请直接选择省份' }
  }
  return {
    ok: true,
    value: { name: regionName(insuredRegionCode) ?? insuredRegionCode, code: insuredRegionCode, poolingArea: insuredRegionCode },
  }
}

/** Checks the destination's shape, then that it lies off-site, in a scope the profile serves. */
export function checkFilingDestination(
  profile: PolicyProfile,
  insured: InsuredRegion,
  input: Destination,
): FieldResult<FiledDestination> {
  const shape = checkDestination(input)
  if (!shape.ok) return { ok: false, path: ['destination', shape.path], message: shape.message }
  const areaCode = shape.code
  const pathToArea = ['destination', shape.destination.cityCode ? 'cityCode' : 'provinceCode']
  const scope = placeStay(insured, areaCode)
  if (scope === 'home') return { ok: false, path: pathToArea, message: profile.home.filingMessage }
  const rule = profile.scopes[scope]
  if (!rule.served) return { ok: false, path: pathToArea, message: rule.filingMessage }
  return { ok: true, value: { ...shape.destination, areaCode } }
}

/** In or out of the insured province, for benefit rules; `alsoInProvince` adds places such as 重庆 for 达州. */
export function isInProvince(insured: InsuredRegion, areaCode: string, alsoInProvince: readonly string[] = []): boolean {
  const province = provinceCodeOf(areaCode)
  return province === provinceCodeOf(insured.code) || alsoInProvince.includes(province)
}
