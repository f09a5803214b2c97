// What filing.change, filing.cancel and filing.supplement share: loading the caller's filing at the
// version they read, and refusing a plan that does not go through.
import type { FieldIssue } from '../../../rules'
import type { Ctx } from '../../context'
import { fail, invalid } from '../../protocol'
import { FILED_BY_AGENT } from '../../views'
import { today } from '../guards'
import { loadVisible, requireVersion } from '../load'

/** A filing the caller filed, still at the version the request read, and today. */
export async function loadForUpdate(ctx: Ctx, owner: string, input: { id: string; version: number }) {
  const { filing, party } = await loadVisible(ctx, owner, input.id)
  if (party === 'applicant') throw fail('FORBIDDEN', FILED_BY_AGENT)
  requireVersion(filing, input.version)
  return { filing, day: today(ctx) }
}

/** A plan that does not go through: LOCKED with the day it opens, or the issues next to their fields. */
export function refuse(plan: { kind: 'locked'; allowedFrom: string; message: string } | { kind: 'invalid'; issues: FieldIssue[] }): never {
  if (plan.kind === 'locked') throw fail('LOCKED', plan.message, { allowedFrom: plan.allowedFrom })
  throw invalid(plan.issues)
}

