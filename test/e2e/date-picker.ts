// Choosing a date in Taro's H5 date picker as a person does: tap the field, drag each column
// (年, 月, 日) until the wanted value sits under the indicator, then tap 确定.
//
// How the picker works (@tarojs/components taro-picker-core / taro-picker-group): the popup is
// appended to <body>; each column is a taro-picker-group whose `.weui-picker__content` is moved by
// translate3d(0, H px) with H = 102 - 34 × index; a mouse drag of d px moves it by d and snaps to the
// nearest row on release. Drags stay inside the column (±3 rows from its middle), so every mouse
// event lands on it.
import type { Locator, Page } from 'playwright-core'

const TOP = 102
const LINE = 34

async function currentIndex(column: Locator): Promise<number> {
  const transform = await column.locator('.weui-picker__content').evaluate((element) => (element as HTMLElement).style.transform)
  const match = /translate3d\(0(?:px)?,\s*(-?[\d.]+)px/.exec(transform)
  if (!match) throw new Error(`date picker: cannot read the column position from "${transform}"`)
  return Math.round((TOP - Number(match[1])) / LINE)
}

async function turnTo(page: Page, column: Locator, wanted: string): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const items = await column.locator('.weui-picker__item').allTextContents()
    const target = items.indexOf(wanted)
    if (target < 0) throw new Error(`date picker: "${wanted}" is not offered (${items[0]} … ${items[items.length - 1]})`)
    const current = await currentIndex(column)
    if (current === target) return
    const rows = Math.max(-3, Math.min(3, target - current))
    const box = (await column.boundingBox())!
    const x = box.x + box.width / 2
    const y = box.y + box.height / 2
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(x, y - rows * LINE, { steps: 6 })
    await page.mouse.up()
    // The snap and the dependent columns (month range, day range) update on the next frame.
    await page.waitForTimeout(60)
  }
  throw new Error(`date picker: could not reach "${wanted}"`)
}

/** Opens the date picker drawn by `trigger` and chooses `date` (YYYY-MM-DD). */
export async function pickDate(page: Page, trigger: string, date: string): Promise<void> {
  const [year, month, day] = date.split('-')
  await page.locator(trigger).click()
  const popup = page.locator('.weui-picker:visible')
  await popup.waitFor()
  // Let the slide-up animation finish before dragging.
  await page.waitForTimeout(350)
  const columns = popup.locator('taro-picker-group')
  await turnTo(page, columns.nth(0), `${year}年`)
  await turnTo(page, columns.nth(1), `${month}月`)
  await turnTo(page, columns.nth(2), `${day}日`)
  await popup.getByText('确定', { exact: true }).click()
  await popup.waitFor({ state: 'hidden' })
}
