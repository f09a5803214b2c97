// What every handler receives besides its request: who is calling, when, and the ports.
import type { FileStore } from './files/port'
import type { StaffMember, Store } from './store/port'

export interface Caller {
  /** The WeChat openid (deployed) or the dev identity header (local); null when unknown. */
  openid: string | null
  /** Set when the openid is on the staff list. */
  staff: StaffMember | null
}

export interface BackendConfig {
  /** WeChat subscribe-message template for expiry reminders (deployed only). */
  reminderTemplateId: string | null
}

export interface Ctx {
  caller: Caller
  /** The server's clock (or, locally, the X-Dev-Now header): the only source of "today". */
  now: Date
  store: Store
  files: FileStore
  config: BackendConfig
}
