// The H5 half of `npm run bench:size`: the first screen of a production H5 build in headless Chromium.
// Every load is cold: a new browser context (empty HTTP cache, empty storage, a new renderer), a phone
// viewport, the page opened by its real path. Sizes are the bodies of the script and stylesheet
// responses, gzipped here at zlib's default level; the bytes on the wire are what the server sent
// (brotli where it has a copy, issue 14); FCP is the page's own `first-contentful-paint` entry, on
// Lighthouse's mobile profile (MOBILE_PROFILE).
import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'

export interface Resource {
  /** The path on the server, e.g. /js/app.1b0b0963.js */
  path: string
  type: 'script' | 'stylesheet'
  bytes: number
  gzip: number
}

export interface Load {
  /** first-contentful-paint, ms from navigation start, on Lighthouse's mobile profile (MOBILE_PROFILE). */
  fcp: number
  /**
   * ms from navigation start until the page's own content (`Target.ready`) was first drawn: what FCP
   * no longer says once index.html paints a placeholder before the scripts arrive.
   */
  ready: number
  /** Every byte the first screen took on the wire (headers and bodies as sent, compressed where the server compressed): document, JS, CSS, API, icon. */
  wire: number
  /** Every script and stylesheet the page fetched until the first screen was drawn and the network quiet. */
  resources: Resource[]
}

export interface Target {
  /** e.g. http://127.0.0.1:41234 */
  origin: string
  /** The page opened, e.g. /pages/index/index */
  path: string
  /** A selector that is on screen once the first screen is complete (the home page: its filing card, which needs the API). */
  ready: string
  /** A dev identity put in local storage before the first script runs (as the sign-in page would). */
  openid?: string
}

/**
 * Lighthouse's mobile profile (its `throttling.mobileSlow4G` constants): 150 ms round trip, 1.6 Mbps
 * down (1638.4 Kbit/s), 750 Kbit/s up, and a 4× CPU slowdown; applied through the Chrome DevTools
 * Protocol to every load (DevTools-style request throttling, not Lighthouse's simulation).
 */
export const MOBILE_PROFILE = { rttMs: 150, downKbps: 1638.4, upKbps: 750, cpuSlowdown: 4 }

/** zlib's default level (6): what a web server's gzip typically sends, and what `gzip` does by default. */
export const GZIP_LEVEL = 6

export async function loadOnce(browser: Browser, target: Target): Promise<Load> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  try {
    if (target.openid) {
      // Taro's H5 storage keeps `{"data": value}` under the key (test/e2e/browser.ts signInBeforeLoad).
      await context.addInitScript((id) => {
        if (!localStorage.getItem('devOpenid')) localStorage.setItem('devOpenid', JSON.stringify({ data: id }))
      }, target.openid)
    }
    // The frame after `ready` first enters the document: when the page's own content was drawn.
    await context.addInitScript((selector) => {
      const seen = () => {
        if (!document.querySelector(selector)) return false
        requestAnimationFrame(() => ((window as unknown as { __ready?: number }).__ready = performance.now()))
        return true
      }
      const observer = new MutationObserver(() => seen() && observer.disconnect())
      observer.observe(document, { childList: true, subtree: true })
    }, target.ready)
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: MOBILE_PROFILE.rttMs,
      downloadThroughput: (MOBILE_PROFILE.downKbps * 1024) / 8,
      uploadThroughput: (MOBILE_PROFILE.upKbps * 1024) / 8,
    })
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE_PROFILE.cpuSlowdown })
    let wire = 0
    cdp.on('Network.loadingFinished', (event) => {
      wire += event.encodedDataLength
    })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const bodies: Promise<Resource>[] = []
    page.on('response', (response) => {
      const type = response.request().resourceType()
      if (type !== 'script' && type !== 'stylesheet') return
      const path = new URL(response.url()).pathname
      // The decoded body (what the page runs), gzipped here as before so the figure compares across runs.
      bodies.push(
        response.body().then((body) => ({ path, type, bytes: body.length, gzip: gzipSync(body, { level: GZIP_LEVEL }).length })),
      )
    })
    await page.goto(target.origin + target.path, { waitUntil: 'load' })
    try {
      await page.waitForSelector(target.ready, { state: 'visible', timeout: 20_000 })
    } catch (error) {
      throw new Error(`${target.origin}${target.path}: ${target.ready} never showed${errors.length ? `; page errors: ${errors.join(' | ')}` : ''}\n${error}`)
    }
    // Anything the first screen fetches after it is drawn (a lazily loaded chunk) counts too.
    await page.waitForLoadState('networkidle')
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { timeout: 10_000 })
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime)
    const ready = await page.evaluate(() => (window as unknown as { __ready?: number }).__ready ?? Number.NaN)
    const resources = (await Promise.all(bodies)).sort((a, b) => a.path.localeCompare(b.path))
    return { fcp, ready, wire, resources }
  } finally {
    await context.close()
  }
}

/** The set of files a load fetched, to check that every cold load of a build fetched the same ones. */
export function fileSet(load: Load): string {
  return load.resources.map((r) => r.path).join(' ')
}

export function totals(resources: Resource[]) {
  const sum = (type: Resource['type'] | null, key: 'bytes' | 'gzip') =>
    resources.filter((r) => type === null || r.type === type).reduce((total, r) => total + r[key], 0)
  return {
    files: resources.length,
    bytes: sum(null, 'bytes'),
    gzip: sum(null, 'gzip'),
    jsGzip: sum('script', 'gzip'),
    cssGzip: sum('stylesheet', 'gzip'),
  }
}
