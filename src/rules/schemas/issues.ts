// One shape for every validation problem, so a page can put each message next to its field.
import type * as z from 'zod'

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

const CHECK = '格式不对，请检查填写的内容'

/**
 * A Chinese message for an issue its schema gives no message for. zod's own are English ("Invalid
 * input: expected object, received array") and reached people whenever a request had a wrong shape
 * the field schemas did not name: `data` not an object, a list filter too long, `sort` an array.
 * A schema's own message always wins over this (zod: schema error > per-parse error).
 */
export const chineseFallback: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '请填写此项'
      switch (issue.expected) {
        case 'string':
          return '请输入文字'
        case 'number':
        case 'int':
          return '请输入数字'
        case 'boolean':
          return '请选择是或否'
        case 'array':
          return '格式不对：这里应为一组内容'
        default:
          return CHECK
      }
    case 'too_big':
      if (issue.origin === 'string') return `最多${issue.maximum}个字`
      if (issue.origin === 'array' || issue.origin === 'set') return `最多${issue.maximum}项`
      if (issue.origin === 'number' || issue.origin === 'int') return `不能大于${issue.maximum}`
      return '内容太长'
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '请填写此项' : `至少${issue.minimum}个字`
      if (issue.origin === 'array' || issue.origin === 'set') return `至少${issue.minimum}项`
      if (issue.origin === 'number' || issue.origin === 'int') return `不能小于${issue.minimum}`
      return '内容太短'
    case 'invalid_value':
      return '请从给出的选项中选择'
    default:
      return CHECK
  }
}

/** `schema.safeParse` with Chinese messages where the schema has none of its own. */
export function safeParseChinese<S extends z.ZodType>(schema: S, input: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(input, { error: chineseFallback }) as z.ZodSafeParseResult<z.output<S>>
}

/** Parses with `schema`, returning field issues instead of throwing. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Validated<z.infer<S>> {
  const result = safeParseChinese(schema, input)
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: fromZodError(result.error) }
}
