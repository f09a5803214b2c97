// A message box: info, warn or success, each with its own icon and a title in words.
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

export type NoticeKind = 'info' | 'warn' | 'success'

const ICONS: Record<NoticeKind, string> = { info: 'i', warn: '!', success: '✓' }

export interface NoticeProps {
  kind?: NoticeKind
  title?: string
  children?: ReactNode
  className?: string
}

export function Notice({ kind = 'info', title, children, className }: NoticeProps) {
  return (
    <View className={`notice notice--${kind}${className ? ` ${className}` : ''}`}>
      <Text className='notice__icon'>{ICONS[kind]}</Text>
      <View className='notice__body'>
        {title ? <Text className='notice__title'>{title}</Text> : null}
        {typeof children === 'string' ? <Text className='notice__text'>{children}</Text> : children}
      </View>
    </View>
  )
}

export default Notice
