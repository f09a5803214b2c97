// Settings: 长辈模式 (large text) with a preview; on H5 also who the local demo takes you for.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useSyncExternalStore } from 'react'
import { Screen } from '../../components/Screen'
import { getDevOpenid } from '../../services/identity'
import { usesDevSignIn } from '../../services/platform'
import { largeText, setLargeText, subscribeLargeText } from '../../services/settings'
import './index.scss'

export default function Settings() {
  const setting = useSyncExternalStore(subscribeLargeText, largeText)
  const openid = usesDevSignIn ? getDevOpenid() : null

  return (
    <Screen className='settings'>
      <Text className='screen__title'>设置</Text>

      <View className='card settings__card'>
        <View
          className={`toggle${setting.on ? ' toggle--on' : ''}`}
          onClick={() => setLargeText(!setting.on)}
        >
          <View className='toggle__text'>
            <Text className='toggle__label'>长辈模式（大字）</Text>
            <Text className='toggle__state'>{setting.on ? '已开启' : '已关闭'}</Text>
          </View>
          <View className='toggle__track'>
            <View className='toggle__thumb' />
          </View>
        </View>
        <Text className='settings__explain'>开启后，所有文字放大到 1.5 倍，按钮也更大，更容易点。</Text>
        {setting.automatic && setting.on ? (
          <Text className='settings__explain'>您在微信里把字体调大了，所以已自动开启。</Text>
        ) : null}
        {!usesDevSignIn && setting.automatic && !setting.on ? (
          <Text className='settings__explain'>在微信“我 → 设置 → 通用 → 字体大小”里调大字体，这里也会自动开启。</Text>
        ) : null}
        <View className='settings__preview'>
          <Text className='settings__preview-label'>预览</Text>
          <Text className='settings__preview-text'>备案有效期至 2026年5月21日，还有 180 天。</Text>
        </View>
      </View>

      {usesDevSignIn ? (
        <View className='card settings__card'>
          <Text className='settings__explain'>本地演示的身份：{openid ?? '未选择'}</Text>
          <View className='link' onClick={() => Taro.navigateTo({ url: '/pages/signin/index' })}>
            切换身份
          </View>
        </View>
      ) : null}
    </Screen>
  )
}
