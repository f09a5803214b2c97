// Once before the browser suite: Chromium must be there (never skip silently), and dist/h5 must be
// the build of the current sources.
//
// When to build: dist/h5/index.html is written by every H5 build, so its modification time is the
// build's. If it is missing, or any file under src/ or config/ (or babel.config.js, package.json,
// package-lock.json) was modified after it, `npm run build:h5` runs (about 15 s). E2E_BUILD=always
// forces a build; E2E_BUILD=never uses dist/h5 as it is. E2E_H5_DIR builds and serves another folder
// (two suites run side by side on one checkout).
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { CHROMIUM } from './chromium'
import { h5Dir } from './h5-dir'

const ROOT = join(__dirname, '..', '..')
const BUILD_MARKER = join(h5Dir(), 'index.html')
const INPUTS = ['src', 'config', 'babel.config.js', 'package.json', 'package-lock.json']

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

export function buildIsStale(): string | null {
  if (!existsSync(BUILD_MARKER)) return 'dist/h5 is missing'
  const built = statSync(BUILD_MARKER).mtimeMs
  const changed = INPUTS.map((input) => join(ROOT, input)).filter((path) => existsSync(path) && newestMtime(path) > built)
  return changed.length > 0 ? `sources changed since the last build (${changed.map((p) => p.slice(ROOT.length + 1)).join(', ')})` : null
}

export default async function globalSetup(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser suite needs Debian's Chromium at ${CHROMIUM}, which is missing. Install it with:\n` +
        '  apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk\n' +
        '(.ci/run does this in CI).',
    )
  }
  const mode = process.env.E2E_BUILD ?? 'auto'
  const reason = mode === 'always' ? 'E2E_BUILD=always' : mode === 'never' ? null : buildIsStale()
  if (!reason) return
  process.stdout.write(`\ne2e: building the H5 app (${reason})…\n`)
  const started = Date.now()
  try {
    // jest sets NODE_ENV=test, which would make Taro build for development (React refresh and all):
    // build exactly as `npm run build:h5` does from a shell.
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', TARO_OUTPUT_ROOT: relative(ROOT, h5Dir()) }
    execFileSync('npm', ['run', 'build:h5'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8', env })
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    throw new Error(`e2e: npm run build:h5 failed\n${stdout ?? ''}\n${stderr ?? ''}`)
  }
  process.stdout.write(`e2e: built ${h5Dir()} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
}
