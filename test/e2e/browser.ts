// The browser suite's harness: a local server on a fresh data folder serving dist/h5, Debian's
// Chromium through playwright-core with a phone-sized viewport, and helpers for the dev identity,
// a fixed "now" and screenshots (into the git-ignored test/.artifacts/e2e/).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { PRIVACY_NOTICE_VERSION } from '../../src/rules'
import { startServer, type RunningServer } from '../../src/backend/server/main'
import { CHROMIUM, CHROMIUM_ARGS } from './chromium'
import { h5Dir } from './h5-dir'


/** Staff with every role (three, for a three-stage review), and one who may only look things up. */
export const STAFF = ['admin-dev', 'admin-dev2', 'admin-dev3']
export const QUERY_STAFF = 'query-dev'
export const ARTIFACTS = join(__dirname, '..', '.artifacts', 'e2e')
const DIST_H5 = h5Dir()

export interface App {
  server: RunningServer
  url: string
  browser: Browser
  context: BrowserContext
  page: Page
  /** Opens a path of the app (e.g. /pages/settings/index) and waits for its page to render. */
  open: (path?: string) => Promise<void>
  /** A full-page screenshot into test/.artifacts/e2e/<name>.png. */
  screenshot: (name: string) => Promise<string>
  close: () => Promise<void>
}

export interface AppOptions {
  /** File the demo filings (demo-wang …) first. Default true. */
  seedDemo?: boolean
  /** Sign in as this dev identity before the first page loads (local storage, as the sign-in page does). */
  openid?: string
  /** The share of commitment filings picked for a 抽查 when filed (0–1). Default 0: none. */
  spotCheckRate?: number
  /** A desktop browser (1280×800, mouse) instead of a phone: the back office's main use. */
  desktop?: boolean
}

export async function startApp(options: AppOptions = {}): Promise<App> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yd-e2e-'))
  const server = await startServer({
    port: 0,
    dataDir,
    adminOpenids: STAFF,
    queryOpenids: [QUERY_STAFF],
    staticDir: DIST_H5,
    seedDemo: options.seedDemo ?? true,
    reminders: false,
    spotCheckRate: options.spotCheckRate ?? 0,
  })
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
  const context = await browser.newContext({
    ...(options.desktop
      ? { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false }
      : { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }),
    deviceScaleFactor: 1,
    acceptDownloads: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  if (options.openid) await signInBeforeLoad(context, options.openid)
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  const open = async (path = '/') => {
    await page.goto(server.url + path)
    try {
      await page.waitForSelector('.screen, .admin', { timeout: 10_000 })
    } catch (error) {
      // Say why: a script error in the build is the usual reason a page never draws.
      throw new Error(`${path} did not render${pageErrors.length ? `; page errors: ${pageErrors.join(' | ')}` : ''}\n${error}`)
    }
    // Taro's H5 sizes rem from the window width in an inline script that runs again on resize;
    // measure only once it has settled (40 px per 750 design px, clamped to 20–40 px).
    await page.waitForFunction(() => {
      const want = Math.min(40, Math.max(20, (40 * Math.min(window.innerWidth, window.innerHeight)) / 750))
      return Math.abs(parseFloat(document.documentElement.style.fontSize) - want) < 0.01
    })
  }
  mkdirSync(ARTIFACTS, { recursive: true })
  return {
    server,
    url: server.url,
    browser,
    context,
    page,
    open,
    screenshot: async (name) => {
      // Wait until the page that is showing has finished sliding in: Taro's router marks it
      // `taro_page_stationed`, and keeps earlier pages in the DOM, hidden (hence :not(.taro_page_shade)).
      await page.waitForFunction(() => {
        const shown = document.querySelector('.taro_page_show.taro_page_stationed:not(.taro_page_shade)')
        const moving = document.getAnimations().some((animation) => animation.playState === 'running')
        return shown !== null && !moving && Math.abs(shown.getBoundingClientRect().left) < 1
      })
      // Taro's H5 router scrolls inside the page, not the document: grow the viewport to the page's
      // whole height for the picture, then put it back.
      const path = join(ARTIFACTS, `${name}.png`)
      const viewport = page.viewportSize() ?? { width: 390, height: 844 }
      const height = await page.evaluate(() => document.querySelector('.taro_page_show:not(.taro_page_shade)')?.scrollHeight ?? document.body.scrollHeight)
      await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.ceil(height)) })
      await page.screenshot({ path })
      await page.setViewportSize(viewport)
      return path
    },
    close: async () => {
      await browser.close()
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
      // The local data key is kept beside DATA_DIR, never inside it.
      rmSync(`${dataDir}.key`, { force: true })
    },
  }
}

/** Taro's H5 storage keeps `{"data": value}` under the key (Taro.setStorageSync). */
export async function signInBeforeLoad(context: BrowserContext, openid: string): Promise<void> {
  await context.addInitScript((id) => {
    if (!localStorage.getItem('devOpenid')) localStorage.setItem('devOpenid', JSON.stringify({ data: id }))
  }, openid)
}

