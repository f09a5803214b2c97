// filing.cancel: the profile's rules decide whether it may be cancelled now; a stale version is a CONFLICT.
import { cancelSchema, planCancel } from '../../../rules'
import type { Ctx } from '../../context'
import { toFacts, profileOf } from '../../domain/facts'
import { personView } from '../../views'
import { parse, requirePerson, today } from '../guards'
import { loadVisible, requireVersion, writeNext } from '../load'
import { refuse } from './update'

/** The filer may cancel; so may the insured person a filing was made for by someone else (本人撤销代办备案). */
export async function cancel(data: unknown, ctx: Ctx) {
  const openid = requirePerson(ctx)
  const input = parse(cancelSchema, data)
  const { filing, party } = await loadVisible(ctx, openid, input.id)
  requireVersion(filing, input.version)
  const day = today(ctx)
  const plan = planCancel(profileOf(filing), toFacts(filing), day)
  if (!plan.ok) refuse(plan)
  const next = await writeNext(
    ctx,
    filing,
    // A change waiting for review goes with the filing.
    { status: 'cancelled', materialsRequest: null, pendingChange: null },
    { actor: openid, role: party === 'applicant' ? 'applicant' : 'owner', action: 'cancel', reason: input.reason },
  )
  return personView(next, day, party)
}

