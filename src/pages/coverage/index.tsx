// 住院能直接结算吗？ The person says which kind of care (住院, 普通门诊, 门诊慢特病, 药店购药), when,
// and where — for a stay also whether they have left hospital and whether it is an emergency; the
// server's `filing.checkCoverage` answers with the same rules the filing uses, and this page says it
// in plain words, big: ✓ 可以直接结算, ✗ 不能直接结算, ？ 要看情况 (each case), or ？ 请向经办机构确认,
// then why, the seed section it rests on, what to do now, and what else the person should know.
//
// Messages stand under their fields and nothing the person chose is cleared. Changing any answer
// takes the old answer away, so what is on screen always matches what is asked.
import { Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { BackLink } from '../../components/BackLink'
import { Button } from '../../components/Button'
import { ChoiceList } from '../../components/ChoiceList'
import { Field } from '../../components/Field'
import { GuideNotes } from '../../components/GuideNotes'
import { Notice } from '../../components/Notice'
import { Screen } from '../../components/Screen'
import { SourceNote } from '../../components/SourceNote'
import { CARE_KINDS, CARE_KIND_LABELS, addMonths, formatChineseDate, profiles, shanghaiDate, type CareKind, type CoverageAnswer } from '../../rules'
import { callApi } from '../../services/api'
import { getDevOpenid } from '../../services/identity'
import { usesDevSignIn } from '../../services/platform'
import { RegionSelect, type RegionValue } from '../file/parts/RegionSelect'
import type { FilingView } from '../file/views'
import {
  FIELDS,
  VISIT_WORDS,
  asksInsuredCity,
  checkForm,
  describeAnswer,
  describeQuestion,
  emptyForm,
  normalisePath,
  type AnswerView,
  type CoveragePayload,
  type FieldPath,
  type StayForm,
} from './form'
// The province/city grid and the date face are the wizard's (RegionSelect's classes live there).
import '../file/index.scss'
import './index.scss'
import { redirect } from '../../services/navigation'
import { firstMessages } from '../../lib/issues'

type Errors = Partial<Record<FieldPath, string>>

type Known = { status: 'loading' } | { status: 'known'; filings: FilingView[] } | { status: 'unknown' }

type Result =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'answered'; view: AnswerView; asked: CoveragePayload; planned: boolean }
  | { status: 'failed'; message: string }

const CARE_DESCRIPTIONS: Record<CareKind, string> = {
  inpatient: '住院治疗，出院时结算',
  outpatient: '看门诊、做检查，不住院',
  chronic_outpatient: '已经认定的门诊慢性病、特殊疾病，在门诊看病拿药',
  pharmacy: '在定点药店用医保买药',
}

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

