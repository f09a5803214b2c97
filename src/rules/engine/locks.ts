// May this filing be changed or cancelled today, and if not, from when?
import type { LockException, LockRule, PolicyProfile } from '../profiles'
import { formatChineseDate, type CalendarDate } from '../dates'
import type { MaterialKind } from '../vocabulary'
import { filedRule } from './category'
import { staysAtCurrentDestination, type FilingFacts } from './filing'
import { lockOpensOn } from './validity'

export type LockState =
  | { kind: 'open' }
  /** The lock is not running now, but would start once expenses are incurred at the filed place. */
  | { kind: 'open_until_expenses'; wouldOpenOn: CalendarDate }
  | { kind: 'locked'; allowedFrom: CalendarDate }
  | { kind: 'refile'; message: string }

/** The state of one lock on `today`. */
export function lockState(lock: LockRule, filing: FilingFacts, today: CalendarDate): LockState {
  if (lock.kind === 'none') return { kind: 'open' }
  if (lock.kind === 'refile') return { kind: 'refile', message: lock.message }
  const base = lock.from === 'filed' ? filing.filedOn : (filing.effectiveOn ?? filing.startDate)
  // Whether a 备案变更 restarts the count is each profile's reading of its seed (restartsOnChange).
  const restarted = lock.restartsOnChange && filing.changedOn !== null && filing.changedOn > base
  const from = restarted ? filing.changedOn! : base
  const opensOn = lockOpensOn(lock, from)
  if (today >= opensOn) return { kind: 'open' }
  if (lock.onlyAfterExpensesAtDestination && staysAtCurrentDestination(filing).length === 0) {
    return { kind: 'open_until_expenses', wouldOpenOn: opensOn }
  }
  return { kind: 'locked', allowedFrom: opensOn }
}

export type ActionDecision =
  | { kind: 'allowed'; proof: MaterialKind[] }
  | { kind: 'locked'; allowedFrom: CalendarDate; message: string; exceptions: LockException[] }
  | { kind: 'refused'; message: string }

function lockedMessage(action: string, allowedFrom: CalendarDate, exceptions: LockException[]): string {
  const base = `按规定，本备案${formatChineseDate(allowedFrom)}起才能${action}`
  if (exceptions.length === 0) return `${base}。`
  return `${base}；如属${exceptions.map((e) => e.label).join('、')}的情形，可凭证明材料现在申请。`
}


function statusRefusal(filing: FilingFacts, action: string): string | null {
  if (filing.status === 'cancelled') return `本备案已取消，不能${action}。如需备案，请重新办理。`
  if (filing.status === 'rejected') return `本备案未通过审核，不能${action}。请按驳回原因重新办理。`
  return null
}

/** What a change request alters of the filed substance. */
export interface ChangeScope {
  destination: boolean
  insuranceType: boolean
}

const ANY_CHANGE: ChangeScope = { destination: true, insuranceType: false }

/**
 * A change of the filed substance (destination, insurance type). `exception` names a circumstance
 * that lifts the destination lock (e.g. 达州 `employer_changed`); its proof then replaces the ordinary
 * proof. A change of insurance type alone follows the profile's `insuranceType` rule (达州: at once,
 * with proof). Contact details (phone, address) are not a 备案变更 and are never locked: see
 * `decideContactUpdate`.
 */
export function decideChange(
  profile: PolicyProfile,
  filing: FilingFacts,
  today: CalendarDate,
  exceptionCode?: string,
  what: ChangeScope = ANY_CHANGE,
): ActionDecision {
  const refusal = statusRefusal(filing, '变更')
  if (refusal) return { kind: 'refused', message: refusal }
  const rule = filedRule(profile, filing.category)
  if (!rule) return { kind: 'refused', message: '该人员类别无需备案，没有可变更的内容。' }
  const { lock, proof, exceptions, insuranceType } = rule.change
  const exception = exceptions.find((candidate) => candidate.code === exceptionCode)
  if (exceptionCode !== undefined && !exception) {
    return { kind: 'refused', message: '所选的变更情形不适用于本备案，请重新选择。' }
  }
  const insuranceAtOnce = insuranceType.kind === 'at_once'
  const underLock = what.destination || (what.insuranceType && !insuranceAtOnce)
  const insuranceProof = what.insuranceType && insuranceAtOnce ? insuranceType.proof : []
  if (!underLock) return { kind: 'allowed', proof: insuranceProof }
  const state = lockState(lock, filing, today)
  if (state.kind === 'refile') return { kind: 'refused', message: state.message }
  if (exception) return { kind: 'allowed', proof: unique([...exception.proof, ...insuranceProof]) }
  if (state.kind === 'locked') {
    return { kind: 'locked', allowedFrom: state.allowedFrom, message: lockedMessage('变更', state.allowedFrom, exceptions), exceptions }
  }
  return { kind: 'allowed', proof: unique([...(what.destination ? proof : []), ...insuranceProof]) }
}

const unique = <T>(items: T[]): T[] => [...new Set(items)]

/**
 * A new start date, for a filing that has not started yet. No seed speaks of it: nothing has been
 * settled under a filing before its start, so moving the start is open until that day, whatever the
 * change lock (which counts from the start); from then on the start is history, and a person who
 * needs an earlier one cancels and files again (our reading, listed in each profile's readings).
 * The new date itself must fit the category's start window (补办 back, a bounded time ahead).
 */
export function decideStartDateChange(profile: PolicyProfile, filing: FilingFacts, today: CalendarDate): ActionDecision {
  const refusal = statusRefusal(filing, '变更开始日期')
  if (refusal) return { kind: 'refused', message: refusal }
  if (!filedRule(profile, filing.category)) return { kind: 'refused', message: '该人员类别无需备案，没有可变更的内容。' }
  const started = filing.effectiveOn ?? filing.startDate
  if (today >= started) return { kind: 'refused', message: startedMessage(started) }
  return { kind: 'allowed', proof: [] }
}

/** Why a started filing's start date stays: said on the change page and by the coverage answer. */
export function startedMessage(started: CalendarDate): string {
  return `本备案已于${formatChineseDate(started)}生效，开始日期不能再变更；需要更早的开始日期的，请取消本备案后重新办理。`
}

export function decideCancel(profile: PolicyProfile, filing: FilingFacts, today: CalendarDate): ActionDecision {
  const refusal = statusRefusal(filing, '取消')
  if (refusal) return { kind: 'refused', message: refusal }
  const rule = filedRule(profile, filing.category)
  if (!rule) return { kind: 'refused', message: '该人员类别无需备案，没有可取消的备案。' }
  const state = lockState(rule.cancel, filing, today)
  if (state.kind === 'refile') return { kind: 'refused', message: state.message }
  if (state.kind === 'locked') {
    return { kind: 'locked', allowedFrom: state.allowedFrom, message: lockedMessage('取消', state.allowedFrom, []), exceptions: [] }
  }
  return { kind: 'allowed', proof: [] }
}

/** Phone and contact address may be corrected on any open filing. */
export function decideContactUpdate(filing: FilingFacts): ActionDecision {
  const refusal = statusRefusal(filing, '修改联系方式')
  return refusal ? { kind: 'refused', message: refusal } : { kind: 'allowed', proof: [] }
}
