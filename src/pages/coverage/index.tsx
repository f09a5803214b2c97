// 住院能直接结算吗？ The person says when they were (or will be) admitted, whether they have left
// hospital, where, and whether it is an emergency; the server's `filing.checkCoverage` answers with
// the same rules the filing uses, and this page says it in plain words, big: ✓ 可以直接结算 (by
// which filing, as an emergency, or no filing needed) or ✗ 不能直接结算 with why and what to do now.
//
// Messages stand under their fields and nothing the person chose is cleared. Changing any answer
// takes the old answer away, so what is on screen always matches what is asked.
import { Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '../../components/Button'
import { ChoiceList } from '../../components/ChoiceList'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { Screen } from '../../components/Screen'
import { addMonths, formatChineseDate, profiles, regionName, shanghaiDate, type CoverageAnswer } from '../../rules'
import { callApi } from '../../services/api'
import { getDevOpenid } from '../../services/identity'
import { usesDevSignIn } from '../../services/platform'
import { RegionSelect, type RegionValue } from '../file/parts/RegionSelect'
import type { FilingView } from '../file/views'
import { checkForm, describeAnswer, emptyForm, normalisePath, type AnswerView, type CoveragePayload, type FieldPath, type StayForm } from './form'
// The province/city grid and the date face are the wizard's (RegionSelect's classes live there).
import '../file/index.scss'
import './index.scss'

type Errors = Partial<Record<FieldPath, string>>

type Known = { status: 'loading' } | { status: 'known'; filings: FilingView[] } | { status: 'unknown' }

type Result =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'answered'; view: AnswerView; asked: CoveragePayload }
  | { status: 'failed'; message: string }

function DateField({
  id,
  label,
  hint,
  value,
  start,
  end,
  today,
  error,
  onChange,
}: {
  id: string
  label: string
  hint?: string
  value: string | null
  start: string
  end: string
  today: string
  error?: string
  onChange: (value: string) => void
}) {
  const inRange = (day: string) => (day < start ? start : day > end ? end : day)
  return (
    <Field label={label} hint={hint} error={error}>
      <Picker mode='date' value={inRange(value ?? today)} start={start} end={end} onChange={(event) => onChange(String(event.detail.value))}>
        <View className={`fw-date${error ? ' fw-date--error' : ''}`} id={id}>
          <Text className={value ? 'fw-date__value' : 'fw-date__placeholder'}>
            {value ? `${formatChineseDate(value)}${value === today ? '（今天）' : ''}` : '点这里选择日期'}
          </Text>
          <Text className='fw-date__icon'>选择 ›</Text>
        </View>
      </Picker>
    </Field>
  )
}

function describeStay(asked: CoveragePayload): string {
  const place = regionName(asked.destination.cityCode ?? asked.destination.provinceCode) ?? ''
  const discharge = asked.dischargeDate ? `${formatChineseDate(asked.dischargeDate)}出院` : '还没出院'
  return `${formatChineseDate(asked.admissionDate)}入院，${discharge}，在${place}，${asked.emergency ? '急诊抢救' : '不是急诊抢救'}。`
}

