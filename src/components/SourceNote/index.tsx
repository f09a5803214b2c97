// Where a rule comes from (依据：001 四(二)), in small muted text under what it supports, so a reader can
// check the seed section; sizes from the tokens, so 长辈模式 enlarges it with the rest.
import { Text } from '@tarojs/components'
import './index.scss'

export function SourceNote({ source, className }: { source: string; className?: string }) {
  return <Text className={`source-note${className ? ` ${className}` : ''}`}>依据：{source}</Text>
}

export default SourceNote
