import type { Handler } from '../../router'

export const adminHandlers: Record<string, Handler> = {}
