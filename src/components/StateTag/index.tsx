// A filing's state as a person sees it: the words (审核中, 生效中 …) with a colour and a shape.
import { Text, View } from '@tarojs/components'
import { DISPLAY_STATE_LABELS, type DisplayState } from '../../rules/core'
import './index.scss'

const ICONS: Record<DisplayState, string> = {
  pending_review: '◔',
  needs_materials: '+',
  not_yet_active: '◷',
  active: '✓',
  expiring: '!',
  expired: '×',
  cancelled: '—',
  rejected: '×',
}

export function StateTag({ state }: { state: DisplayState }) {
  return (
    <View className={`state-tag state-tag--${state}`}>
      <Text className='state-tag__icon'>{ICONS[state]}</Text>
      <Text className='state-tag__label'>{DISPLAY_STATE_LABELS[state]}</Text>
    </View>
  )
}

export default StateTag
