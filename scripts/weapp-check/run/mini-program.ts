// The logic layer, as far as this app needs it: a vm context with only the standard built-ins (plus
// timers and console, which WeChat has), WeChat's module system (each file wrapped in a function
// whose `window`, `document`, … are undefined, loaded once on first require, resolved by path within
// the package rules), App/Page/Component/getApp/getCurrentPages, and a page stack that navigation
// drives. Not WeChat: no render thread, no native components, no real layout.
import { readFileSync } from 'node:fs'
import { join, posix } from 'node:path'
import { Script, createContext, type Context } from 'node:vm'
import { mayReach, packageOf, type Build } from '../build'
import { resolveRequire } from '../requires'
import { createWx, type Navigation, type WxStandIn } from './wx'

/** The names WeChat's module wrapper passes as undefined: browser objects the logic layer lacks. */
const SHADOWED = ['window', 'document', 'frames', 'self', 'location', 'navigator', 'localStorage', 'history', 'Caches', 'screen', 'alert', 'confirm', 'prompt', 'XMLHttpRequest', 'WebSocket']

type Options = Record<string, unknown>
export interface PageInstance extends Options {
  route: string
  options: Record<string, string>
  data: Record<string, unknown>
  setData(patch: Record<string, unknown>, callback?: () => void): void
}

/** WeChat's setData paths: `root.cn.[0].v`, `a.b[2].c`. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]))
  let node: Record<string | number, unknown> = target
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      node[key] = value
      return
    }
    if (node[key] === null || typeof node[key] !== 'object') node[key] = typeof keys[i + 1] === 'number' ? [] : {}
    node = node[key] as Record<string | number, unknown>
  })
}

export interface RunOptions {
  /** Remove BigInt from the context, as on iOS < 14. */
  withoutBigInt?: boolean
  callFunction(name: string, data: unknown): Promise<unknown>
}

export class MiniProgram {
  readonly context: Context
  readonly wx: WxStandIn
  readonly stack: PageInstance[] = []
  readonly navigations: Navigation[] = []
  readonly errors: Error[] = []
  /** What the app wrote to the console: kept, not printed; console.error lines apart. */
  readonly logs: string[] = []
  readonly consoleErrors: string[] = []
  app: Options | null = null
  private modules = new Map<string, { exports: unknown }>()
  private registering: string | null = null
  private registered = new Map<string, Options>()
  private pending = 0
  private setDataCount = 0
  private toRealm: <T>(value: T) => T

  constructor(readonly build: Build, options: RunOptions) {
    const sandbox: Record<string, unknown> = {}
    this.context = createContext(sandbox)
    const realmJson = new Script('JSON').runInContext(this.context) as JSON
    const toRealm = <T>(value: T): T => (value === undefined ? value : (realmJson.parse(JSON.stringify(value)) as T))
    this.toRealm = toRealm
    this.wx = createWx({
      toRealm,
      navigate: (nav) => {
        this.navigations.push(nav)
        // WeChat switches pages after the call returns.
        setTimeout(() => this.follow(nav), 0)
      },
      callFunction: (name, data) => {
        this.pending += 1
        return options.callFunction(name, JSON.parse(JSON.stringify(data ?? null))).finally(() => (this.pending -= 1))
      },
    })
    const keep = (into: string[]) => (...args: unknown[]) => void into.push(args.map((a) => (a instanceof Object && 'message' in a ? String((a as Error).message) : String(a))).join(' '))
    Object.assign(sandbox, {
      console: { log: keep(this.logs), info: keep(this.logs), debug: keep(this.logs), warn: keep(this.logs), error: keep(this.consoleErrors) },
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      wx: this.wx.wx,
      App: (o: Options) => void (this.app = o),
      Page: (o: Options) => this.register(o),
      Component: (o: Options) => this.register(o),
      Behavior: (o: Options) => o,
      getApp: () => this.app,
      getCurrentPages: () => [...this.stack],
    })
    if (options.withoutBigInt) new Script('delete globalThis.BigInt; delete globalThis.BigInt64Array; delete globalThis.BigUint64Array').runInContext(this.context)
  }

  private register(o: Options) {
    if (this.registering) this.registered.set(this.registering, o)
  }

