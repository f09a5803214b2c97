// Where a stay (or a filing's destination) lies against the insured place: at home (inside the
// pooling area), elsewhere in the insured province (省内异地), or in another province (跨省异地).
// Every answer places the stay first; the profile then says which scopes its rules serve.
import type { PolicyProfile, ScopeRule } from '../profiles'
import { isWithin, provinceCodeOf } from '../regions'
import type { OffSiteScope, StayScope } from '../vocabulary'

export interface InsuredRegion {
  name: string
  code: string
  poolingArea: string
}

/** `areaCode`: a checked destination code (a city, or a province-level place). */
export function placeStay(insured: InsuredRegion, areaCode: string): StayScope {
  // A province-level place that contains the pooling area is home too (重庆 for a person insured in 重庆).
  if (isWithin(areaCode, insured.poolingArea) || isWithin(insured.poolingArea, areaCode)) return 'home'
  return provinceCodeOf(areaCode) === provinceCodeOf(insured.code) ? 'in_province' : 'cross_province'
}

export function scopeRule(profile: PolicyProfile, scope: OffSiteScope): ScopeRule {
  return profile.scopes[scope]
}
