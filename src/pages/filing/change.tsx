// 变更备案: one question per screen — what to change → (when a lock holds and the profile lifts it
// for named circumstances) which circumstance → the new value → the proof the rule needs → the
// reason, checked before submitting. Submits with the `version` it read: LOCKED shows the day it
// opens and what the person can do now; CONFLICT reloads the filing and asks to confirm again;
// VALIDATION issues go under their fields, with everything typed kept. The browser's or phone's
// back is 上一步 while there is a step to go back to (lib/step-back); the form lives in this page's
// state, so it stays while the person goes back and forth. The screens are ./change-steps, the ends
// ./change-outcomes.
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Button } from '../../components/Button'
import { ChoiceList } from '../../components/ChoiceList'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { Screen } from '../../components/Screen'
import { Steps } from '../../components/Steps'
import { changeAvailability } from '../../lib/availability'
import type { FilingDetail } from '../../lib/filing-view'
import { useStepBack } from '../../lib/step-back'
import { MATERIALS, type MaterialKind } from '../../rules'
import { uploadProof } from '../../services/api'
import { useAction, type ActionFailure } from '../../services/use-action'
import {
  NO_EXCEPTION,
  checkAll,
  checkStep,
  messagesOf,
  newChangeForm,
  nextStep,
  placeIssues,
  previousStep,
  requiredProof,
  stepTitle,
  stepsFor,
  targetOptions,
  toChangePayload,
  type ChangeForm,
  type ChangeStep,
} from './change-flow'
import { Conflict, Done, Locked } from './change-outcomes'
import { ExceptionStep, ReasonStep, ValueStep } from './change-steps'
import { BackLink, LoadingScreen, ProofUpload, backToDetail, scrollToTop } from './parts'
import { useFiling, useFilingId } from './use-filing'
import '../file/index.scss'
import './filing.scss'

/** A refusal shown above the step (VALIDATION goes under the fields instead). */
type Outcome = Exclude<ActionFailure, { kind: 'invalid' }>


export default function ChangePage() {
  const id = useFilingId()
  const { filing, failure, reload } = useFiling(id)
  const action = useAction('filing', { reload })
  const [form, setForm] = useState<ChangeForm | null>(null)
  const [step, setStep] = useState<ChangeStep>('what')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [outcome, setOutcome] = useState<Outcome | null>(null)
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

  if (!filing || !form) return <LoadingScreen title='变更备案' className='fd fd-flow' id={id} failure={failure} onRetry={() => void reload()} />

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
    if (action.busy) return
    const local = checkAll(filing, form)
    if (local) return show(local.step, messagesOf(local.issues))
    setOutcome(null)
    const result = await action.send<FilingDetail>('change', toChangePayload(filing, form))
    if (!result) return
    if (result.ok) {
      setDone(result.reloaded ?? { ...result.data, history: filing.history })
      return scrollToTop()
    }
    const { failure } = result
    if (failure.kind === 'invalid') {
      const placed = placeIssues(filing, form, failure.issues)
      return show(placed.step, placed.errors)
    }
    setOutcome(failure)
    if (failure.kind === 'conflict') show('reason')
    else scrollToTop()
  }

  const general = errors['']
  // After LOCKED only the lock and what to do now are shown: nothing of the flow to press again.
  const showStep = (which: ChangeStep) => step === which && outcome?.kind !== 'locked'

  return (
    <Screen className='fd fd-flow'>
      {stepBack.guard}
      <BackLink label={index === 1 ? '返回备案详情' : '上一步'} onClick={onBack} />
      {/* No total: the steps that apply depend on the answers (issue 16). */}
      <Steps current={index} title={stepTitle(filing, form, step)} />

      {outcome?.kind === 'conflict' ? <Conflict filing={filing} /> : null}
      {outcome?.kind === 'locked' ? <Locked outcome={outcome} filing={filing} onContact={chooseAgain} onLeave={toDetail} /> : null}
      {outcome && outcome.kind !== 'conflict' && outcome.kind !== 'locked' ? (
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
            {requiredProof(filing, form).map((kind) => (
              <ProofUpload key={kind} id={`proof-${kind}`} title={MATERIALS[kind].label} note={null} file={form.materials[kind]} busy={uploading === kind} onUpload={() => void upload(kind)} />
            ))}
          </Field>
        </View>
      ) : null}

      {showStep('reason') ? <ReasonStep filing={filing} form={form} errors={errors} update={update} /> : null}

      {outcome?.kind === 'locked' ? null : step === 'reason' ? (
        <Button onClick={() => void submit()} loading={action.busy} loadingText='正在提交…' id='change-submit'>
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
