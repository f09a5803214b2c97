// Server (or local) issues as the messages a page shows under its fields. One rule everywhere: the
// first message for a field is the one shown (the rules list the most basic problem first).
import type { FieldIssue } from '../rules'

/** Messages keyed by field: the issue's path, or the page's own key for it (`fieldOf`); the first per field. */
export function firstMessages<K extends string = string>(issues: readonly FieldIssue[], fieldOf: (path: string) => K = (path) => path as K): Messages<K> {
  const messages: Partial<Record<K, string>> = {}
  for (const found of issues) messages[fieldOf(found.path)] ??= found.message
  return messages as Messages<K>
}

/** By any path: a plain record; by a page's few fields: each one maybe. */
export type Messages<K extends string = string> = string extends K ? Record<string, string> : Partial<Record<K, string>>
