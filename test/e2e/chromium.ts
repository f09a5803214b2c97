// Debian's Chromium (apt package `chromium`), driven by playwright-core; never a downloaded browser.
export const CHROMIUM = '/usr/bin/chromium'

/** Flags that work on this kind of machine: no sandbox as root, no GPU, no calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]
