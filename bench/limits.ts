// Rate limits for the benchmarks that build the backend's config by hand (bench/fuzz.ts, bench/server.ts).
// A benchmark sends far more requests per openid than a person would (the fuzz's world owner files,
// uploads and verifies thousands of times an hour), so the shipped limits (DEFAULT_RATE_LIMITS,
// 20 submits an hour) would turn its measurement into a count of 429s. These never bind: every request
// still takes its use of the window in the store (the same statement and write as shipped, whatever
// the max), it is just never refused.
import type { RateLimits } from '../src/backend/limits'
import type { UploadQuota } from '../src/backend/uploads'

export const UNBOUND_RATE_LIMITS: RateLimits = {
  submit: { max: 1e9, windowSeconds: 3600 },
  verifyIdentity: { max: 1e9, windowSeconds: 3600 },
  upload: { max: 1e9, windowSeconds: 3600 },
}

/** The same for the per-person upload quota (still counted on every upload, never refused). */
export const UNBOUND_UPLOAD_QUOTA: UploadQuota = { files: 1e9, bytes: 1e15 }
