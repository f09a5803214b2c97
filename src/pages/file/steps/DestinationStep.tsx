// 就医地: province, then city (province only for the seven province-level places). A place
// inside the pooling area (or, for 辽宁省省直, inside 辽宁) is refused next to the field as soon as it
// is chosen, with the profile's own message: the rules' destination check runs here too.
import { Text, View } from '@tarojs/components'
import { isProvinceLevelDestination } from '../../../rules'
import { profileOf } from '../../../lib/filing-view'
import { subjectOf, type Draft } from '../draft'
import { checkStep } from '../flow'
import { RegionSelect, type RegionValue } from '../parts/RegionSelect'
import type { StepProps } from '../types'

const PATHS = ['destination.provinceCode', 'destination.cityCode', 'destination']

export function DestinationStep({ draft, update, errors, setError, context }: StepProps) {
  const profile = profileOf(draft)

  function choose(destination: RegionValue) {
    const next: Draft = { ...draft, destination }
    update((previous) => ({ ...previous, destination }))
    PATHS.forEach((path) => setError(path, null))
    // Judge a complete choice at once; a half-made one (province without city yet) waits for 继续.
    const complete = destination.provinceCode && (destination.cityCode || !needsCity(next))
    if (complete) checkStep(next, 'destination', context).forEach((found) => setError(found.path, found.message))
  }

  return (
    <View>
      <Text className='screen__title'>{subjectOf(draft)}要去哪里就医？</Text>
      <Text className='screen__lead'>
        选择就医地所在的省份，再选城市。备案后，这个地方所有联网的定点医院都可以直接结算。
        {profile && !profile.scopes.in_province.served ? `${profile.name}只办理跨省就医的备案。` : ''}
      </Text>
      <RegionSelect
        name='destination'
        value={draft.destination}
        provinceLabel='就医省份'
        cityLabel='就医城市'
        provinceError={errors['destination.provinceCode'] ?? errors.destination}
        cityError={errors['destination.cityCode']}
        onChange={choose}
      />
    </View>
  )
}

function needsCity(draft: Draft): boolean {
  return !isProvinceLevelDestination(draft.destination.provinceCode)
}
