// Every reading a profile lists (where its seed is silent and we chose) is in the README's table, and
// the table lists nothing a profile does not: one list, kept in one place by this check.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { profiles } from '../../src/rules'

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8')
const table = readme
  .slice(readme.indexOf('| 参保地 | topic | reading | source |'))
  .split('\n')
  .filter((line) => line.startsWith('|'))
  .slice(2)

const rows = profiles.flatMap((p) => p.readings.map((r) => `| ${p.name} | ${r.topic} | ${r.reading} | ${r.source} |`))

test('the README lists every reading, in profile order, and no other', () => {
  expect(table).toEqual(rows)
})
