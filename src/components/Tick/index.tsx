// A box the person ticks to agree to something they have just read (a commitment, a consent):
// the whole row is the touch target, and its state is said in words for screen readers and 长辈模式.
import { Text, View } from '@tarojs/components'
import './index.scss'

export interface TickProps {
  id: string
  checked: boolean
  onToggle: () => void
  /** What ticking it means, in the person's words. */
  label: string
  error?: boolean
}

export function Tick({ id, checked, onToggle, label, error }: TickProps) {
  return (
    <View className={`tick${checked ? ' tick--on' : ''}${error ? ' tick--error' : ''}`} id={id} onClick={onToggle}>
      <View className='tick__box'>{checked ? <Text className='tick__mark'>✓</Text> : null}</View>
      <Text className='tick__label'>
        {label}（{checked ? '已勾选' : '未勾选'}）
      </Text>
    </View>
  )
}
