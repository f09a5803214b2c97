import type { Handler } from '../../router'
import { accessLog } from './access-log'
import { list } from './list'
import { stats } from './stats'
import { exportCsv } from './export'
import { get } from './get'
import { recordStay } from './record-stay'
import { reveal } from './reveal'
import { review } from './review'
import { spotCheck } from './spot-check'

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
