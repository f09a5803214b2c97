// While the certificate's QR code is on screen in the mini-program: full brightness and the screen
// kept on (a counter's scanner reads a bright screen best), put back when the page goes away.
// H5 has neither API (Taro's H5 build marks them unsupported), so nothing happens there.
import Taro from '@tarojs/taro'

let saved: number | null = null

export async function brighten(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return
  try {
    if (saved === null) saved = (await Taro.getScreenBrightness()).value
    await Taro.setScreenBrightness({ value: 1 })
    await Taro.setKeepScreenOn({ keepScreenOn: true })
  } catch {
    // Not allowed or not supported on this phone: the code still shows.
  }
}

export async function restoreBrightness(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return
  const value = saved
  saved = null
  try {
    if (value !== null) await Taro.setScreenBrightness({ value })
    await Taro.setKeepScreenOn({ keepScreenOn: false })
  } catch {
    // Leaving the mini-program puts both back anyway.
  }
}
