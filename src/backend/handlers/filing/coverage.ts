// filing.preview and filing.checkCoverage: answers from the rules, nothing stored.
import * as z from 'zod'
import { checkCoverage as answer, coverageSchema, findProfile, previewFiling, type PolicyProfile } from '../../../rules'
import type { Ctx } from '../../context'
import { profileOf, toFacts } from '../../domain/facts'
import { invalid } from '../../protocol'
import { parse, requirePerson, today } from '../guards'

export async function preview(data: unknown, ctx: Ctx) {
  const result = previewFiling(data, today(ctx))
  if (!result.ok) throw invalid(result.issues)
  return result.value
}

/** The stay, plus optionally the 参保地 to judge an unfiled stay by (else the person's latest filing's). */
const coverageRequestSchema = z.intersection(coverageSchema, z.object({ policyId: z.string().optional() }))

export async function checkCoverage(data: unknown, ctx: Ctx) {
  const owner = requirePerson(ctx)
  const { policyId, ...stay } = parse(coverageRequestSchema, data)
  const filings = await ctx.store.listByOwner(owner)
  const latest = [...filings].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0]
  const profile: PolicyProfile = (policyId && findProfile(policyId)) || (latest ? profileOf(latest) : findProfile('national')!)
  return answer({
    stay,
    filings: filings.map(toFacts),
    profile,
    profileOf: (facts) => profileOf(facts),
    today: today(ctx),
  })
}
