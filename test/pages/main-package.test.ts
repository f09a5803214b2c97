// What the mini-program's main package imports (issue 6: main package ≤ 1.5× an empty Taro app).
// The main package's pages (app.config `pages`, and src/app.ts) must not reach zod: with it came the
// schemas, the region list and ~100 KB of zod itself (499 KB → 348 KB when they left). They read the
// rules through src/rules/core.ts; the subpackages and the cloud functions use the full entry.
//
// The walk follows every import and re-export that survives compilation (not `import type`, nor
// names all marked `type`) from each main-package entry, resolving a platform file (`api.weapp.ts`)
// first as Taro's build does, and collects the packages reached.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import * as ts from 'typescript'

const SRC = resolve(__dirname, '../../src')

function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false)
  const specifiers: string[] = []
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause
      const bindings = clause?.namedBindings
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.every((e) => e.isTypeOnly)))
      if (!typeOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text)
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text)
    }
  }
  return specifiers
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier)
  const candidates = ['.weapp.ts', '.weapp.tsx', '.ts', '.tsx', '/index.ts', '/index.tsx', ''].map((ending) => base + ending)
  const found = candidates.find((path) => existsSync(path) && statSync(path).isFile())
  if (found === undefined) throw new Error(`cannot resolve ${specifier} from ${relative(SRC, from)}`)
  return /\.tsx?$/.test(found) ? found : null // styles and JSON import nothing further
}

/** Every source file and package reached from `entries`. */
function reach(entries: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const queue = [...entries]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (files.has(file)) continue
    files.add(file)
    for (const specifier of valueImports(file)) {
      if (specifier.startsWith('.')) {
        const next = resolveLocal(file, specifier)
        if (next !== null) queue.push(next)
      } else {
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0])
      }
    }
  }
  return { files, packages }
}

function mainPackageEntries(): string[] {
  const globals = globalThis as { defineAppConfig?: (config: unknown) => unknown }
  globals.defineAppConfig = (config) => config
  const previous = process.env.TARO_ENV
  process.env.TARO_ENV = 'weapp'
  try {
    const config = (jest.requireActual('../../src/app.config') as { default: { pages: string[] } }).default
    const pages = config.pages.map((page) => resolveLocal(join(SRC, 'app.ts'), `./${page}`)!)
    return [join(SRC, 'app.ts'), ...pages]
  } finally {
    process.env.TARO_ENV = previous
    delete globals.defineAppConfig
  }
}

test('the main package imports no zod, and reads the rules through their zod-free core', () => {
  const entries = mainPackageEntries()
  expect(entries.map((file) => relative(SRC, file))).toEqual(['app.ts', 'pages/index/index.tsx', 'pages/settings/index.tsx', 'pages/verify/index.tsx'])
  const { files, packages } = reach(entries)
  expect([...packages]).not.toContain('zod')
  expect(files).toContain(join(SRC, 'rules/core.ts'))
  expect(files).not.toContain(join(SRC, 'rules/index.ts'))
})

test('the walk does see zod where it is: the filing wizard (a subpackage)', () => {
  expect([...reach([join(SRC, 'pages/file/index.tsx')]).packages]).toContain('zod')
})
