// Put around any screen that collects personal data (the filing wizard's 个人信息 and 材料 steps):
//
//   <PrivacyGate>{…the form…}</PrivacyGate>
//
// It says what is collected and why. In the mini-program it also runs WeChat's privacy
// authorization: while WeChat still needs consent (getPrivacySetting), the form stays hidden and
// requirePrivacyAuthorize raises onNeedPrivacyAuthorization, answered by the agree button here
// (openType agreePrivacyAuthorization) or by 不同意. A privacy API called later (chooseMedia…) that
// needs consent lands on the same handler. H5 (local demo) has no authorization: the notice only.
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useEffect, useRef, useState } from 'react'
import { AGREE_BUTTON_ID, handlePrivacyRequests, openPrivacyGuide, privacyNeeded, requestPrivacy } from '../../services/privacy'
import { PRIVACY_NOTICE } from '../../rules/privacy'
import { usesDevSignIn } from '../../services/platform'
import { Button } from '../Button'
import { Notice } from '../Notice'
import './index.scss'

/** What the filing collects, and why (shown before any of it is asked): the 个人信息处理规则's items the wizard asks for. */
export const PRIVACY_ITEMS: PrivacyItems = PRIVACY_NOTICE.items
  .filter(({ item }) => !item.startsWith('人脸') && !item.startsWith('住院'))
  .map(({ item, purpose }) => ({ item, why: purpose }))

export type PrivacyItems = readonly { item: string; why: string }[]

function Reasons({ items }: { items: PrivacyItems }) {
  return (
    <View className='privacy__items'>
      {items.map(({ item, why }) => (
        <View className='privacy__item' key={item}>
          <Text className='privacy__what'>{item}</Text>
          <Text className='privacy__why'>用于{why}</Text>
        </View>
      ))}
    </View>
  )
}

type Stage = 'checking' | 'asking' | 'declined' | 'granted'

export interface PrivacyGateProps {
  children: ReactNode
  /** Once granted, the reasons are said once per flow: the first step that asks (issue 16: not on steps 5 and 6 both). */
  showReasons?: boolean
  /** What this screen collects and why (default: the filing's PRIVACY_ITEMS). */
  items?: PrivacyItems
  /** Who keeps it and for how long (default: the agency, for the filing); shown before and after consent. */
  note?: string
}

const DEFAULT_NOTE = `这些信息只用于办理异地就医备案，由${PRIVACY_NOTICE.holder}依法保管。保存期限和您的权利见《个人信息处理规则》（实名认证时已请您阅读同意，也可在“设置”中查看）。`

export function PrivacyGate({ children, items = PRIVACY_ITEMS, note, showReasons = true }: PrivacyGateProps) {
  const [stage, setStage] = useState<Stage>('checking')
  const answer = useRef<((agreed: boolean) => void) | null>(null)

  useEffect(() => {
    let live = true
    handlePrivacyRequests((respond) => {
      answer.current = respond
      if (live) setStage('asking')
    })
    void privacyNeeded().then((needed) => {
      if (!live) return
      if (!needed) return setStage('granted')
      setStage('asking')
      // Raises onNeedPrivacyAuthorization (handled above); settles when the person answers.
      void requestPrivacy().then((agreed) => live && setStage(agreed ? 'granted' : 'declined'))
    })
    return () => {
      live = false
    }
  }, [])

  const respond = (agreed: boolean) => {
    answer.current?.(agreed)
    answer.current = null
    setStage(agreed ? 'granted' : 'declined')
  }

  if (stage === 'granted') {
    return (
      <View className='privacy'>
        {showReasons ? (
          <Notice kind='info' title={usesDevSignIn ? '本地演示：我们会请您填写这些信息' : '我们会请您填写这些信息'}>
            <Reasons items={items} />
            {note ? <Text className='privacy__note'>{note}</Text> : null}
          </Notice>
        ) : null}
        {children}
      </View>
    )
  }
  if (stage === 'checking') return <View className='privacy' />

  return (
    <View className='privacy'>
      <Text className='section__title'>办理备案前，请先阅读</Text>
      <Notice kind={stage === 'declined' ? 'warn' : 'info'} title='我们需要收集以下信息'>
        <Reasons items={items} />
        <Text className='privacy__note'>{note ?? DEFAULT_NOTE}</Text>
      </Notice>
      {stage === 'declined' ? (
        <Notice kind='warn' title='您还没有同意'>
          不同意就无法在线办理备案。您也可以到参保地医保经办机构的窗口办理。
        </Notice>
      ) : null}
      <View className='link' onClick={openPrivacyGuide}>
        查看《用户隐私保护指引》
      </View>
      <Button id={AGREE_BUTTON_ID} openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={() => respond(true)}>
        同意并继续
      </Button>
      {stage === 'asking' ? (
        <Button variant='secondary' onClick={() => respond(false)}>
          不同意
        </Button>
      ) : null}
    </View>
  )
}

export default PrivacyGate
