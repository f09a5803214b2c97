// 取消备案: what cancelling means (and, where a lock holds, from when it is possible and what to do
// now) → the reason → a clear confirm step → the cancelled filing. Submits with the `version` it
// read: LOCKED shows the day it opens; CONFLICT reloads and asks to confirm again.
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button } from '../../components/Button'
import { Notice } from '../../components/Notice'
import { Screen } from '../../components/Screen'
import { StateTag } from '../../components/StateTag'
import { Steps } from '../../components/Steps'
import { cancelSchema, formatChineseDate, parseWith } from '../../rules'
import { useAction, type ActionFailure } from '../../services/use-action'
import type { FilingDetail } from '../../lib/filing-view'
import { cancelAvailability } from '../../lib/availability'
import { BackLink, DoneActions, Fact, FilingNumberFact, LoadingScreen, ReasonField, backToDetail, scrollToTop } from './parts'
import { useFiling, useFilingId } from './use-filing'
import './filing.scss'

type CancelStep = 'about' | 'reason' | 'confirm'
const STEPS: CancelStep[] = ['about', 'reason', 'confirm']
const TITLES: Record<CancelStep, string> = { about: '取消备案是什么意思', reason: '填写原因', confirm: '确认取消' }


export default function CancelPage() {
  const id = useFilingId()
  const { filing, failure, reload } = useFiling(id)
  const action = useAction('filing', { reload })
  const [step, setStep] = useState<CancelStep>('about')
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<ActionFailure | null>(null)
  const [done, setDone] = useState<FilingDetail | null>(null)

  if (!filing) return <LoadingScreen title='取消备案' className='fd fd-flow' id={id} failure={failure} onRetry={() => void reload()} />

  if (done) return <Cancelled filing={done} />

  const show = (to: CancelStep) => {
    setStep(to)
    scrollToTop()
  }
  const payload = () => ({ id: filing.id, version: filing.version, reason })
  const reasonIssue = () => {
    const parsed = parseWith(cancelSchema, payload())
    return parsed.ok ? null : (parsed.issues.find((found) => found.path === 'reason')?.message ?? null)
  }

  const onBack = () => {
    setOutcome(null)
    const index = STEPS.indexOf(step)
    if (index === 0) backToDetail(filing.id)
    else show(STEPS[index - 1])
  }

  const toConfirm = () => {
    const issue = reasonIssue()
    setError(issue)
    if (!issue) show('confirm')
  }

  const submit = async () => {
    if (action.busy) return
    const issue = reasonIssue()
    if (issue) {
      setError(issue)
      return show('reason')
    }
    setOutcome(null)
    const result = await action.send<FilingDetail>('cancel', payload())
    if (!result) return
    if (result.ok) {
      setDone(result.reloaded ?? { ...result.data, history: filing.history })
      return scrollToTop()
    }
    const { failure } = result
    if (failure.kind === 'invalid' && failure.errors.reason) {
      setError(failure.errors.reason)
      return show('reason')
    }
    setOutcome(failure)
    scrollToTop()
  }

  const availability = cancelAvailability(filing)
  // Not now and not on a known day (a closed filing): nothing to do here but go back.
  const refused = !availability.can && availability.opensOn === null
  const index = STEPS.indexOf(step) + 1

  return (
    <Screen className='fd fd-flow'>
      <BackLink label={index === 1 ? '返回备案详情' : '上一步'} onClick={onBack} />
      <Steps current={index} total={STEPS.length} title={TITLES[step]} />

      {outcome?.kind === 'conflict' ? (
        <Notice kind='warn' title='请再确认一次' className='fd-outcome'>
          这份备案刚刚有了更新，已为您重新载入，请再确认一次。
        </Notice>
      ) : null}
      {outcome && outcome.kind !== 'conflict' && outcome.kind !== 'locked' ? (
        <Notice kind='warn' title='没有取消成功' className='fd-outcome'>
          {outcome.message}
        </Notice>
      ) : null}
      {outcome?.kind === 'locked' ? <Locked allowedFrom={outcome.allowedFrom} message={outcome.message} filing={filing} /> : null}

      {step === 'about' ? (
        <About filing={filing} note={availability.note} />
      ) : step === 'reason' ? (
        <View>
          <Text className='screen__title'>为什么要取消？</Text>
          <Text className='screen__lead'>写一句就可以，经办机构会看到。</Text>
          <ReasonField
            label='取消原因'
            hint={
              filing.party === 'applicant'
                ? '例如“我没有委托过代办”“我自己来办理”。'
                : '例如“已经回参保地居住”“这次不去外地看病了”。'
            }
            value={reason}
            error={error}
            onInput={(value) => {
              setReason(value)
              if (error) setError(null)
            }}
          />
        </View>
      ) : (
        <Confirm filing={filing} reason={reason} />
      )}

      {refused ? (
        <>
          <Notice kind='warn' title={availability.headline}>
            {availability.message ?? ''}
          </Notice>
          <Button onClick={() => backToDetail(filing.id)}>返回备案详情</Button>
        </>
      ) : outcome?.kind === 'locked' ? (
        <Button onClick={() => backToDetail(filing.id)}>返回备案详情</Button>
      ) : step === 'about' ? (
        availability.opensOn ? (
          <>
            <Locked allowedFrom={availability.opensOn} message={availability.message ?? ''} filing={filing} />
            <Button onClick={() => backToDetail(filing.id)}>返回备案详情</Button>
          </>
        ) : (
          <Button onClick={() => show('reason')} id='cancel-continue'>
            我明白了，继续
          </Button>
        )
      ) : step === 'reason' ? (
        <Button onClick={toConfirm} id='cancel-continue'>
          继续
        </Button>
      ) : (
        <>
          <Button className='fd-danger' onClick={() => void submit()} loading={action.busy} loadingText='正在取消…' id='cancel-submit'>
            确认取消备案
          </Button>
          <Button variant='secondary' onClick={() => backToDetail(filing.id)} id='cancel-keep'>
            不取消了，保留备案
          </Button>
        </>
      )}
    </Screen>
  )
}

