// 备案详情's action panels for staff: review (通过 / 要求补充材料 / 驳回, stage by stage, 代办核验 first
// on a 代办 filing), 抽查 核查, and recording a stay. Each sends the version it read (services/use-action);
// CONFLICT reloads the filing and asks again.
import { Input, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { parseWith, recordStaySchema, requestableMaterials, reviewSchema, spotCheckSchema, type FieldIssue, type MaterialKind } from '../rules'
import { materialLabel } from '../lib/filing-view'
import { firstMessages } from '../lib/issues'
import { useAction } from '../services/use-action'
import { AGENT_CHECK_NOTE, isAgentCheck, reviewDoneWords, reviewTarget, staffFieldOf, type StaffDetail } from './model'
import { AButton, AField, Check, Chip } from './parts'

export interface PanelProps {
  filing: StaffDetail
  onDone: (next: StaffDetail) => void
  reload: () => Promise<StaffDetail | null>
}

/** Sends one staff action with the filing's version (services/use-action); shows the answer on the panel. */
function usePanelAction(props: PanelProps) {
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [alert, setAlert] = useState<string | null>(null)
  const [success, setSuccess] = useState<string | null>(null)
  const { busy, send: sendAction } = useAction('admin', { fieldOf: staffFieldOf })
  const send = async (action: string, payload: Record<string, unknown>, localIssues: readonly FieldIssue[] | null, said: string) => {
    setSuccess(null)
    setAlert(null)
    if (localIssues) {
      setErrors(firstMessages(localIssues, staffFieldOf))
      return false
    }
    setErrors({})
    const result = await sendAction<StaffDetail>(action, payload)
    if (!result) return false
    if (result.ok) {
      props.onDone(result.data)
      setSuccess(said)
      return true
    }
    const { failure } = result
    if (failure.kind === 'invalid') {
      const { id, decision } = failure.errors
      if (id || decision) setAlert(id ?? decision)
      setErrors(failure.errors)
      return false
    }
    if (failure.kind === 'conflict') {
      await props.reload()
      setAlert('这份备案刚刚有了更新，已重新载入，请核对后再提交一次。')
      return false
    }
    setAlert(failure.message)
    return false
  }
  return { errors, alert, success, busy, send }
}

/** Why this staff member cannot use a form here (instead of the form): the server says the same if asked. */
export function Refusal({ message, id }: { message: string | null; id: string }) {
  return (
    <Text className='a-muted a-card__note' id={id}>
      {message}
    </Text>
  )
}

function PanelMessages({ alert, success }: { alert: string | null; success: string | null }) {
  return (
    <>
      {alert ? (
        <View className='a-alert a-alert--warn a-panel__alert'>
          <Text>{alert}</Text>
        </View>
      ) : null}
      {success ? (
        <View className='a-alert a-alert--ok a-panel__alert'>
          <Text>{success}</Text>
        </View>
      ) : null}
    </>
  )
}

const DECISIONS = [
  { value: 'approve', label: '通过' },
  { value: 'request_materials', label: '要求补充材料' },
  { value: 'reject', label: '驳回' },
] as const
type Decision = (typeof DECISIONS)[number]['value']

export function ReviewPanel(props: PanelProps) {
  const { filing } = props
  const [decision, setDecision] = useState<Decision | null>(null)
  const [note, setNote] = useState('')
  const [items, setItems] = useState<MaterialKind[]>([])
  const action = usePanelAction(props)
  const target = reviewTarget(filing)
  const can = filing.staffActions.review
  const underReview = target !== null && can.applies
  if (!underReview && !action.success) return null
  const stages = target?.stages ?? []
  const stage = target?.stage

  const submit = async () => {
    if (!target) return
    const asking = decision === 'request_materials' && items.length > 0
    const payload = { id: filing.id, version: filing.version, decision: decision ?? undefined, note: note.trim() || undefined, ...(asking ? { items } : {}) }
    const checked = parseWith(reviewSchema, payload)
    const said = decision ? reviewDoneWords(target, decision) : ''
    if (await action.send('review', payload, checked.ok ? null : checked.issues, said)) {
      setDecision(null)
      setNote('')
      setItems([])
    }
  }
  const toggle = (kind: MaterialKind) => setItems((picked) => (picked.includes(kind) ? picked.filter((k) => k !== kind) : [...picked, kind]))

  return (
    <View className='a-card a-panel' id='review-panel'>
      <Text className='a-card__title'>
        {target?.title ?? '审核'}
        {target && stage ? `：${stage}（第${target.passed + 1}级，共${stages.length}级）` : ''}
      </Text>
      <PanelMessages alert={action.alert} success={action.success} />
      {target?.kind === 'change' ? (
        <Text className='a-muted a-card__note' id='review-change-note'>
          申请人申请变更已通过审核的备案。审核通过前备案按原内容有效；审批通过后变更生效，变更期限从当天重新计算；驳回则保留原备案，申请人会看到原因。
        </Text>
      ) : null}
      {underReview && target?.kind === 'filing' && isAgentCheck(stage) ? (
        <Text className='a-muted a-card__note' id='review-agent-check'>
          {AGENT_CHECK_NOTE}（见“代办人”）。{stages.length > 1 ? `核验通过后转${stages[1]}。` : '核验通过即生效。'}
        </Text>
      ) : null}
      {underReview ? (
        target?.waitingForMaterials ? (
          <Text className='a-muted'>正在等申请人补充材料。收到后才能审核通过；如申请人不再办理，可以驳回。</Text>
        ) : null
      ) : null}
      {underReview && !can.allowed ? <Refusal message={can.message} id='review-refused' /> : null}
      {underReview && can.allowed ? (
        <>
          <AField label='审核结果' error={action.errors.decision} id='review-decision'>
            <View className='a-chips'>
              {DECISIONS.filter((option) => can.decisions.includes(option.value)).map((option) => (
                <Chip key={option.value} on={decision === option.value} onClick={() => setDecision(option.value)} id={`decision-${option.value}`}>
                  {option.label}
                </Chip>
              ))}
            </View>
          </AField>
          {decision === 'request_materials' ? <RequestedMaterials filing={filing} picked={items} onToggle={toggle} error={action.errors.items} /> : null}
          <AField
            label={decision === 'approve' ? '审核意见（可不填）' : decision === 'request_materials' ? '写给申请人的说明（列表说不清的，如须加盖公章）' : '写给申请人的说明'}
            error={action.errors.note}
            id='review-note'
          >
            <Textarea className='a-textarea' name='note' value={note} maxlength={200} onInput={(event) => setNote(event.detail.value)} />
          </AField>
          <AButton onClick={() => void submit()} busy={action.busy} id='review-submit'>
            提交审核结果
          </AButton>
        </>
      ) : null}
    </View>
  )
}

/** 要求补充材料: the filing's materials (the rules' list, the one the server checks against), to tick. */
function RequestedMaterials({ filing, picked, onToggle, error }: { filing: StaffDetail; picked: MaterialKind[]; onToggle: (kind: MaterialKind) => void; error?: string }) {
  const listed = requestableMaterials(filing)
  return (
    <AField label='需要补充的材料' hint='勾选申请人要补充的材料；也可以只在下面写明。' error={error} id='review-items'>
      {listed.length === 0 ? <Text className='a-muted'>这类备案的参保地没有列出证明材料，请在下面写明需要补充什么。</Text> : null}
      <View className='a-checks'>
        {listed.map(({ kind, note }) => (
          <Check key={kind} on={picked.includes(kind)} onClick={() => onToggle(kind)} id={`review-item-${kind}`} label={`${materialLabel(kind)}${note ? `（${note}）` : ''}`} />
        ))}
      </View>
    </AField>
  )
}

export function SpotCheckPanel(props: PanelProps) {
  const { filing } = props
  const [result, setResult] = useState<'verified' | 'problem' | null>(null)
  const [note, setNote] = useState('')
  const action = usePanelAction(props)
  const can = filing.staffActions.spotCheck
  if (!can.applies && !action.success) return null
  const submit = async () => {
    const payload = { id: filing.id, version: filing.version, result: result ?? undefined, note: note.trim() || undefined }
    const checked = parseWith(spotCheckSchema, payload)
    await action.send('spotCheck', payload, checked.ok ? null : checked.issues, '已记录核查结果。')
  }
  return (
    <View className='a-card a-panel' id='spot-check-panel'>
      <Text className='a-card__title'>抽查核查</Text>
      <PanelMessages alert={action.alert} success={action.success} />
      {can.applies && !can.allowed ? <Refusal message={can.message} id='spot-refused' /> : null}
      {can.applies && can.allowed ? (
        <>
          <Text className='a-muted'>这份承诺制备案被抽中。请联系申请人提供承诺的证明材料并核对。</Text>
          <AField label='核查结果' error={action.errors.result} id='spot-result'>
            <View className='a-chips'>
              <Chip on={result === 'verified'} onClick={() => setResult('verified')} id='spot-verified'>
                核查无误
              </Chip>
              <Chip on={result === 'problem'} onClick={() => setResult('problem')} id='spot-problem'>
                发现问题
              </Chip>
            </View>
          </AField>
          <AField label='核查意见' hint='发现问题时必填，申请人会看到' error={action.errors.note} id='spot-note'>
            <Textarea className='a-textarea' name='spotNote' value={note} maxlength={200} onInput={(event) => setNote(event.detail.value)} />
          </AField>
          <AButton onClick={() => void submit()} busy={action.busy} id='spot-submit'>
            记录核查结果
          </AButton>
        </>
      ) : null}
    </View>
  )
}

export function StayPanel(props: PanelProps) {
  const { filing } = props
  const [admission, setAdmission] = useState('')
  const [discharge, setDischarge] = useState('')
  const action = usePanelAction(props)
  const can = filing.staffActions.recordStay
  if (!can.applies) return null
  const submit = async () => {
    const payload = { id: filing.id, admissionDate: admission.trim() || undefined, dischargeDate: discharge.trim() || undefined }
    const checked = parseWith(recordStaySchema, payload)
    if (await action.send('recordStay', payload, checked.ok ? null : checked.issues, '已登记这次住院。')) {
      setAdmission('')
      setDischarge('')
    }
  }
  return (
    <View className='a-card a-panel' id='stay-panel'>
      <Text className='a-card__title'>登记住院费用</Text>
      <Text className='a-muted'>在备案地发生的住院医疗费用。有的参保地从此开始计算变更、取消的期限。</Text>
      <PanelMessages alert={action.alert} success={action.success} />
      {can.allowed ? (
        <>
          <AField label='入院日期' hint='如 2026-11-20' error={action.errors.admissionDate} id='stay-admission'>
            <Input className='a-input a-input--date' name='admissionDate' value={admission} maxlength={10} onInput={(event) => setAdmission(event.detail.value)} />
          </AField>
          <AField label='出院日期（还没出院的不填）' error={action.errors.dischargeDate} id='stay-discharge'>
            <Input className='a-input a-input--date' name='dischargeDate' value={discharge} maxlength={10} onInput={(event) => setDischarge(event.detail.value)} />
          </AField>
          <AButton kind='secondary' onClick={() => void submit()} busy={action.busy} id='stay-submit'>
            登记住院
          </AButton>
        </>
      ) : (
        <Refusal message={can.message} id='stay-refused' />
      )}
    </View>
  )
}
