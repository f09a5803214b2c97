// 办理备案: the filing wizard, one question per step (GOV.UK style), on one page whose step is part
// of the draft. One page rather than a page per step: WeChat keeps at most 10 pages on its stack, the
// check page's 修改 links would pile pages up, and every step reads and writes the same draft. Back
// is the in-page "上一步" link, and the browser's or phone's own back does the same (lib/step-back);
// leaving is harmless: the draft, its step included, is in storage and resumes.
// Filing needs 实名认证 first: an unverified person is sent to it (pages/verify, which brings them
// back here), and so is one the server answers UNVERIFIED; the draft waits in storage meanwhile.
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { groupOf, holdsLongTermFiling, isOpenLongTermFiling, shanghaiDate } from '../../rules'
import { callApi } from '../../services/api'
import { backOr, redirect, relaunch } from '../../services/navigation'
import { useAction } from '../../services/use-action'
import { askForExpiryReminder } from '../../services/reminder-subscription'
import { Button } from '../../components/Button'
import { firstMessages } from '../../lib/issues'
import { useStepBack } from '../../lib/step-back'
import { Notice } from '../../components/Notice'
import { PrivacyGate } from '../../components/PrivacyGate'
import { Screen } from '../../components/Screen'
import { Steps } from '../../components/Steps'
import { verifyUrl, type IdentityView, type VerifiedIdentity } from '../verify/model'
import { profileOf } from '../../lib/filing-view'
import { applicantFilings, draftFrom, newDraft, type Draft, type PersonContext, type StepId } from './draft'
import { chosenRuleOf, toSubmitPayload } from './payload'
import { checkAll, checkStep, issuesByStep, nextStep, previousStep, progress, resumeStep, stepTitle, stepsFor } from './flow'
import { clearDraft, loadDraft, saveDraft, saveLastResult } from './storage'
import type { StepProps } from './types'
import type { FilingView } from './views'
import { CategoryStep } from './steps/CategoryStep'
import { DestinationStep } from './steps/DestinationStep'
import { PersonStep } from './steps/PersonStep'
import { PolicyStep } from './steps/PolicyStep'
import { ProofStep } from './steps/ProofStep'
import { ReferralStep } from './steps/ReferralStep'
import { ReviewStep } from './steps/ReviewStep'
import { StartDateStep } from './steps/StartDateStep'
import { AgentStep } from './steps/AgentStep'
import { WhoStep } from './steps/WhoStep'
import './index.scss'

const STEP_VIEWS: Record<Exclude<StepId, 'review'>, (props: StepProps) => JSX.Element> = {
  who: WhoStep,
  policy: PolicyStep,
  category: CategoryStep,
  destination: DestinationStep,
  startDate: StartDateStep,
  person: PersonStep,
  agent: AgentStep,
  proof: ProofStep,
  referral: ReferralStep,
}

/** Steps that collect personal data: WeChat's privacy authorization and the reasons come first. */
const PERSONAL_STEPS: StepId[] = ['person', 'agent', 'proof']

/** Anything answered yet: only then is "已为您保留上次填写的内容" worth saying. */
function hasAnswers(draft: Draft): boolean {
  return draft.forWhom !== null || draft.policyId !== null || (draft.step !== 'who' && draft.step !== 'policy')
}

/** 实名认证, then back to this wizard (opened from an earlier filing: from it again). */
function sendToVerify(from: string | undefined) {
  redirect(verifyUrl(from ? `/pages/file/index?from=${from}` : '/pages/file/index'))
}

type IdentityState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'done'; identity: IdentityView }

function scrollToTop() {
  Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
}

function leaveWizard() {
  backOr({ relaunch: '/pages/index/index' })
}

