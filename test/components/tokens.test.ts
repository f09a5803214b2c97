// The design tokens in src/app.scss (the person's pages and the back office) meet WCAG AA where they are used: text ≥ 4.5:1 on its
// background, control borders and icon fills ≥ 3:1.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const scss = readFileSync(join(__dirname, '../../src/app.scss'), 'utf8')
// The colours (shared by `.screen` and the back office's `.admin`) up to the large-text overrides.
const block = scss.slice(scss.indexOf('.screen,\n.admin {'), scss.indexOf('.screen--large {'))
const tokens = Object.fromEntries([...block.matchAll(/--(c-[a-z-]+):\s*(#[0-9a-f]{6})/gi)].map(([, name, hex]) => [name, hex]))

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

const TEXT: [string, string][] = [
  ['c-text', 'c-bg'],
  ['c-text', 'c-surface'],
  ['c-text-muted', 'c-bg'],
  ['c-text-muted', 'c-surface'],
  ['c-on-primary', 'c-primary'],
  ['c-primary', 'c-surface'],
  ['c-primary', 'c-primary-soft'],
  ['c-danger', 'c-surface'],
  ['c-danger', 'c-danger-soft'],
  ['c-warn', 'c-warn-soft'],
  ['c-success', 'c-success-soft'],
  ['c-neutral', 'c-neutral-soft'],
  ['c-text', 'c-primary-soft'],
  ['c-text', 'c-warn-soft'],
  ['c-text', 'c-success-soft'],
]

const NON_TEXT: [string, string][] = [
  ['c-border', 'c-surface'],
  ['c-border', 'c-neutral-soft'],
]

test('every token is a colour', () => {
  for (const [, ...pair] of [...TEXT, ...NON_TEXT].map((p) => ['', ...p])) for (const name of pair) expect(tokens[name]).toMatch(/^#/)
})

test.each(TEXT)('text %s on %s ≥ 4.5:1', (fg, bg) => {
  expect(contrast(tokens[fg], tokens[bg])).toBeGreaterThanOrEqual(4.5)
})

test.each(NON_TEXT)('control %s on %s ≥ 3:1', (fg, bg) => {
  expect(contrast(tokens[fg], tokens[bg])).toBeGreaterThanOrEqual(3)
})
