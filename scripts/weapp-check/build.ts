// A weapp build on disk as WeChat sees it: app.json, its packages, and which package owns each file.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

export interface AppJson {
  pages: string[]
  subPackages?: { root: string; name?: string; pages: string[]; independent?: boolean }[]
  subpackages?: AppJson['subPackages']
  preloadRule?: Record<string, { network?: string; packages: string[] }>
  usingComponents?: Record<string, string>
}

export interface Build {
  dir: string
  app: AppJson
  /** Subpackage roots without trailing slash. */
  roots: string[]
  /** Every file, relative with forward slashes. */
  files: string[]
}

/** One complaint of the check: which file, and what is wrong, in words a reviewer can act on. */
export interface Problem {
  check: string
  file: string
  message: string
}

export function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name)
    return entry.isDirectory() ? walk(full, base) : [relative(base, full).split('\\').join('/')]
  })
}

export function readBuild(dir: string): Build {
  const appFile = join(dir, 'app.json')
  if (!existsSync(appFile)) throw new Error(`${appFile} is missing: build first (npx taro build --type weapp)`)
  const app = JSON.parse(readFileSync(appFile, 'utf8')) as AppJson
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/^\/+|\/+$/g, ''))
  return { dir, app, roots, files: walk(dir) }
}

/** '' for the main package, else the subpackage root that holds `file`. */
export function packageOf(build: Build, file: string): string {
  return build.roots.find((root) => file === root || file.startsWith(root + '/')) ?? ''
}

/** May code in package `from` load a file of package `to`? Main loads only main; a subpackage loads main and itself. */
export function mayReach(from: string, to: string): boolean {
  return to === '' || to === from
}

/** Every page path of the app (no extension), main package first. */
export function allPages(build: Build): string[] {
  const subs = build.app.subPackages ?? build.app.subpackages ?? []
  return [...build.app.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/+$/, '')}/${p}`))]
}

export const read = (build: Build, file: string) => readFileSync(join(build.dir, file), 'utf8')
