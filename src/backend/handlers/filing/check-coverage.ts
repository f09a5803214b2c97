// filing.checkCoverage: whether a hospital stay is covered, from the rules; nothing stored.
import { checkCoverage as answer, coverageSchema, findProfile } from '../../../rules'
import type { Ctx } from '../../context'
import { profileOf, toFacts } from '../../domain/facts'
import { invalid } from '../../protocol'
import { parse, requirePerson, today } from '../guards'
import { ownFilings } from './visible'

/**
 * The caller's own stay, judged by the 参保地 they name, else by their latest filing's, else the
 * national default: their filings are those whose insured person they are (a relative's 代办 included).
 */
export async function checkCoverage(data: unknown, ctx: Ctx) {
  const owner = requirePerson(ctx)
  const { policyId, insuredRegionCode, ...stay } = parse(coverageSchema, data)
  const filings = await ownFilings(ctx, owner)
  const latest = filings[0]
  const named = policyId === undefined ? undefined : findProfile(policyId)
  if (policyId !== undefined && !named) throw invalid([{ path: 'policyId', message: '没有找到所选的参保地，请重新选择' }])
  const profile = named ?? (latest ? profileOf(latest) : findProfile('national')!)
  const result = answer({
    stay,
    filings: filings.map(toFacts),
    profile,
    insuredRegionCode,
    profileOf: (facts) => profileOf(facts),
    today: today(ctx),
  })
  if (!result.ok) throw invalid(result.issues)
  return result.value
}
