// 材料 or 承诺. Where the category allows the commitment, the person chooses: upload the proofs,
// or read the full 告知书 and 承诺事项 and sign (typed name and a tick): the applicant, or for a family
// member the agent in their own verified name (代签). Materials: each required kind with its label and
// note, an upload button, the uploaded file's name, replaceable.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { MATERIALS } from '../../../rules'
import { formFor } from '../../../rules/forms'
import { ChoiceList } from '../../../components/ChoiceList'
import { Field } from '../../../components/Field'
import { FieldError } from '../../../components/FieldError'
import { Tick } from '../../../components/Tick'
import { Notice } from '../../../components/Notice'
import { profileOf } from '../../../lib/filing-view'
import { chosenRuleOf, offersCommitment } from '../payload'
import { UploadSlot } from '../parts/UploadSlot'
import type { StepProps } from '../types'

export function ProofStep(props: StepProps) {
  const { draft, update, errors, setError } = props
  const rule = chosenRuleOf(draft)
  if (!rule) return <View />
  const choose = offersCommitment(rule)
  const mode = choose ? draft.proofMode : 'materials'

  return (
    <View>
      {choose ? (
        <>
          <Text className='screen__title'>上传证明材料，还是个人承诺？</Text>
          <Text className='screen__lead'>
            可以现在上传证明材料；也可以选择个人承诺：签署承诺书后即可办理，证明材料由您自己保存，以备核查时提供。
          </Text>
          <ChoiceList
            options={[
              { value: 'materials', title: '上传证明材料', description: '用手机拍照或选择PDF文件上传' },
              { value: 'commitment', title: '个人承诺', description: '先承诺，材料自己保存备查' },
            ]}
            value={draft.proofMode}
            onChange={(proofMode) => {
              update((previous) => ({ ...previous, proofMode }))
              setError('materials', null)
              setError('commitment', null)
            }}
            error={draft.proofMode === null ? errors.materials : null}
          />
        </>
      ) : (
        <>
          <Text className='screen__title'>上传证明材料</Text>
          <Text className='screen__lead'>请上传下面每一份材料。可以用手机拍照，也可以选择JPG、PNG图片或PDF文件。</Text>
        </>
      )}
      {mode === 'materials' ? <Materials {...props} /> : null}
      {mode === 'commitment' ? <Commitment {...props} /> : null}
    </View>
  )
}

function Materials({ draft, update, errors, setError }: StepProps) {
  const rule = chosenRuleOf(draft)!
  return (
    <View className='fw-materials'>
      <FieldError message={errors.materials} />
      {rule.materials.map(({ kind, note }, index) => {
        // A form people cannot get elsewhere online (辽宁's 附表1 and 申请书): offered here.
        const form = draft.policyId ? formFor(draft.policyId, kind) : null
        return (
          <View key={kind}>
            <UploadSlot
              id={`material-${kind}`}
              label={`${index + 1}. ${MATERIALS[kind].label}`}
              note={note}
              file={draft.materials[kind]}
              onUploaded={(file) => {
                update((previous) => ({ ...previous, materials: { ...previous.materials, [kind]: file } }))
                setError('materials', null)
              }}
            />
            {form ? (
              <View className='link fw-materials__form' id={`form-${kind}`} onClick={() => void Taro.navigateTo({ url: `/pages/file/form?form=${form.id}` })}>
                还没有这份表格？查看并保存表格（可打印）
              </View>
            ) : null}
          </View>
        )
      })}
    </View>
  )
}

/** Who signs and what the signature field says: the applicant, or for a family member the agent (代签). */
function signer(draft: StepProps['draft'], identity: StepProps['context']['identity']): { hint: string; byAgent: boolean } {
  if (draft.forWhom === 'family') {
    return { byAgent: true, hint: identity ? `代签：请输入您本人的姓名：${identity.name}` : '代签：请输入您本人的姓名' }
  }
  const name = draft.applicant.name.trim()
  return { byAgent: false, hint: name ? `请输入您的姓名：${name}` : '请输入您的姓名' }
}

function Commitment({ draft, update, errors, setError, context }: StepProps) {
  const profile = profileOf(draft)!
  const { commitment } = profile
  const { accepted, signature } = draft.commitment
  const sign = signer(draft, context.identity)

  return (
    <View className='fw-commitment'>
      <View className='fw-document'>
        <Text className='fw-document__title'>{commitment.title}</Text>
        <Text className='fw-document__heading'>备案告知书</Text>
        {commitment.notice.map((line) => (
          <Text className='fw-document__text' key={line}>
            {line}
          </Text>
        ))}
        <Text className='fw-document__warning'>{commitment.noticeWarning}</Text>
        <Text className='fw-document__heading'>承诺事项</Text>
        <Text className='fw-document__text'>{commitment.pledge}</Text>
      </View>

      {sign.byAgent ? (
        <Notice title='为家人办理：由您代签' className='fw-gap fw-agent-sign'>
          承诺书由您以代办人的身份、用您本人的姓名签署（代签）。请确认上面的告知书和承诺事项，家人的情况都属实。
        </Notice>
      ) : null}
      <Field
        label={sign.byAgent ? '代签人签名' : '签名'}
        hint={sign.hint}
        name='signature'
        maxlength={40}
        value={signature}
        onInput={(value) => {
          update((previous) => ({ ...previous, commitment: { ...previous.commitment, signature: value } }))
          setError('commitment.signature', null)
        }}
        error={errors['commitment.signature'] ?? errors.commitment}
      />

      <Tick
        id='commitment-tick'
        checked={accepted}
        error={Boolean(errors['commitment.accepted'])}
        onToggle={() => {
          update((previous) => ({ ...previous, commitment: { ...previous.commitment, accepted: !previous.commitment.accepted } }))
          setError('commitment.accepted', null)
        }}
        label='我已阅读告知书和承诺事项，承诺所填信息真实、准确、完整'
      />
      <FieldError message={errors['commitment.accepted']} />
    </View>
  )
}
