// filing.submit: a new filing, checked against its profile, stored with its first history entry.
// The caller must have completed 实名认证: the applicant is then either them or, declared as 代办,
// someone they file for — and a 代办 filing always goes to staff (代办核验) before it takes effect.
import { randomInt } from 'node:crypto'
import { ID_TYPES, checkIdNumber, holdsLongTermFiling, validateSubmission, type Submission } from '../../../rules'
import type { Ctx } from '../../context'
import { profileOf, stagesOf } from '../../domain/facts'
import { newFilingNumber } from '../../domain/filing-number'
import { samePerson, type PersonId } from '../../domain/party'
import type { Agent, FilingRecord } from '../../domain/record'
import { requireWithinLimit } from '../../limits'
import { fail, invalid } from '../../protocol'
import type { VerifiedIdentity } from '../../store/port'
import { personView } from '../../views'
import { requireOwnFile, requireOwnFiles } from '../materials'
import { requirePerson, today } from '../guards'
import { requireConsentedFiler, verifiedIdentity } from './verified'

/**
 * Said to anyone but the ID's verified owner (or whoever filed the existing filing) when the ID already
 * holds a long-term filing: it must not tell them whether it does (个人信息保护法 第二十八条).
 */
export const NOT_ONLINE_MESSAGE = '该证件号码暂不能在线办理，请本人实名认证后查看，或联系参保地医保经办机构'

function agentOf(submission: Submission, filer: VerifiedIdentity): Agent | null {
  const { agent } = submission
  if (!agent) return null
  return {
    name: filer.name,
    idType: filer.idType,
    idNumber: filer.idNumber,
    phone: agent.phone,
    relationship: agent.relationship,
    authorization: agent.authorization ?? null,
  }
}

function newRecord(submission: Submission, owner: string, filer: VerifiedIdentity, ctx: Ctx): FilingRecord {
  const filedOn = today(ctx)
  const agent = agentOf(submission, filer)
  const staged = stagesOf({ policyId: submission.policyId, category: submission.category, agent }).length > 0
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
      ? {
          signature: submission.commitment.signature.trim(),
          signedAt: at,
          title: profileOf(submission).commitment.title,
          signedBy: agent ? 'agent' : 'applicant',
        }
      : null,
    referral: submission.referral ? { ...submission.referral, treatingHospitalName: submission.referral.treatingHospitalName || null } : null,
    status: staged ? 'pending_review' : 'active',
    reviewers: [],
    rejectionReason: null,
    stays: [],
    materialsRequest: null,
    // Picked here, by the server, so nobody can tell from their own filing whether it will be checked.
    spotCheck: submission.commitment && randomInt(0, 1_000_000) < ctx.config.spotCheckRate * 1_000_000 ? { state: 'due', sampledOn: filedOn } : null,
    agent,
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

/** The applicant's ID as the request claims it, normalised; null when it does not check out. */
function claimedId(data: unknown, ctx: Ctx): PersonId | null {
  const applicant = (data as { applicant?: { idType?: unknown; idNumber?: unknown } } | null)?.applicant
  const idType = ID_TYPES.find((type) => type === applicant?.idType)
  if (idType === undefined || typeof applicant?.idNumber !== 'string') return null
  const id = checkIdNumber(idType, applicant.idNumber, today(ctx))
  return id.ok ? { idType, idNumber: id.number } : null
}

export async function submit(data: unknown, ctx: Ctx) {
  const owner = requirePerson(ctx)
  const mine = await ctx.store.listByOwner(owner)
  // The same requestId again returns the first filing, whatever has changed since.
  const requestId = (data as { requestId?: unknown } | null)?.requestId
  const replay = mine.find((filing) => filing.requestId === requestId)
  if (replay) return personView(replay, today(ctx), replay.agent ? 'agent' : 'self')

  const filer = await verifiedIdentity(ctx, owner)
  // Whether the applicant holds a long-term filing (some referral issuers ask): the caller's own
  // filings when they file for themselves; for a 代办, only the filings this caller made for that
  // person — an agent learns nothing here that they did not file themselves.
  const claimed = claimedId(data, ctx)
  const forSelf = filer !== null && claimed !== null && samePerson(claimed, filer)
  const held = forSelf
    ? await ctx.store.listByPerson(filer.idType, filer.idNumber)
    : mine.filter((filing) => claimed !== null && samePerson(filing.applicant, claimed))

  const checked = validateSubmission(data, { today: today(ctx), hasLongTermFiling: holdsLongTermFiling(held), filer })
  if (!checked.ok) throw invalid(checked.issues)
  const verified = requireConsentedFiler(filer)
  await requireOwnFiles(ctx, owner, checked.value.materials, 'materials')
  if (checked.value.agent?.authorization) {
    await requireOwnFile(ctx, owner, checked.value.agent.authorization, 'agent.authorization')
  }
  await requireWithinLimit(ctx, 'submit', owner)

  const record = newRecord(checked.value, owner, verified, ctx)
  const result = await create(record, ctx)
  if (result.kind === 'duplicate') {
    if (result.existing.owner === owner) {
      const whose = record.agent ? '您已为这位参保人办理了一份' : '您已有一份'
      throw fail('DUPLICATE', `${whose}审核中或生效中的长期居住备案（编号${result.existing.id}）。如需更改，请变更或取消该备案。`)
    }
    if (samePerson(record.applicant, verified)) {
      throw fail(
        'DUPLICATE',
        `您的证件号码下已有一份由他人代办的审核中或生效中的长期居住备案（编号${result.existing.id}）。您可以在“我的备案”中查看，如不是您本人的意愿，可以取消。`,
      )
    }
    // Anyone else: the same refusal as for a bad ID number, saying nothing of what exists.
    throw invalid([{ path: 'applicant.idNumber', message: NOT_ONLINE_MESSAGE }])
  }
  return personView(result.filing, today(ctx), result.filing.agent ? 'agent' : 'self')
}
