// 变更备案: one question per screen — what to change → (when a lock holds and the profile lifts it
// for named circumstances) which circumstance → the new value → the proof the rule needs → the
// reason, checked before submitting. Submits with the `version` it read: LOCKED shows the day it
// opens and what the person can do now; CONFLICT reloads the filing and asks to confirm again;
// VALIDATION issues go under their fields, with everything typed kept. The browser's or phone's
// back is 上一步 while there is a step to go back to (lib/step-back); the form lives in this page's
// state, so it stays while the person goes back and forth.
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { InputProps } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { Button } from '../../components/Button'
import { ChoiceList } from '../../components/ChoiceList'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { Screen } from '../../components/Screen'
import { Steps } from '../../components/Steps'
import { useStepBack } from '../../lib/step-back'
import { MATERIALS, filedRuleOf, formatChineseDate, shanghaiDate, startWindow, validUntil, type FieldIssue, type MaterialKind } from '../../rules'
import { callApi, uploadProof } from '../../services/api'
import { DateBox } from '../file/parts/DateBox'
import { RegionSelect } from '../file/parts/RegionSelect'
import {
  INSURANCE_CHOICES,
  NO_EXCEPTION,
  STEP_TITLES,
  TARGET_TITLES,
  changeReviewNote,
  changeSummary,
  checkAll,
  checkStep,
  fieldOfPath,
  lockedWords,
  newChangeForm,
  nextStep,
  placeIssues,
  previousStep,
  requiredProof,
  stepsFor,
  targetOptions,
  toChangePayload,
  type ChangeForm,
  type ChangeStep,
} from './change-flow'
import { changeAvailability, pendingChangeWords, timelineEntries, type FilingDetail } from './model'
import { BackLink, DoneActions, LoadState, ReasonField, backToDetail, scrollToTop } from './parts'
import { useFiling, useFilingId } from './use-filing'
import '../file/index.scss'
import './filing.scss'

type Outcome =
  | { kind: 'locked'; allowedFrom?: string; message: string }
  | { kind: 'conflict' }
  | { kind: 'failed'; message: string }

/** weapp: the number pad; H5: `tel` (as the wizard: a browser's type=number drops spaces and maxlength). */
const PHONE_INPUT = (process.env.TARO_ENV === 'h5' ? 'tel' : 'number') as InputProps['type']

const CONFLICT_MESSAGE = '这份备案刚刚有了更新，已为您重新载入，请再确认一次。'

function messagesOf(issues: readonly FieldIssue[]): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const found of issues) errors[fieldOfPath(found.path)] ??= found.message
  return errors
}

