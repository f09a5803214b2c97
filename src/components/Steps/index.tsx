// Where the person is in a flow: "第 2 步，共 8 步" and a bar, with the step's name. A flow whose
// steps depend on the answers gives no total: "第 2 步：…" alone, never a count that changes midway.
import { Text, View } from '@tarojs/components'
import './index.scss'

export interface StepsProps {
  /** 1-based. */
  current: number
  /** Only where the number of steps is fixed from the start. */
  total?: number
  /** The step's name, e.g. 选择参保地. */
  title?: string
}

export function Steps({ current, total, title }: StepsProps) {
  const named = title ? `：${title}` : ''
  if (total === undefined) {
    return (
      <View className='steps'>
        <Text className='steps__count'>
          第 {Math.max(current, 1)} 步{named}
        </Text>
      </View>
    )
  }
  const step = Math.min(Math.max(current, 1), total)
  const percent = total > 0 ? Math.round((step / total) * 100) : 0
  return (
    <View className='steps'>
      <Text className='steps__count'>
        第 {step} 步，共 {total} 步{named}
      </Text>
      <View className='steps__track'>
        <View className='steps__bar' style={{ width: `${percent}%` }} />
      </View>
    </View>
  )
}

export default Steps
