// 参保地: which policy profile applies; the national default also asks the insured city.
import { Text, View } from '@tarojs/components'
import { profiles, type PolicyProfile } from '../../../rules'
import { ChoiceList } from '../../../components/ChoiceList'
import { RegionSelect } from '../parts/RegionSelect'
import { subjectOf } from '../draft'
import type { StepProps } from '../types'

/** The summary's first clause: enough to recognise the place; the check page shows the rest. */
export function firstClause(profile: PolicyProfile): string {
  const clause = profile.summary.split(/[；。]/)[0]
  return clause.endsWith('。') ? clause : `${clause}。`
}

export function PolicyStep({ draft, update, errors, setError }: StepProps) {
  const chosen = profiles.find((profile) => profile.id === draft.policyId)
  return (
    <View>
      <Text className='screen__title'>{subjectOf(draft)}在哪里参加医保？</Text>
      <Text className='screen__lead'>参保地就是{subjectOf(draft)}缴纳医保、领取医保待遇的地方。各地的备案规定不一样。</Text>
      <ChoiceList
        options={profiles.map((profile) => ({ value: profile.id, title: profile.name, description: firstClause(profile) }))}
        value={draft.policyId}
        onChange={(policyId) => {
          update((previous) => ({ ...previous, policyId }))
          setError('policyId', null)
        }}
        error={errors.policyId}
      />
      {chosen && chosen.insuredRegion === null ? (
        <View className='fw-subquestion'>
          <Text className='fw-subquestion__title'>您在哪个城市参加医保？</Text>
          <Text className='fw-subquestion__hint'>先选省份，再选城市。北京、天津、上海、重庆、海南、西藏和新疆生产建设兵团只选省份。</Text>
          <RegionSelect
            name='insured'
            value={draft.insuredRegion}
            provinceLabel='参保省份'
            cityLabel='参保城市'
            cityError={draft.insuredRegion.provinceCode ? errors.insuredRegionCode : null}
            provinceError={draft.insuredRegion.provinceCode ? null : errors.insuredRegionCode}
            onChange={(insuredRegion) => {
              update((previous) => ({ ...previous, insuredRegion }))
              setError('insuredRegionCode', null)
            }}
          />
        </View>
      ) : null}
    </View>
  )
}
