// admin.spotCheck: the outcome of a 抽查.
import { spotCheckSchema } from '../../../rules'
import type { Ctx } from '../../context'
import { staffActions } from '../../domain/staff-actions'
import { fail, invalid } from '../../protocol'
import { parse, requireStaff, today } from '../guards'
import { loadAny, requireVersion, writeNext } from '../load'
import { staffReply } from './reply'

/** 抽查: the outcome of checking a sampled commitment filing; the person sees a problem and its note. */
export async function spotCheck(data: unknown, ctx: Ctx) {
  const staff = requireStaff(ctx, 'review')
  const input = parse(spotCheckSchema, data)
  const filing = await loadAny(ctx, input.id)
  requireVersion(filing, input.version)
  if (filing.spotCheck?.state !== 'due') throw invalid([{ path: 'id', message: '这份备案不在抽查名单中，或已经核查过' }])
  const { spotCheck: can } = staffActions(filing, staff)
  if (!can.applies) throw invalid([{ path: 'id', message: '只有生效中的备案需要核查' }])
  if (!can.allowed) throw fail('FORBIDDEN', can.message!)
  const day = today(ctx)
  const spotCheck = { state: input.result, sampledOn: filing.spotCheck.sampledOn, note: input.note || null, by: staff.openid, on: day }
  const next = await writeNext(ctx, filing, { spotCheck }, { actor: staff.openid, role: 'staff', action: 'spot_check', reason: input.note || undefined })
  return staffReply(ctx, next)
}