function About({ filing, note }: { filing: FilingDetail; note: string | null }) {
  const place = filing.destination.name
  return (
    <View>
      <Text className='screen__title'>取消备案以后</Text>
      <View className='fd-list' id='cancel-about'>
        <Text className='fd-list__item'>· 这份备案马上停止，不再有效。</Text>
        <Text className='fd-list__item'>· 以后在{place}住院，不能再用这份备案直接结算。</Text>
        <Text className='fd-list__item'>· 取消不能撤回。以后需要时，可以重新办理备案。</Text>
        <Text className='fd-list__item'>· 急诊抢救不受影响，按急诊的规定结算。</Text>
        {note ? <Text className='fd-list__item'>· {note}</Text> : null}
        {filing.party === 'applicant' && filing.agent ? (
          <Text className='fd-list__item' id='cancel-agency'>
            · 这份备案由{filing.agent.name}（{filing.agent.relationshipLabel}）为您代办。您是参保人本人，可以取消它；代办人也会看到备案已取消。
          </Text>
        ) : null}
      </View>
      <View className='card fd-facts'>
        <Fact label='要取消的备案' value={`${filing.categoryLabel}，在${place}就医`} strong />
        <FilingNumberFact id={filing.id} />
      </View>
    </View>
  )
}

function Confirm({ filing, reason }: { filing: FilingDetail; reason: string }) {
  return (
    <View>
      <Text className='screen__title'>确定要取消这份备案吗？</Text>
      <View className='card fd-facts' id='cancel-confirm'>
        <Fact label='人员类别' value={filing.categoryLabel} />
        <Fact label='就医地' value={filing.destination.name} strong />
        <FilingNumberFact id={filing.id} />
        <Fact label='取消原因' value={reason.trim()} />
      </View>
      <Notice kind='warn' title='取消后马上生效，不能撤回'>
        {`取消后，在${filing.destination.name}住院不能再直接结算。`}
      </Notice>
    </View>
  )
}

function Locked({ allowedFrom, message, filing }: { allowedFrom?: string; message: string; filing: FilingDetail }) {
  const date = allowedFrom ? formatChineseDate(allowedFrom) : null
  return (
    <View className='fd-outcome' id='cancel-locked'>
      <Notice kind='warn' title={date ? `${date}起才能取消` : '现在还不能取消'}>
        <Text className='notice__text'>{message}</Text>
        <Text className='notice__text'>这份备案没有取消，仍然有效。</Text>
      </Notice>
      <Text className='section__title'>现在您可以：</Text>
      <View className='fd-list'>
        <Text className='fd-list__item'>· 继续使用这份备案，在{filing.destination.name}住院直接结算。</Text>
        <Text className='fd-list__item'>· 修改联系电话或地址（在备案详情里点“变更备案”）。</Text>
        {date ? <Text className='fd-list__item'>· {date}以后，再来取消。</Text> : null}
      </View>
    </View>
  )
}

function Cancelled({ filing }: { filing: FilingDetail }) {
  return (
    <Screen className='fd fd-flow'>
      <View className='fd-done fd-done--cancelled' id='cancel-done'>
        <StateTag state={filing.state} />
        <Text className='fd-done__title'>备案已取消</Text>
        <Text className='fd-done__text'>这份备案已经停止，不再有效。</Text>
      </View>
      <View className='card fd-facts'>
        <Fact label='人员类别' value={filing.categoryLabel} />
        <Fact label='就医地' value={filing.destination.name} />
        <FilingNumberFact id={filing.id} />
      </View>
      <Text className='screen__lead'>以后需要时，可以在首页点“办理备案”重新办理。</Text>
      <DoneActions filingId={filing.id} flow='cancel' />
    </Screen>
  )
}
