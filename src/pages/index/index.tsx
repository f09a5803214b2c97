import { Text, View } from '@tarojs/components'
import { profiles } from '../../rules'
import './index.scss'

export default function Index() {
  return (
    <View className='home'>
      <View className='home__header'>
        <Text className='home__title'>异地就医备案</Text>
        <Text className='home__subtitle'>选择您的参保地，查看备案规则</Text>
      </View>
      <View className='home__list'>
        {profiles.map((profile) => (
          <View className='profile-card' key={profile.id}>
            <Text className='profile-card__name'>{profile.name}</Text>
            <Text className='profile-card__summary'>{profile.summary}</Text>
            <Text className='profile-card__source'>依据：{profile.source.document}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
