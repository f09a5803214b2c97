// The retention step of the scheduled job keeps to the function's time (deployed, `timeLeft` is the
// reminders function's budget): it stops before a filing or a verification it might not finish, and
// counts what it left for the next run. Nothing due is lost: the queries start from the earliest due.
import type { Ctx } from '../../src/backend/context'
import { applyRetention, PER_ANONYMISE_MS } from '../../src/backend/retention'
import { filingRecord } from './builders'

function ctxWithDue(ids: string[], identities: string[]) {
  const done: string[] = []
  const ctx = {
    caller: { openid: null, staff: null },
    now: new Date('2035-06-01T01:00:00Z'),
    store: {
      dueForAnonymisation: async () =>
        ids.map((id) => filingRecord({ id, status: 'cancelled', updatedAt: '2026-11-22T02:30:00.000Z' })),
      anonymiseFiling: async (filing: { id: string }) => {
        done.push(`anonymise ${filing.id}`)
        return 'ok'
      },
      identitiesSavedBefore: async () => identities,
      deleteIdentity: async (openid: string) => {
        done.push(`delete ${openid}`)
      },
    },
    files: { erase: async () => 0 },
  } as unknown as Ctx
  return { ctx, done }
}

test('with time for one filing only, it anonymises one and leaves the other filing and the verifications for the next run', async () => {
  const { ctx, done } = ctxWithDue(['DZ-20261122-0001', 'DZ-20261122-0002'], ['o-old-1', 'o-old-2'])
  const budget = [PER_ANONYMISE_MS, PER_ANONYMISE_MS - 1, 0, 0]
  const run = await applyRetention(ctx, () => budget.shift() ?? 0)
  expect(run).toEqual({ anonymised: 1, proofsErased: 0, identitiesDeleted: 0, deferred: 3 })
  expect(done).toEqual(['anonymise DZ-20261122-0001'])
})

test('with time enough (or no budget, as locally), everything due is done', async () => {
  const { ctx, done } = ctxWithDue(['DZ-20261122-0001', 'DZ-20261122-0002'], ['o-old-1'])
  expect(await applyRetention(ctx)).toEqual({ anonymised: 2, proofsErased: 0, identitiesDeleted: 1, deferred: 0 })
  expect(done).toEqual(['anonymise DZ-20261122-0001', 'anonymise DZ-20261122-0002', 'delete o-old-1'])
})