export default function FileWizard() {
  const [draft, setDraft] = useState<Draft>(() => {
    const stored = loadDraft()
    return stored ? { ...stored, step: resumeStep(stored, { today: shanghaiDate(new Date()) }) } : newDraft()
  })
  const [resumed, setResumed] = useState(() => hasAnswers(draft))
  /** The earlier filing this draft was filled from (`?from=<id>`: 办理续转诊, 重新办理备案). */
  const [filledFrom, setFilledFrom] = useState<string | null>(null)
  const from = useRouter().params.from
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [mine, setMine] = useState<FilingView[]>([])
  const [asking, setAsking] = useState(false)
  const action = useAction('filing')
  const submitting = asking || action.busy
  const [submitError, setSubmitError] = useState<{ code: string; message: string } | null>(null)
  const [today, setToday] = useState(() => shanghaiDate(new Date()))
  const [identityState, setIdentityState] = useState<IdentityState>({ status: 'loading' })

  const readIdentity = useCallback(async () => {
    const reply = await callApi<IdentityView>('filing', 'identity')
    if (!reply.ok) return setIdentityState({ status: 'failed', message: reply.error.message })
    setIdentityState({ status: 'done', identity: reply.data })
    // Not verified yet: 实名认证 first, then back here (the draft waits in storage).
    if (!reply.data.verified) sendToVerify(from)
  }, [from])

  // Back from another app or page on another day: "today" moves on with the clock.
  useDidShow(() => {
    setToday(shanghaiDate(new Date()))
    void readIdentity()
  })

  const identity: VerifiedIdentity | null = identityState.status === 'done' && identityState.identity.verified ? identityState.identity : null
  // Some referral issuers accept only people who already hold a long-term filing (山西): the applicant's.
  const ownFilings = applicantFilings(mine, draft)
  const hasLongTermFiling = holdsLongTermFiling(ownFilings)
  const openLongTermId = ownFilings.find(isOpenLongTermFiling)?.id ?? null
  const context: PersonContext = useMemo(
    () => ({ today, hasLongTermFiling, identity, openLongTermFiling: openLongTermId ? { id: openLongTermId } : null }),
    [today, hasLongTermFiling, identity, openLongTermId],
  )

  // The person's own filings: for the rule above, and to say early that a second long-term filing
  // would be refused. Asked once; the wizard works without them.
  useEffect(() => {
    void callApi<{ filings: FilingView[] }>('filing', 'mine').then((reply) => {
      if (reply.ok) setMine(reply.data.filings)
    })
  }, [])

  // Opened from an earlier filing: fill a new draft with its answers. A half-done draft is only
  // replaced when the person says so.
  useEffect(() => {
    if (!from) return
    const id = decodeURIComponent(from)
    void callApi<FilingView>('filing', 'get', { id }).then(async (reply) => {
      if (!reply.ok) return
      if (hasAnswers(draft)) {
        const { confirm } = await Taro.showModal({
          title: '按原备案重新填写？',
          content: `您还有一份没有填完的备案。选“按原备案”会清空它，按备案${id}的内容重新填写。`,
          confirmText: '按原备案',
          cancelText: '继续填写',
        })
        if (!confirm) return
      }
      const filled = draftFrom(reply.data)
      const next = { ...filled, step: checkAll(filled, context)?.step ?? 'review' }
      saveDraft(next)
      setDraft(next)
      setErrors({})
      setResumed(false)
      setFilledFrom(id)
    })
    // Once, on opening: `draft` and `context` as they were then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [from])

  const update = useCallback((change: (draft: Draft) => Draft) => {
    setDraft((previous) => {
      const next = change(previous)
      saveDraft(next)
      return next
    })
  }, [])

  const setError = useCallback((path: string, message: string | null) => {
    setErrors((previous) => {
      if ((previous[path] ?? null) === message) return previous
      const next = { ...previous }
      if (message === null) delete next[path]
      else next[path] = message
      return next
    })
  }, [])

  const show = useCallback(
    (step: StepId, options: { errors?: Record<string, string>; returnToReview?: boolean } = {}) => {
      update((previous) => ({ ...previous, step, returnToReview: options.returnToReview ?? previous.returnToReview }))
      setErrors(options.errors ?? {})
      setSubmitError(null)
      scrollToTop()
    },
    [update],
  )

  const step = draft.step
  const { index } = progress(draft)
  // A category that needs no filing, or that this 参保地 does not take: its message is the answer.
  const dead = step === 'category' && profileOf(draft) !== undefined && draft.category !== null && chosenRuleOf(draft) === null

  function onContinue() {
    const issues = checkStep(draft, step, context)
    if (issues.length > 0) {
      setErrors(firstMessages(issues))
      scrollToTop()
      return
    }
    const next = nextStep(draft, step, context)
    show(next, { returnToReview: next === 'review' ? false : draft.returnToReview })
    setResumed(false)
  }

  /** Where 上一步 goes: the check page (from its 修改 links), the previous step, or out (null). */
  const backTo = draft.returnToReview && step !== 'review' ? 'review' : previousStep(draft, step)

  function onBack() {
    if (backTo === null) stepBack.leave(leaveWizard)
    else show(backTo, backTo === 'review' ? { returnToReview: false } : {})
  }

  // The browser's or phone's back is 上一步 while there is a step to go back to.
  const stepBack = useStepBack(identity !== null && backTo !== null, onBack)

  function restart() {
    void Taro.showModal({
      title: '重新开始？',
      content: '已填写的内容将被清空，需要从第一步重新填写。',
      confirmText: '重新开始',
      cancelText: '不了',
    }).then(({ confirm }) => {
      if (!confirm) return
      const fresh = newDraft()
      saveDraft(fresh)
      setDraft(fresh)
      setErrors({})
      setSubmitError(null)
      setResumed(false)
      setFilledFrom(null)
      scrollToTop()
    })
  }

  async function submit() {
    if (submitting) return
    const local = checkAll(draft, context)
    if (local) {
      const { byStep, first } = issuesByStep(local.issues, draft)
      const at = first ?? local.step
      return show(at, { errors: firstMessages(byStep[at] ?? local.issues), returnToReview: at !== 'review' })
    }
    setAsking(true)
    setSubmitError(null)
    // A temporary filing ends: ask (weapp, within this tap) for one reminder before that day.
    if (draft.category && groupOf(draft.category) === 'temporary') await askForExpiryReminder()
    setAsking(false)
    // The draft's requestId goes with it: a retry after a network failure returns the same filing.
    const result = await action.send<FilingView>('submit', toSubmitPayload(draft))
    if (!result) return
    if (result.ok) {
      saveLastResult(result.data)
      clearDraft()
      return stepBack.leave(() => redirect(`/pages/file/result?id=${encodeURIComponent(result.data.id)}`))
    }
    const { failure } = result
    // The verification was lost or never made (another device, a reset): 实名认证, then back here.
    if (failure.code === 'UNVERIFIED') return stepBack.leave(() => sendToVerify(undefined))
    if (failure.kind === 'invalid') {
      const { byStep, first } = issuesByStep(failure.issues, draft)
      if (first && first !== 'review') return show(first, { errors: firstMessages(byStep[first] ?? []), returnToReview: true })
    }
    setSubmitError({ code: failure.code, message: failure.message })
  }

  const stepProps: StepProps = { draft, update, errors, setError, context, mine, goTo: (to) => show(to, { returnToReview: true }), leave: stepBack.leave }
  const errorCount = Object.keys(errors).length
  const StepView = step === 'review' ? null : STEP_VIEWS[step]

  const body = (
    <>
      {StepView ? (
        <StepView {...stepProps} />
      ) : (
        <ReviewStep {...stepProps} submitting={submitting} submitError={submitError} onSubmit={submit} />
      )}

      {step !== 'review' ? (
        dead ? (
          <Button variant='secondary' onClick={() => stepBack.leave(() => relaunch('/pages/index/index'))}>
            返回首页
          </Button>
        ) : (
          <Button onClick={onContinue} id='wizard-continue'>
            继续
          </Button>
        )
      ) : null}
    </>
  )

  if (!identity) return <IdentityGate state={identityState} onRetry={() => void readIdentity()} onVerify={() => sendToVerify(from)} />

  return (
    <Screen className='fw'>
      {stepBack.guard}
      <View className='link fw-back' onClick={onBack} id='wizard-back'>
        <Text>‹ {backTo === 'review' ? '返回核对信息' : index === 1 ? '返回' : '上一步'}</Text>
      </View>
      {/* No total: which steps apply depends on the answers (为谁, 人员类别), so a count would change midway. */}
      <Steps current={index} title={stepTitle(draft, step)} />

      {filledFrom ? (
        <Notice title={`已按备案${filledFrom}的内容填好`} className='fw-filled'>
          <Text className='notice__text'>
            请逐项核对。开始日期、证件号码{draft.proofMode === 'commitment' ? '和承诺签名' : ''}需要重新填写。
          </Text>
        </Notice>
      ) : null}

      {resumed ? (
        <Notice title='已为您保留上次填写的内容' className='fw-resumed'>
          <Text className='notice__text'>可以接着办理。想从头填写，请点“重新开始”。</Text>
          <View className='link' onClick={restart} id='wizard-restart-top'>
            <Text>重新开始</Text>
          </View>
        </Notice>
      ) : null}

      {errorCount > 0 ? (
        <Notice kind='warn' title='请修改下面标红的内容' className='fw-error-summary'>
          {Object.values(errors).map((message) => (
            <Text className='notice__text' key={message}>
              {message}
            </Text>
          ))}
        </Notice>
      ) : null}

      {PERSONAL_STEPS.includes(step) ? <PrivacyGate showReasons={step === stepsFor(draft).find((s) => PERSONAL_STEPS.includes(s))}>{body}</PrivacyGate> : body}

      {!resumed && hasAnswers(draft) ? (
        <View className='link fw-restart' onClick={restart} id='wizard-restart'>
          <Text>重新开始</Text>
        </View>
      ) : null}
    </Screen>
  )
}

/** Before the first step: the 实名认证 being read, not readable, or (on the way to it) not done. */
function IdentityGate({ state, onRetry, onVerify }: { state: IdentityState; onRetry: () => void; onVerify: () => void }) {
  return (
    <Screen className='fw'>
      <View className='link fw-back' onClick={leaveWizard} id='wizard-back'>
        <Text>‹ 返回</Text>
      </View>
      <Text className='screen__title'>办理备案</Text>
      {state.status === 'loading' ? <Text className='screen__lead'>正在核对您的实名认证…</Text> : null}
      {state.status === 'failed' ? (
        <>
          <Notice kind='warn' title='没能核对您的实名认证'>
            {state.message}
          </Notice>
          <Button variant='secondary' onClick={onRetry}>
            再试一次
          </Button>
        </>
      ) : null}
      {state.status === 'done' ? (
        <>
          <Notice kind='warn' title='请先完成实名认证'>
            办理备案前，需要先认证您本人的身份。为家人办理也一样。
          </Notice>
          <Button onClick={onVerify} id='wizard-verify'>
            去实名认证
          </Button>
        </>
      ) : null}
    </Screen>
  )
}
