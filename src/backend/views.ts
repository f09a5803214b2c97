// What leaves the backend: a person's view of their filing, and the staff views. ID numbers and
// phones are masked in every view (history diffs included), addresses in the staff detail and every
// history; the full values only through admin.reveal (a reason, the reveal role, recorded).
import {
  CATEGORIES,
  DISPLAY_STATE_LABELS,
  ID_TYPE_LABELS,
  INSURANCE_TYPE_LABELS,
  PERSON_ACTIONS,
  PRIVACY_NOTICE_VERSION,
  RELATIONSHIP_LABELS,
  displayState,
  maskIdNumber,
  maskMobile,
  changeNeedsReview,
  personActions,
  phaseOf,
  regionName,
  type CalendarDate,
  type DisplayState,
  type FiledDestination,
  type InsuranceType,
  type PersonActions,
} from '../rules'
import { changeStagesOf, profileOf, stagesOf, toFacts } from './domain/facts'
import type { Party } from './domain/party'
import type { FilingRecord, HistoryEntry } from './domain/record'
import { staffActions } from './domain/staff-actions'
import type { StaffMember, VerifiedIdentity } from './store/port'

const ACTION_LABELS: Record<HistoryEntry['action'], string> = {
  submit: '提交备案',
  review_pass: '审核通过',
  approve: '审批通过，备案生效',
  reject: '审核未通过',
  change: '变更备案',
  request_change: '申请变更，等待审核',
  change_review_pass: '审核通过',
  change_approve: '审批通过，变更生效',
  change_reject: '变更未通过审核',
  update_contact: '修改联系方式',
  cancel: '取消备案',
  record_stay: '登记住院费用',
  view: '经办人员查阅',
  remind: '到期提醒',
  request_materials: '要求补充材料',
  supplement: '补充材料',
  spot_check: '抽查核查',
  reveal: '经办人员查看完整证件号码和电话',
  anonymise: '保存期满，个人信息已删除',
}

function stages(record: FilingRecord): { labels: string[]; passed: number } {
  return { labels: stagesOf(record).map((stage) => stage.label), passed: record.reviewers.length }
}

/** The insured person cancelling what a relative filed for them: staff read it apart from an agent's own cancel. */
function entryLabel(entry: HistoryEntry): string {
  const label = entry.role === 'applicant' && entry.action === 'cancel' ? '本人撤销代办备案' : ACTION_LABELS[entry.action]
  return entry.stage ? `${entry.stage}：${label}` : label
}

/** Who filed a 代办 filing, as the person sees them: masked like everything else. */
function agentOf(record: FilingRecord) {
  const { agent } = record
  if (!agent) return null
  return {
    name: agent.name,
    idNumberMasked: maskIdNumber(agent.idNumber),
    phoneMasked: maskMobile(agent.phone),
    relationship: agent.relationship,
    relationshipLabel: RELATIONSHIP_LABELS[agent.relationship],
  }
}

const destinationView = (destination: FiledDestination) => ({ ...destination, name: regionName(destination.areaCode) ?? destination.areaCode })

/** The new terms of a change, each beside the one it replaces, in words. */
function termsView(record: FilingRecord, terms: { destination?: FiledDestination; insuranceType?: InsuranceType }) {
  const insuranceLabel = (type: InsuranceType | null) => (type ? INSURANCE_TYPE_LABELS[type] : null)
  const parts: string[] = []
  if (terms.destination) parts.push(`就医地 ${destinationView(record.destination).name} → ${destinationView(terms.destination).name}`)
  if (terms.insuranceType) parts.push(`参保险种 ${insuranceLabel(record.insuranceType) ?? '未填写'} → ${insuranceLabel(terms.insuranceType)}`)
  return {
    destination: terms.destination ? destinationView(terms.destination) : null,
    insuranceType: terms.insuranceType ?? null,
    insuranceTypeLabel: terms.insuranceType ? insuranceLabel(terms.insuranceType) : null,
    /** 就医地 沈阳市 → 昆明市; 参保险种 … → … */
    summary: parts.join('；'),
  }
}

