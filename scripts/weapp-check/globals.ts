// No unguarded browser or Node global in code the mini-program runs. The logic layer is not a
// browser: WeChat passes `window`, `document`, `location`, … as undefined into every module, and
// there is no `process`, `Buffer`, `TextEncoder`, `URL` or `fetch`. A reference counts as guarded
// when it is the operand of `typeof`, or sits under a condition (?:, if, &&, ||) that tests
// `typeof` of the same name, or inside a try block. Names a file declares itself (Taro's own
// `window`/`document` objects, webpack's renamed locals) are not globals; the scan is per file, not
// per scope, which can only hide a problem when the same name is declared elsewhere in that file.
import { parse, type Node } from 'acorn'
import { ancestor } from 'acorn-walk'
import { read, type Build, type Problem } from './build'

export const FORBIDDEN_GLOBALS = [
  'window', 'document', 'navigator', 'location', 'history', 'localStorage', 'sessionStorage', 'self',
  'XMLHttpRequest', 'fetch', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'Blob', 'FileReader',
  'atob', 'btoa', 'HTMLElement', 'Element', 'customElements', 'MutationObserver', 'IntersectionObserver',
  'requestAnimationFrame', 'matchMedia', 'getComputedStyle', 'indexedDB', 'crypto',
  'process', 'Buffer', 'global', '__dirname', '__filename', 'setImmediate', 'structuredClone',
]

type AnyNode = Node & Record<string, unknown>

/** Does `node` contain `typeof <name>`? */
function testsTypeof(node: unknown, name: string): boolean {
  if (!node || typeof node !== 'object') return false
  const n = node as AnyNode
  if (n.type === 'UnaryExpression' && n.operator === 'typeof') {
    const arg = n.argument as AnyNode
    if (arg.type === 'Identifier' && arg.name === name) return true
  }
  return Object.values(n).some((v) => (Array.isArray(v) ? v.some((x) => testsTypeof(x, name)) : v && typeof v === 'object' && 'type' in v && testsTypeof(v, name)))
}

function guarded(name: string, node: AnyNode, ancestors: AnyNode[]): boolean {
  for (let i = ancestors.length - 2; i >= 0; i -= 1) {
    const a = ancestors[i]
    const child = ancestors[i + 1]
    if (a.type === 'UnaryExpression' && a.operator === 'typeof') return true
    if ((a.type === 'ConditionalExpression' || a.type === 'IfStatement') && child !== a.test && testsTypeof(a.test, name)) return true
    if (a.type === 'LogicalExpression' && child === a.right && testsTypeof(a.left, name)) return true
    if (a.type === 'TryStatement' && child === a.block) return true
  }
  return node.type !== 'Identifier'
}

export function checkGlobals(build: Build): Problem[] {
  const problems: Problem[] = []
  const forbidden = new Set(FORBIDDEN_GLOBALS)
  for (const file of build.files.filter((f) => f.endsWith('.js'))) {
    let ast
    try {
      ast = parse(read(build, file), { ecmaVersion: 'latest', sourceType: 'script' })
    } catch {
      continue
    }
    const declared = new Set<string>()
    const uses: { name: string; node: AnyNode; ancestors: AnyNode[] }[] = []
    // acorn-walk calls VariablePattern for binding names (declarations, parameters, catch clauses);
    // its typings omit that key.
    const visitors = {
      VariablePattern(node: Node) {
        declared.add((node as unknown as { name: string }).name)
      },
      Identifier(node: Node, _state: unknown, ancestors: Node[]) {
        const name = (node as unknown as { name: string }).name
        if (forbidden.has(name)) uses.push({ name, node: node as unknown as AnyNode, ancestors: [...ancestors] as unknown as AnyNode[] })
      },
    }
    ancestor(ast, visitors as unknown as Parameters<typeof ancestor>[1])
    const seen = new Set<string>()
    for (const use of uses) {
      if (declared.has(use.name) || guarded(use.name, use.node, use.ancestors) || seen.has(use.name)) continue
      seen.add(use.name)
      problems.push({ check: 'globals', file, message: `\`${use.name}\` is used without a guard; the mini-program has no such global` })
    }
  }
  return problems
}
