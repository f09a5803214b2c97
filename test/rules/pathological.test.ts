// Every request schema on pathological strings (issue 13): a megabyte of spaces, dots, middle dots
// between spaces, repeated separators — in every string field of every request. Each is refused at
// its own field with a Chinese message, and by the bound on its length as sent: the check that runs
// before any trimming, normalising or matching (so a regex never walks the megabyte). How long the
// worst case takes is measured by `npm run bench:pathological`, not here.
import { safeParseChinese } from '../../src/rules'
import { PATHOLOGICAL, REQUESTS, stringPaths, withValue } from './pathological-kit'

const CHINESE = /[\u4e00-\u9fff]/

describe('every request schema accepts its sample', () => {
  test.each(REQUESTS)('%s', (_name, schema, sample) => {
    expect(safeParseChinese(schema, sample).success).toBe(true)
  })
})

describe.each(REQUESTS)('%s on a megabyte of pathological text in each string field', (_name, schema, sample) => {
  const cases = stringPaths(sample).flatMap((path) => PATHOLOGICAL.map(([shape, text]) => [path.join('.'), shape, path, text] as const))
  test.each(cases)('%s: %s → refused there by its length, in Chinese', (field, _shape, path, text) => {
    const result = safeParseChinese(schema, withValue(sample, path, text))
    expect(result.success).toBe(false)
    const issues = result.success ? [] : result.error.issues
    // At the field (a filter that takes one value or a list reads one value as a list of one: `.0`).
    const here = issues.filter((issue) => [field, `${field}.0`].includes(issue.path.join('.')))
    expect(here).toHaveLength(1)
    // The bound as sent fired (too_big on the raw string, nothing after it), or — a closed list's
    // code (category, idType) — the value was compared whole with the list, nothing normalised.
    expect(['too_big', 'invalid_value']).toContain(here[0].code)
    expect(here[0].message).toMatch(CHINESE)
  })
})
