// 备案凭证 (pages/certificate/index?id=…): the filing to show at a hospital counter — the number
// large, with a QR code of it, the name and ID number masked, category, 参保地, 就医地, validity and
// state. A filing not in force (cancelled, rejected, expired, or still in review) says so in a band
// across the top, is drawn greyed with its number struck through, and shows no QR code.
import { Text, View } from '@tarojs/components'
import { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '../../components/Button'
import { Notice } from '../../components/Notice'
import { Screen } from '../../components/Screen'
import { StateTag } from '../../components/StateTag'
import { shanghaiDate } from '../../rules/core'
import { callApi } from '../../services/api'
import { getDevOpenid } from '../../services/identity'
import { usesDevSignIn } from '../../services/platform'
import { brighten, restoreBrightness } from './brightness'
import { QrCode } from './QrCode'
import { describeCertificate, type CertificateFiling } from './view'
import './index.scss'
import { backOr, redirect } from '../../services/navigation'

type Loaded =
  | { status: 'loading' }
  | { status: 'done'; filing: CertificateFiling; today: string }
  | { status: 'failed'; message: string; notFound: boolean }

function leave() {
  backOr({ relaunch: '/pages/index/index' })
}

export default function Certificate() {
  const router = useRouter()
  const id = router.params.id ? decodeURIComponent(router.params.id) : ''
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })

  const load = async () => {
    if (!id) {
      setLoaded({ status: 'failed', message: '没有备案编号，请从“我的备案”里打开凭证。', notFound: true })
      return
    }
    const reply = await callApi<CertificateFiling>('filing', 'get', { id })
    if (reply.ok) {
      const today = shanghaiDate(new Date())
      setLoaded({ status: 'done', filing: reply.data, today })
      if (describeCertificate(reply.data, today).usable) void brighten()
      else void restoreBrightness()
    } else {
      setLoaded({ status: 'failed', message: reply.error.message, notFound: reply.error.code === 'NOT_FOUND' })
    }
  }

  useDidShow(() => {
    if (usesDevSignIn && !getDevOpenid()) {
      redirect('/pages/signin/index')
      return
    }
    // Read again on every show: a filing cancelled meanwhile must not keep a valid-looking certificate.
    void load()
  })
  useDidHide(() => void restoreBrightness())
  useUnload(() => void restoreBrightness())

  if (loaded.status !== 'done') {
    return (
      <Screen className='cert'>
        <Text className='screen__title'>异地就医备案凭证</Text>
        {loaded.status === 'loading' ? <Text className='screen__lead'>正在读取备案…</Text> : null}
        {loaded.status === 'failed' ? (
          <>
            <Notice kind='warn' title={loaded.notFound ? '打不开这份凭证' : '暂时读不到这份备案'}>
              {loaded.message}
            </Notice>
            {loaded.notFound ? null : (
              <Button variant='secondary' onClick={() => void load()}>
                再试一次
              </Button>
            )}
          </>
        ) : null}
        <Button variant='secondary' onClick={leave}>
          返回
        </Button>
      </Screen>
    )
  }

  const { filing, today } = loaded
  const view = describeCertificate(filing, today)

  return (
    <Screen className='cert'>
      {view.band ? (
        <View className={`cert-band cert-band--${view.band.kind}`} id='cert-band'>
          <Text className='cert-band__title'>{view.band.title}</Text>
          <Text className='cert-band__text'>{view.band.text}</Text>
        </View>
      ) : null}

      <View className={`cert-card${view.usable ? '' : ' cert-card--void'}`} id='certificate' data-usable={view.usable ? 'yes' : 'no'}>
        <View className='cert-card__head'>
          <Text className='cert-card__title'>异地就医备案凭证</Text>
          <StateTag state={filing.state} />
        </View>

        <Text className='cert-card__label'>备案编号</Text>
        <Text className='cert-card__number unbroken' id='cert-number' userSelect>
          {filing.id}
        </Text>

        {view.usable ? (
          <View className='cert-card__qr'>
            <QrCode text={filing.id} />
            <Text className='cert-card__qr-hint'>医院可以扫码读取备案编号</Text>
          </View>
        ) : (
          <View className='cert-card__no-qr'>
            <Text>此凭证无效，不显示二维码</Text>
          </View>
        )}

        <View className='cert-card__rows'>
          {view.rows.map((row) => (
            <View className='cert-row' key={row.id}>
              <Text className='cert-row__label'>{row.label}</Text>
              <Text className='cert-row__value' id={row.id}>
                {row.value}
              </Text>
            </View>
          ))}
        </View>
      </View>

      {view.note ? (
        <Notice kind='warn' title='请注意'>
          {view.note}
        </Notice>
      ) : null}
      {view.usable ? (
        <Text className='cert-tip'>住院登记和出院结算时，请出示此凭证和社保卡（或医保电子凭证）。姓名和证件号码已部分隐藏，医院以社保卡为准。</Text>
      ) : null}

      <Button variant='secondary' onClick={leave}>
        返回
      </Button>
    </Screen>
  )
}
