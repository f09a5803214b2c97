// 人员类别, with "which one am I?" help from the profile. A category that needs no filing,
// or that this 参保地 does not take, is still selectable: its message is the answer for that person.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CATEGORIES, CATEGORY_CODES, groupOf, isOpenLongTermFiling } from '../../../rules'
import { ChoiceList } from '../../../components/ChoiceList'
import { Notice } from '../../../components/Notice'
import { profileOf } from '../../../lib/filing-view'
import { applicantFilings, subjectOf } from '../draft'
import type { StepProps } from '../types'

export function CategoryStep({ draft, update, errors, setError, mine }: StepProps) {
  const profile = profileOf(draft)
  if (!profile) return <View />
  const chosen = draft.category ? profile.categories[draft.category] : null
  // One person holds at most one long-term filing that is under review or in force: say so now,
  // not after every answer (the server would refuse it as DUPLICATE). Only 本人's own filings are
  // known here; for a family member the server decides.
  const holding =
    draft.category && groupOf(draft.category) === 'long_term'
      ? applicantFilings(mine, draft).find(isOpenLongTermFiling)
      : undefined
  return (
    <View>
      <Text className='screen__title'>{subjectOf(draft)}属于哪一类人员？</Text>
      <Text className='screen__lead'>每一类下面写着什么样的人属于这一类（{profile.name}的规定）。不确定的话，请对照说明选择最符合的一项。</Text>
      <ChoiceList
        options={CATEGORY_CODES.map((code) => ({ value: code, title: CATEGORIES[code].label, description: profile.categories[code].help }))}
        value={draft.category}
        onChange={(category) => {
          update((previous) => ({ ...previous, category }))
          setError('category', null)
        }}
        error={chosen && chosen.filing !== 'required' ? null : errors.category}
      />
      {chosen && chosen.filing === 'required' && chosen.conditions.length > 0 ? (
        <Notice title={`${CATEGORIES[draft.category!].label}须符合下列情形之一：`}>
          <View className='fw-list'>
            {chosen.conditions.map((condition, index) => (
              <Text className='fw-list__item' key={condition}>
                {index + 1}. {condition}
              </Text>
            ))}
          </View>
        </Notice>
      ) : null}
      {holding && chosen?.filing === 'required' ? (
        <Notice kind='warn' title='您已经有一份长期居住备案' className='fw-answer'>
          <Text className='notice__text'>
            {holding.categoryLabel}，就医地{holding.destination.name}，{holding.stateLabel}（编号{holding.id}）。同一个人只能有一份审核中或生效中的长期居住备案：要换就医地，请变更这份备案；不再需要的，请先取消。
          </Text>
          <Text className='notice__text'>如果是为家人办理，请回到第一步选择“为家人办理”。</Text>
          <View className='link' onClick={() => Taro.navigateTo({ url: `/pages/filing/index?id=${encodeURIComponent(holding.id)}` })}>
            <Text>查看这份备案</Text>
          </View>
        </Notice>
      ) : null}
      {chosen && chosen.filing === 'not_needed' ? (
        <Notice kind='success' title='这种情况不用备案' className='fw-answer'>
          {chosen.message}
        </Notice>
      ) : null}
      {chosen && chosen.filing === 'not_available' ? (
        <Notice kind='warn' title={`${profile.name}不在这里办理这类备案`} className='fw-answer'>
          {chosen.message}
        </Notice>
      ) : null}
    </View>
  )
}
