// 核对信息 (check your answers): every answer with a 修改 link back to its step, then what the filing
// will be — validity, when it may be changed or cancelled, review stages, service opening, benefits —
// from the server's `filing.preview`; then submit.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import {
  CATEGORIES,
  GENDER_LABELS,
  HOSPITAL_LEVELS,
  HOSPITAL_LEVEL_INFO,
  ID_TYPE_LABELS,
  INSURANCE_TYPE_LABELS,
  MATERIALS,
  RELATIONSHIP_LABELS,
  checkIdNumber,
  checkMobile,
  checkName,
  formatChineseDate,
  regionName,
  type FilingPreview,
  type HospitalLevel,
} from '../../../rules'
import { callApi } from '../../../services/api'
import { Button } from '../../../components/Button'
import { ChoiceList } from '../../../components/ChoiceList'
import { Notice } from '../../../components/Notice'
import { profileOf } from '../../../lib/filing-view'
import type { StepId } from '../draft'
import { asksAuthorization, benefitNeedsHospitalLevel, destinationAreaOf, chosenRuleOf, insuredRegionCodeOf, offersCommitment, toPreviewPayload } from '../payload'
import { stepsFor } from '../flow'
import type { StepProps } from '../types'

interface Row {
  label: string
  value: string
  step: StepId
}

export interface ReviewProps extends StepProps {
  submitting: boolean
  submitError: { code: string; message: string } | null
  onSubmit: () => void
}

/** What a refused submit is called on the check page (the server's message follows). */
const SUBMIT_ERROR_TITLES: Record<string, string> = { NETWORK: '没有提交成功', RATE_LIMITED: '提交太频繁，请稍后再试' }

type PreviewState = { kind: 'loading' } | { kind: 'ready'; preview: FilingPreview } | { kind: 'failed'; message: string }

/** What the server will store (全角 digits, +86, spaces and name dots normalised), else what was typed. */
function normalized(check: { ok: true; value: string } | { ok: false }, raw: string): string {
  return check.ok ? check.value : raw.trim()
}

