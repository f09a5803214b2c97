// Settings: 长辈模式 (large text) with a preview; the 个人信息处理规则 and the person's copy of their own
// data (个人信息副本); on H5 also who the local demo takes you for.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState, useSyncExternalStore } from 'react'
import { BackLink } from '../../components/BackLink'
import { Button } from '../../components/Button'
import { Notice } from '../../components/Notice'
import { PrivacyNotice } from '../../components/PrivacyNotice'
import { Screen } from '../../components/Screen'
import { addMonths, daysBetween, formatChineseDate, shanghaiDate } from '../../rules/core'
import { callApi } from '../../services/api'
import { getDevOpenid } from '../../services/identity'
import { saveFile } from '../../services/save-file'
import { usesDevSignIn } from '../../services/platform'
import { largeText, setLargeText, subscribeLargeText } from '../../services/settings'
import './index.scss'

export default function Settings() {
  const setting = useSyncExternalStore(subscribeLargeText, largeText)
  const openid = usesDevSignIn ? getDevOpenid() : null
  const [copy, setCopy] = useState<{ busy: boolean; done: boolean; error: string | null }>({ busy: false, done: false, error: null })
  const [rulesOpen, setRulesOpen] = useState(false)
  const today = shanghaiDate(new Date())
  const previewEnd = addMonths(today, 6)

  const downloadCopy = async () => {
    if (copy.busy) return
    setCopy({ busy: true, done: false, error: null })
    const reply = await callApi<{ generatedAt: string }>('filing', 'myData')
    if (!reply.ok) return setCopy({ busy: false, done: false, error: reply.error.message })
    try {
      await saveFile(`个人信息副本-${reply.data.generatedAt.slice(0, 10)}.json`, JSON.stringify(reply.data, null, 2), 'application/json;charset=utf-8')
      setCopy({ busy: false, done: true, error: null })
    } catch (error) {
      setCopy({ busy: false, done: false, error: (error as Error).message })
    }
  }

  return (
    <Screen className='settings'>
      <BackLink id='settings-back' />
      <Text className='screen__title'>设置</Text>

      <View className='card settings__card'>
        <View
          className={`toggle${setting.on ? ' toggle--on' : ''}`}
          id='large-text-toggle'
          // A switch to screen readers, with its state (the track alone says nothing to them).
          {...({ role: 'switch', 'aria-checked': String(setting.on), 'aria-label': '长辈模式（大字）' } as Record<string, string>)}
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
          {/* Six months from today: a date that is still ahead, as on a real card. */}
          <Text className='settings__preview-text'>备案有效期至 {formatChineseDate(previewEnd)}，还有 {daysBetween(today, previewEnd)} 天。</Text>
        </View>
      </View>

      <View className='card settings__card' id='my-data'>
        <Text className='settings__heading'>我的个人信息</Text>
        <Text className='settings__explain'>
          下载一份您的个人信息副本：实名认证信息、您办理的和别人为您代办的备案及其记录、到期提醒。家人的证件号码在副本里仍然隐去。
        </Text>
        <Button variant='secondary' loading={copy.busy} loadingText='正在准备…' onClick={() => void downloadCopy()} id='my-data-download'>
          下载我的个人信息副本
        </Button>
        {copy.done ? <Notice kind='success' title='已生成个人信息副本'>文件里有您的完整证件号码，请妥善保管。</Notice> : null}
        {copy.error ? <Notice kind='warn' title='没有下载成功'>{copy.error}</Notice> : null}
        <View className='link' onClick={() => setRulesOpen(!rulesOpen)} id='privacy-rules-toggle'>
          {rulesOpen ? '收起《个人信息处理规则》' : '查看《个人信息处理规则》'}
        </View>
        {rulesOpen ? <PrivacyNotice /> : null}
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
