import type { Handler } from '../../router'
import { exportCsv, list, stats } from './list'
import { get, recordStay, review } from './review'

export const adminHandlers: Record<string, Handler> = {
  list,
  get,
  review,
  recordStay,
  stats,
  export: exportCsv,
}
