// H5: 查看 fetches the file (the local server lets staff read any proof) and shows it in place.
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { fetchProof } from '../services/api'
import type { Conforms, ProofViewProps } from './ProofView'

type Shown = { status: 'closed' } | { status: 'loading' } | { status: 'open'; url: string; type: string } | { status: 'failed' }

export function ProofView({ fileId, label }: ProofViewProps) {
  const [shown, setShown] = useState<Shown>({ status: 'closed' })
  useEffect(() => () => {
    if (shown.status === 'open') URL.revokeObjectURL(shown.url)
  }, [shown])

  const open = async () => {
    setShown({ status: 'loading' })
    try {
      const { url, contentType } = await fetchProof(fileId)
      setShown({ status: 'open', url, type: contentType })
    } catch {
      setShown({ status: 'failed' })
    }
  }

  return (
    <View className='a-proof' id={`proof-${fileId}`}>
      <View className='a-proof__head'>
        <Text className='a-proof__label'>{label}</Text>
        {shown.status === 'open' ? (
          <View className='a-link' onClick={() => setShown({ status: 'closed' })}>
            收起
          </View>
        ) : (
          <View className='a-link' onClick={() => void open()}>
            {shown.status === 'loading' ? '正在打开…' : '查看'}
          </View>
        )}
      </View>
      {shown.status === 'failed' ? <Text className='a-field__error'>没能打开这份材料，请稍后再试</Text> : null}
      {shown.status === 'open' && shown.type.startsWith('image/') ? <img className='a-proof__image' src={shown.url} alt={label} /> : null}
      {shown.status === 'open' && shown.type === 'application/pdf' ? (
        <View className='a-proof__pdf'>
          <iframe className='a-proof__frame' src={shown.url} title={label} />
          <a className='a-link' href={shown.url} download={`${label}.pdf`}>
            下载PDF
          </a>
        </View>
      ) : null}
    </View>
  )
}

export type H5ProofView = Conforms<typeof import('./ProofView.h5')>
