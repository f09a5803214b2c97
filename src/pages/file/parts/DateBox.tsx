// A date field's face and Taro's date picker, limited to the days the rules allow: the wizard's
// 开始日期 and the change page's new start date.
import { Picker, Text, View } from '@tarojs/components'
import { formatChineseDate, type CalendarDate } from '../../../rules/core'

export function DateBox({
  id,
  value,
  today,
  start,
  end,
  error,
  onChange,
}: {
  id: string
  value: CalendarDate | null
  today: CalendarDate
  start: CalendarDate
  end: CalendarDate
  error?: string | null
  onChange: (date: CalendarDate) => void
}) {
  return (
    <Picker mode='date' value={value ?? today} start={start} end={end} onChange={(event) => onChange(String(event.detail.value))}>
      <View className={`fw-date${error ? ' fw-date--error' : ''}`} id={id}>
        <Text className={value ? 'fw-date__value' : 'fw-date__placeholder'}>
          {value ? `${formatChineseDate(value)}${value === today ? '（今天）' : ''}` : '请选择日期'}
        </Text>
        <Text className='fw-date__icon'>选择 ›</Text>
      </View>
    </Picker>
  )
}