/**
 * A substantive change waiting for staff (profiles with staged review): the filing is in force on its
 * old terms until it is approved; person and staff both see it.
 */
function pendingChangeView(record: FilingRecord) {
  const pending = record.pendingChange
  if (!pending) return null
  return {
    ...termsView(record, pending),
    requestedOn: pending.requestedOn,
    reason: pending.reason,
    materials: pending.materials,
    review: { labels: changeStagesOf(record).map((stage) => stage.label), passed: pending.reviewers.length },
    notice: '变更审核中，审核通过前按原备案结算',
  }
}

function changeRejectionView(record: FilingRecord) {
  const rejection = record.changeRejection
  if (!rejection) return null
  return { ...termsView(record, rejection), reason: rejection.reason, on: rejection.on }
}

/** Staff's request for more materials; one from before items were picked asks by its note alone. */
function materialsRequestView(record: FilingRecord) {
  const request = record.materialsRequest
  if (!request) return null
  return { note: request.note, items: request.items ?? [], at: request.at, stage: request.stage }
}

function common(record: FilingRecord, today: CalendarDate) {
  const state: DisplayState = displayState(record, today)
  return {
    id: record.id,
    version: record.version,
    status: record.status,
    state,
    stateLabel: DISPLAY_STATE_LABELS[state],
    policyId: record.policyId,
    policyName: profileOf(record).name,
    insuredRegion: record.insuredRegion,
    category: record.category,
    categoryLabel: CATEGORIES[record.category].label,
    insuranceType: record.insuranceType,
    destination: destinationView(record.destination),
    startDate: record.startDate,
    validUntil: record.validUntil,
    filedOn: record.filedOn,
    effectiveOn: record.effectiveOn,
    review: stages(record),
    rejectionReason: record.rejectionReason,
    materialsRequest: materialsRequestView(record),
    pendingChange: pendingChangeView(record),
    changeRejection: changeRejectionView(record),
    /** The retention period ran out: names, numbers and proofs are gone (domain/retention.ts). */
    anonymisedOn: record.anonymisedOn ?? null,
  }
}

type Change = NonNullable<HistoryEntry['changes']>[number]

/** A street address as staff see it until revealed: the first 6 characters (province, city), the rest *. */
export function maskAddress(address: string | null): string | null {
  if (!address) return address
  const chars = Array.from(address)
  return chars.length <= 6 ? '*'.repeat(chars.length) : chars.slice(0, 6).join('') + '*'.repeat(Math.min(chars.length - 6, 8))
}

const MASKED_KEYS: Partial<Record<string, (value: string) => string>> = {
  idNumber: maskIdNumber,
  phone: maskMobile,
  address: (value) => maskAddress(value) ?? value,
}

/** Every `idNumber`, `phone` and `address` at any depth of a value, masked (names are kept: see README). */
function maskDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskDeep)
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, typeof inner === 'string' && MASKED_KEYS[key] ? MASKED_KEYS[key]!(inner) : maskDeep(inner)]),
  )
}

/**
 * A change carries whatever was changed — the applicant's or the agent's ID number, phone and address
 * among it: masked at any depth in every view, the person's and staff's alike (full values only
 * through admin.reveal, which asks for a reason and is recorded).
 */
function maskChange(change: Change): Change {
  const whole = MASKED_KEYS[change.field]
  const mask = (value: unknown) => (whole && typeof value === 'string' ? whole(value) : maskDeep(value))
  return { ...change, before: mask(change.before), after: mask(change.after) }
}

export function timeline(history: HistoryEntry[]) {
  return history.map((entry) => ({
    at: entry.at,
    action: entry.action,
    label: entryLabel(entry),
    role: entry.role,
    reason: entry.reason ?? null,
    changes: (entry.changes ?? []).map(maskChange),
  }))
}

export const FILED_BY_AGENT = '这份备案由代办人办理：如需变更，请联系代办人；您也可以取消后本人重新办理。'

