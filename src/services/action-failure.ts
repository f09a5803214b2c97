// A refused action in a page's terms (services/use-action sends it): the server's field issues as
// messages (the first per field, lib/issues), CONFLICT, LOCKED with its day, NETWORK, or the rest.
// Pure, so jest checks it without a platform.
import type { FieldIssue } from '../rules'
import { firstMessages } from '../lib/issues'
import type { ClientErrorBody } from './api'

/** A refusal in the page's terms; `code` and `message` are the server's (or the client's NETWORK). */
export type ActionFailure = { code: string; message: string } & (
  /** VALIDATION: messages by field (`fieldOf` of each issue's path), and the issues themselves. */
  | { kind: 'invalid'; errors: Record<string, string>; issues: FieldIssue[] }
  /** CONFLICT: someone changed it meanwhile; the page's copy has been read again. */
  | { kind: 'conflict' }
  /** LOCKED: not yet; `allowedFrom` is the first day it opens, where the rules know one. */
  | { kind: 'locked'; allowedFrom?: string }
  /** NETWORK: no answer after the client's retries. */
  | { kind: 'network' }
  /** Any other refusal (UNVERIFIED, FORBIDDEN, …). */
  | { kind: 'refused' }
)

/** A refusal in the page's terms. */
export function failureOf(error: ClientErrorBody, fieldOf: (path: string) => string = (path) => path): ActionFailure {
  const { code, message } = error
  if (code === 'VALIDATION' && error.issues?.length) return { kind: 'invalid', code, message, errors: firstMessages(error.issues, fieldOf), issues: error.issues }
  if (code === 'CONFLICT') return { kind: 'conflict', code, message }
  if (code === 'LOCKED') return { kind: 'locked', code, message, allowedFrom: error.allowedFrom }
  return { kind: code === 'NETWORK' ? 'network' : 'refused', code, message }
}
