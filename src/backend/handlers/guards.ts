// Who may call, what day it is, and request parsing: the same three steps at the top of every handler.
import { shanghaiDate, parseWith, type CalendarDate } from '../../rules'
import type { z } from 'zod'
import type { Ctx } from '../context'
import { fail, invalid } from '../protocol'
import type { StaffMember, StaffRole } from '../store/port'
import { ROLE_REFUSED } from '../domain/staff-actions'

/** The caller's openid; identity comes only from the context, never from the payload. */
export function requirePerson(ctx: Ctx): string {
  if (!ctx.caller.openid) throw fail('UNAUTHENTICATED', '请先登录后再办理')
  return ctx.caller.openid
}

/** A staff member with `role` (STAFF_ROLES); anyone else is refused before anything is read. */
export function requireStaff(ctx: Ctx, role: StaffRole = 'query'): StaffMember {
  if (!ctx.caller.openid) throw fail('UNAUTHENTICATED', '请先登录后再办理')
  if (!ctx.caller.staff) throw fail('FORBIDDEN', '仅限医保经办机构工作人员使用')
  if (!ctx.caller.staff.roles.includes(role)) throw fail('FORBIDDEN', ROLE_REFUSED[role])
  return ctx.caller.staff
}

/** Today in Asia/Shanghai, from the server's clock. */
export const today = (ctx: Ctx): CalendarDate => shanghaiDate(ctx.now)

/** Parses `data` with `schema` or refuses with field issues. */
export function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = parseWith(schema, data)
  if (!result.ok) throw invalid(result.issues)
  return result.value
}
