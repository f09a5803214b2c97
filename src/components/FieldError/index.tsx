// A field's error message: red, with an icon, in words; placed right under the field.
import { Text, View } from '@tarojs/components'
import './index.scss'

export function FieldError({ message }: { message?: string | null }) {
  if (!message) return null
  return (
    <View className='field-error'>
      <Text className='field-error__icon'>!</Text>
      <Text className='field-error__text'>{message}</Text>
    </View>
  )
}

export default FieldError