export default function ChangePage() {
  const id = useFilingId()
  const { filing, failure, reload } = useFiling(id)
  const [form, setForm] = useState<ChangeForm | null>(null)
  const [step, setStep] = useState<ChangeStep>('what')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [uploading, setUploading] = useState<MaterialKind | null>(null)
  const [done, setDone] = useState<FilingDetail | null>(null)

  // Opened for one thing (?target=startDate, from 住院能直接结算吗？): straight to its value, when on offer.
  const target = useRouter().params.target
  useEffect(() => {
    if (!filing || form) return
    const fresh = newChangeForm(filing, target)
    setForm(fresh)
    if (fresh.target) setStep(nextStep(filing, fresh, 'what'))
  }, [filing, form, target])

  const show = (to: ChangeStep, nextErrors: Record<string, string> = {}) => {
    setStep(to)
    setErrors(nextErrors)
    scrollToTop()
  }

  const backTo = filing && form && !done ? previousStep(filing, form, step) : null
  const onBack = () => {
    setOutcome(null)
    if (backTo) show(backTo)
    else stepBack.leave(() => backToDetail(id))
  }
  const stepBack = useStepBack(backTo !== null, onBack)
  const toDetail = () => stepBack.leave(() => backToDetail(id))

  if (!filing || !form) {
    return (
      <Screen className='fd fd-flow'>
        <Text className='screen__title'>变更备案</Text>
        <LoadState id={id} failure={failure} onRetry={() => void reload()} />
      </Screen>
    )
  }

  if (done) return <Done filing={done} form={form} before={filing} />

  const availability = changeAvailability(filing)
  if (!availability.contactOpen) {
    return (
      <Screen className='fd fd-flow'>
        <Text className='screen__title'>变更备案</Text>
        <Notice kind='warn' title={availability.headline}>
          {availability.message ?? '这份备案现在不能变更。'}
        </Notice>
        <Button onClick={() => backToDetail(filing.id)}>返回备案详情</Button>
      </Screen>
    )
  }

  const steps = stepsFor(filing, form)
  const index = steps.indexOf(step) + 1

  const update = (change: Partial<ChangeForm>) => setForm((previous) => (previous ? { ...previous, ...change } : previous))

  const onContinue = () => {
    const issues = checkStep(filing, form, step)
    if (issues.length > 0) {
      setErrors(messagesOf(issues))
      return
    }
    setOutcome(null)
    show(nextStep(filing, form, step))
  }

  /** From a lock: back to the first question, to change the phone or address instead. */
  const chooseAgain = () => {
    setOutcome(null)
    update({ target: null, exception: null, materials: {} })
    show('what')
  }

  const upload = async (kind: MaterialKind) => {
    if (uploading) return
    setUploading(kind)
    const reply = await uploadProof()
    setUploading(null)
    if (!reply) return
    if (!reply.ok) {
      setErrors({ materials: reply.error.message })
      return
    }
    setErrors({})
    setForm((previous) => (previous ? { ...previous, materials: { ...previous.materials, [kind]: { fileId: reply.data.fileId, name: reply.data.name } } } : previous))
  }

  const submit = async () => {
    if (submitting) return
    const local = checkAll(filing, form)
    if (local) return show(local.step, messagesOf(local.issues))
    setSubmitting(true)
    setOutcome(null)
    const reply = await callApi<FilingDetail>('filing', 'change', toChangePayload(filing, form))
    if (reply.ok) {
      const fresh = await reload()
      setSubmitting(false)
      setDone(fresh ?? { ...reply.data, history: filing.history })
      scrollToTop()
      return
    }
    const { error } = reply
    if (error.code === 'VALIDATION' && error.issues?.length) {
      setSubmitting(false)
      const placed = placeIssues(filing, form, error.issues)
      return show(placed.step, placed.errors)
    }
    if (error.code === 'CONFLICT') {
      await reload()
      setSubmitting(false)
      setOutcome({ kind: 'conflict' })
      return show('reason')
    }
    if (error.code === 'LOCKED') {
      await reload()
      setSubmitting(false)
      setOutcome({ kind: 'locked', allowedFrom: error.allowedFrom, message: error.message })
      scrollToTop()
      return
    }
    setSubmitting(false)
    setOutcome({ kind: 'failed', message: error.message })
  }

  const general = errors['']
  // After LOCKED only the lock and what to do now are shown: nothing of the flow to press again.
  const showStep = (which: ChangeStep) => step === which && outcome?.kind !== 'locked'

  return (
    <Screen className='fd fd-flow'>
      {stepBack.guard}
      <BackLink label={index === 1 ? '返回备案详情' : '上一步'} onClick={onBack} />
      {/* No total: the steps that apply depend on the answers (issue 16). */}
      <Steps current={index} title={STEP_TITLES[step]} />

      {outcome?.kind === 'conflict' ? <Conflict filing={filing} /> : null}
      {outcome?.kind === 'locked' ? <Locked outcome={outcome} filing={filing} onContact={chooseAgain} onLeave={toDetail} /> : null}
      {outcome?.kind === 'failed' ? (
        <Notice kind='warn' title='没有提交成功' className='fd-outcome'>
          {outcome.message}
        </Notice>
      ) : null}
      {general ? (
        <Notice kind='warn' title='请修改后再提交' className='fd-outcome'>
          {general}
        </Notice>
      ) : null}

      {showStep('what') ? (
        <ChoiceList
          question='您要变更什么？'
          hint='一次变更一项。需要改多项的，办好一项后再办下一项。'
          options={targetOptions(filing)}
          value={form.target}
          error={errors.target}
          onChange={(target) => {
            update({ target, exception: target === form.target ? form.exception : null, materials: target === form.target ? form.materials : {} })
            setErrors({})
          }}
        />
      ) : null}

      {showStep('exception') ? (
        <ExceptionStep
          filing={filing}
          form={form}
          errors={errors}
          onContact={chooseAgain}
          onLeave={toDetail}
          update={(change) => {
            update(change)
            setErrors({})
          }}
        />
      ) : null}

      {showStep('value') ? <ValueStep filing={filing} form={form} errors={errors} update={update} setErrors={setErrors} /> : null}

      {showStep('proof') ? (
        <View>
          <Text className='screen__title'>请上传证明材料</Text>
          <Text className='screen__lead'>拍照或选择 PDF 文件都可以。材料只给医保经办机构查看。</Text>
          <Field label='需要的材料' error={errors.materials}>
            {requiredProof(filing, form).map((kind) => {
              const file = form.materials[kind]
              return (
                <View className={`fd-upload${file ? ' fd-upload--done' : ''}`} key={kind} id={`proof-${kind}`}>
                  <Text className='fd-upload__title'>{MATERIALS[kind].label}</Text>
                  {file ? <Text className='fd-upload__file'>已上传：{file.name}</Text> : null}
                  <Button variant='secondary' loading={uploading === kind} loadingText='正在上传…' onClick={() => void upload(kind)}>
                    {file ? '重新上传' : '上传照片或 PDF'}
                  </Button>
                </View>
              )
            })}
          </Field>
        </View>
      ) : null}

      {showStep('reason') ? <ReasonStep filing={filing} form={form} errors={errors} update={update} /> : null}

      {outcome?.kind === 'locked' ? null : step === 'reason' ? (
        <Button onClick={() => void submit()} loading={submitting} loadingText='正在提交…' id='change-submit'>
          提交变更
        </Button>
      ) : step === 'exception' && form.exception === NO_EXCEPTION ? null : (
        <Button onClick={onContinue} id='change-continue'>
          继续
        </Button>
      )}
      {/* After a lock (or "以上都不是") its own 返回备案详情 is the way out: one, not two. */}
      {outcome?.kind === 'locked' || (step === 'exception' && form.exception === NO_EXCEPTION) ? null : (
        <View className='link fd-home' onClick={toDetail} id='change-leave'>
          <Text>不变更了，返回备案详情</Text>
        </View>
      )}
    </Screen>
  )
}

