// One form field: label, hint, the control, and the error right under it (red, with an icon, and in
// words: never colour alone). The page owns the value; an error never clears what was typed.
// Give `children` for any control (a picker, a ChoiceList); without them a text input is drawn.
import { Input, Text, View } from '@tarojs/components'
import type { InputProps } from '@tarojs/components'
import type { ReactNode } from 'react'
import { FieldError } from '../FieldError'
import './index.scss'

export interface FieldProps {
  label: string
  hint?: string
  /** The message for this field (e.g. from a zod issue whose path is this field's). */
  error?: string | null
  /** Marks the field as optional in words (选填); fields are required unless they say so. */
  optional?: boolean
  children?: ReactNode
  // The text input, when no children are given:
  value?: string
  onInput?: (value: string) => void
  onBlur?: () => void
  placeholder?: string
  type?: InputProps['type']
  maxlength?: number
  name?: string
  className?: string
}

export function Field({ label, hint, error, optional, children, value, onInput, onBlur, placeholder, type = 'text', maxlength, name, className }: FieldProps) {
  const classes = ['field', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <View className={classes}>
      <Text className='field__label'>
        {label}
        {optional ? <Text className='field__optional'>（选填）</Text> : null}
      </Text>
      {hint ? <Text className='field__hint'>{hint}</Text> : null}
      {children ?? (
        <Input
          className='field__input'
          name={name}
          type={type}
          value={value ?? ''}
          placeholder={placeholder}
          placeholderClass='field__placeholder'
          maxlength={maxlength ?? 140}
          onInput={(event) => onInput?.(event.detail.value)}
          onBlur={() => onBlur?.()}
        />
      )}
      <FieldError message={error} />
    </View>
  )
}

export default Field
