// The retention policy's shape (rules/retention.ts), checked when the backend loads it.
import { z } from 'zod'
import type { RetentionPolicy } from '../retention'

export const RetentionPolicySchema = z
  .object({
    yearsAfterEnd: z.number().int().min(1).max(50),
    identityYears: z.number().int().min(1).max(50),
  })
  .strict() satisfies z.ZodType<RetentionPolicy>
