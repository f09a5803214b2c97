// A profile's guide: rules no form asks about (outpatient care without filing, the injury promise,
// the outside-test form, a stay across the year end, 原渠道 …), each told where the question arises.
// Zod-free: the home page in the main package reads it.
import type { Category } from '../categories'
import type { GuideItem, PolicyProfile } from '../profiles'

export interface GuideNote {
  topic: GuideItem['topic']
  title: string
  text: string
  source: string
}

export type GuidePlace = GuideItem['places'][number]

/** The profile's guide items for `place` that concern someone holding filings of `categories`. */
export function guideNotes(profile: PolicyProfile, place: GuidePlace, categories: readonly Category[]): GuideNote[] {
  return profile.guide
    .filter((item) => item.places.includes(place))
    .filter((item) => item.categories === null || item.categories.some((category) => categories.includes(category)))
    .map(({ topic, title, text, source }) => ({ topic, title, text, source }))
}