  /** WeChat's require: a path relative to the file (or to the package root with /), `.js` optional. */
  require(from: string, spec: string): unknown {
    const file = resolveRequire(from, spec)
    if (!file || !this.build.files.includes(file)) throw new Error(`module "${spec}" is not defined (from ${from})`)
    if (!mayReach(packageOf(this.build, from), packageOf(this.build, file))) throw new Error(`${from} may not require ${file}: another package`)
    return this.load(file)
  }

  load(file: string): unknown {
    const cached = this.modules.get(file)
    if (cached) return cached.exports
    const module = { exports: {} as unknown }
    this.modules.set(file, module)
    const code = readFileSync(join(this.build.dir, file), 'utf8')
    const wrapper = new Script(`(function (require, module, exports, ${SHADOWED.join(', ')}) {${code}\n})`, { filename: file }).runInContext(this.context) as (...args: unknown[]) => void
    wrapper.call(module.exports, (spec: string) => this.require(file, spec), module, module.exports)
    return module.exports
  }

  /** Loads app.js and runs onLaunch/onShow, as WeChat does before the first page. */
  launch(): void {
    this.load('app.js')
    if (!this.app) throw new Error('app.js did not call App()')
    const launch = { path: 'pages/index/index', query: {}, scene: 1001 }
    ;(this.app.onLaunch as ((o: unknown) => void) | undefined)?.call(this.app, launch)
    ;(this.app.onShow as ((o: unknown) => void) | undefined)?.call(this.app, launch)
  }

  /** Loads a page's module (registering its Page/Component) and opens it with its lifecycle. */
  open(url: string): PageInstance {
    const [path, query = ''] = url.replace(/^\//, '').split('?')
    if (!this.registered.has(path)) {
      this.registering = path
      try {
        this.load(`${path}.js`)
      } finally {
        this.registering = null
      }
    }
    const config = this.registered.get(path)
    if (!config) throw new Error(`${path}.js did not call Page() or Component()`)
    const methods = (config.methods ?? {}) as Options
    const params = Object.fromEntries(new URLSearchParams(query))
    const page: PageInstance = {
      ...config,
      ...methods,
      route: path,
      __route__: path,
      options: params,
      data: JSON.parse(JSON.stringify(config.data ?? {})),
      setData: (patch, callback) => {
        this.setDataCount += 1
        for (const [key, value] of Object.entries(patch)) setPath(page.data, key, value)
        if (callback) setTimeout(callback, 0)
      },
      selectComponent: () => null,
      createSelectorQuery: () => (this.wx.wx.createSelectorQuery as () => unknown)(),
    }
    const previous = this.stack[this.stack.length - 1]
    ;(previous?.onHide as (() => void) | undefined)?.call(previous)
    this.stack.push(page)
    const hook = (name: string, arg?: unknown) => {
      const fn = (page[name] ?? (config.lifetimes as Options | undefined)?.[name] ?? methods[name]) as ((a?: unknown) => void) | undefined
      fn?.call(page, arg)
    }
    hook('onLoad', this.toRealm(params))
    hook('onShow')
    hook('onReady')
    return page
  }

  private follow(nav: Navigation) {
    try {
      if (nav.kind === 'navigateBack') {
        const closed = this.stack.pop()
        ;(closed?.onUnload as (() => void) | undefined)?.call(closed)
        const top = this.stack[this.stack.length - 1]
        ;(top?.onShow as (() => void) | undefined)?.call(top)
        return
      }
      if (nav.kind === 'redirectTo') this.stack.pop()
      if (nav.kind === 'reLaunch' || nav.kind === 'switchTab') this.stack.splice(0)
      this.open(posix.normalize(nav.url.startsWith('/') ? nav.url : posix.join(posix.dirname(this.top().route), nav.url)))
    } catch (error) {
      this.errors.push(error as Error)
    }
  }

  top(): PageInstance {
    const page = this.stack[this.stack.length - 1]
    if (!page) throw new Error('no page open')
    return page
  }

  /** Waits until the page has stopped changing: no cloud call in flight and no setData for a while. */
  async settle(quietMs = 60, limitMs = 15000): Promise<void> {
    const started = Date.now()
    let seen = -1
    while (Date.now() - started < limitMs) {
      await new Promise((r) => setTimeout(r, quietMs))
      if (this.pending === 0 && seen === this.setDataCount) return
      seen = this.setDataCount
    }
    throw new Error(`the page kept changing for ${limitMs} ms`)
  }
}
