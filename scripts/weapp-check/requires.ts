// Every require() in the output resolves to a file, within WeChat's package rules: the main package
// loads only main-package files; a subpackage loads the main package and itself, never another
// subpackage (WeChat refuses it at run time, and the file may not even be downloaded yet).
import { parse } from 'acorn'
import { simple } from 'acorn-walk'
import { posix } from 'node:path'
import { mayReach, packageOf, read, type Build, type Problem } from './build'

/** The file WeChat would load for require(spec) from `from`, or null when the spec is not a path. */
export function resolveRequire(from: string, spec: string): string | null {
  if (!/^(\.{1,2}\/|\/)/.test(spec)) return null
  const joined = spec.startsWith('/') ? spec.slice(1) : posix.join(posix.dirname(from), spec)
  const normal = posix.normalize(joined)
  return normal.endsWith('.js') ? normal : `${normal}.js`
}

export function checkRequires(build: Build): Problem[] {
  const problems: Problem[] = []
  const present = new Set(build.files)
  for (const file of build.files.filter((f) => f.endsWith('.js'))) {
    let ast
    try {
      ast = parse(read(build, file), { ecmaVersion: 'latest', sourceType: 'script' })
    } catch {
      continue // the syntax gate reports it
    }
    const from = packageOf(build, file)
    simple(ast, {
      CallExpression(node) {
        const call = node as unknown as { callee: { type: string; name?: string }; arguments: { type: string; value?: unknown }[] }
        if (call.callee.type !== 'Identifier' || call.callee.name !== 'require') return
        const arg = call.arguments[0]
        if (!arg || arg.type !== 'Literal' || typeof arg.value !== 'string') {
          problems.push({ check: 'require', file, message: 'require() of a computed name: WeChat resolves only literal paths' })
          return
        }
        const target = resolveRequire(file, arg.value)
        if (target === null) {
          problems.push({ check: 'require', file, message: `require("${arg.value}"): a bare module name; the mini-program has no node_modules` })
          return
        }
        if (target.startsWith('..') || !present.has(target)) {
          problems.push({ check: 'require', file, message: `require("${arg.value}") → ${target}: no such file in the build` })
          return
        }
        const to = packageOf(build, target)
        if (!mayReach(from, to)) {
          problems.push({
            check: 'require',
            file,
            message: `require("${arg.value}") → ${target}: ${from === '' ? 'the main package' : `subpackage ${from}`} may not load subpackage ${to}`,
          })
        }
      },
    })
  }
  return problems
}
