// The retention policy enforced (rules/retention.ts, domain/retention.ts), by the scheduled job:
// filings whose period ran out are anonymised and their proofs deleted; verifications older than
// theirs are deleted. Each run does a bounded amount (a deployed function has a time budget); what
// is left waits for the next run, since the queries always start from the earliest due.
import { isAllowed, phaseOf, shanghaiDate } from '../rules'
import type { Ctx } from './context'
import { anonymisedFiling, endedBefore, endedOn, proofsOf, verifiedBefore } from './domain/retention'
import type { TimeLeft } from './reminders'

/** Filings (and, apart, verifications) one run handles at most. */
export const RETENTION_BATCH = 200

/** Stops before a filing when less than this is left: its proofs' deletion and one transaction with retries. */
export const PER_ANONYMISE_MS = 1_500
/** Stops before a verification's deletion when less than this is left (one request). */
export const PER_IDENTITY_MS = 300

export interface RetentionRun {
  anonymised: number
  /** Proof files whose bytes this run deleted. */
  proofsErased: number
  identitiesDeleted: number
  /** Due filings and verifications this run left for the next because its time ran short. */
  deferred: number
}

/** `timeLeft`: the function's remaining budget (deployed); locally there is none and nothing stops early. */
export async function applyRetention(ctx: Ctx, timeLeft: TimeLeft = () => Number.POSITIVE_INFINITY): Promise<RetentionRun> {
  const before = endedBefore(shanghaiDate(ctx.now))
  const run: RetentionRun = { anonymised: 0, proofsErased: 0, identitiesDeleted: 0, deferred: 0 }
  const due = await ctx.store.dueForAnonymisation(before, RETENTION_BATCH)
  for (const [i, filing] of due.entries()) {
    if (timeLeft() < PER_ANONYMISE_MS) {
      run.deferred += due.length - i
      break
    }
    // The store's query says the same; checked here too, since erasing cannot be undone.
    const ended = endedOn(filing)
    if (ended === null || ended >= before || !isAllowed(phaseOf(filing), 'anonymise')) continue
    // The bytes first: a run that stops between the two leaves a due filing for the next run to
    // finish, never proofs that no filing names any more.
    run.proofsErased += await ctx.files.erase(proofsOf(filing), ctx.now)
    const entry = { filingId: filing.id, at: ctx.now.toISOString(), actor: 'system', role: 'system' as const, action: 'anonymise' as const }
    if ((await ctx.store.anonymiseFiling(anonymisedFiling(filing, ctx.now), filing.version, entry)) === 'ok') run.anonymised += 1
  }
  const expired = await ctx.store.identitiesSavedBefore(verifiedBefore(ctx.now), RETENTION_BATCH)
  for (const [i, openid] of expired.entries()) {
    if (timeLeft() < PER_IDENTITY_MS) {
      run.deferred += expired.length - i
      break
    }
    await ctx.store.deleteIdentity(openid)
    run.identitiesDeleted += 1
  }
  return run
}
