// Home: the person's filings with their state and validity — 我的备案 (their own, and those a
// relative filed for them) apart from 我为家人办理的备案 (代办) — reminders, "办理备案", a prompt to
// 实名认证 until it is done, and a short guide to who needs to file. On H5 (local demo) nobody signed
// in → the sign-in page.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '../../components/Button'
import { GuideNotes } from '../../components/GuideNotes'
import { Notice } from '../../components/Notice'
import { Screen } from '../../components/Screen'
import { StateTag } from '../../components/StateTag'
import { shanghaiDate } from '../../rules/core'
import { callApi } from '../../services/api'
import type { ApiReply } from '../../services/api'
import { getDevOpenid } from '../../services/identity'
import { usesDevSignIn } from '../../services/platform'
import { agencyText, cardLinkText, currentReminders, progressText, splitFilings, validityText, type MineReply, type MyFiling } from './filing-card'
import { filingGuide, homeNotes } from './guide'
import './index.scss'
import { redirect } from '../../services/navigation'

const guide = filingGuide()

function FilingCard({ filing, today }: { filing: MyFiling; today: string }) {
  // The whole card opens the filing's detail (pages/filing/index?id=…), and says so in words.
  const open = () => Taro.navigateTo({ url: `/pages/filing/index?id=${encodeURIComponent(filing.id)}` })
  const agency = agencyText(filing)
  const progress = progressText(filing)
  return (
    <View className='card filing-card' data-filing-id={filing.id} data-party={filing.party} onClick={open}>
      <View className='filing-card__head'>
        <Text className='filing-card__category'>{filing.categoryLabel}</Text>
        {filing.party === 'agent' ? <Text className='filing-card__tag'>代办</Text> : null}
        <StateTag state={filing.state} />
      </View>
      {agency ? (
        <View className='filing-card__row'>
          <Text className='filing-card__label'>{filing.party === 'agent' ? '参保人' : '代办人'}</Text>
          <Text className='filing-card__value filing-card__agency'>{agency}</Text>
        </View>
      ) : null}
      {progress ? (
        <View className='filing-card__row'>
          <Text className='filing-card__label'>办理进度</Text>
          <Text className='filing-card__value filing-card__progress'>{progress}</Text>
        </View>
      ) : null}
      <View className='filing-card__row'>
        <Text className='filing-card__label'>就医地</Text>
        <Text className='filing-card__value'>{filing.destination.name}</Text>
      </View>
      <View className='filing-card__row'>
        <Text className='filing-card__label'>参保地</Text>
        <Text className='filing-card__value'>{filing.policyName}</Text>
      </View>
      <View className='filing-card__row'>
        <Text className='filing-card__label'>有效期</Text>
        <Text className='filing-card__value filing-card__validity'>{validityText(filing, today)}</Text>
      </View>
      <View className='filing-card__row'>
        <Text className='filing-card__label'>备案编号</Text>
        <Text className='filing-card__value filing-card__number unbroken' selectable>
          {filing.id}
        </Text>
      </View>
      <View className='link filing-card__more'>
        <Text>{cardLinkText(filing)} ›</Text>
      </View>
    </View>
  )
}

