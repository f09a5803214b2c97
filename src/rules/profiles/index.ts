// Every policy profile, each checked by the schema when this module loads: a profile that breaks the
// schema (or a national ceiling it claims to follow) fails loudly here, not in front of a person.
import { dazhou } from './dazhou'
import { datong } from './datong'
import { jining } from './jining'
import { liaoningProvincial } from './liaoning-provincial'
import { nationalProfile } from './national'
import { policyProfileSchema, type PolicyProfile } from './schema'
import { shanxiProvincial } from './shanxi-provincial'

export const profiles: readonly PolicyProfile[] = [
  shanxiProvincial,
  dazhou,
  liaoningProvincial,
  datong,
  jining,
  nationalProfile,
].map((profile) => policyProfileSchema.parse(profile))

const byId = new Map(profiles.map((profile) => [profile.id, profile]))

export function findProfile(id: string): PolicyProfile | undefined {
  return byId.get(id)
}

export { policyProfileSchema } from './schema'
export type { Benefits, CategoryRule, FiledCategoryRule, LockException, LockRule, PolicyProfile, Validity } from './schema'
