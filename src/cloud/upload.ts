// Cloud function `upload`: the mini-program uploads a proof to `uploads/tmp/` in cloud storage
// (the only client-writable path), then calls this with its fileID. The same check as the local
// server (first bytes, size) decides; a kept proof moves to private storage and the temporary copy goes.
import { acceptUpload } from '../backend/uploads'
import { fail } from '../backend/protocol'
import { run, sdk } from './runtime'

const TEMPORARY = /^cloud:\/\/[^/]+\/uploads\/tmp\/[A-Za-z0-9_-]{8,64}(\.[a-z]{3,4})?$/

export async function main(event: { fileID?: unknown } | undefined) {
  return run('upload', async (ctx) => {
    const fileID = event?.fileID
    if (typeof fileID !== 'string' || !TEMPORARY.test(fileID)) throw fail('VALIDATION', '上传失败，请重新选择文件')
    const { fileContent } = await sdk.downloadFile({ fileID })
    const kept = await acceptUpload(ctx, { bytes: fileContent as Buffer })
    await sdk.deleteFile({ fileList: [fileID] })
    return kept
  })
}