function Answer({ view, asked, planned }: { view: AnswerView; asked: CoveragePayload; planned: boolean }) {
  return (
    <View id='coverage-answer' className={`cv-answer cv-answer--${view.verdict}`}>
      <View className='cv-answer__head'>
        <Text className='cv-answer__mark'>{view.mark}</Text>
        <Text className='cv-answer__headline'>{view.headline}</Text>
      </View>
      <Text className='cv-answer__asked'>您问的是：{describeQuestion(asked, planned)}</Text>
      {view.filingFacts.length > 0 ? (
        <View className='cv-answer__facts'>
          {view.filingFacts.map((fact) => (
            <View className='cv-fact' key={fact.label}>
              <Text className='cv-fact__label'>{fact.label}</Text>
              <Text className={`cv-fact__value${fact.label === '备案编号' ? ' cv-fact__value--number unbroken' : ''}`}>{fact.value}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className='cv-answer__part'>
        <Text className='cv-answer__label'>为什么</Text>
        <Text className='cv-answer__text cv-answer__why'>{view.why}</Text>
        {view.cases.map((item) => (
          <View className={`cv-case cv-case--${item.verdict}`} key={item.when}>
            <View className='cv-case__head'>
              <Text className='cv-case__mark'>{item.mark}</Text>
              <Text className='cv-case__when'>{item.when}</Text>
            </View>
            <Text className='cv-case__verdict'>{item.headline}</Text>
            <Text className='cv-answer__text'>{item.message}</Text>
          </View>
        ))}
        <SourceNote source={view.source} className='cv-answer__source' />
      </View>
      {view.next ? (
        <View className='cv-answer__part'>
          <Text className='cv-answer__label'>现在怎么办</Text>
          <Text className='cv-answer__text cv-answer__next'>{view.next}</Text>
        </View>
      ) : null}
      <Text className='cv-answer__scope'>{view.scope}</Text>
      {view.verdict === 'direct' ? <Text className='cv-answer__tip'>结算时，请出示社保卡或医保电子凭证。</Text> : null}
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
      redirect('/pages/signin/index')
      return
    }
    setToday(shanghaiDate(new Date()))
    void callApi<{ filings: FilingView[] }>('filing', 'mine').then((reply) => {
      setKnown(reply.ok ? { status: 'known', filings: reply.data.filings } : { status: 'unknown' })
    })
  })

  const filings = known.status === 'known' ? known.filings : []
  // No filing at all: the 参保地 decides emergencies and stays that need no filing, so ask it.
  const askPolicy = known.status === 'known' && filings.length === 0
  const judgedBy = filings[0]?.policyName
  // The hospital matters only to a referral filing that names the one it is for (辽宁 第十六条): the
  // answer turns on it there and nowhere else, so only then is it asked — still optional, since
  // without it the answer says which hospital the filing covers.
  const referralHospital = filings.find((filing) => filing.status !== 'cancelled' && filing.status !== 'rejected' && filing.referral?.treatingHospitalName)
    ?.referral?.treatingHospitalName
  const care = form.care
  const askHospital = Boolean(referralHospital) && care === 'inpatient'

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
    const checked = checkForm(form, { policy: askPolicy, hospital: askHospital }, today)
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
      // The first message per field the form has (lib/issues); an issue of no field is said below.
      const fieldErrors: Errors = firstMessages((reply.error.issues ?? []).filter((found) => normalisePath(found.path)), (path) => normalisePath(path)!)
      if (Object.keys(fieldErrors).length > 0) {
        setErrors(fieldErrors)
        setResult({ status: 'idle' })
        scrollTo(`#${anchor(firstField(fieldErrors))}`)
      } else {
        setResult({ status: 'failed', message: reply.error.message })
      }
      return
    }
    const answer = reply.data
    let filing: FilingView | null = null
    if (answer.verdict === 'direct' && answer.filingId) {
      const id = answer.filingId
      filing = filings.find((item) => item.id === id) ?? null
      if (!filing) {
        const got = await callApi<FilingView>('filing', 'get', { id })
        filing = got.ok ? got.data : null
      }
    }
    const planned = form.discharged === 'no' && Boolean(checked.payload.dischargeDate)
    setResult({ status: 'answered', view: describeAnswer(answer, filing), asked: checked.payload, planned })
    scrollTo('#coverage-answer')
  }

  const earliest = addMonths(today, -36)
  const latest = addMonths(today, 12)
  const words = care ? VISIT_WORDS[care] : null

  return (
    <Screen className='cv'>
      <BackLink id='coverage-back' />
      <Text className='screen__title'>住院能直接结算吗？</Text>
      <Text className='screen__lead'>告诉我们这次是住院、看门诊还是买药，在哪里，马上告诉您能不能直接结算，不能的话该怎么办。</Text>

      <View id={anchor('care')}>
        <ChoiceList
          question='这次是住院、看门诊，还是买药？'
          options={CARE_KINDS.map((kind) => ({ value: kind, title: CARE_KIND_LABELS[kind], description: CARE_DESCRIPTIONS[kind] }))}
          value={care}
          error={errors.care}
          // The date's message names the kind of care, so it goes with it.
          onChange={(chosen) => change({ care: chosen }, ['care', 'admissionDate'])}
        />
      </View>

      {words ? (
        <View>
          <View id={anchor('admissionDate')}>
            <DateField
              id='admission-date'
              label={words.date}
              hint={words.dateHint}
              value={form.admissionDate}
              start={earliest}
              end={latest}
              today={today}
              error={errors.admissionDate}
              onChange={(admissionDate) => change({ admissionDate }, ['admissionDate', 'dischargeDate'])}
            />
          </View>

          {care === 'inpatient' ? (
            <View>
              <View id={anchor('discharged')}>
                <ChoiceList
                  question='出院了吗？'
                  options={[
                    { value: 'no', title: '还没出院', description: '正在住院，或者还没住院' },
                    { value: 'yes', title: '已经出院', description: '接着选出院的日子' },
                  ]}
                  value={form.discharged}
                  error={errors.discharged}
                  onChange={(discharged) => change({ discharged }, ['discharged', 'dischargeDate', 'plannedDischargeDate'])}
                />
              </View>

              {form.discharged === 'yes' ? (
                <View id={anchor('dischargeDate')}>
                  <DateField
                    id='discharge-date'
                    label='哪天出院？'
                    value={form.dischargeDate}
                    start={form.admissionDate ?? earliest}
                    end={latest}
                    today={today}
                    error={errors.dischargeDate}
                    onChange={(dischargeDate) => change({ dischargeDate }, ['dischargeDate'])}
                  />
                </View>
              ) : null}

              {form.discharged === 'no' ? (
                <View id={anchor('plannedDischargeDate')}>
                  <DateField
                    id='planned-discharge-date'
                    label='预计哪天出院？（选填）'
                    hint='知道的话选上：住院跨年、出院时备案已到期等情况，我们一并告诉您怎么结算'
                    value={form.plannedDischargeDate}
                    start={form.admissionDate && form.admissionDate > today ? form.admissionDate : today}
                    end={latest}
                    today={today}
                    error={errors.plannedDischargeDate}
                    onChange={(plannedDischargeDate) => change({ plannedDischargeDate }, ['plannedDischargeDate'])}
                  />
                </View>
              ) : null}

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
            </View>
          ) : null}

          <View id={anchor('destination.provinceCode')} className='cv-question'>
            <Text className='cv-question__title'>{words.place}</Text>
            <Text className='cv-question__hint'>先选省份，再选城市。北京、天津、上海、重庆、海南、西藏和新疆生产建设兵团只选省份。</Text>
            <View id={anchor('destination.cityCode')}>
              <RegionSelect
                name='stay'
                value={form.destination}
                provinceLabel='省份'
                cityLabel='城市'
                provinceError={errors['destination.provinceCode']}
                cityError={errors['destination.cityCode']}
                onChange={(destination: RegionValue) => change({ destination }, ['destination.provinceCode', 'destination.cityCode'])}
              />
            </View>
          </View>

          {askHospital ? (
            <View id={anchor('hospitalName')}>
              <Field
                label='在哪家医院住院？'
                hint={`您的转诊备案只对应${referralHospital}。填上这次住院的医院，我们帮您核对。`}
                optional
                name='hospitalName'
                maxlength={50}
                value={form.hospitalName}
                error={errors.hospitalName}
                onInput={(hospitalName) => change({ hospitalName }, ['hospitalName'])}
              />
            </View>
          ) : null}

          {askPolicy ? (
            <View>
              <View id={anchor('policyId')}>
                <ChoiceList
                  question='您在哪里参加医保？'
                  hint='您还没有备案。各地规定不一样，我们按您参保地的规定来判断。'
                  options={profiles.map((profile) => ({ value: profile.id, title: profile.name }))}
                  value={form.policyId}
                  error={errors.policyId}
                  onChange={(policyId) => change({ policyId }, ['policyId', 'insuredRegionCode'])}
                />
              </View>
              {asksInsuredCity(form.policyId) ? (
                <View id={anchor('insuredRegionCode')} className='cv-question'>
                  <Text className='cv-question__title'>您在哪个城市参加医保？</Text>
                  <Text className='cv-question__hint'>先选省份，再选城市。北京、天津、上海、重庆、海南、西藏和新疆生产建设兵团只选省份。</Text>
                  <RegionSelect
                    name='insured'
                    value={form.insuredRegion}
                    provinceLabel='参保省份'
                    cityLabel='参保城市'
                    // One message for the place: under the province until one is chosen, then under the city.
                    provinceError={form.insuredRegion.provinceCode ? null : errors.insuredRegionCode}
                    cityError={form.insuredRegion.provinceCode ? errors.insuredRegionCode : null}
                    onChange={(insuredRegion: RegionValue) => change({ insuredRegion }, ['insuredRegionCode'])}
                  />
                </View>
              ) : null}
            </View>
          ) : null}
          {judgedBy ? <Text className='cv-judged'>按您参保地（{judgedBy}）的规定判断。</Text> : null}
        </View>
      ) : null}

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
          <Answer view={result.view} asked={result.asked} planned={result.planned} />
          {result.view.fileNow ? (
            <Button id='coverage-file-now' onClick={() => Taro.navigateTo({ url: '/pages/file/index' })}>
              现在办理备案
            </Button>
          ) : null}
          {result.view.fix ? (
            <FixFiling fix={result.view.fix} />
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
          <GuideNotes id='coverage-notes' title='您可能还需要知道' notes={result.view.notes} />
        </View>
      ) : null}
    </Screen>
  )
}

/** A filing that starts after the admission: move its start (before it starts), or cancel it and file again. */
function FixFiling({ fix }: { fix: NonNullable<AnswerView['fix']> }) {
  const id = encodeURIComponent(fix.filingId)
  return (
    <View id='coverage-fix'>
      {fix.changeStart ? (
        <Button id='coverage-change-start' onClick={() => Taro.navigateTo({ url: `/pages/filing/change?id=${id}&target=startDate` })}>
          变更开始日期
        </Button>
      ) : null}
      <Button variant='secondary' id='coverage-cancel-filing' onClick={() => Taro.navigateTo({ url: `/pages/filing/cancel?id=${id}` })}>
        取消这份备案，重新办理
      </Button>
    </View>
  )
}

/** A field's element id (no dots: they would read as classes in a selector). */
function anchor(path: FieldPath): string {
  return `cv-${path.replace('.', '-')}`
}

function firstField(errors: Errors): FieldPath {
  return FIELDS.find((path) => errors[path]) ?? 'care'
}

function scrollTo(selector: string) {
  // After the render that shows it.
  setTimeout(() => {
    Taro.pageScrollTo({ selector, duration: 200 }).catch(() => undefined)
  }, 50)
}
