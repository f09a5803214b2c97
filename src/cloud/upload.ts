// Cloud function `upload`: the mini-program uploads a proof into its own temporary folder
// `uploads/tmp/<OPENID>/` in cloud storage, then calls this with the fileID. The same check as the
// local server (first bytes, size, quota, rate) decides; a kept proof moves to private storage.
//
//   { prefix: true }   → { prefix: 'uploads/tmp/<OPENID>/' }: where this caller uploads (the client
//                        knows no openid; it asks once and names files inside the folder)
//   { fileID }         → { fileId }: keeps the file at `uploads/tmp/<OPENID>/<name>` if it passes
//
// A fileID outside the caller's own folder is refused and left alone (another person's temporary
// file is not ours to claim or delete). One inside it is deleted on every outcome: kept, refused
// (type, size, quota, rate) or failed.
import { requirePerson } from '../backend/handlers/guards'
import { fail } from '../backend/protocol'
import { acceptUpload } from '../backend/uploads'
import { run, sdk } from './runtime'

/** `cloud://<env>.<bucket>/uploads/tmp/<openid>/<name>`: the openid folder is checked against the caller. */
const TEMPORARY = /^cloud:\/\/[^/]+\/uploads\/tmp\/([A-Za-z0-9_-]{1,128})\/[A-Za-z0-9_-]{8,64}(\.[a-z]{3,4})?$/

const RETRY = '上传失败，请重新选择文件'

export const temporaryPrefix = (openid: string) => `uploads/tmp/${openid}/`

export async function main(event: { fileID?: unknown; prefix?: unknown } | undefined) {
  return run('upload', async (ctx) => {
    const openid = requirePerson(ctx)
    if (event?.prefix === true) return { prefix: temporaryPrefix(openid) }
    const fileID = event?.fileID
    const match = typeof fileID === 'string' ? TEMPORARY.exec(fileID) : null
    if (!match || match[1] !== openid) throw fail('VALIDATION', RETRY)
    try {
      const { fileContent } = await sdk.downloadFile({ fileID: fileID as string })
      return await acceptUpload(ctx, { bytes: fileContent as Buffer })
    } finally {
      // Kept, refused or failed: the temporary copy goes. A failed delete is logged, never the reply.
      await removeTemporary(fileID as string)
    }
  })
}

/**
 * deleteFile answers per file: the call can succeed while one file's `status` is non-zero (not deleted),
 * as wx-server-sdk's deleteFile returns `fileList: [{ fileID, status, errMsg }]`. Both are logged.
 */
async function removeTemporary(fileID: string): Promise<void> {
  try {
    // wx-server-sdk's typings return `Promise | void` (callback style); awaited without one it is the result.
    const result = (await sdk.deleteFile({ fileList: [fileID] })) as { fileList?: { fileID: string; status: number; errMsg?: string }[] } | undefined
    const entry = result?.fileList?.find((f) => f.fileID === fileID)
    if (!entry || entry.status !== 0) console.warn(`[upload] temporary file not deleted: ${fileID} status ${entry?.status ?? 'missing'} ${entry?.errMsg ?? ''}`)
  } catch (error) {
    console.warn('[upload] temporary file not deleted:', error instanceof Error ? error.message : error)
  }
}
