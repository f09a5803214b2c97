// filing.change and filing.cancel: the profile's locks decide; a stale version is a CONFLICT.
import { cancelSchema, changeSchema, isAllowed, phaseOf, planCancel, planChange, supplementSchema, type FieldIssue } from '../../../rules'
import type { Ctx } from '../../context'
import { toFacts, profileOf } from '../../domain/facts'
import type { FilingRecord } from '../../domain/record'
import { fail, invalid } from '../../protocol'
import { FILED_BY_AGENT, personView } from '../../views'
import { requireOwnFiles } from '../materials'
import { parse, requirePerson, today } from '../guards'
import { loadVisible, requireVersion, writeNext } from '../load'

const CHANGE_FIELDS: (keyof FilingRecord)[] = ['destination', 'insuranceType', 'applicant', 'materials', 'changedOn']

/** A filing the caller filed, still at the version the request read, and today. */
async function loadForUpdate(ctx: Ctx, owner: string, input: { id: string; version: number }) {
  const { filing, party } = await loadVisible(ctx, owner, input.id)
  if (party === 'applicant') throw fail('FORBIDDEN', FILED_BY_AGENT)
  requireVersion(filing, input.version)
  return { filing, day: today(ctx) }
}

/** A plan that does not go through: LOCKED with the day it opens, or the issues next to their fields. */
function refuse(plan: { kind: 'locked'; allowedFrom: string; message: string } | { kind: 'invalid'; issues: FieldIssue[] }): never {
  if (plan.kind === 'locked') throw fail('LOCKED', plan.message, { allowedFrom: plan.allowedFrom })
  throw invalid(plan.issues)
}

export async function change(data: unknown, ctx: Ctx) {
  const owner = requirePerson(ctx)
  const input = parse(changeSchema, data)
  const { filing, day } = await loadForUpdate(ctx, owner, input)
  const plan = planChange(input, { profile: profileOf(filing), insured: filing.insuredRegion, filing: { ...toFacts(filing), insuranceType: filing.insuranceType }, today: day })
  if (!plan.ok) refuse(plan)
  const { destination, insuranceType, phone, address } = plan.changes
  const substantive = destination !== undefined || insuranceType !== undefined
  const action = substantive ? 'change' : 'update_contact'
  if (!isAllowed(phaseOf(filing), action)) {
    throw invalid([{ path: 'patch', message: '备案审核中，暂不能变更就医地或险种；如需更改，请取消后重新办理。' }])
  }
  const materials = input.materials ?? []
  await requireOwnFiles(ctx, owner, materials, 'materials')
  const next = await writeNext(
    ctx,
    filing,
    {
      destination: destination ?? filing.destination,
      insuranceType: insuranceType ?? filing.insuranceType,
      applicant: { ...filing.applicant, phone: phone ?? filing.applicant.phone, address: address ?? filing.applicant.address },
      materials: [...filing.materials, ...materials],
      changedOn: substantive ? day : filing.changedOn,
    },
    { actor: owner, role: 'owner', action, reason: input.reason },
    CHANGE_FIELDS,
  )
  return personView(next, day, next.agent ? 'agent' : 'self')
}

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
    { status: 'cancelled', materialsRequest: null },
    { actor: openid, role: party === 'applicant' ? 'applicant' : 'owner', action: 'cancel', reason: input.reason },
    ['status', 'materialsRequest'],
  )
  return personView(next, day, party)
}

/** The person answers a reviewer's request for more materials; the filing goes back to review. */
export async function supplement(data: unknown, ctx: Ctx) {
  const owner = requirePerson(ctx)
  const input = parse(supplementSchema, data)
  const { filing, day } = await loadForUpdate(ctx, owner, input)
  if (!isAllowed(phaseOf(filing), 'supplement')) {
    throw invalid([{ path: 'id', message: '经办人员没有要求这份备案补充材料，不需要再上传' }])
  }
  await requireOwnFiles(ctx, owner, input.materials, 'materials')
  const next = await writeNext(
    ctx,
    filing,
    { materials: [...filing.materials, ...input.materials], materialsRequest: null },
    { actor: owner, role: 'owner', action: 'supplement', reason: input.note || undefined },
    ['materials', 'materialsRequest'],
  )
  return personView(next, day, next.agent ? 'agent' : 'self')
}
