// Writing protocol replies (DESIGN.md "Wire protocol") onto node:http responses.
import type { ServerResponse } from 'node:http'
import type { Reply } from '../protocol'

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

export const INTERNAL_MESSAGE = '系统繁忙，请稍后再试'
