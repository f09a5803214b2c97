// The API client in the mini-program: cloud functions through Taro.cloud (initialised at start by
// platform.weapp.ts). The caller is the person's WeChat account: the function reads it from
// cloud.getWXContext(), never from the payload.
import Taro from '@tarojs/taro'
import type { ApiFunction, ApiReply, Conforms, FetchedProof, UploadedProof } from './api'
import { asReply, TransportError, withRetries } from './transport'

/** One call; throws (→ retried) when the platform gave no reply (no network, function not reached). */
async function invoke<T>(name: string, data: Record<string, unknown>): Promise<ApiReply<T>> {
  // Taro.cloud.callFunction rejects on a transport or platform failure; our functions never throw,
  // so whatever they return is the reply (src/cloud/runtime.ts).
  const { result } = await Taro.cloud.callFunction({ name, data })
  return asReply<T>(result)
}

export async function callApi<T>(fn: ApiFunction, action: string, data?: unknown): Promise<ApiReply<T>> {
  // Built once: every retry sends this same object (a submit keeps its requestId).
  const payload = { action, data: data ?? {} }
  return withRetries(() => invoke<T>(fn, payload))
}

interface Picked {
  path: string
  name: string
  ext: 'jpg' | 'png' | 'pdf'
}

const CONTENT_TYPES: Record<Picked['ext'], string> = { jpg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' }

function extensionOf(path: string): Picked['ext'] | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase()
  if (ext === 'jpg' || ext === 'jpeg') return 'jpg'
  if (ext === 'png' || ext === 'pdf') return ext
  return null
}

/** A WeChat API that failed because the person closed it (not an error worth showing). */
const cancelled = (error: unknown) => /cancel/i.test(String((error as { errMsg?: string })?.errMsg ?? error))

const SOURCES = ['拍照或从相册选图片', '从微信聊天记录选 PDF 文件'] as const

/** Asks where the proof comes from, then lets the person pick it. null when they back out. */
async function pick(): Promise<Picked | null | 'unsupported'> {
  const { tapIndex } = await Taro.showActionSheet({ itemList: [...SOURCES] })
  if (tapIndex === 0) {
    const { tempFiles } = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
    const path = tempFiles[0]?.tempFilePath
    if (!path) return null
    const ext = extensionOf(path) ?? 'jpg'
    return { path, ext, name: `照片.${ext}` }
  }
  const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf', 'jpg', 'jpeg', 'png'] })
  const file = tempFiles[0]
  if (!file) return null
  const ext = extensionOf(file.name) ?? extensionOf(file.path)
  return ext ? { path: file.path, name: file.name, ext } : 'unsupported'
}

const TYPE_MESSAGE = '请上传 JPG、PNG 图片或 PDF 文件'

function randomName(length = 16): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  let name = ''
  for (let i = 0; i < length; i += 1) name += alphabet[Math.floor(Math.random() * alphabet.length)]
  return name
}

let folder: string | null = null

/** `uploads/tmp/<openid>/`, asked of the `upload` function once per launch. */
async function temporaryFolder(): Promise<ApiReply<string>> {
  if (folder) return { ok: true, data: folder }
  const reply = await withRetries(() => invoke<{ prefix: string }>('upload', { prefix: true }))
  if (!reply.ok) return reply
  if (!/^uploads\/tmp\/[A-Za-z0-9_-]{1,128}\/$/.test(reply.data.prefix)) {
    return { ok: false, error: { code: 'INTERNAL', message: '上传失败，请稍后再试' } }
  }
  folder = reply.data.prefix
  return { ok: true, data: folder }
}

export async function uploadProof(): Promise<ApiReply<UploadedProof> | null> {
  let picked: Awaited<ReturnType<typeof pick>>
  try {
    picked = await pick()
  } catch (error) {
    if (cancelled(error)) return null
    return { ok: false, error: { code: 'VALIDATION', message: '没能打开文件，请再试一次' } }
  }
  if (picked === null) return null
  if (picked === 'unsupported') return { ok: false, error: { code: 'VALIDATION', message: TYPE_MESSAGE } }
  const file = picked

  // The person's own temporary folder `uploads/tmp/<openid>/` (README "Deploying"): the `upload`
  // function names it (the mini-program knows no openid) and takes files from no other folder; it
  // checks the first bytes, size and quota, keeps the file privately and deletes this temporary copy.
  const prefix = await temporaryFolder()
  if (!prefix.ok) return prefix
  const cloudPath = `${prefix.data}${randomName()}.${file.ext}`
  const reply = await withRetries(async () => {
    const { fileID } = await Taro.cloud.uploadFile({ cloudPath, filePath: file.path })
    if (!fileID) throw new TransportError('upload gave no fileID')
    return invoke<{ fileId: string }>('upload', { fileID })
  })
  if (!reply.ok) return reply
  return { ok: true, data: { fileId: reply.data.fileId, name: file.name, contentType: CONTENT_TYPES[file.ext] } }
}

/**
 * A kept proof lives privately under `proofs/<openid>/` in cloud storage, closed to clients by the
 * storage rule, and `fileId` is the store's id, not a cloud fileID: the `filing` function checks the
 * caller (owner or staff) and returns a short-lived link, which is downloaded here.
 */
export async function fetchProof(fileId: string): Promise<FetchedProof> {
  const reply = await callApi<{ url: string; contentType: string }>('filing', 'proofLink', { fileId })
  if (!reply.ok) throw new Error(`proof ${fileId}: ${reply.error.code}`)
  const { statusCode, tempFilePath } = await Taro.downloadFile({ url: reply.data.url })
  if (statusCode !== 200) throw new Error(`proof ${fileId}: HTTP ${statusCode}`)
  return { url: tempFilePath, contentType: reply.data.contentType }
}

/** Type-only: `tsc` fails here if this file's exports drift from the contract in api.d.ts. */
export type WeappApi = Conforms<typeof import('./api.weapp')>
