// 代办信息 (为家人办理 only): the agent is the verified caller; they say how they are related to the
// insured person, give their own phone, and upload a 授权委托书 where the 参保地 asks for one for that
// relationship (profile.agency). The profile's own words on 代办 are shown first.
import { Text, View } from '@tarojs/components'
import { RELATIONSHIPS, RELATIONSHIP_LABELS } from '../../../rules'
import { ChoiceList } from '../../../components/ChoiceList'
import { Field } from '../../../components/Field'
import { Notice } from '../../../components/Notice'
import { profileOf } from '../../../lib/filing-view'
import type { Draft } from '../draft'
import { asksAuthorization } from '../payload'
import { UploadSlot } from '../parts/UploadSlot'
import type { StepProps } from '../types'
import { PHONE_INPUT } from './PersonStep'

export function AgentStep({ draft, update, errors, setError, context }: StepProps) {
  const profile = profileOf(draft)
  const { identity } = context
  const applicant = draft.applicant.name.trim() || '参保人'

  function set<K extends keyof Draft['agent']>(key: K, value: Draft['agent'][K]) {
    update((previous) => ({ ...previous, agent: { ...previous.agent, [key]: value } }))
    setError(`agent.${key}`, null)
  }

  return (
    <View>
      <Text className='screen__title'>您是代办人</Text>
      <Text className='screen__lead'>为{applicant}办理备案，经办机构会先核验代办关系（代办核验），通过后再按参保地的规定办理。</Text>

      {profile ? (
        <Notice title={`${profile.name}关于代办的规定`} className='fw-gap fw-agency'>
          {profile.agency.text}
        </Notice>
      ) : null}

      {identity ? (
        <View className='fw-derived' id='agent-identity'>
          <Text className='fw-derived__title'>代办人（已实名认证）：</Text>
          <Text className='fw-derived__line'>姓名：{identity.name}</Text>
          <Text className='fw-derived__line'>
            {identity.idTypeLabel}：{identity.idNumberMasked}
          </Text>
        </View>
      ) : null}

      <ChoiceList
        question={`您是${applicant}的什么人？`}
        options={RELATIONSHIPS.map((relationship) => ({ value: relationship, title: RELATIONSHIP_LABELS[relationship] }))}
        value={draft.agent.relationship}
        onChange={(relationship) => {
          set('relationship', relationship)
          setError('agent.authorization', null)
        }}
        error={errors['agent.relationship']}
      />

      <Field
        label='您的手机号码'
        hint='经办机构核验代办关系时会打这个电话'
        name='agentPhone'
        type={PHONE_INPUT}
        maxlength={20}
        value={draft.agent.phone}
        onInput={(value) => set('phone', value)}
        error={errors['agent.phone']}
      />

      {asksAuthorization(draft) ? (
        <View className='fw-gap'>
          <UploadSlot
            id='agent-authorization'
            label='授权委托书'
            note={`由${applicant}本人签名，写明委托您办理异地就医备案。可以拍照，也可以上传PDF。`}
            file={draft.agent.authorization}
            error={errors['agent.authorization']}
            onUploaded={(file) => set('authorization', file)}
          />
        </View>
      ) : null}
    </View>
  )
}
