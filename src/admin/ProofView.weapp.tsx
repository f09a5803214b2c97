// weapp: proofs are private cloud files and the admin function does not hand out temporary links yet,
// so the mini-program says where to look instead of showing a broken preview.
import { Text, View } from '@tarojs/components'
import type { Conforms, ProofViewProps } from './ProofView'

export function ProofView({ fileId, label }: ProofViewProps) {
  return (
    <View className='a-proof' id={`proof-${fileId}`}>
      <Text className='a-proof__label'>{label}</Text>
      <Text className='a-muted'>小程序里暂不能查看材料原件，请在电脑上打开经办后台查看。</Text>
    </View>
  )
}

export type WeappProofView = Conforms<typeof import('./ProofView.weapp')>