/**
 * What the person may do: the filer everything the rules allow; the insured person, on a filing
 * someone else made for them, only cancel.
 */
function actionsFor(record: FilingRecord, party: Party, today: CalendarDate): PersonActions {
  const actions = personActions(profileOf(record), toFacts(record), phaseOf(record), today)
  if (party !== 'applicant') return actions
  const refused = { allowed: false, allowedFrom: null, message: FILED_BY_AGENT }
  return Object.fromEntries(PERSON_ACTIONS.map((action) => [action, action === 'cancel' ? actions.cancel : refused])) as PersonActions
}

/** The caller's 实名认证 as their pages see it: the ID number masked. */
export function identityView(identity: VerifiedIdentity | null) {
  if (!identity) return { verified: false as const }
  return {
    verified: true as const,
    name: identity.name,
    idType: identity.idType,
    idTypeLabel: ID_TYPE_LABELS[identity.idType],
    idNumberMasked: maskIdNumber(identity.idNumber),
    method: identity.method,
    verifiedAt: identity.verifiedAt,
    /** Agreed to the current 个人信息处理规则; false: the page asks again (filing.consent). */
    consentCurrent: identity.consent?.version === PRIVACY_NOTICE_VERSION,
  }
}

/** A person's view of a filing of theirs (`party`): everything filed, ID numbers masked, and what they may do now. */
export function personView(record: FilingRecord, today: CalendarDate, party: Party, history?: HistoryEntry[]) {
  return {
    party,
    agent: agentOf(record),
    ...common(record, today),
    applicant: {
      ...record.applicant,
      idNumber: maskIdNumber(record.applicant.idNumber),
      idTypeLabel: ID_TYPE_LABELS[record.applicant.idType],
    },
    materials: record.materials,
    commitment: record.commitment,
    referral: record.referral,
    stays: record.stays.map(({ admissionDate, dischargeDate }) => ({ admissionDate, dischargeDate })),
    // A pending 抽查 is not announced; its outcome is.
    spotCheck: record.spotCheck && record.spotCheck.state !== 'due' ? { result: record.spotCheck.state, note: record.spotCheck.note, on: record.spotCheck.on } : null,
    actions: actionsFor(record, party, today),
    /** A change of destination or insurance type goes to staff review before it takes effect. */
    changeNeedsReview: changeNeedsReview(profileOf(record), record.category),
    ...(history ? { history: timeline(history) } : {}),
  }
}

/** A row of the staff list: masked. */
export function listItem(record: FilingRecord, today: CalendarDate) {
  const { agent } = record
  return {
    ...common(record, today),
    agent: agent ? { name: agent.name, relationship: agent.relationship, relationshipLabel: RELATIONSHIP_LABELS[agent.relationship] } : null,
    name: record.applicant.name,
    idNumber: maskIdNumber(record.applicant.idNumber),
    phone: maskMobile(record.applicant.phone),
  }
}

/** The staff detail: every field, ID numbers, phones and the address masked until revealed (admin.reveal, with a reason, recorded). */
export function staffView(record: FilingRecord, today: CalendarDate, history: HistoryEntry[], staff: StaffMember) {
  const { party: _party, ...person } = personView(record, today, record.agent ? 'agent' : 'self', history)
  const { agent } = record
  return {
    ...person,
    agent: agent
      ? { ...agentOf(record)!, idType: agent.idType, idTypeLabel: ID_TYPE_LABELS[agent.idType], authorization: agent.authorization }
      : null,
    applicant: { ...person.applicant, phone: maskMobile(record.applicant.phone), address: maskAddress(record.applicant.address) },
    owner: record.owner,
    spotCheck: record.spotCheck ?? null,
    stays: record.stays,
    history: timeline(history).map((item, index) => ({ ...item, actor: history[index].actor })),
    /** What this staff member may do next, and why not (the page shows only what they can use). */
    staffActions: staffActions(record, staff),
  }
}
