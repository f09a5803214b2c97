// Who is calling and when, for the LOCAL SERVER ONLY.
//
//   X-Dev-Openid: demo-wang          the caller's openid (staff when the store's staff list has it)
//   X-Dev-Now: 2026-11-22T09:30:00+08:00   "now" for this request (ISO 8601)
//
// These two headers stand in for WeChat: a deployed cloud function takes the openid only from
// cloud.getWXContext() and the time only from its own clock, and never reads either header.
import type { IncomingHttpHeaders } from 'node:http'
import type { Caller } from '../context'
import { fail } from '../protocol'
import type { Store } from '../store/port'

/** WeChat openids are 28 characters of [A-Za-z0-9_-]; dev ids like `demo-wang` fit the same shape. */
const OPENID = /^[A-Za-z0-9_-]{1,64}$/

export const isDevOpenid = (value: string): boolean => OPENID.test(value)

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** The openid from X-Dev-Openid (trimmed), null when absent or blank. */
export function devOpenid(headers: IncomingHttpHeaders): string | null {
  const value = header(headers, 'x-dev-openid')?.trim()
  if (!value) return null
  if (!isDevOpenid(value)) {
    throw fail('VALIDATION', '开发身份 X-Dev-Openid 格式不对：只能用字母、数字、- 和 _，最多64个字符')
  }
  return value
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i

/**
 * An ISO 8601 date or date-time. Without an offset it is read as China time (UTC+8), the time the
 * rules count days in, so the result never depends on the server's own time zone. Impossible
 * dates (2026-02-30, 24:61) are refused rather than rolled over.
 */
export function parseIsoInstant(value: string): Date | null {
  const match = ISO.exec(value.trim())
  if (!match) return null
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number)
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3))
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms)
  const check = new Date(wall)
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null
  let offsetMinutes = 8 * 60
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '')
    const hours = Number(digits.slice(0, 2))
    const minutes = Number(digits.slice(2) || '0')
    if (hours > 23 || minutes > 59) return null
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes)
  } else if (zone) {
    offsetMinutes = 0
  }
  return new Date(wall - offsetMinutes * 60_000)
}

/** "Now" from X-Dev-Now, or the server clock. */
export function devNow(headers: IncomingHttpHeaders, clock: () => Date = () => new Date()): Date {
  const value = header(headers, 'x-dev-now')?.trim()
  if (!value) return clock()
  const parsed = parseIsoInstant(value)
  if (!parsed) {
    throw fail('VALIDATION', '开发时间 X-Dev-Now 格式不对：请用 ISO 8601，例如 2026-11-22 或 2026-11-22T09:30:00+08:00')
  }
  return parsed
}

/** The caller for this request; staff is looked up on every call, never cached. */
export async function devCaller(headers: IncomingHttpHeaders, store: Store): Promise<Caller> {
  const openid = devOpenid(headers)
  return { openid, staff: openid ? await store.staffMember(openid) : null }
}
