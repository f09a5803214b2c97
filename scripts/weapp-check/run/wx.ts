// A stand-in for the `wx` object: what the app touches while pages load, render and navigate.
// Storage and system info are real enough to run on (a 390×844 iPhone-like screen); navigation is
// handed to the runner; cloud.callFunction goes to the in-process backend; the rest records the call
// and succeeds. Any wx API the stand-in does not know is recorded in `unknown` and reads as absent.
export interface Navigation {
  kind: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab' | 'navigateBack'
  url: string
}

export interface WxHost {
  navigate(nav: Navigation): void
  callFunction(name: string, data: unknown): Promise<unknown>
  /** Turns a host value into one of the page's realm (JSON through the context's own JSON). */
  toRealm<T>(value: T): T
}

type Options = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void } & Record<string, unknown>

export interface WxStandIn {
  wx: Record<string, unknown>
  storage: Map<string, unknown>
  toasts: string[]
  modals: { title?: string; content?: string }[]
  unknown: Set<string>
}

export function createWx(host: WxHost): WxStandIn {
  const storage = new Map<string, unknown>()
  const toasts: string[] = []
  const modals: { title?: string; content?: string }[] = []
  const unknown = new Set<string>()

  /** A callback-style API: success and complete called after the current task, and a Promise as newer base libraries return. */
  const async = (run: (o: Options) => unknown) => (o: Options = {}) =>
    new Promise((resolve, reject) => {
      setTimeout(() => {
        try {
          const result = host.toRealm({ errMsg: 'ok', ...((run(o) as object) ?? {}) })
          o.success?.(result)
          o.complete?.(result)
          resolve(result)
        } catch (error) {
          const failure = { errMsg: `fail ${(error as Error).message}` }
          o.fail?.(failure)
          o.complete?.(failure)
          reject(failure)
        }
      }, 0)
    })

  const windowInfo = { pixelRatio: 3, screenWidth: 390, screenHeight: 844, windowWidth: 390, windowHeight: 844, statusBarHeight: 47, safeArea: { top: 47, left: 0, right: 390, bottom: 810, width: 390, height: 763 } }
  const systemInfo = { ...windowInfo, brand: 'iPhone', model: 'iPhone 12', system: 'iOS 13.3', platform: 'ios', version: '8.0.50', SDKVersion: '3.5.0', language: 'zh_CN', fontSizeSetting: 16, theme: 'light' }

  const known: Record<string, unknown> = {
    getSystemInfoSync: () => host.toRealm(systemInfo),
    getSystemInfo: async(() => systemInfo),
    getWindowInfo: () => host.toRealm(windowInfo),
    getDeviceInfo: () => host.toRealm({ brand: 'iPhone', model: 'iPhone 12', system: 'iOS 13.3', platform: 'ios', pixelRatio: 3 }),
    getAppBaseInfo: () => host.toRealm({ SDKVersion: '3.5.0', language: 'zh_CN', version: '8.0.50', fontSizeSetting: 16, theme: 'light' }),
    getMenuButtonBoundingClientRect: () => host.toRealm({ width: 87, height: 32, top: 51, right: 383, bottom: 83, left: 296 }),
    getAccountInfoSync: () => host.toRealm({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } }),
    getLaunchOptionsSync: () => host.toRealm({ path: 'pages/index/index', query: {}, scene: 1001 }),
    getEnterOptionsSync: () => host.toRealm({ path: 'pages/index/index', query: {}, scene: 1001 }),
    canIUse: () => true,
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getStorage: async((o) => {
      if (!storage.has(o.key as string)) throw new Error('data not found')
      return { data: storage.get(o.key as string) }
    }),
    setStorage: async((o) => void storage.set(o.key as string, o.data)),
    removeStorage: async((o) => void storage.delete(o.key as string)),
    getStorageInfoSync: () => host.toRealm({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    navigateTo: async((o) => host.navigate({ kind: 'navigateTo', url: String(o.url) })),
    redirectTo: async((o) => host.navigate({ kind: 'redirectTo', url: String(o.url) })),
    reLaunch: async((o) => host.navigate({ kind: 'reLaunch', url: String(o.url) })),
    switchTab: async((o) => host.navigate({ kind: 'switchTab', url: String(o.url) })),
    navigateBack: async(() => host.navigate({ kind: 'navigateBack', url: '' })),
    showToast: async((o) => void toasts.push(String(o.title))),
    hideToast: async(() => undefined),
    showLoading: async(() => undefined),
    hideLoading: async(() => undefined),
    showModal: async((o) => {
      modals.push({ title: o.title as string, content: o.content as string })
      return { confirm: true, cancel: false }
    }),
    setNavigationBarTitle: async(() => undefined),
    setNavigationBarColor: async(() => undefined),
    pageScrollTo: async(() => undefined),
    stopPullDownRefresh: async(() => undefined),
    vibrateShort: async(() => undefined),
    getSetting: async(() => ({ authSetting: {}, subscriptionsSetting: { mainSwitch: true } })),
    onAppShow: () => undefined,
    onAppHide: () => undefined,
    offAppShow: () => undefined,
    offAppHide: () => undefined,
    onWindowResize: () => undefined,
    offWindowResize: () => undefined,
    onMemoryWarning: () => undefined,
    onNetworkStatusChange: () => undefined,
    onUnhandledRejection: () => undefined,
    onError: () => undefined,
    onPageNotFound: () => undefined,
    getNetworkType: async(() => ({ networkType: 'wifi' })),
    createSelectorQuery: () => {
      const query = { select: () => query, selectAll: () => query, selectViewport: () => query, in: () => query, boundingClientRect: () => query, scrollOffset: () => query, fields: () => query, node: () => query, exec: (cb?: (r: unknown[]) => void) => setTimeout(() => cb?.(host.toRealm([])), 0) }
      return query
    },
    createIntersectionObserver: () => ({ relativeTo: () => undefined, relativeToViewport: () => ({ observe: () => undefined }), observe: () => undefined, disconnect: () => undefined }),
    reportAnalytics: () => undefined,
    cloud: {
      init: () => undefined,
      callFunction: (o: Options) =>
        host.callFunction(String(o.name), o.data).then(
          (result) => {
            const reply = host.toRealm({ result, errMsg: 'cloud.callFunction:ok', requestID: 'weapp-check' })
            o.success?.(reply)
            o.complete?.(reply)
            return reply
          },
          (error) => {
            const failure = host.toRealm({ errMsg: `cloud.callFunction:fail ${(error as Error).message}` })
            o.fail?.(failure)
            o.complete?.(failure)
            throw failure
          },
        ),
    },
  }
  const wx = new Proxy(known, {
    get(target, key) {
      if (typeof key !== 'string') return undefined
      if (key in target) return target[key]
      unknown.add(key)
      return undefined
    },
    has(target, key) {
      return key in target
    },
  })
  return { wx, storage, toasts, modals, unknown }
}
