// Driving the filing wizard (pages/file) in the browser suite: the page that is showing, its steps
// by their progress-line titles, choices, text inputs and the messages under them. Shared by the
// wizard's own suite and the 代办 suite.
import type { Page } from 'playwright-core'

/**
 * The page that is showing: the wizard (`.fw`) or the result (`.fr`) when one is open, else the
 * Taro page on top (the H5 router keeps earlier pages in the DOM, hidden).
 */
export function shown(page: Page) {
  const url = page.url()
  if (url.includes('/pages/file/index')) return page.locator('.screen.fw')
  if (url.includes('/pages/file/result')) return page.locator('.screen.fr')
  return page.locator('.taro_page_show:not(.taro_page_shade)').last()
}

/** Waits until the page whose root is `selector` has slid in (Taro's H5 page transition). */
export async function slidIn(page: Page, selector: string) {
  await page.waitForFunction((root) => {
    const screen = document.querySelector(root)
    return screen !== null && Math.abs(screen.getBoundingClientRect().left) < 1
  }, selector)
}

/** Waits for the result page, once it has slid in. */
export async function resultPage(page: Page) {
  await page.waitForURL('**/pages/file/result**')
  await page.locator('.screen.fr #filing-number').waitFor()
  await slidIn(page, '.screen.fr')
}

/** Waits for the wizard to show the step named `title` (its progress line). */
export async function step(page: Page, title: string) {
  await shown(page).locator('.steps__count', { hasText: `：${title}` }).waitFor()
  await slidIn(page, '.screen.fw')
}

/** 继续, then waits for the step named `title`. */
export async function next(page: Page, title: string) {
  await shown(page).locator('#wizard-continue').click()
  await step(page, title)
}

export async function choose(page: Page, text: string) {
  await shown(page).locator('.choice', { hasText: text }).first().click()
}

/** A province or city in the region grid, by its whole name. */
export async function region(page: Page, name: string) {
  await shown(page).locator('.fw-grid__item', { hasText: new RegExp(`^${name}$`) }).click()
}

export async function type(page: Page, name: string, value: string) {
  await shown(page).locator(`input[name="${name}"]`).fill(value)
}

/** The message shown under the field that holds `input[name=…]`. */
export function errorUnder(page: Page, name: string) {
  return shown(page).locator('.field', { has: page.locator(`input[name="${name}"]`) }).locator('.field-error__text')
}
