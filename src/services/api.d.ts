// The API client's contract: one module, two implementations chosen by platform files.
//
//   import { callApi, uploadProof, fetchProof } from '../../services/api'
//
// Taro resolves the bare `./api` to `api.weapp.ts` when building weapp and to `api.h5.ts` when
// building H5 (its MultiPlatformPlugin tries `<name>.<TARO_ENV>.<ext>` before `<name>.<ext>`;
// docs.taro.zone "跨平台开发 → 统一接口的多端文件"). That page asks for "一个平台无关的默认文件，
// 这样在使用 TS 的时候也不会出现报错": TypeScript knows nothing of TARO_ENV and resolves `./api` to
// `api.ts`, `api.tsx` or `api.d.ts`. This declaration file is that platform-neutral default: it
// holds the shared types and the signatures and emits no code, so no bundle ever contains it, and
// both platform files are typed against it (`satisfies ApiModule`), so neither can drift from it.
import type { ErrorBody, Reply } from '../backend/protocol'

/** Codes the client adds to the server's (never sent by the server). */
export type ClientErrorCode = 'NETWORK'

export interface ClientErrorBody extends Omit<ErrorBody, 'code'> {
  code: ErrorBody['code'] | ClientErrorCode
}

/** The server's reply, or the client's own NETWORK failure. */
export type ApiReply<T> = Reply<T> | { ok: false; error: ClientErrorBody }

export type ApiFunction = 'filing' | 'admin'

export interface UploadedProof {
  fileId: string
  /** The file's name as the person chose it (shown back to them; the server never uses it). */
  name: string
  contentType: string
}

/** An uploaded proof as a form keeps it (the wizard's draft, the change and supplement forms). */
export type UploadedFile = Pick<UploadedProof, 'fileId' | 'name'>

/**
 * Calls a backend function. Never throws. A transport failure (no answer at all) is retried up to
 * 3 times with the same body, so a submit keeps its requestId; then `NETWORK`.
 */
export declare function callApi<T>(fn: ApiFunction, action: string, data?: unknown): Promise<ApiReply<T>>

/** Opens the picker and uploads one proof (JPG, PNG or PDF). `null` when the person cancels. */
export declare function uploadProof(): Promise<ApiReply<UploadedProof> | null>

/** An uploaded proof fetched to this device: where its copy is, and what it is. */
export interface FetchedProof {
  /** H5: a blob URL (revoke it with `URL.revokeObjectURL`). weapp: a temporary file path. */
  url: string
  /** `image/jpeg`, `image/png` or `application/pdf`. */
  contentType: string
}

/**
 * Fetches a proof for its owner or staff; rejects when it cannot be read. H5: `GET /api/files/<id>`
 * with the dev identity. weapp: `filing.proofLink` gives a short-lived cloud link, then
 * Taro.downloadFile (the proofs are private cloud files the mini-program cannot read itself).
 */
export declare function fetchProof(fileId: string): Promise<FetchedProof>

/** What each platform file exports. */
export interface ApiModule {
  callApi: typeof callApi
  uploadProof: typeof uploadProof
  fetchProof: typeof fetchProof
}

/** Type-only check used by each platform file: `Conforms<typeof import('./api.h5')>`. */
export type Conforms<M extends ApiModule> = M
