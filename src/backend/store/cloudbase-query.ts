// The CloudBase adapter's query conditions: the back-office filters and derived states as
// wx-server-sdk conditions, and key-based paging's "after the cursor" (cloudbase.ts search, exportPage).
import { addDays, type CalendarDate, type StaffState } from '../../rules'
import { last4Index, type FieldCrypto } from '../crypto/fields'
import type { SearchFilters } from './port'
import type { Cursor } from './cursor'
import type { DbCommand } from './cloudbase-sdk'
import { escapeRegExp } from './cloudbase-docs'

/** The conditions, built with the database's command object `_` and the keys of the hashed lookup fields. */
export function queryConditions(_: DbCommand, crypto: FieldCrypto) {
  /**
   * A derived state (rules `staffState`) as a condition led by the status, so the status index serves it;
   * validUntilSort holds NO_END_DATE for no end.
   */
  function stateCondition(state: StaffState, today: CalendarDate): object {
    const started = { status: 'active', startDate: _.lte(today) }
    switch (state) {
      case 'pending_review':
        return { status: 'pending_review', awaitingMaterials: _.nin([true]) }
      case 'needs_materials':
        return { status: 'pending_review', awaitingMaterials: true }
      case 'not_yet_active':
        return { status: 'active', startDate: _.gt(today) }
      case 'active':
        return { ...started, validUntilSort: _.gte(today) }
      case 'expired':
        return { ...started, validUntilSort: _.lt(today) }
      default:
        return { status: state }
    }
  }

  function conditions(filters: SearchFilters, today: CalendarDate): object {
    const all: object[] = []
    // An empty list is no filter.
    if (filters.state?.length) {
      const states = filters.state.map((state) => stateCondition(state, today))
      all.push(states.length === 1 ? states[0] : _.or(states))
    }
    if (filters.category?.length) all.push({ category: _.in(filters.category) })
    if (filters.policyId?.length) all.push({ policyId: _.in(filters.policyId) })
    if (filters.provinceCode) all.push({ provinceCode: filters.provinceCode })
    if (filters.cityCode) all.push({ cityCode: filters.cityCode })
    if (filters.startFrom) all.push({ startDate: _.gte(filters.startFrom) })
    if (filters.startTo) all.push({ startDate: _.lte(filters.startTo) })
    if (filters.expiringWithinDays !== undefined) {
      all.push({ status: 'active', startDate: _.lte(today), validUntil: _.and([_.gte(today), _.lte(addDays(today, filters.expiringWithinDays))]) })
    }
    if (filters.needsReviewBy) {
      // domain/review-queue.ts: a filing under review, or a change of an active one, not passed by me.
      const me = filters.needsReviewBy
      all.push(
        _.or([
          { status: 'pending_review', reviewers: _.nin([me]), awaitingMaterials: _.nin([true]) },
          { status: 'active', changeUnderReview: true, changeReviewers: _.nin([me]), awaitingMaterials: _.nin([true]) },
        ]),
      )
    }
    if (filters.spotCheckDue) all.push({ status: 'active', spotCheckDue: true })
    if (filters.byAgent) all.push({ byAgent: true })
    const q = filters.q?.trim()
    if (q) {
      // Filing numbers are stored in upper case; a name prefix is the prefix of the name's token string
      // (a name is matched as typed); the last 4 by their keyed HMAC (x = X).
      all.push(
        _.or([{ _id: q.toUpperCase() }, { name: new RegExp(`^${escapeRegExp(crypto.nameIndex(q))}`) }, { idLast4: last4Index(crypto, q) }]),
      )
    }
    if (all.length === 0) return {}
    return all.length === 1 ? all[0] : _.and(all)
  }

  /**
   * Past the cursor's row in the order (field, _id) both `direction`: a greater (asc) or smaller
   * (desc) value, or the same value and a greater / smaller `_id`.
   */
  function pastCursor(field: string, direction: 'asc' | 'desc', cursor: Cursor): object {
    const past = (value: string) => (direction === 'asc' ? _.gt(value) : _.lt(value))
    return _.or([{ [field]: past(cursor.value) }, { [field]: cursor.value, _id: past(String(cursor.tie)) }])
  }
  return { conditions, pastCursor }
}
