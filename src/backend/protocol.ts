// The wire protocol (DESIGN.md, fixed): every reply is { ok: true, data } or { ok: false, error }.
import type { FieldIssue } from '../rules'

export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  /** The caller has not completed 实名认证. */
  UNVERIFIED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 409,
  DUPLICATE: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

export interface ErrorBody {
  code: ErrorCode
  /** Chinese, for the person. */
  message: string
  issues?: FieldIssue[]
  /** For LOCKED: the first date the action is allowed. */
  allowedFrom?: string
}

export type Reply<T = unknown> = { ok: true; data: T } | { ok: false; error: ErrorBody }

/** A refusal a handler throws; the router turns it into a reply with the matching HTTP status. */
export class AppError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message)
  }

  get status(): number {
    return ERROR_STATUS[this.body.code]
  }
}

export const fail = (code: ErrorCode, message: string, extra: Omit<ErrorBody, 'code' | 'message'> = {}) =>
  new AppError({ code, message, ...extra })

export const invalid = (issues: FieldIssue[], message = issues[0]?.message ?? '请检查填写的内容') =>
  fail('VALIDATION', message, { issues })
