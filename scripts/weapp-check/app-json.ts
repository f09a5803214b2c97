// app.json and page/component .json, by WeChat's rules: every page has its four files, subpackage
// roots exist and hold their pages, preload rules name real pages and packages and stay within 2 MB a
// page, each package within 2 MB and the whole within 20 MB, and every usingComponents entry resolves
// to a component (its .js, .json with `component: true`, .wxml) the page's package may use.
import { posix } from 'node:path'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { allPages, mayReach, packageOf, read, type Build, type Problem } from './build'

export const PACKAGE_LIMIT = 2 * 1024 * 1024
export const TOTAL_LIMIT = 20 * 1024 * 1024

export function packageSizes(build: Build): Map<string, number> {
  const sizes = new Map<string, number>(['', ...build.roots].map((r) => [r, 0]))
  for (const file of build.files) {
    const owner = packageOf(build, file)
    sizes.set(owner, (sizes.get(owner) ?? 0) + statSync(join(build.dir, file)).size)
  }
  return sizes
}

function checkComponents(build: Build, jsonFile: string, problems: Problem[]) {
  let json: { usingComponents?: Record<string, string> }
  try {
    json = JSON.parse(read(build, jsonFile))
  } catch (error) {
    problems.push({ check: 'json', file: jsonFile, message: `not JSON: ${(error as Error).message}` })
    return
  }
  const present = new Set(build.files)
  for (const [tag, spec] of Object.entries(json.usingComponents ?? {})) {
    if (spec.startsWith('plugin://')) continue
    const base = spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(posix.dirname(jsonFile), spec))
    const missing = ['.js', '.json', '.wxml'].filter((ext) => !present.has(base + ext))
    if (missing.length) {
      problems.push({ check: 'json', file: jsonFile, message: `usingComponents ${tag} → ${base}: missing ${missing.join(', ')}` })
      continue
    }
    if (!mayReach(packageOf(build, jsonFile), packageOf(build, base))) {
      problems.push({ check: 'json', file: jsonFile, message: `usingComponents ${tag} → ${base}: in another subpackage` })
    }
    const component = JSON.parse(read(build, base + '.json')) as { component?: boolean }
    if (component.component !== true) problems.push({ check: 'json', file: base + '.json', message: 'used as a component but lacks "component": true' })
  }
}

export function checkAppJson(build: Build): Problem[] {
  const problems: Problem[] = []
  const present = new Set(build.files)
  const pages = allPages(build)
  if (build.app.pages.length === 0) problems.push({ check: 'json', file: 'app.json', message: 'no pages' })
  for (const root of build.roots) {
    if (!build.files.some((f) => f.startsWith(root + '/'))) problems.push({ check: 'json', file: 'app.json', message: `subpackage root ${root} does not exist` })
    if (build.roots.some((other) => other !== root && other.startsWith(root + '/'))) problems.push({ check: 'json', file: 'app.json', message: `subpackage root ${root} contains another root` })
  }
  for (const page of pages) {
    for (const ext of ['.js', '.json', '.wxml']) {
      if (!present.has(page + ext)) problems.push({ check: 'json', file: 'app.json', message: `page ${page}: ${page}${ext} is missing` })
    }
    if (present.has(page + '.json')) checkComponents(build, page + '.json', problems)
  }
  for (const file of build.files.filter((f) => f.endsWith('.json') && f !== 'app.json' && !pages.includes(f.slice(0, -5)))) {
    if (present.has(file.slice(0, -5) + '.wxml')) checkComponents(build, file, problems)
  }
  const sizes = packageSizes(build)
  for (const [root, bytes] of sizes) {
    if (bytes > PACKAGE_LIMIT) problems.push({ check: 'size', file: root || '(main package)', message: `${(bytes / 1024).toFixed(0)} KB, over WeChat's 2048 KB a package` })
  }
  const total = [...sizes.values()].reduce((a, b) => a + b, 0)
  if (total > TOTAL_LIMIT) problems.push({ check: 'size', file: '(whole app)', message: `${(total / 1024).toFixed(0)} KB, over 20 MB` })
  const names = new Map((build.app.subPackages ?? build.app.subpackages ?? []).map((s) => [s.name ?? s.root.replace(/\/+$/, ''), s.root.replace(/\/+$/, '')]))
  for (const [page, rule] of Object.entries(build.app.preloadRule ?? {})) {
    if (!pages.includes(page)) problems.push({ check: 'json', file: 'app.json', message: `preloadRule for ${page}: no such page` })
    let preload = 0
    for (const pkg of rule.packages ?? []) {
      const root = names.get(pkg) ?? (pkg === '__APP__' ? '' : build.roots.find((r) => r === pkg.replace(/\/+$/, '')))
      if (root === undefined) problems.push({ check: 'json', file: 'app.json', message: `preloadRule for ${page}: no package ${pkg}` })
      else preload += sizes.get(root) ?? 0
    }
    if (preload > PACKAGE_LIMIT) problems.push({ check: 'size', file: 'app.json', message: `preloadRule for ${page} preloads ${(preload / 1024).toFixed(0)} KB, over WeChat's 2048 KB` })
  }
  return problems
}