interface StepProps {
  filing: FilingDetail
  form: ChangeForm
  errors: Record<string, string>
  update: (change: Partial<ChangeForm>) => void
}

function ExceptionStep({ filing, form, errors, update, onContact, onLeave }: StepProps & { onContact: () => void; onLeave: () => void }) {
  const availability = changeAvailability(filing)
  const options = [
    ...availability.exceptions.map((exception) => ({ value: exception.code, title: exception.label, description: `需要上传：${exception.proof.join('；')}` })),
    { value: NO_EXCEPTION, title: '以上都不是', description: notExceptionWords(availability.opensOn) },
  ]
  return (
    <View>
      <Text className='screen__title'>您属于下面哪种情形？</Text>
      <Notice kind='info' title={availability.headline}>
        在那以前，只有下面这些情形可以现在变更，需要上传证明材料。
      </Notice>
      <ChoiceList
        question={`变更${TARGET_TITLES[form.target ?? 'destination']}的原因`}
        options={options}
        value={form.exception}
        error={form.exception === NO_EXCEPTION ? null : errors.exception}
        onChange={(exception) => update({ exception, materials: {} })}
      />
      {form.exception === NO_EXCEPTION ? (
        <Locked outcome={{ allowedFrom: availability.opensOn ?? undefined, message: availability.message ?? '' }} filing={filing} onContact={onContact} onLeave={onLeave} quiet />
      ) : null}
    </View>
  )
}

/** "以上都不是": from when the ordinary change opens, said plainly. */
function notExceptionWords(opensOn: string | null): string {
  return opensOn ? `要等到${formatChineseDate(opensOn)}才能变更` : '现在不能变更'
}

