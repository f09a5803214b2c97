// "‹ 返回" at the top of a page reached from home, on H5 only: the mini-program has its own back in
// the navigation bar, the H5 build shows none (issue 16: 设置 and 住院能直接结算吗？ had no way back).
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

const H5 = process.env.TARO_ENV === 'h5'

export function BackLink({ id }: { id: string }) {
  if (!H5) return null
  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.reLaunch({ url: '/pages/index/index' })
  }
  return (
    <View className='link back-link' onClick={back} id={id}>
      <Text>‹ 返回</Text>
    </View>
  )
}

export default BackLink
