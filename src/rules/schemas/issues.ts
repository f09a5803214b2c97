// One shape for every validation problem, so a page can put each message next to its field.
import type { z } from 'zod'

export interface FieldIssue {
  /** Dotted path of the field, e.g. `applicant.idNumber`; empty for the request as a whole. */
  path: string
  message: string
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] }

export function issue(path: readonly (string | number)[] | string, message: string): FieldIssue {
  return { path: typeof path === 'string' ? path : path.join('.'), message }
}

/** zod's issues, first message per field (a person fixes one thing at a time). */
export function fromZodError(error: z.ZodError): FieldIssue[] {
  const seen = new Set<string>()
  const issues: FieldIssue[] = []
  for (const zodIssue of error.issues) {
    const found = issue(
      zodIssue.path.filter((part): part is string | number => typeof part !== 'symbol'),
      zodIssue.message,
    )
    if (seen.has(found.path)) continue
    seen.add(found.path)
    issues.push(found)
  }
  return issues
}

/** Parses with `schema`, returning field issues instead of throwing. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Validated<z.infer<S>> {
  const result = schema.safeParse(input)
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: fromZodError(result.error) }
}
