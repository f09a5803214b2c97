// 结果: the filing number (large), its validity, and what happens next — active now, or staff review
// it stage by stage (a 代办 always: 代办核验 first). Reached by redirectTo from the wizard, so "back"
// does not return to a used draft.
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { filedRuleOf, formatChineseDate, serviceOpensBy } from '../../rules'
import { callApi } from '../../services/api'
import { Button } from '../../components/Button'
import { Notice } from '../../components/Notice'
import { Screen } from '../../components/Screen'
import { loadLastResult } from './storage'
import type { FilingView } from './views'
import './result.scss'

/** 辽宁: long-term service opens within N working days of filing. */
function serviceOpening(filing: FilingView) {
  const rule = filedRuleOf(filing)
  return rule ? serviceOpensBy(rule, filing.filedOn) : null
}

export default function FileResult() {
  const router = useRouter()
  const id = router.params.id ? decodeURIComponent(router.params.id) : ''
  const [filing, setFiling] = useState<FilingView | null>(() => {
    const last = loadLastResult<FilingView>()
    return last && last.id === id ? last : null
  })
  const [failure, setFailure] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    if (!id) return
    void callApi<FilingView>('filing', 'get', { id }).then((reply) => {
      if (reply.ok) {
        setFiling(reply.data)
        setFailure(null)
      } else setFailure(reply.error.message)
    })
  }, [id, attempt])

  const home = () => Taro.reLaunch({ url: '/pages/index/index' })

  if (!filing) {
    return (
      <Screen className='fr'>
        <Text className='screen__title'>备案结果</Text>
        {id ? <Text className='screen__lead'>备案编号：{id}</Text> : null}
        {failure ? (
          <>
            <Notice kind='warn' title='暂时读不到这份备案'>
              {failure}
            </Notice>
            <Button variant='secondary' onClick={() => setAttempt((n) => n + 1)}>
              再试一次
            </Button>
          </>
        ) : (
          <Text className='screen__lead'>{id ? '正在读取备案…' : '没有找到备案编号。'}</Text>
        )}
        <Button onClick={home}>返回首页</Button>
      </Screen>
    )
  }

  const pending = filing.status === 'pending_review'
  const opening = serviceOpening(filing)
  const stages = filing.review.labels
  const byAgent = filing.party === 'agent'

  return (
    <Screen className='fr'>
      <View className={`fr-panel${pending ? ' fr-panel--pending' : ''}`}>
        <Text className='fr-panel__title'>{pending ? '备案已提交，等待审核' : '备案成功，已经生效'}</Text>
        <Text className='fr-panel__label'>备案编号</Text>
        <Text className='fr-panel__number unbroken' id='filing-number' userSelect>
          {filing.id}
        </Text>
        <Text className='fr-panel__hint'>请记下备案编号，咨询或办理变更时会用到。</Text>
      </View>

      <View className='fr-facts'>
        <Fact
          label='有效期'
          value={`${filing.validUntil === null ? '长期有效' : `${formatChineseDate(filing.startDate)} 至 ${formatChineseDate(filing.validUntil)}`}${pending ? '（审核通过后生效）' : ''}`}
          id='result-validity'
        />
        {filing.validUntil === null ? <Fact label='开始日期' value={`${formatChineseDate(filing.startDate)}起`} /> : null}
        <Fact label='人员类别' value={filing.categoryLabel} />
        <Fact label='就医地' value={filing.destination.name} />
        <Fact label='参保地' value={filing.policyName} />
        {byAgent ? <Fact label='参保人' value={filing.applicant.name} /> : null}
        {filing.agent ? <Fact label='代办人' value={`${filing.agent.name}（参保人的${filing.agent.relationshipLabel}）`} id='result-agent' /> : null}
      </View>

      <Text className='section__title fr-next'>接下来</Text>
      {pending ? (
        <View className='fr-steps'>
          {byAgent ? (
            <Text className='fr-steps__text' id='result-agent-check'>
              这是为家人办理的备案（代办）：经办机构会先核验代办关系和代办人的身份（代办核验），再按参保地的规定审核。
            </Text>
          ) : null}
          <Text className='fr-steps__text'>经办机构将依次办理：</Text>
          <Text className='fr-steps__stages'>{stages.join(' → ')}</Text>
          <Text className='fr-steps__text'>
            审核通过后备案生效。审核结果会显示在首页的“{byAgent ? '我为家人办理的备案' : '我的备案'}”里，没有通过的会写明原因。
          </Text>
          {byAgent ? (
            <Text className='fr-steps__text'>{filing.applicant.name}本人完成实名认证后，也能在自己的微信里看到这份备案，并可以取消。</Text>
          ) : null}
          {opening ? (
            <Text className='fr-steps__text'>
              直接结算服务在登记后{opening.days}个工作日内开通，{opening.estimated ? '约' : '预计'}
              {formatChineseDate(opening.date)}前。
            </Text>
          ) : null}
        </View>
      ) : (
        <View className='fr-steps'>
          <Text className='fr-steps__text'>
            在{filing.destination.name}的联网定点医院住院时，出示社保卡或医保电子凭证，出院时就能直接结算。
          </Text>
          <Text className='fr-steps__text'>
            {filing.actions.change.allowed ? '需要变更时，可以在首页“我的备案”里办理。' : filing.actions.change.message}
          </Text>
        </View>
      )}

      <Button onClick={home} id='result-home'>
        返回首页
      </Button>
      <Button variant='secondary' onClick={() => Taro.navigateTo({ url: `/pages/filing/index?id=${encodeURIComponent(filing.id)}` })} id='result-detail'>
        查看备案详情
      </Button>
    </Screen>
  )
}

function Fact({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View className='fr-fact'>
      <Text className='fr-fact__label'>{label}</Text>
      <Text className='fr-fact__value' id={id}>
        {value}
      </Text>
    </View>
  )
}