/**
 * Pins "now" for the app: the page's clock (the client computes days left) and X-Dev-Now on every
 * API request (the server computes states). `iso` with an offset, e.g. 2026-06-25T10:00:00+08:00.
 */
export async function fixNow(page: Page, iso: string): Promise<void> {
  await page.clock.setFixedTime(new Date(iso))
  await page.route('**/api/**', (route) => route.continue({ headers: { ...route.request().headers(), 'x-dev-now': iso } }))
}

/** A tiny PDF standing in for a scanned proof (the server checks the first bytes). */
export const PDF = '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n'

/** Uploads the PDF as `openid` (as the page's upload would); its fileId. */
export async function uploadPdf(app: App, openid: string, name = 'proof.pdf'): Promise<string> {
  const body = new FormData()
  body.append('file', new Blob([PDF], { type: 'application/pdf' }), name)
  const response = await fetch(`${app.url}/api/upload`, { method: 'POST', headers: { 'x-dev-openid': openid }, body })
  const reply = (await response.json()) as { ok: boolean; data: { fileId: string } }
  if (!reply.ok) throw new Error(`upload as ${openid} failed: ${JSON.stringify(reply)}`)
  return reply.data.fileId
}

/** A call to the local server as `openid` (and at `now`), for setting a scene up. */
export async function api(app: App, fn: string, action: string, data: unknown, as: { openid: string; now?: string }) {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-dev-openid': as.openid }
  if (as.now) headers['x-dev-now'] = as.now
  const response = await fetch(`${app.url}/api/${fn}`, { method: 'POST', headers, body: JSON.stringify({ action, data }) })
  return (await response.json()) as { ok: boolean; data?: any; error?: { code: string; message: string } }
}

/** Someone's name and ID, as they would give them for 实名认证. */
export interface Person {
  name: string
  idNumber: string
  idType?: string
}

/**
 * 实名认证 for `openid` through the API (the local server's labelled stand-in accepts the claim at
 * once): what the 实名认证 page does, for tests about something else.
 */
export async function verifyAs(app: App, openid: string, person: Person, now?: string): Promise<void> {
  const { name, idNumber, idType = 'resident_id' } = person
  const reply = await api(app, 'filing', 'verifyIdentity', { name, idType, idNumber, consent: { version: PRIVACY_NOTICE_VERSION, sensitive: true } }, { openid, now })
  if (!reply.ok || !reply.data.verified) throw new Error(`实名认证 of ${openid} failed: ${JSON.stringify(reply)}`)
}

/** Files `filing` through the API as `openid` for themselves (本人): verified first as its applicant. */
export async function submitAs(app: App, filing: { applicant: Person & Record<string, unknown> } & Record<string, unknown>, as: { openid: string; now?: string }) {
  await verifyAs(app, as.openid, filing.applicant, as.now)
  return api(app, 'filing', 'submit', filing, as)
}

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

/**
 * Pairs of text boxes from different text nodes that overlap by more than a pixel each way. (Boxes of
 * one node may touch: Chrome trims the blank half of full-width punctuation like （ so its box
 * overlaps its neighbour's; a node does not collide with itself.)
 */
export async function overlappingText(page: Page): Promise<{ a: string; b: string }[]> {
  return page.evaluate(() => {
    const root = document.querySelector('.screen')
    if (!root) return []
    const lines: { node: number; text: string; left: number; top: number; right: number; bottom: number }[] = []
    let index = 0
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    while (walker.nextNode()) {
      const node = walker.currentNode
      const text = node.textContent?.trim()
      if (!text) continue
      index += 1
      const range = document.createRange()
      range.selectNodeContents(node)
      for (const rect of Array.from(range.getClientRects())) {
        if (rect.width < 1 || rect.height < 1) continue
        lines.push({ node: index, text: text.slice(0, 24), left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom })
      }
    }
    const found: { a: string; b: string }[] = []
    for (let i = 0; i < lines.length; i += 1) {
      for (let j = i + 1; j < lines.length; j += 1) {
        const a = lines[i]
        const b = lines[j]
        if (a.node === b.node) continue
        const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left)
        const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)
        if (dx > 1 && dy > 1) found.push({ a: a.text, b: b.text })
      }
    }
    return found
  })
}

/** Whether the page is wider than the screen (text pushed off to the side). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
}

/** The bounding boxes of every element matching `selector`, with its text for messages. */
export async function boxes(page: Page, selector: string): Promise<(Box & { text: string })[]> {
  return page.$$eval(selector, (elements) =>
    elements.map((element) => {
      const rect = element.getBoundingClientRect()
      return { x: rect.x, y: rect.y, width: rect.width, height: rect.height, text: (element.textContent ?? '').trim().slice(0, 24) }
    }),
  )
}

/** The computed font size (CSS px) of the first element matching `selector`. */
export async function fontSize(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (element) => parseFloat(getComputedStyle(element).fontSize))
}
