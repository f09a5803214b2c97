// weapp: 查看 fetches the proof (a short-lived link from the `filing` function, downloaded) and opens
// it with WeChat's own viewers: an image in the image preview, a PDF in the document viewer.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { fetchProof } from '../services/api'
import type { Conforms, ProofViewProps } from './ProofView'

type State = 'idle' | 'opening' | 'failed'

export function ProofView({ fileId, label }: ProofViewProps) {
  const [state, setState] = useState<State>('idle')

  const open = async () => {
    setState('opening')
    try {
      const { url, contentType } = await fetchProof(fileId)
      if (contentType === 'application/pdf') await Taro.openDocument({ filePath: url, fileType: 'pdf', showMenu: false })
      else await Taro.previewImage({ urls: [url], current: url })
      setState('idle')
    } catch {
      setState('failed')
    }
  }

  return (
    <View className='a-proof' id={`proof-${fileId}`}>
      <View className='a-proof__head'>
        <Text className='a-proof__label'>{label}</Text>
        <View className='a-link' onClick={() => void open()}>
          {state === 'opening' ? '正在打开…' : '查看'}
        </View>
      </View>
      {state === 'failed' ? <Text className='a-field__error'>没能打开这份材料，请稍后再试</Text> : null}
    </View>
  )
}

export type WeappProofView = Conforms<typeof import('./ProofView.weapp')>