function ValueStep({ filing, form, errors, update, setErrors }: StepProps & { setErrors: (errors: Record<string, string>) => void }) {
  switch (form.target) {
    case 'destination':
      return (
        <View>
          <Text className='screen__title'>新的就医地是哪里？</Text>
          <Text className='screen__lead'>现在的就医地：{filing.destination.name}。先选省份，再选城市。</Text>
          <RegionSelect
            name='change-destination'
            value={form.destination}
            provinceLabel='就医省份'
            cityLabel='就医城市'
            provinceError={errors['patch.destination.provinceCode'] ?? errors['patch.destination']}
            cityError={errors['patch.destination.cityCode']}
            onChange={(destination) => {
              update({ destination })
              setErrors({})
            }}
          />
        </View>
      )
    case 'phone':
      return (
        <View>
          <Text className='screen__title'>新的联系电话</Text>
          <Text className='screen__lead'>办理进度有变化时，经办机构会打这个电话联系您。</Text>
          <Field
            label='手机号码'
            hint={`现在的号码：${filing.applicant.phone}`}
            type={PHONE_INPUT}
            name='phone'
            maxlength={20}
            value={form.phone}
            error={errors['patch.phone']}
            onInput={(phone) => update({ phone })}
          />
        </View>
      )
    case 'address':
      return (
        <View>
          <Text className='screen__title'>新的联系地址</Text>
          <Text className='screen__lead'>写您在就医地的住址就可以，最多100个字。</Text>
          <Field
            label='联系地址'
            optional
            hint={`现在的地址：${filing.applicant.address || '未填写'}`}
            name='address'
            maxlength={100}
            value={form.address}
            error={errors['patch.address']}
            onInput={(address) => update({ address })}
          />
        </View>
      )
    case 'startDate':
      return <StartDateValue filing={filing} form={form} errors={errors} update={update} />
    case 'insuranceType':
      return (
        <ChoiceList
          question='您现在参加的是哪种医疗保险？'
          options={INSURANCE_CHOICES}
          value={form.insuranceType}
          error={errors['patch.insuranceType']}
          onChange={(insuranceType) => update({ insuranceType })}
        />
      )
    default:
      return null
  }
}

/** A new start date, from the window the rules allow today (补办 back, a bounded time ahead). */
function StartDateValue({ filing, form, errors, update }: StepProps) {
  const rule = filedRuleOf(filing)
  const today = shanghaiDate(new Date())
  if (!rule) return null
  const window = startWindow(rule, today)
  const chosen = form.startDate
  const end = chosen ? validUntil(rule.validity, chosen) : null
  return (
    <View>
      <Text className='screen__title'>新的开始日期</Text>
      <Text className='screen__lead'>
        现在的开始日期：{formatChineseDate(filing.startDate)}。备案生效前可以改。{window.description}
      </Text>
      <Field label='开始日期' hint='点下面的日期框选择' error={errors['patch.startDate']}>
        <DateBox
          id='change-start-date'
          value={chosen}
          today={today}
          start={window.earliest}
          end={window.latest}
          error={errors['patch.startDate']}
          onChange={(startDate) => update({ startDate })}
        />
      </Field>
      {chosen ? (
        <Notice className='fw-gap' title='变更后的有效期'>
          {end ? `${formatChineseDate(chosen)}至${formatChineseDate(end)}` : `自${formatChineseDate(chosen)}起${rule.validity.kind === 'single_settlement' ? '有效，一次住院结算有效' : '长期有效'}`}
        </Notice>
      ) : null}
    </View>
  )
}

