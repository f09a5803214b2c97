// The root of every page: carries the design tokens (app.scss `.screen`) and 长辈模式
// (`.screen--large`), and follows a change of the setting at once on every open page.
import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { useEffect, useSyncExternalStore } from 'react'
import { reflectLargeText } from '../../services/platform'
import { largeText, subscribeLargeText } from '../../services/settings'

export function useLargeText(): boolean {
  return useSyncExternalStore(subscribeLargeText, () => largeText().on)
}

export interface ScreenProps {
  /** The page's own class, for its layout. */
  className?: string
}

export function Screen({ className, children }: PropsWithChildren<ScreenProps>) {
  const large = useLargeText()
  useEffect(() => reflectLargeText(large), [large])
  const classes = ['screen', large ? 'screen--large' : '', className ?? ''].filter(Boolean).join(' ')
  return <View className={classes}>{children}</View>
}

export default Screen
