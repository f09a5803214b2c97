// Writing protocol replies (DESIGN.md "Wire protocol") onto node:http responses.
import type { ServerResponse } from 'node:http'
import { AppError, type ErrorCode, type Reply } from '../protocol'

export function sendJson(res: ServerResponse, status: number, reply: Reply): void {
  const body = JSON.stringify(reply)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  res.end(body)
}

/**
 * A refusal at the transport level. `status` is the code's own status unless the HTTP meaning is
 * sharper (413 for a body over the limit, 405 for a wrong method); the body keeps the protocol's code.
 */
export function sendError(res: ServerResponse, code: ErrorCode, message: string, status?: number): void {
  const error = new AppError({ code, message })
  sendJson(res, status ?? error.status, { ok: false, error: error.body })
}

export const INTERNAL_MESSAGE = '系统繁忙，请稍后再试'