function ReasonStep({ filing, form, errors, update }: StepProps) {
  const summary = changeSummary(filing, form)
  const proof = requiredProof(filing, form)
  const review = changeReviewNote(filing, form)
  return (
    <View>
      <Text className='screen__title'>请核对，并写明原因</Text>
      {review ? (
        <Notice kind='info' title='变更需要审核'>
          <Text className='notice__text' id='change-review-note'>
            {review}
          </Text>
        </Notice>
      ) : null}
      {summary ? (
        <View className='card fd-summary' id='change-summary'>
          <View className='fd-summary__row'>
            <Text className='fd-summary__label'>{summary.label}（原来）</Text>
            <Text className='fd-summary__before'>{summary.before}</Text>
          </View>
          <View className='fd-summary__row'>
            <Text className='fd-summary__label'>{summary.label}（变更为）</Text>
            <Text className='fd-summary__after'>{summary.after}</Text>
          </View>
          {proof.map((kind) => (
            <View className='fd-summary__row' key={kind}>
              <Text className='fd-summary__label'>证明材料</Text>
              <Text className='fd-fact__value'>
                {MATERIALS[kind].label}：{form.materials[kind]?.name ?? '未上传'}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
      <ReasonField
        label='变更原因'
        hint='用一两句话说明为什么要变更，例如“搬到女儿家住”。'
        value={form.reason}
        error={errors.reason}
        onInput={(reason) => update({ reason })}
      />
    </View>
  )
}

/** CONFLICT: the filing was reloaded; say so, and what the latest change to it was. */
function Conflict({ filing }: { filing: FilingDetail }) {
  const latest = timelineEntries(filing.history ?? [])[0]
  return (
    <Notice kind='warn' title='请再确认一次' className='fd-outcome'>
      <Text className='notice__text'>{CONFLICT_MESSAGE}</Text>
      {latest ? (
        <Text className='notice__text'>
          最近的一次办理：{latest.label}（{latest.when}）{latest.details.length > 0 ? `，${latest.details.join('；')}` : ''}。
        </Text>
      ) : null}
    </Notice>
  )
}

function Locked({
  outcome,
  filing,
  onContact,
  onLeave,
  quiet,
}: {
  outcome: { allowedFrom?: string; message: string }
  filing: FilingDetail
  onContact: () => void
  /** Back to the detail (the flow's step-back guard comes down first). */
  onLeave: () => void
  quiet?: boolean
}) {
  const words = lockedWords(outcome.allowedFrom, outcome.message, filing)
  return (
    <View className='fd-outcome' id='change-locked'>
      <Notice kind='warn' title={words.title}>
        {quiet ? null : <Text className='notice__text'>{words.message}</Text>}
        <Text className='notice__text'>本次没有做任何变更。</Text>
      </Notice>
      <Text className='section__title'>现在您可以：</Text>
      <View className='fd-list'>
        {words.now.map((line) => (
          <Text className='fd-list__item' key={line}>
            · {line}
          </Text>
        ))}
      </View>
      <Button variant='secondary' onClick={onContact}>
        修改联系电话或地址
      </Button>
      <Button variant='secondary' onClick={onLeave}>
        返回备案详情
      </Button>
    </View>
  )
}

/** A change sent to staff review: what waits, and that the old terms hold until it is approved. */
function Submitted({ filing }: { filing: FilingDetail }) {
  const pending = pendingChangeWords(filing)
  return (
    <Screen className='fd fd-flow'>
      <View className='fd-done' id='change-done'>
        <Text className='fd-done__title'>变更申请已提交，等待审核</Text>
        {pending ? (
          <Text className='fd-done__text' id='change-pending'>
            {pending.headline}。
          </Text>
        ) : null}
        <Text className='fd-done__text'>审核结果会显示在备案详情和首页；审核通过后，新的内容才生效。</Text>
      </View>
      <DoneActions filingId={filing.id} flow='change' />
    </Screen>
  )
}

function Done({ filing, form, before }: { filing: FilingDetail; form: ChangeForm; before: FilingDetail }) {
  const summary = changeSummary(before, form)
  const next = changeAvailability(filing)
  if (filing.pendingChange && !before.pendingChange) return <Submitted filing={filing} />
  return (
    <Screen className='fd fd-flow'>
      <View className='fd-done' id='change-done'>
        <Text className='fd-done__title'>变更已办好</Text>
        {summary ? (
          <Text className='fd-done__text'>
            {summary.label}已改为：{summary.after}
          </Text>
        ) : null}
        {form.target === 'destination' ? (
          <Text className='fd-done__text'>以后在{filing.destination.name}的联网定点医院住院，出院时可以直接结算。</Text>
        ) : null}
        {form.target === 'startDate' ? (
          <Text className='fd-done__text' id='change-done-start'>
            {filing.startDate > shanghaiDate(new Date())
              ? `备案${formatChineseDate(filing.startDate)}起生效。`
              : `备案已经生效：${formatChineseDate(filing.startDate)}以后入院的，在${filing.destination.name}的联网定点医院可以直接结算。`}
          </Text>
        ) : null}
      </View>
      {!next.can && next.opensOn && (form.target === 'destination' || form.target === 'insuranceType') ? (
        <Notice kind='info' title={`下次变更：${next.headline}`}>
          {next.message ?? ''}
        </Notice>
      ) : null}
      <DoneActions filingId={filing.id} flow='change' />
    </Screen>
  )
}
