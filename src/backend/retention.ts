// The retention policy enforced (rules/retention.ts, domain/retention.ts), by the scheduled job:
// filings whose period ran out are anonymised and their proofs deleted; verifications older than
// theirs are deleted. Each run does a bounded amount (a deployed function has a time budget); what
// is left waits for the next run, since the queries always start from the earliest due.
import { isAllowed, phaseOf, shanghaiDate } from '../rules'
import type { Ctx } from './context'
import { anonymisedFiling, endedBefore, endedOn, proofsOf, verifiedBefore } from './domain/retention'

/** Filings (and, apart, verifications) one run handles at most. */
export const RETENTION_BATCH = 200

export interface RetentionRun {
  anonymised: number
  /** Proof files whose bytes this run deleted. */
  proofsErased: number
  identitiesDeleted: number
}

export async function applyRetention(ctx: Ctx): Promise<RetentionRun> {
  const before = endedBefore(shanghaiDate(ctx.now))
  const run: RetentionRun = { anonymised: 0, proofsErased: 0, identitiesDeleted: 0 }
  for (const filing of await ctx.store.dueForAnonymisation(before, RETENTION_BATCH)) {
    // The store's query says the same; checked here too, since erasing cannot be undone.
    const ended = endedOn(filing)
    if (ended === null || ended >= before || !isAllowed(phaseOf(filing), 'anonymise')) continue
    // The bytes first: a run that stops between the two leaves a due filing for the next run to
    // finish, never proofs that no filing names any more.
    run.proofsErased += await ctx.files.erase(proofsOf(filing), ctx.now)
    const entry = { filingId: filing.id, at: ctx.now.toISOString(), actor: 'system', role: 'system' as const, action: 'anonymise' as const }
    if ((await ctx.store.anonymiseFiling(anonymisedFiling(filing, ctx.now), filing.version, entry)) === 'ok') run.anonymised += 1
  }
  for (const openid of await ctx.store.identitiesSavedBefore(verifiedBefore(ctx.now), RETENTION_BATCH)) {
    await ctx.store.deleteIdentity(openid)
    run.identitiesDeleted += 1
  }
  return run
}