function Guide() {
  return (
    <View className='section guide'>
      <Text className='section__title'>哪些情况需要备案</Text>
      <View className='card'>
        {guide.needed.map((point) => (
          <View className='guide__point' key={point.title}>
            <Text className='guide__title'>需要备案：{point.title}</Text>
            <Text className='guide__text'>{point.text}</Text>
          </View>
        ))}
        {guide.notNeeded.map((point) => (
          <View className='guide__point' key={point.title}>
            <Text className='guide__title'>不用备案：{point.title}</Text>
            <Text className='guide__text'>{point.text}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

type Loaded = { status: 'loading' } | { status: 'done'; reply: ApiReply<MineReply> }

export default function Index() {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const [retrying, setRetrying] = useState(false)

  const load = async () => {
    const reply = await callApi<MineReply>('filing', 'mine')
    setLoaded({ status: 'done', reply })
  }

  useDidShow(() => {
    if (usesDevSignIn && !getDevOpenid()) {
      redirect('/pages/signin/index')
      return
    }
    void load()
  })

  const retry = async () => {
    setRetrying(true)
    await load()
    setRetrying(false)
  }

  const today = shanghaiDate(new Date())
  const data = loaded.status === 'done' && loaded.reply.ok ? loaded.reply.data : null
  const failure = loaded.status === 'done' && !loaded.reply.ok ? loaded.reply.error : null
  const filings = data?.filings ?? []
  const { own, forFamily } = splitFilings(filings)
  const identity = data?.identity.verified ? data.identity : null
  const name = identity?.name ?? own[0]?.applicant.name

  return (
    <Screen className='home'>
      <Text className='screen__title'>{name ? `${name}，您好` : '您好'}</Text>
      <Text className='screen__lead'>在这里办理异地就医备案，查看备案是否有效。</Text>

      {(data ? currentReminders(data) : []).map((reminder) => (
        <Notice kind='warn' title='备案快到期了' key={reminder.filingId}>
          {reminder.message}
        </Notice>
      ))}

      {data && !identity ? (
        <Notice kind='warn' title='请先完成实名认证' className='home__verify'>
          <Text className='notice__text'>
            办理备案前，需要先认证您本人的身份（只需一次）。认证后，家人用您的证件号码为您办理的备案也会显示在这里。
          </Text>
          <View className='link' onClick={() => Taro.navigateTo({ url: '/pages/verify/index' })} id='home-verify'>
            <Text>去实名认证 ›</Text>
          </View>
        </Notice>
      ) : null}

      <Button onClick={() => Taro.navigateTo({ url: '/pages/file/index' })}>办理备案</Button>
      <Button variant='secondary' id='home-coverage' onClick={() => Taro.navigateTo({ url: '/pages/coverage/index' })}>
        住院能直接结算吗？
      </Button>

      <View className='section'>
        <Text className='section__title'>我的备案</Text>
        {loaded.status === 'loading' ? <Text className='muted home__status'>正在读取您的备案…</Text> : null}
        {failure ? (
          <View className='home__failure'>
            <Notice kind='warn' title='没能读取您的备案'>
              {failure.message}
            </Notice>
            <Button variant='secondary' loading={retrying} loadingText='正在重试…' onClick={retry}>
              重试
            </Button>
          </View>
        ) : null}
        {data && own.length === 0 ? (
          <View className='card home__empty'>
            <Text className='home__empty-title'>您还没有备案</Text>
            <Text className='home__empty-text'>
              如果您要到参保地以外的地方住院或长期居住，先看看下面的说明，再点“办理备案”。办好后，备案会显示在这里。
            </Text>
          </View>
        ) : null}
        {own.map((filing) => (
          <FilingCard filing={filing} today={today} key={filing.id} />
        ))}
      </View>

      {forFamily.length > 0 ? (
        <View className='section' id='home-family'>
          <Text className='section__title'>我为家人办理的备案</Text>
          <Text className='muted home__family-hint'>您代家人办理的备案（代办）。家人本人实名认证后也能看到，并可以取消。</Text>
          {forFamily.map((filing) => (
            <FilingCard filing={filing} today={today} key={filing.id} />
          ))}
        </View>
      ) : null}

      {homeNotes(filings.filter((filing) => filing.state !== 'cancelled' && filing.state !== 'rejected')).map((group) => (
        <View className='section' key={group.policyName}>
          <GuideNotes title={`${group.policyName}参保人员请注意`} notes={group.notes} />
        </View>
      ))}

      <Guide />

      <View className='section home__footer'>
        {identity ? (
          <View className='link home__identity' onClick={() => Taro.navigateTo({ url: '/pages/verify/index' })} id='home-identity'>
            已实名认证：{identity.name}（{identity.idNumberMasked}）
          </View>
        ) : null}
        <View className='link' onClick={() => Taro.navigateTo({ url: '/pages/settings/index' })}>
          设置：长辈模式（大字）{usesDevSignIn ? '、切换身份' : ''}
        </View>
      </View>
    </Screen>
  )
}
