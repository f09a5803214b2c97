// Leaving a page. WeChat reports a failed navigation itself; nothing here waits for one (`void`).
import Taro from '@tarojs/taro'

/**
 * Back to the page below when there is one; opened on its own (a shared link, a reload) there is
 * none, so `fallback` opens afresh: `redirect` replaces this page, `relaunch` clears the stack.
 */
export function backOr(fallback: { redirect: string } | { relaunch: string }): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else if ('redirect' in fallback) void Taro.redirectTo({ url: fallback.redirect })
  else void Taro.reLaunch({ url: fallback.relaunch })
}

/** Everything else: the page replaced (`redirect`), or the stack cleared (`relaunch`). */
export function redirect(url: string): void {
  void Taro.redirectTo({ url })
}

export function relaunch(url: string): void {
  void Taro.reLaunch({ url })
}
