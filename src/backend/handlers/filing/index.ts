import type { Handler } from '../../router'
import { policies } from './policies'

export const filingHandlers: Record<string, Handler> = {
  policies,
}
