// 要求补充材料 (issue 16): which materials staff may ask a filing for, whether a request keeps to
// them, and whether the person's supplement answers it. The server and the pages run the same checks.
import type { Category } from '../categories'
import { issue, type FieldIssue } from '../schemas/issues'
import { MATERIALS, type MaterialKind } from '../vocabulary'
import { filedRuleOf } from './category'

export interface RequestableMaterial {
  kind: MaterialKind
  /** The profile's note on it (e.g. 附表1，由参保单位盖章). */
  note: string | null
}

interface RequestedFiling {
  policyId: string
  category: Category
  /** A change under review: the kinds of proof it came with may be asked for again. */
  pendingChange?: { materials: readonly { kind: MaterialKind }[] } | null
}

/**
 * The materials staff may ask a filing for: those its profile lists for its category (the wizard's
 * proof step), then, for a change under review, the other kinds the change came with.
 */
export function requestableMaterials(filing: RequestedFiling): RequestableMaterial[] {
  const listed: RequestableMaterial[] = (filedRuleOf(filing)?.materials ?? []).map(({ kind, note }) => ({ kind, note: note ?? null }))
  for (const { kind } of filing.pendingChange?.materials ?? []) {
    if (!listed.some((material) => material.kind === kind)) listed.push({ kind, note: null })
  }
  return listed
}

/** Each picked material must be one of the filing's: the page offers only those, the server checks. */
export function materialsRequestIssues(items: readonly MaterialKind[], filing: RequestedFiling): FieldIssue[] {
  const allowed = new Set(requestableMaterials(filing).map((material) => material.kind))
  return items.flatMap((kind, index) =>
    allowed.has(kind) ? [] : [issue(['items', index], `这份备案不需要“${MATERIALS[kind].label}”，请从列出的材料中勾选`)],
  )
}

/**
 * A supplement answers a request that named materials: each upload is one of them, and each has an
 * upload. A request with a note only takes any of the filing's materials, as before items existed.
 */
export function supplementIssues(requested: readonly MaterialKind[], materials: readonly { kind: MaterialKind }[]): FieldIssue[] {
  if (requested.length === 0) return []
  const unasked = materials.flatMap(({ kind }, index) =>
    requested.includes(kind) ? [] : [issue(['materials', index, 'kind'], `经办人员没有要求补充“${MATERIALS[kind].label}”，请只上传要求补充的材料`)],
  )
  if (unasked.length > 0) return unasked
  const missing = requested.filter((kind) => !materials.some((material) => material.kind === kind))
  return missing.length > 0 ? [issue('materials', `请上传：${missing.map((kind) => MATERIALS[kind].label).join('；')}`)] : []
}
