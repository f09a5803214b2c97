// filing.supplement: the materials a reviewer asked for.
import { NOT_ASKED_REFUSAL, isAllowed, phaseOf, supplementIssues, supplementSchema } from '../../../rules'
import type { Ctx } from '../../context'
import type { FilingRecord } from '../../domain/record'
import { invalid } from '../../protocol'
import { personView } from '../../views'
import { requireOwnFiles } from '../materials'
import { parse, requirePerson } from '../guards'
import { writeNext } from '../load'
import { loadForUpdate } from './update'

/** The person answers a reviewer's request for more materials; the filing goes back to review. */
export async function supplement(data: unknown, ctx: Ctx) {
  const owner = requirePerson(ctx)
  const input = parse(supplementSchema, data)
  const { filing, day } = await loadForUpdate(ctx, owner, input)
  if (!isAllowed(phaseOf(filing), 'supplement')) {
    throw invalid([{ path: 'id', message: NOT_ASKED_REFUSAL }])
  }
  const request = filing.materialsRequest!
  const unanswered = supplementIssues(request.items ?? [], input.materials)
  if (unanswered.length > 0) throw invalid(unanswered)
  await requireOwnFiles(ctx, owner, input.materials, 'materials')
  // Marked, so a supplement never reads as a second copy of the original.
  const supplement = { at: ctx.now.toISOString(), stage: request.stage }
  const added = input.materials.map((material) => ({ ...material, supplement }))
  // For a change under review, the proofs belong to the change until it is approved.
  const { pendingChange } = filing
  const changes: Partial<FilingRecord> = pendingChange
    ? { pendingChange: { ...pendingChange, materials: [...pendingChange.materials, ...added] }, materialsRequest: null }
    : { materials: [...filing.materials, ...added], materialsRequest: null }
  const next = await writeNext(
    ctx,
    filing,
    changes,
    { actor: owner, role: 'owner', action: 'supplement', reason: input.note || undefined },
  )
  return personView(next, day, next.agent ? 'agent' : 'self')
}
