// One person using the mini-program: the app launched in the stand-in, pages opened, rendered to
// text and tapped, with every cloud call answered by the in-process backend as that person.
import { posix } from 'node:path'
import { read, type Build } from '../build'
import type { Backend } from './cloud'
import { MiniProgram } from './mini-program'
import { findAll, render, tapTarget, textOf, type Generate, type VNode } from './render'

export interface Screen {
  route: string
  tree: VNode
  text: string
}

export class Session {
  readonly mp: MiniProgram

  constructor(readonly build: Build, private generate: Generate, backend: Backend, readonly openid: string, options: { withoutBigInt?: boolean } = {}) {
    this.mp = new MiniProgram(build, { withoutBigInt: options.withoutBigInt, callFunction: (name, data) => backend.call(name, data, openid) })
  }

  /** Launches the app and opens `url` as the first page; resolves once it has settled. */
  async start(url: string): Promise<Screen> {
    this.mp.launch()
    this.mp.open(url)
    await this.mp.settle()
    return this.screen()
  }

  /** The custom components a page's template may use, tag → .wxml, from its .json. */
  private components(route: string): Record<string, string> {
    const json = JSON.parse(read(this.build, `${route}.json`)) as { usingComponents?: Record<string, string> }
    return Object.fromEntries(
      Object.entries(json.usingComponents ?? {}).map(([tag, spec]) => [tag, `${spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(posix.dirname(route), spec))}.wxml`]),
    )
  }

  screen(): Screen {
    const page = this.mp.top()
    const tree = render(this.generate, `${page.route}.wxml`, page.data, this.components(page.route))
    return { route: page.route, tree, text: textOf(tree).replace(/\s+/g, ' ').trim() }
  }

  /** Taps the node labelled `label` as WeChat would deliver it to Taro's event handler; then waits. */
  async tap(label: string): Promise<Screen> {
    const { tree } = this.screen()
    const node = tapTarget(tree, label)
    if (!node) throw new Error(`nothing tappable reads "${label}" on ${this.mp.top().route}`)
    await this.fire(node, 'tap', { x: 10, y: 10 })
    return this.screen()
  }

  /** Sends `type` (tap, input, change, …) to `node` through the page's `eh`, Taro's one handler. */
  async fire(node: VNode, type: string, detail: Record<string, unknown>): Promise<void> {
    const page = this.mp.top()
    const attr = node.attr ?? {}
    // Taro finds the element by dataset.sid (its own node id) before the `id` attribute, which carries a user id when there is one.
    const id = String(attr.id ?? '')
    const target = { id, dataset: { sid: String(attr['data-sid'] ?? id) }, offsetLeft: 0, offsetTop: 0 }
    const eh = page.eh as ((e: unknown) => void) | undefined
    if (!eh) throw new Error(`${page.route} has no event handler (eh)`)
    eh.call(page, { type, timeStamp: Date.now(), target, currentTarget: target, detail, touches: [], changedTouches: [], mpEvent: undefined })
    await this.mp.settle()
  }
}

/** The class list of a node, as its template wrote it. */
export const classesOf = (node: VNode) => String(node.attr?.class ?? '').split(/\s+/).filter(Boolean)

/** Finding and using what is on the current screen, the way a person would: by class and text, by id, by field name. */
export class Screenplay {
  constructor(readonly session: Session) {}

  private one(test: (n: VNode) => boolean, what: string): VNode {
    const found = findAll(this.session.screen().tree, test)
    if (found.length === 0) throw new Error(`no ${what} on ${this.session.mp.top().route}: ${this.session.screen().text.slice(0, 300)}`)
    return found[0]
  }

  /** The first node with class `cls` whose text contains `text` (or equals it, with `exact`). */
  byClass(cls: string, text?: string, exact = false): VNode {
    return this.one((n) => classesOf(n).includes(cls) && (text === undefined || (exact ? textOf(n).trim() === text : textOf(n).includes(text))), `.${cls}${text ? ` "${text}"` : ''}`)
  }

  byId(id: string): VNode {
    return this.one((n) => n.attr?.id === id, `#${id}`)
  }

  async tapNode(node: VNode): Promise<void> {
    await this.session.fire(node, 'tap', { x: 10, y: 10 })
  }

  /** Types `value` into the input named `name`, as WeChat's input event delivers it. */
  async type(name: string, value: string): Promise<void> {
    const input = this.one((n) => n.tag === 'wx-input' && n.attr?.name === name, `input[name=${name}]`)
    await this.session.fire(input, 'input', { value, cursor: value.length, keyCode: 0 })
  }

  text(): string {
    return this.session.screen().text
  }
}
