// What every handler receives besides its request: who is calling, when, and the ports.
import type { FileStore } from './files/port'
import type { IdentityVerifier } from './identity/port'
import type { RateLimits } from './limits'
import type { AccessLog } from './store/access-log'
import type { StaffMember, Store } from './store/port'
import type { UploadQuota } from './uploads'

export interface Caller {
  /** The WeChat openid (deployed) or the dev identity header (local); null when unknown. */
  openid: string | null
  /** Set when the openid is on the staff list. */
  staff: StaffMember | null
}

export interface BackendConfig {
  /** WeChat subscribe-message template for expiry reminders (deployed only). */
  reminderTemplateId: string | null
  /**
   * The share of commitment filings picked for a 抽查 when filed (0–1). The seeds ask people to keep
   * their proofs "以备核查" but set no share: 0.1 is our default (SPOT_CHECK_RATE), for the agency to set.
   */
  spotCheckRate: number
  /** Per-openid limits on submit, verifyIdentity and upload (limits.ts). */
  rateLimits: RateLimits
  /** What one person may keep (uploads.ts, UPLOAD_QUOTA); unset: DEFAULT_UPLOAD_QUOTA. */
  uploadQuota?: UploadQuota
}

export const DEFAULT_SPOT_CHECK_RATE = 0.1

/** SPOT_CHECK_RATE from the environment, or the default when unset; refuses anything outside 0–1. */
export function spotCheckRateFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_SPOT_CHECK_RATE
  const rate = Number(value)
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new Error(`SPOT_CHECK_RATE must be a number from 0 to 1, got "${value}"`)
  return rate
}

export interface Ctx {
  caller: Caller
  /** The server's clock (or, locally, the X-Dev-Now header): the only source of "today". */
  now: Date
  store: Store
  files: FileStore
  /** Checks a caller's 实名认证 claim: WeChat 人脸核身 deployed, a labelled stand-in locally. */
  verifier: IdentityVerifier
  config: BackendConfig
  /** What staff read (lists, exports, proofs, reveals), for the `audit` role (store/access-log.ts). */
  accessLog: AccessLog
}
