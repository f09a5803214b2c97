import type { Handler } from '../../router'
import { accessLog, exportCsv, list, stats } from './list'
import { get, recordStay, reveal, review, spotCheck } from './review'

export const adminHandlers: Record<string, Handler> = {
  list,
  get,
  review,
  spotCheck,
  reveal,
  recordStay,
  stats,
  export: exportCsv,
  accessLog,
}
