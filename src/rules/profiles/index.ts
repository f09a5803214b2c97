// Every policy profile, as plain data. Each is a typed object (PolicyProfile, the schema's type), and
// test/rules/profiles.test.ts parses every one with policyProfileSchema, its national ceilings
// included, and asserts the parse returns the object unchanged: a profile that breaks the schema fails
// the tests, not a person. Not parsed at load, so reading a profile needs no zod (the main package's
// home page lists them; see test/pages/main-package.test.ts).
import { dazhou } from './dazhou'
import { datong } from './datong'
import { jining } from './jining'
import { liaoningProvincial } from './liaoning-provincial'
import { nationalProfile } from './national'
import type { PolicyProfile } from './schema'
import { shanxiProvincial } from './shanxi-provincial'

export const profiles: readonly PolicyProfile[] = [shanxiProvincial, dazhou, liaoningProvincial, datong, jining, nationalProfile]

const byId = new Map(profiles.map((profile) => [profile.id, profile]))

export function findProfile(id: string): PolicyProfile | undefined {
  return byId.get(id)
}

export type {
  Benefits,
  CareOutcome,
  CareRule,
  CategoryRule,
  FiledCategoryRule,
  GuideItem,
  GuideTopic,
  LockException,
  LockRule,
  PolicyProfile,
  ReferralIssuer,
  ReferralRules,
  ScopeRule,
  UnfiledRule,
  Validity,
} from './schema'
export { NATIONAL_FRAME, OUR_READING } from './national'
