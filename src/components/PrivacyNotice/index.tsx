// 个人信息处理规则 (src/rules/privacy.ts) as the person reads it before agreeing: who holds the data
// and how to reach them, each item with its purpose (敏感 marked), why the sensitive ones are needed
// and what their processing means, how long it is kept, and the person's rights.
import { Text, View } from '@tarojs/components'
import { PRIVACY_NOTICE } from '../../rules/privacy'
import './index.scss'

export function PrivacyNotice() {
  const notice = PRIVACY_NOTICE
  return (
    <View className='pn' id='privacy-notice'>
      <Text className='pn__title'>《{notice.title}》</Text>
      <Text className='pn__text'>
        处理者：{notice.holder}。联系方式：{notice.contact}。
      </Text>
      <View className='pn__items'>
        {notice.items.map(({ item, purpose, sensitive }) => (
          <View className='pn__item' key={item}>
            <Text className='pn__what'>
              {item}
              {sensitive ? <Text className='pn__sensitive'>敏感</Text> : null}
            </Text>
            <Text className='pn__why'>用于{purpose}</Text>
          </View>
        ))}
      </View>
      <Text className='pn__heading'>为什么需要敏感个人信息，对您有什么影响</Text>
      <Text className='pn__text'>{notice.necessity}</Text>
      <Text className='pn__text'>{notice.impact}</Text>
      <Text className='pn__heading'>保存多久</Text>
      <Text className='pn__text'>{notice.retention}</Text>
      <Text className='pn__heading'>您的权利</Text>
      <Text className='pn__text'>{notice.rights}</Text>
      <Text className='pn__version'>版本：{notice.version}</Text>
    </View>
  )
}
