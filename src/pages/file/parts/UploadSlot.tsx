// One file the wizard asks for (a proof, or the 代办's 授权委托书): its label and note, what is
// uploaded so far, the upload button (replaceable), and an upload's failure right under it.
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { uploadProof } from '../../../services/api'
import { Button } from '../../../components/Button'
import { FieldError } from '../../../components/FieldError'
import type { UploadedFile } from '../../../services/api'

export interface UploadSlotProps {
  id: string
  label: string
  note?: string | null
  file: UploadedFile | undefined | null
  /** The step's message for this file (e.g. a missing upload). */
  error?: string | null
  onUploaded: (file: UploadedFile) => void
}

export function UploadSlot({ id, label, note, file, error, onUploaded }: UploadSlotProps) {
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState<string | null>(null)

  async function upload() {
    if (busy) return
    setBusy(true)
    const reply = await uploadProof()
    setBusy(false)
    if (reply === null) return
    if (!reply.ok) return setFailed(reply.error.message)
    setFailed(null)
    onUploaded({ fileId: reply.data.fileId, name: reply.data.name })
  }

  return (
    <View className={`fw-material${file ? ' fw-material--done' : ''}`} id={id}>
      <Text className='fw-material__label'>{label}</Text>
      {note ? <Text className='fw-material__note'>{note}</Text> : null}
      {file ? <Text className='fw-material__file'>已上传：{file.name}</Text> : <Text className='fw-material__missing'>还没有上传</Text>}
      <FieldError message={failed ?? error} />
      <Button variant={file ? 'secondary' : 'primary'} loading={busy} loadingText='正在上传…' onClick={() => void upload()}>
        {file ? '重新上传' : '上传照片或PDF'}
      </Button>
    </View>
  )
}