function rowsOf(props: StepProps): { title: string; rows: Row[] }[] {
  const { draft, context } = props
  const profile = profileOf(draft)!
  const rule = chosenRuleOf(draft)
  const steps = stepsFor(draft)
  const insured = insuredRegionCodeOf(draft)
  const area = destinationAreaOf(draft)
  const { applicant } = draft
  const id = checkIdNumber(applicant.idType, applicant.idNumber, context.today)

  const filing: Row[] = [
    { label: '参保地', value: profile.name, step: 'policy' },
    ...(profile.insuredRegion === null && insured ? [{ label: '参保城市', value: regionName(insured) ?? insured, step: 'policy' as const }] : []),
    { label: '人员类别', value: draft.category ? CATEGORIES[draft.category].label : '', step: 'category' },
    { label: '就医地', value: area ? (regionName(area) ?? area) : '', step: 'destination' },
    { label: '开始日期', value: draft.startDate ? formatChineseDate(draft.startDate) : '', step: 'startDate' },
  ]
  const person: Row[] = [
    { label: '证件类型', value: ID_TYPE_LABELS[applicant.idType], step: 'person' },
    { label: '证件号码', value: id.ok ? id.number : applicant.idNumber, step: 'person' },
    ...(id.ok
      ? [
          { label: '性别', value: id.gender ? GENDER_LABELS[id.gender] : '以证件为准（旧版证件号码中没有性别信息）', step: 'person' as const },
          { label: '出生日期', value: formatChineseDate(id.birthDate), step: 'person' as const },
        ]
      : []),
    { label: '姓名', value: normalized(checkName(applicant.name), applicant.name), step: 'person' },
    { label: '手机号码', value: normalized(checkMobile(applicant.phone), applicant.phone), step: 'person' },
    { label: '联系地址', value: applicant.address.trim() || '未填写', step: 'person' },
    ...(draft.insuranceType && profile.benefits.kind === 'ratio_table'
      ? [{ label: '参保险种', value: INSURANCE_TYPE_LABELS[draft.insuranceType], step: 'person' as const }]
      : []),
  ]
  const family = draft.forWhom === 'family'
  filing.unshift({ label: '为谁办理', value: family ? '为家人办理（代办）' : '本人', step: 'who' })
  const groups = [
    { title: '备案信息', rows: filing },
    { title: family ? '参保人（家人）信息' : '个人信息', rows: person },
  ]
  if (family) {
    const { identity } = context
    const { relationship, phone, authorization } = draft.agent
    groups.push({
      title: '代办人',
      rows: [
        { label: '代办人', value: identity ? `${identity.name}（${identity.idTypeLabel} ${identity.idNumberMasked}）` : '', step: 'agent' },
        { label: '关系', value: relationship ? `代办人是参保人的${RELATIONSHIP_LABELS[relationship]}` : '', step: 'agent' },
        { label: '代办人手机号码', value: normalized(checkMobile(phone), phone), step: 'agent' },
        ...(asksAuthorization(draft) ? [{ label: '授权委托书', value: authorization ? `已上传：${authorization.name}` : '还没有上传', step: 'agent' as const }] : []),
      ],
    })
  }
  if (rule && steps.includes('proof')) {
    const commitment = offersCommitment(rule) && draft.proofMode === 'commitment'
    groups.push({
      title: commitment ? '个人承诺' : '证明材料',
      rows: commitment
        ? [
            {
              label: '承诺方式',
              value: `已阅读告知书和承诺事项，${family ? '代办人代签' : '签名'}：${draft.commitment.signature.trim()}`,
              step: 'proof',
            },
          ]
        : rule.materials.map(({ kind }) => ({
            label: MATERIALS[kind].label,
            value: draft.materials[kind] ? `已上传：${draft.materials[kind]!.name}` : '还没有上传',
            step: 'proof' as const,
          })),
    })
  }
  if (steps.includes('referral')) {
    const { referral } = draft
    groups.push({
      title: '转诊信息',
      rows: [
        { label: '开具转诊证明的医院', value: referral.hospitalName.trim(), step: 'referral' },
        { label: '医院等级', value: referral.hospitalLevel ? HOSPITAL_LEVEL_INFO[referral.hospitalLevel].label : '', step: 'referral' },
        { label: '转诊证明开具日期', value: referral.certificateDate ? formatChineseDate(referral.certificateDate) : '', step: 'referral' },
        ...(profile.referral.namesTreatingHospital
          ? [{ label: '转往的医院', value: referral.treatingHospitalName.trim(), step: 'referral' as const }]
          : []),
      ],
    })
  }
  return groups
}

