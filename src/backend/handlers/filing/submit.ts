// filing.submit: a new filing, checked against its profile, stored with its first history entry.
import { randomInt } from 'node:crypto'
import { holdsLongTermFiling, reviewStages, validateSubmission, type Submission } from '../../../rules'
import type { Ctx } from '../../context'
import { profileOf } from '../../domain/facts'
import { newFilingNumber } from '../../domain/filing-number'
import type { FilingRecord } from '../../domain/record'
import { fail, invalid } from '../../protocol'
import { personView } from '../../views'
import { requireOwnFiles } from '../materials'
import { requirePerson, today } from '../guards'

function newRecord(submission: Submission, owner: string, ctx: Ctx): FilingRecord {
  const filedOn = today(ctx)
  const staged = reviewStages(profileOf(submission), submission.category).length > 0
  const at = ctx.now.toISOString()
  return {
    id: newFilingNumber(filedOn),
    owner,
    requestId: submission.requestId,
    policyId: submission.policyId,
    insuredRegion: submission.insuredRegion,
    category: submission.category,
    insuranceType: submission.insuranceType ?? null,
    applicant: { ...submission.applicant, address: submission.applicant.address || null },
    destination: submission.destination,
    startDate: submission.startDate,
    validUntil: submission.validUntil,
    filedOn,
    // A staff-reviewed filing takes effect on approval.
    effectiveOn: staged ? null : submission.startDate,
    changedOn: null,
    materials: submission.materials,
    commitment: submission.commitment
      ? { signature: submission.commitment.signature.trim(), signedAt: at, title: profileOf(submission).commitment.title }
      : null,
    referral: submission.referral ? { ...submission.referral, treatingHospitalName: submission.referral.treatingHospitalName || null } : null,
    status: staged ? 'pending_review' : 'active',
    reviewers: [],
    rejectionReason: null,
    stays: [],
    materialsRequest: null,
    // Picked here, by the server, so nobody can tell from their own filing whether it will be checked.
    spotCheck: submission.commitment && randomInt(0, 1_000_000) < ctx.config.spotCheckRate * 1_000_000 ? { state: 'due', sampledOn: filedOn } : null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  }
}

/** Filing numbers are random: on the rare clash with an earlier one, the filing takes another number. */
const NUMBER_ATTEMPTS = 5

async function create(record: FilingRecord, ctx: Ctx) {
  for (let attempt = 1; ; attempt += 1) {
    const entry = { filingId: record.id, at: record.createdAt, actor: record.owner, role: 'owner', action: 'submit' } as const
    const result = await ctx.store.createFiling(record, entry)
    if (result.kind !== 'number_taken') return result
    if (attempt === NUMBER_ATTEMPTS) throw new Error(`no free filing number for ${record.filedOn} after ${attempt} attempts`)
    record = { ...record, id: newFilingNumber(record.filedOn) }
  }
}

export async function submit(data: unknown, ctx: Ctx) {
  const owner = requirePerson(ctx)
  const mine = await ctx.store.listByOwner(owner)
  // The same requestId again returns the first filing, whatever has changed since.
  const requestId = (data as { requestId?: unknown } | null)?.requestId
  const replay = mine.find((filing) => filing.requestId === requestId)
  if (replay) return personView(replay, today(ctx))

  const checked = validateSubmission(data, { today: today(ctx), hasLongTermFiling: holdsLongTermFiling(mine) })
  if (!checked.ok) throw invalid(checked.issues)
  await requireOwnFiles(ctx, owner, checked.value.materials, 'materials')

  const record = newRecord(checked.value, owner, ctx)
  const result = await create(record, ctx)
  if (result.kind === 'duplicate') {
    const message =
      result.existing.owner === owner
        ? `您已有一份审核中或生效中的长期居住备案（编号${result.existing.id}）。如需更改，请变更或取消该备案。`
        : '该证件号码已有审核中或生效中的长期居住备案。如有疑问，请联系参保地医保经办机构。'
    throw fail('DUPLICATE', message)
  }
  return personView(result.filing, today(ctx))
}
