// The first question, 为谁办理: 本人, or 为家人办理 (代办). Either way the person filing is the one who did
// 实名认证; for a family member, the next steps ask the relative's details and then the 代办's.
import { Text, View } from '@tarojs/components'
import { ChoiceList } from '../../../components/ChoiceList'
import { chooseForWhom, type ForWhom } from '../draft'
import type { StepProps } from '../types'

export function WhoStep({ draft, update, errors, setError, context }: StepProps) {
  const { identity } = context
  return (
    <View>
      <Text className='screen__title'>为谁办理？</Text>
      <Text className='screen__lead'>可以为自己办理，也可以为父母、配偶、子女等家人办理（代办）。</Text>
      <ChoiceList<ForWhom>
        options={[
          { value: 'self', title: '本人', description: identity ? `为我自己办理（${identity.name}）` : '为我自己办理' },
          {
            value: 'family',
            title: '为家人办理',
            description: '代家人办理，需要家人的证件号码。经办机构会先核验代办关系，审核通过后生效。',
          },
        ]}
        value={draft.forWhom}
        onChange={(forWhom) => {
          update((previous) => chooseForWhom(previous, forWhom, identity))
          setError('forWhom', null)
          setError('agent', null)
        }}
        error={errors.forWhom ?? errors.agent}
      />
    </View>
  )
}
