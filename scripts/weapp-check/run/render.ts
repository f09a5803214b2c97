// The page as a person would read it: the page's data rendered through the wcc-compiled templates
// (WeChat's own template engine output, run in a vm context of its own), into a tree and then text.
// Custom components (Taro's `comp` for deep trees) are rendered from their own template with the
// properties the parent passed.
import { Script, createContext } from 'node:vm'
import { wcc } from '../compilers'
import type { Build } from '../build'

export interface VNode {
  tag: string
  attr?: Record<string, unknown>
  children?: (VNode | string)[]
}

export type Generate = ((path: string) => ((data: unknown, env: unknown, global: unknown) => VNode) | undefined) & {
  /** What WeChat's template runtime complained of while rendering (a template not found, a bad expression). */
  complaints: string[]
  /** Data as the render layer receives it: serialised, then parsed in the templates' own realm (their type checks compare constructors). */
  toRealm(data: unknown): unknown
}

export function compileTemplates(build: Build): Generate {
  const wxml = build.files.filter((f) => f.endsWith('.wxml'))
  const wxs = build.files.filter((f) => f.endsWith('.wxs'))
  const code = wcc(build, wxml, wxs)
  const complaints: string[] = []
  const keep = (...args: unknown[]) => void complaints.push(args.map(String).join(' '))
  const sandbox: Record<string, unknown> = { console: { log: keep, warn: keep, error: keep, info: keep } }
  sandbox.window = sandbox
  sandbox.__wxAppCode__ = {}
  const context = createContext(sandbox)
  const gwx = new Script(`(function (global) {${code}\nreturn $gwx})`).runInContext(context) as (g: object) => Generate
  const realmJson = new Script('JSON').runInContext(context) as JSON
  return Object.assign(gwx({}), { complaints, toRealm: (data: unknown) => realmJson.parse(JSON.stringify(data)) as unknown })
}

/** Renders `path` (a .wxml) with `data`, expanding custom components that have a template. */
export function render(generate: Generate, path: string, data: unknown, components: Record<string, string>): VNode {
  const fn = generate(path)
  if (!fn) throw new Error(`no compiled template for ${path}`)
  const tree = fn(generate.toRealm(data), {}, {})
  const expand = (node: VNode | string): VNode | string => {
    if (typeof node === 'string') return node
    const component = components[node.tag]
    if (component) {
      const inner = render(generate, component, { ...(node.attr ?? {}) }, components)
      return { ...node, children: inner.children ?? [] }
    }
    return { ...node, children: (node.children ?? []).map(expand) }
  }
  return expand(tree) as VNode
}

/** The text a person reads, block by block. */
export function textOf(node: VNode | string): string {
  if (typeof node === 'string') return node
  return (node.children ?? []).map(textOf).join('')
}

/** Every node for which `test` holds, depth first. */
export function findAll(node: VNode | string, test: (n: VNode) => boolean): VNode[] {
  if (typeof node === 'string') return []
  return [...(test(node) ? [node] : []), ...(node.children ?? []).flatMap((c) => findAll(c, test))]
}

/** The innermost tappable node whose text is `label` (Taro binds taps as bindtap="eh" with the node's sid as id). */
export function tapTarget(tree: VNode, label: string): VNode | null {
  const candidates = findAll(tree, (n) => n.attr?.bindtap === 'eh' && textOf(n).trim() === label)
  return candidates[candidates.length - 1] ?? null
}
