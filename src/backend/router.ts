// One entry for every function call, shared by the local server and the deployed functions:
// parse the envelope, find the handler, run it, and turn every outcome into a protocol reply.
import { AppError, ERROR_STATUS, fail, type Reply } from './protocol'
import type { Ctx } from './context'
import { adminHandlers } from './handlers/admin'
import { filingHandlers } from './handlers/filing'

export type Handler = (data: unknown, ctx: Ctx) => Promise<unknown>

const FUNCTIONS: Record<string, Record<string, Handler>> = {
  filing: filingHandlers,
  admin: adminHandlers,
}

/** A table entry by its own key only: `__proto__` or `constructor` never reach a handler. */
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined
}

/** What an action name looks like (`submit`, `checkCoverage`). */
const ACTION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/

export interface Dispatched {
  status: number
  reply: Reply
}

function envelope(body: unknown): { action: string; data: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw fail('VALIDATION', '请求格式不对：应为 {"action": "...", "data": {...}}')
  }
  const { action, data } = body as Record<string, unknown>
  if (typeof action !== 'string' || action === '') throw fail('VALIDATION', '请求缺少 action（要执行的操作）')
  return { action, data: data ?? {} }
}

/** Runs `fn`.`action` for the caller in `ctx`. Never throws: every failure becomes a reply. */
export async function dispatch(fn: string, body: unknown, ctx: Ctx): Promise<Dispatched> {
  try {
    const handlers = own(FUNCTIONS, fn)
    if (!handlers) throw fail('NOT_FOUND', `没有这个功能：${fn}`)
    const { action, data } = envelope(body)
    const handler = own(handlers, action)
    // The name is echoed only when it looks like one: never 1 MB of text, control or RTL characters.
    if (!handler) throw fail('NOT_FOUND', ACTION_NAME.test(action) ? `没有这个操作：${fn}.${action}` : '没有这个操作')
    return { status: 200, reply: { ok: true, data: await handler(data, ctx) } }
  } catch (error) {
    return failure(fn, error)
  }
}

/** A refusal as its reply; anything else as INTERNAL, logged without the payload (it may hold an ID number). */
export function failure(fn: string, error: unknown): Dispatched {
  if (error instanceof AppError) return { status: error.status, reply: { ok: false, error: error.body } }
  console.error(`[${fn}] internal error:`, error instanceof Error ? error.stack : error)
  return { status: ERROR_STATUS.INTERNAL, reply: { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } } }
}
