// The API client on H5: HTTP to the local server (README "The local cloud"), which serves this app
// and the API on one origin. The caller is the dev identity chosen on the sign-in page, sent as
// X-Dev-Openid; nothing else identifies a person locally.
import type { ApiFunction, ApiReply, Conforms, FetchedProof, UploadedProof } from './api'
import { getDevOpenid } from './identity'
import { asReply, withRetries } from './transport'

function identityHeaders(): Record<string, string> {
  const openid = getDevOpenid()
  return openid ? { 'X-Dev-Openid': openid } : {}
}

/** One POST; throws (→ retried) when no reply came back. */
async function post<T>(path: string, body: BodyInit, headers: Record<string, string>): Promise<ApiReply<T>> {
  const response = await fetch(path, { method: 'POST', headers: { ...identityHeaders(), ...headers }, body })
  // Every answer of the server is a JSON reply, whatever its status; anything else is transport.
  return asReply<T>(await response.json())
}

export async function callApi<T>(fn: ApiFunction, action: string, data?: unknown): Promise<ApiReply<T>> {
  // Serialised once: every retry sends these very bytes (a submit keeps its requestId).
  const body = JSON.stringify({ action, data: data ?? {} })
  return withRetries(() => post<T>(`/api/${fn}`, body, { 'Content-Type': 'application/json' }))
}

const ACCEPT = 'image/jpeg,image/png,application/pdf'

/**
 * Lets the person choose one file. Must run inside the tap that asked for it: browsers open a file
 * picker only from a user gesture, so `input.click()` comes before any await.
 */
function pickFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = ACCEPT
    input.style.display = 'none'
    input.setAttribute('data-proof-picker', '')
    let settled = false
    const finish = (file: File | null) => {
      if (settled) return
      settled = true
      window.removeEventListener('focus', onFocus)
      input.remove()
      resolve(file)
    }
    // Chrome and Safari fire `cancel` when the dialog closes with no file; older browsers only give
    // the window its focus back, a moment before `change` (hence the pause).
    const onFocus = () => setTimeout(() => finish(input.files?.[0] ?? null), 1000)
    input.addEventListener('change', () => finish(input.files?.[0] ?? null))
    input.addEventListener('cancel', () => finish(null))
    document.body.appendChild(input)
    input.click()
    window.addEventListener('focus', onFocus)
  })
}

export async function uploadProof(): Promise<ApiReply<UploadedProof> | null> {
  const file = await pickFile()
  if (!file) return null
  const form = new FormData()
  form.append('file', file, file.name)
  // A FormData body is rebuilt by fetch each time; the same file goes each time.
  const reply = await withRetries(() => post<{ fileId: string }>('/api/upload', form, {}))
  if (!reply.ok) return reply
  return { ok: true, data: { fileId: reply.data.fileId, name: file.name, contentType: file.type || 'application/octet-stream' } }
}

export async function fetchProof(fileId: string): Promise<FetchedProof> {
  const response = await fetch(`/api/files/${encodeURIComponent(fileId)}`, { headers: identityHeaders() })
  if (!response.ok) throw new Error(`proof ${fileId}: HTTP ${response.status}`)
  const blob = await response.blob()
  return { url: URL.createObjectURL(blob), contentType: blob.type }
}

/** Type-only: `tsc` fails here if this file's exports drift from the contract in api.d.ts. */
export type H5Api = Conforms<typeof import('./api.h5')>
