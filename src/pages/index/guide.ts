// "哪些情况需要备案": a short plain-language guide built from the policy profiles, so a new region
// shows up here without a change to this page. Pure: tested in test/pages/home.test.ts.
import {
  CATEGORIES,
  CATEGORY_CODES,
  GROUP_LABELS,
  filedRule,
  findProfile,
  guideNotes,
  profiles,
  type Category,
  type CategoryGroup,
  type GuideNote,
  type PolicyProfile,
} from '../../rules/core'

export interface GuidePoint {
  title: string
  text: string
}

function categoriesOf(group: CategoryGroup): Category[] {
  return CATEGORY_CODES.filter((code) => CATEGORIES[code].group === group)
}

/** How long a filing of `group` lasts, over every region that files it (e.g. 长期有效 / 6个月). */
function validityWords(list: readonly PolicyProfile[], group: CategoryGroup): string {
  const words = new Set<string>()
  for (const profile of list) {
    for (const code of categoriesOf(group)) {
      const rule = filedRule(profile, code)
      if (!rule) continue
      if (rule.validity.kind === 'open_ended') words.add('长期有效')
      else if (rule.validity.kind === 'months') words.add(`${rule.validity.months}个月`)
      else words.add('一次住院结算有效')
    }
  }
  return [...words].join('、')
}

/** The guide, in the order a person asks: do I need to file at all, and for how long. */
export function filingGuide(list: readonly PolicyProfile[] = profiles): { needed: GuidePoint[]; notNeeded: GuidePoint[] } {
  const needed: GuidePoint[] = (['long_term', 'temporary'] as const).map((group) => ({
    title: GROUP_LABELS[group],
    text: `${categoriesOf(group)
      .filter((code) => list.some((profile) => filedRule(profile, code) !== null))
      .map((code) => CATEGORIES[code].label)
      .join('、')}。有效期：${validityWords(list, group)}（按参保地规定，办理时会告诉您）。`,
  }))

  const notNeeded: GuidePoint[] = []
  for (const code of CATEGORY_CODES) {
    const rules = list.map((profile) => ({ profile, rule: profile.categories[code] }))
    const everywhere = rules.every(({ rule }) => rule.filing === 'not_needed')
    if (everywhere) {
      const rule = rules[0].rule
      if (rule.filing === 'not_needed') notNeeded.push({ title: CATEGORIES[code].label, text: rule.message })
      continue
    }
    for (const { profile, rule } of rules) {
      if (rule.filing === 'not_needed' && profile.insuredRegion !== null) {
        notNeeded.push({ title: `${profile.name}：${CATEGORIES[code].label}`, text: rule.message })
      }
    }
  }
  return { needed, notNeeded }
}

/**
 * What each of the person's 参保地 tells them on the home page (outpatient care without filing,
 * 原渠道, returning home …), for the categories they hold; one group per 参保地.
 */
export function homeNotes(filings: readonly { policyId: string; category: Category }[]): { policyName: string; notes: GuideNote[] }[] {
  const byPolicy = new Map<string, Category[]>()
  for (const filing of filings) byPolicy.set(filing.policyId, [...(byPolicy.get(filing.policyId) ?? []), filing.category])
  return [...byPolicy].flatMap(([policyId, categories]) => {
    const profile = findProfile(policyId)
    const notes = profile ? guideNotes(profile, 'home', categories) : []
    return notes.length > 0 && profile ? [{ policyName: profile.name, notes }] : []
  })
}