export function ReviewStep(props: ReviewProps) {
  const { draft, goTo, leave, submitting, submitError, onSubmit } = props
  const [level, setLevel] = useState<HospitalLevel | null>(null)
  const [state, setState] = useState<PreviewState>({ kind: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const askLevel = benefitNeedsHospitalLevel(draft)

  useEffect(() => {
    let live = true
    setState({ kind: 'loading' })
    void callApi<FilingPreview>('filing', 'preview', toPreviewPayload(draft, askLevel ? level : null)).then((reply) => {
      if (!live) return
      setState(reply.ok ? { kind: 'ready', preview: reply.data } : { kind: 'failed', message: reply.error.message })
    })
    return () => {
      live = false
    }
    // The preview depends only on the answers it is sent, and the level asked here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(toPreviewPayload(draft, askLevel ? level : null)), attempt])

  return (
    <View>
      <Text className='screen__title'>请核对您的信息</Text>
      <Text className='screen__lead'>提交前请逐项核对。需要修改的，点该项右边的“修改”。</Text>

      {rowsOf(props).map((group) => (
        <View className='fw-summary' key={group.title}>
          <Text className='fw-summary__title'>{group.title}</Text>
          {group.rows.map((row) => (
            <View className='fw-summary__row' key={row.label}>
              <View className='fw-summary__body'>
                <Text className='fw-summary__label'>{row.label}</Text>
                <Text className='fw-summary__value'>{row.value || '未填写'}</Text>
              </View>
              <View
                className='fw-summary__change'
                onClick={() => goTo(row.step)}
                data-step={row.step}
                ariaRole='button'
                ariaLabel={`修改${row.label}`}
              >
                <Text>修改</Text>
              </View>
            </View>
          ))}
        </View>
      ))}

      <View className='fw-summary fw-outcome' id='filing-preview'>
        <Text className='fw-summary__title'>备案后</Text>
        {state.kind === 'loading' ? <Text className='fw-outcome__text'>正在查询有效期和待遇…</Text> : null}
        {state.kind === 'failed' ? (
          <View>
            <Notice kind='warn' title='暂时查不到有效期和待遇'>
              {state.message}
            </Notice>
            <Button variant='secondary' onClick={() => setAttempt((n) => n + 1)}>
              再查一次
            </Button>
          </View>
        ) : null}
        {state.kind === 'ready' ? <Outcome preview={state.preview} openingDays={openingDays(draft)} /> : null}
        {askLevel ? (
          <View className='fw-gap'>
            <ChoiceList
              question='想看报销比例？请选择就医医院的等级'
              hint='只用于查看报销比例，不影响备案。'
              options={HOSPITAL_LEVELS.map((value) => ({ value, title: HOSPITAL_LEVEL_INFO[value].label }))}
              value={level}
              onChange={setLevel}
            />
          </View>
        ) : null}
      </View>

      {submitError ? (
        <Notice kind='warn' title={SUBMIT_ERROR_TITLES[submitError.code] ?? '不能提交'} className='fw-gap'>
          <Text className='notice__text'>{submitError.message}</Text>
          {submitError.code === 'NETWORK' ? (
            <Text className='notice__text'>您填写的内容已保存，请再点一次“提交备案”。同一份备案不会重复提交。</Text>
          ) : null}
        </Notice>
      ) : null}

      <Button loading={submitting} loadingText='正在提交…' onClick={onSubmit} id='submit-filing'>
        提交备案
      </Button>
      {submitError?.code === 'DUPLICATE' ? (
        <Button variant='secondary' onClick={() => leave(() => Taro.reLaunch({ url: '/pages/index/index' }))}>
          返回首页查看我的备案
        </Button>
      ) : null}
    </View>
  )
}

/** 辽宁: service opens within N working days of filing. */
function openingDays(draft: StepProps['draft']): number | null {
  const rule = chosenRuleOf(draft)
  return rule && rule.serviceOpening.kind === 'working_days' ? rule.serviceOpening.days : null
}

function Outcome({ preview, openingDays }: { preview: FilingPreview; openingDays: number | null }) {
  const { validUntil, validityText, change, cancel, review, serviceOpensBy, benefit } = preview
  return (
    <View>
      <View className='fw-outcome__item'>
        <Text className='fw-outcome__label'>有效期</Text>
        <Text className='fw-outcome__big' id='preview-validity'>
          {validUntil === null ? '长期有效' : `至 ${formatChineseDate(validUntil)}`}
        </Text>
        <Text className='fw-outcome__text'>{validityText}</Text>
      </View>
      <View className='fw-outcome__item'>
        <Text className='fw-outcome__label'>什么时候可以变更</Text>
        <Text className='fw-outcome__text'>{change.text}</Text>
      </View>
      <View className='fw-outcome__item'>
        <Text className='fw-outcome__label'>什么时候可以取消</Text>
        <Text className='fw-outcome__text'>{cancel.text}</Text>
      </View>
      <View className='fw-outcome__item'>
        <Text className='fw-outcome__label'>办理方式</Text>
        <Text className='fw-outcome__text'>{review.text}</Text>
        {review.staged ? <Text className='fw-outcome__stages'>{review.stages.join(' → ')}</Text> : null}
      </View>
      {serviceOpensBy ? (
        <View className='fw-outcome__item'>
          <Text className='fw-outcome__label'>开通直接结算</Text>
          <Text className='fw-outcome__text'>
            {openingDays ? `登记后${openingDays}个工作日内开通，` : ''}
            {serviceOpensBy.estimated ? '约' : '预计'}
            {formatChineseDate(serviceOpensBy.date)}前。
          </Text>
        </View>
      ) : null}
      <View className='fw-outcome__item'>
        <Text className='fw-outcome__label'>报销待遇</Text>
        <Text className='fw-outcome__text'>{benefit.text}</Text>
        {benefit.notes.map((note) => (
          <Text className='fw-outcome__note' key={note}>
            {note}
          </Text>
        ))}
      </View>
    </View>
  )
}
