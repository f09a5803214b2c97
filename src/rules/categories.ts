// Person categories (人员类别) and their groups, with the codes fixed in POLICY.md. Plain data (the
// zod enum with its message is schemas/vocabulary.ts), so the main package's pages can read it without zod.

export const CATEGORY_CODES = [
  'resettled_retiree',
  'long_term_resident',
  'resident_worker',
  'referral',
  'emergency',
  'other_temporary',
] as const

export type Category = (typeof CATEGORY_CODES)[number]

export type CategoryGroup = 'long_term' | 'temporary'

export const CATEGORIES = {
  resettled_retiree: { label: '异地安置退休人员', group: 'long_term' },
  long_term_resident: { label: '异地长期居住人员', group: 'long_term' },
  resident_worker: { label: '常驻异地工作人员', group: 'long_term' },
  referral: { label: '异地转诊就医人员', group: 'temporary' },
  emergency: { label: '异地急诊抢救人员', group: 'temporary' },
  other_temporary: { label: '其他临时外出就医人员（非急诊且未转诊）', group: 'temporary' },
} as const satisfies Record<Category, { label: string; group: CategoryGroup }>

export const GROUP_LABELS = {
  long_term: '异地长期居住人员',
  temporary: '临时外出就医人员',
} as const satisfies Record<CategoryGroup, string>

export function groupOf(category: Category): CategoryGroup {
  return CATEGORIES[category].group
}

export function categoryLabel(category: Category): string {
  return CATEGORIES[category].label
}
