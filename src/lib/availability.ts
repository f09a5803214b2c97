// Whether a filing may be changed or cancelled today, in the words the person's pages and the back
// office show: from the view's `actions` and the profile's rules. Pure: no Taro.
import { MATERIALS, filedRuleOf, formatChineseDate, type ActionAvailability, type CalendarDate, type LockRule, type MaterialKind } from '../rules'
import type { FilingDetail } from './filing-view'

export interface Availability {
  /** The substance (就医地、险种) may be changed, or the filing cancelled, today. */
  can: boolean
  /** 可以变更 / 2027年5月23日起可以变更 / 现在不能变更 … */
  headline: string
  /** The rule's own sentence (the server's `message`), or our explanation. */
  message: string | null
  /** When locked: the first day it opens. */
  opensOn: CalendarDate | null
}

export interface ChangeAvailability extends Availability {
  /** Circumstances that lift the lock now, with the proof each needs (from the profile). */
  exceptions: { code: string; label: string; proof: string[] }[]
  /** Phone and address may be corrected now (any open filing). */
  contactOpen: boolean
  /** Something to know about a lock that is not running yet (济宁: once expenses are incurred). */
  note: string | null
  /** Proof every change of the substance needs (达州 temporary: a referral certificate). */
  proof: string[]
}

const labels = (kinds: readonly MaterialKind[]) => kinds.map((kind) => MATERIALS[kind].label)

/** A lock that starts only once medical expenses are incurred at the filed place, said in words. */
function expensesNote(lock: LockRule | undefined, filing: Pick<FilingDetail, 'stays'>, action: string): string | null {
  if (!lock || lock.kind !== 'months' || !lock.onlyAfterExpensesAtDestination || filing.stays.length > 0) return null
  return `在备案地发生医疗费用以前，可以随时${action}；发生医疗费用后，${lock.months}个月内不能${action}。`
}

/** One action's availability from the view (`filing.actions`), in the page's words. */
function availabilityWords(action: ActionAvailability, verb: '变更' | '取消'): Availability {
  if (action.allowed) return { can: true, headline: `可以${verb}`, message: null, opensOn: null }
  if (action.allowedFrom) {
    return { can: false, headline: `${formatChineseDate(action.allowedFrom)}起可以${verb}`, message: action.message, opensOn: action.allowedFrom }
  }
  return { can: false, headline: `现在不能${verb}`, message: action.message, opensOn: null }
}

export function changeAvailability(filing: FilingDetail): ChangeAvailability {
  const rule = filedRuleOf(filing)
  const words = availabilityWords(filing.actions.change, '变更')
  return {
    ...words,
    // Circumstances that lift a lock matter only while it holds until a known day.
    exceptions: words.opensOn ? (rule?.change.exceptions ?? []).map((e) => ({ code: e.code, label: e.label, proof: labels(e.proof) })) : [],
    contactOpen: filing.actions.update_contact.allowed,
    note: words.can ? expensesNote(rule?.change.lock, filing, '变更') : null,
    proof: labels(rule?.change.proof ?? []),
  }
}


/** A change of 参保险种 alone: under the destination's lock, or at once with its own proof (达州 001 四(三)). */
export function insuranceTypeAvailability(filing: FilingDetail): ChangeAvailability {
  const rule = filedRuleOf(filing)
  if (rule?.change.insuranceType.kind !== 'at_once') return changeAvailability(filing)
  const words = availabilityWords(filing.actions.change_insurance_type, '变更')
  return { ...words, exceptions: [], contactOpen: filing.actions.update_contact.allowed, note: null, proof: labels(rule.change.insuranceType.proof) }
}

export function cancelAvailability(filing: FilingDetail): Availability & { note: string | null } {
  const words = availabilityWords(filing.actions.cancel, '取消')
  return { ...words, note: words.can ? expensesNote(filedRuleOf(filing)?.cancel, filing, '取消') : null }
}
