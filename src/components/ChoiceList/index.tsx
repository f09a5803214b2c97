// One clear question answered by tapping one big card (title + plain-language description).
// The selected card says so in words (已选) as well as by colour and its filled circle.
import { Text, View } from '@tarojs/components'
import { FieldError } from '../FieldError'
import './index.scss'

export interface Choice<V extends string> {
  value: V
  title: string
  description?: string
  /** Shown but not selectable, with `description` saying why. */
  disabled?: boolean
}

export interface ChoiceListProps<V extends string> {
  /** The question, e.g. 您属于哪一类人员？ */
  question?: string
  hint?: string
  options: readonly Choice<V>[]
  value: V | null | undefined
  onChange: (value: V) => void
  error?: string | null
}

export function ChoiceList<V extends string>({ question, hint, options, value, onChange, error }: ChoiceListProps<V>) {
  return (
    <View className={`choices${error ? ' choices--error' : ''}`}>
      {question ? <Text className='choices__question'>{question}</Text> : null}
      {hint ? <Text className='choices__hint'>{hint}</Text> : null}
      {options.map((option) => {
        const selected = option.value === value
        const classes = ['choice', selected ? 'choice--selected' : '', option.disabled ? 'choice--disabled' : ''].filter(Boolean).join(' ')
        return (
          <View
            key={option.value}
            className={classes}
            onClick={() => {
              if (!option.disabled) onChange(option.value)
            }}
          >
            <View className='choice__mark'>{selected ? <View className='choice__dot' /> : null}</View>
            <View className='choice__body'>
              <Text className='choice__title'>
                {option.title}
                {selected ? <Text className='choice__selected'>（已选）</Text> : null}
              </Text>
              {option.description ? <Text className='choice__description'>{option.description}</Text> : null}
            </View>
          </View>
        )
      })}
      <FieldError message={error} />
    </View>
  )
}

export default ChoiceList
