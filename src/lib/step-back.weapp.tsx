// weapp: WeChat's page-container, the documented "假页": while it shows, the back gesture, the
// Android back key and navigateBack close it instead of the page
// (developers.weixin.qq.com/miniprogram/dev/component/page-container). It shows while there is a
// step to go back to, with no content, overlay or animation; its beforeleave (documented for a
// person's back; whether a hide by `show` fires it too is not, and leave() copes either way) moves one step back, and it is shown again while a step
// remains. Taro only sends `show` when it changes, so after WeChat closed it, it goes false, then true.
import { PageContainer } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import type { Conforms, StepBack } from './step-back'

/** Time for WeChat to take the container down (duration 0) before leaving without its beforeleave. */
const HIDE_MS = 50

/** Nothing to start: page-container catches the back within its page. */
export function startStepBack(): void {}

export function useStepBack(active: boolean, onBack: () => void): StepBack {
  const [closed, setClosed] = useState(false)
  // Set by leave(): the container stays down from then on, so it cannot catch the page's own back.
  const exit = useRef<{ go: () => void; gone: boolean } | null>(null)
  const shown = active && !closed

  useEffect(() => {
    if (closed && !exit.current) setClosed(false)
  }, [closed])

  const onBeforeLeave = () => {
    setClosed(true)
    if (!exit.current) {
      if (active) onBack()
    } else if (!exit.current.gone) {
      exit.current.gone = true
      exit.current.go()
    }
  }

  return {
    guard: <PageContainer show={shown} duration={0} overlay={false} customStyle='height:0' onBeforeLeave={onBeforeLeave} />,
    leave: (go) => {
      if (!shown) return go()
      const leaving = { go, gone: false }
      exit.current = leaving
      setClosed(true)
      // WeChat documents beforeleave for a person's back, not for `show` turning false: if it does not
      // come, go anyway once the container is down (navigateBack before then would only close it).
      setTimeout(() => {
        if (leaving.gone) return
        leaving.gone = true
        go()
      }, HIDE_MS)
    },
  }
}

export type WeappStepBack = Conforms<typeof import('./step-back.weapp')>