function Answer({ view, asked }: { view: AnswerView; asked: CoveragePayload }) {
  return (
    <View id='coverage-answer' className={`cv-answer cv-answer--${view.covered ? 'yes' : 'no'}`}>
      <View className='cv-answer__head'>
        <Text className='cv-answer__mark'>{view.covered ? '✓' : '✗'}</Text>
        <Text className='cv-answer__headline'>{view.headline}</Text>
      </View>
      <Text className='cv-answer__asked'>您问的是：{describeStay(asked)}</Text>
      {view.how ? <Text className='cv-answer__how'>{view.how}</Text> : null}
      {view.filingFacts.length > 0 ? (
        <View className='cv-answer__facts'>
          {view.filingFacts.map((fact) => (
            <View className='cv-fact' key={fact.label}>
              <Text className='cv-fact__label'>{fact.label}</Text>
              <Text className={`cv-fact__value${fact.label === '备案编号' ? ' cv-fact__value--number' : ''}`}>{fact.value}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className='cv-answer__part'>
        <Text className='cv-answer__label'>{view.covered ? '说明' : '为什么'}</Text>
        <Text className='cv-answer__text cv-answer__why'>{view.why}</Text>
      </View>
      {view.next ? (
        <View className='cv-answer__part'>
          <Text className='cv-answer__label'>现在怎么办</Text>
          <Text className='cv-answer__text cv-answer__next'>{view.next}</Text>
        </View>
      ) : null}
      {view.covered ? (
        <Text className='cv-answer__tip'>住院和出院结算时，请出示社保卡或医保电子凭证。</Text>
      ) : null}
    </View>
  )
}

export default function Coverage() {
  const [form, setForm] = useState<StayForm>(emptyForm)
  const [errors, setErrors] = useState<Errors>({})
  const [known, setKnown] = useState<Known>({ status: 'loading' })
  const [result, setResult] = useState<Result>({ status: 'idle' })
  const [today, setToday] = useState(() => shanghaiDate(new Date()))

  useDidShow(() => {
    if (usesDevSignIn && !getDevOpenid()) {
      Taro.redirectTo({ url: '/pages/signin/index' })
      return
    }
    setToday(shanghaiDate(new Date()))
    callApi<{ filings: FilingView[] }>('filing', 'mine').then((reply) => {
      setKnown(reply.ok ? { status: 'known', filings: reply.data.filings } : { status: 'unknown' })
    })
  })

  const filings = known.status === 'known' ? known.filings : []
  // No filing at all: the 参保地 decides emergencies and stays that need no filing, so ask it.
  const askPolicy = known.status === 'known' && filings.length === 0
  const judgedBy = filings[0]?.policyName

  function change(patch: Partial<StayForm>, clear: FieldPath[]) {
    setForm((previous) => ({ ...previous, ...patch }))
    setErrors((previous) => {
      const next = { ...previous }
      clear.forEach((path) => delete next[path])
      return next
    })
    if (result.status !== 'checking') setResult({ status: 'idle' })
  }

  async function check() {
    const checked = checkForm(form, askPolicy)
    if (!checked.ok) {
      setErrors(checked.errors)
      setResult({ status: 'idle' })
      scrollTo(`#${anchor(firstField(checked.errors))}`)
      return
    }
    setErrors({})
    setResult({ status: 'checking' })
    const reply = await callApi<CoverageAnswer>('filing', 'checkCoverage', checked.payload)
    if (!reply.ok) {
      const fieldErrors: Errors = {}
      for (const found of reply.error.issues ?? []) {
        const path = normalisePath(found.path)
        if (path && !fieldErrors[path]) fieldErrors[path] = found.message
      }
      if (Object.keys(fieldErrors).length > 0) {
        setErrors(fieldErrors)
        setResult({ status: 'idle' })
      } else {
        setResult({ status: 'failed', message: reply.error.message })
      }
      return
    }
    const answer = reply.data
    let filing: FilingView | null = null
    if (answer.covered && answer.by === 'filing') {
      filing = filings.find((item) => item.id === answer.filingId) ?? null
      if (!filing) {
        const got = await callApi<FilingView>('filing', 'get', { id: answer.filingId })
        filing = got.ok ? got.data : null
      }
    }
    setResult({ status: 'answered', view: describeAnswer(answer, filing), asked: checked.payload })
    scrollTo('#coverage-answer')
  }

  const admissionStart = addMonths(today, -36)
  const latest = addMonths(today, 12)

  return (
    <Screen className='cv'>
      <Text className='screen__title'>住院能直接结算吗？</Text>
      <Text className='screen__lead'>告诉我们这次住院的情况，马上告诉您出院时能不能直接结算，不能的话该怎么办。</Text>

      <View id={anchor('admissionDate')}>
        <DateField
          id='admission-date'
          label='哪天入院？'
          hint='还没住院的，选打算入院的日子'
          value={form.admissionDate}
          start={admissionStart}
          end={latest}
          today={today}
          error={errors.admissionDate}
          onChange={(admissionDate) => change({ admissionDate }, ['admissionDate', 'dischargeDate'])}
        />
      </View>

      <View id={anchor('discharged')}>
        <ChoiceList
          question='出院了吗？'
          options={[
            { value: 'no', title: '还没出院', description: '正在住院，或者还没住院' },
            { value: 'yes', title: '已经出院', description: '接着选出院的日子' },
          ]}
          value={form.discharged}
          error={errors.discharged}
          onChange={(discharged) => change({ discharged }, ['discharged', 'dischargeDate'])}
        />
      </View>

      {form.discharged === 'yes' ? (
        <View id={anchor('dischargeDate')}>
          <DateField
            id='discharge-date'
            label='哪天出院？'
            value={form.dischargeDate}
            start={form.admissionDate ?? admissionStart}
            end={latest}
            today={today}
            error={errors.dischargeDate}
            onChange={(dischargeDate) => change({ dischargeDate }, ['dischargeDate'])}
          />
        </View>
      ) : null}

      <View id={anchor('destination.provinceCode')} className='cv-question'>
        <Text className='cv-question__title'>在哪里住院？</Text>
        <Text className='cv-question__hint'>先选省份，再选城市。北京、天津、上海、重庆、海南、西藏和新疆生产建设兵团只选省份。</Text>
        <View id={anchor('destination.cityCode')}>
          <RegionSelect
            name='stay'
            value={form.destination}
            provinceLabel='住院的省份'
            cityLabel='住院的城市'
            provinceError={errors['destination.provinceCode']}
            cityError={errors['destination.cityCode']}
            onChange={(destination: RegionValue) => change({ destination }, ['destination.provinceCode', 'destination.cityCode'])}
          />
        </View>
      </View>

      <View id={anchor('emergency')}>
        <ChoiceList
          question='是急诊抢救吗？'
          hint='急诊抢救：突发急病或意外受伤，需要马上抢救，来不及备案。'
          options={[
            { value: 'yes', title: '是，急诊抢救' },
            { value: 'no', title: '不是', description: '看病、做手术、转诊等，事先安排好的住院' },
          ]}
          value={form.emergency}
          error={errors.emergency}
          onChange={(emergency) => change({ emergency }, ['emergency'])}
        />
      </View>

      {askPolicy ? (
        <View id={anchor('policyId')}>
          <ChoiceList
            question='您在哪里参加医保？'
            hint='您还没有备案。各地规定不一样，我们按您参保地的规定来判断。'
            options={profiles.map((profile) => ({ value: profile.id, title: profile.name }))}
            value={form.policyId}
            error={errors.policyId}
            onChange={(policyId) => change({ policyId }, ['policyId'])}
          />
        </View>
      ) : null}
      {judgedBy ? <Text className='cv-judged'>按您参保地（{judgedBy}）的规定判断。</Text> : null}

      <Button id='coverage-check' loading={result.status === 'checking'} loadingText='正在查询…' onClick={check}>
        查看能不能直接结算
      </Button>

      {result.status === 'failed' ? (
        <View className='cv-result'>
          <Notice kind='warn' title='没能查询'>
            {result.message}
          </Notice>
          <Button variant='secondary' onClick={check}>
            再试一次
          </Button>
        </View>
      ) : null}

      {result.status === 'answered' ? (
        <View className='cv-result'>
          <Answer view={result.view} asked={result.asked} />
          {result.view.fileNow ? (
            <Button id='coverage-file-now' onClick={() => Taro.navigateTo({ url: '/pages/file/index' })}>
              现在办理备案
            </Button>
          ) : null}
          {result.view.filingId ? (
            <Button
              variant='secondary'
              id='coverage-certificate'
              onClick={() => Taro.navigateTo({ url: `/pages/certificate/index?id=${encodeURIComponent(result.view.filingId!)}` })}
            >
              出示备案凭证
            </Button>
          ) : null}
        </View>
      ) : null}
    </Screen>
  )
}

/** A field's element id (no dots: they would read as classes in a selector). */
function anchor(path: FieldPath): string {
  return `cv-${path.replace('.', '-')}`
}

function firstField(errors: Errors): FieldPath {
  const order: FieldPath[] = ['admissionDate', 'discharged', 'dischargeDate', 'destination.provinceCode', 'destination.cityCode', 'emergency', 'policyId']
  return order.find((path) => errors[path]) ?? 'admissionDate'
}

function scrollTo(selector: string) {
  // After the render that shows it.
  setTimeout(() => {
    Taro.pageScrollTo({ selector, duration: 200 }).catch(() => undefined)
  }, 50)
}
