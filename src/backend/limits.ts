// Per-openid rate limits on the actions worth abusing: submit (filing under many ID numbers),
// verifyIdentity (each face check costs, and probes names against ID numbers) and upload (storage).
// A fixed window per action and openid, counted in the store so that every cloud-function instance
// shares the count; refusals are 429 RATE_LIMITED with a Chinese message.
import type { Ctx } from './context'
import { fail } from './protocol'

export const RATE_LIMITED_ACTIONS = ['submit', 'verifyIdentity', 'upload'] as const
export type RateLimitedAction = (typeof RATE_LIMITED_ACTIONS)[number]

export interface RateLimit {
  max: number
  windowSeconds: number
}
export type RateLimits = Record<RateLimitedAction, RateLimit>

/** Generous for a family filing for several people in one sitting; tight enough to stop a script. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  submit: { max: 20, windowSeconds: 3600 },
  verifyIdentity: { max: 10, windowSeconds: 3600 },
  upload: { max: 60, windowSeconds: 3600 },
}

const WHAT: Record<RateLimitedAction, string> = {
  submit: '提交备案',
  verifyIdentity: '实名认证',
  upload: '上传材料',
}

const ENV: Record<RateLimitedAction, string> = {
  submit: 'RATE_LIMIT_SUBMIT',
  verifyIdentity: 'RATE_LIMIT_VERIFY',
  upload: 'RATE_LIMIT_UPLOAD',
}

/** `RATE_LIMIT_SUBMIT=20/3600` (at most 20 per 3600 seconds) and the like; unset: the default. */
export function rateLimitsFrom(env: Record<string, string | undefined>): RateLimits {
  const limits = { ...DEFAULT_RATE_LIMITS }
  for (const action of RATE_LIMITED_ACTIONS) {
    const value = env[ENV[action]]?.trim()
    if (!value) continue
    const match = /^(\d{1,6})\/(\d{1,7})$/.exec(value)
    if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
      throw new Error(`${ENV[action]} must be "<max>/<seconds>", e.g. 20/3600; got "${value}"`)
    }
    limits[action] = { max: Number(match[1]), windowSeconds: Number(match[2]) }
  }
  return limits
}

function windowText(seconds: number): string {
  if (seconds % 86400 === 0) return seconds === 86400 ? '每天' : `每${seconds / 86400}天`
  if (seconds % 3600 === 0) return seconds === 3600 ? '每小时' : `每${seconds / 3600}小时`
  if (seconds % 60 === 0) return `每${seconds / 60}分钟`
  return `每${seconds}秒`
}

/**
 * Takes one use of `action` by `openid`; past the limit, 429 with how many are allowed. Called once
 * a request has passed its checks, so a refused request costs the person nothing and writes nothing.
 */
export async function requireWithinLimit(ctx: Ctx, action: RateLimitedAction, openid: string): Promise<void> {
  const limit = ctx.config.rateLimits[action]
  const windowMs = limit.windowSeconds * 1000
  const start = Math.floor(ctx.now.getTime() / windowMs) * windowMs
  if (!(await ctx.store.takeUse(`${action}:${openid}`, new Date(start).toISOString(), limit.max))) {
    throw fail('RATE_LIMITED', `${WHAT[action]}太频繁了（${windowText(limit.windowSeconds)}最多${limit.max}次），请稍后再试`)
  }
}
