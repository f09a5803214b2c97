// What leaves the backend: a person's view of their filing, and the staff views. ID numbers and
// phones are masked everywhere except the staff detail (whose viewing is recorded).
import {
  CATEGORIES,
  DISPLAY_STATE_LABELS,
  ID_TYPE_LABELS,
  displayState,
  maskIdNumber,
  maskMobile,
  personActions,
  phaseOf,
  regionName,
  reviewStages,
  type CalendarDate,
  type DisplayState,
} from '../rules'
import { profileOf, toFacts } from './domain/facts'
import type { FilingRecord, HistoryEntry } from './domain/record'

const ACTION_LABELS: Record<HistoryEntry['action'], string> = {
  submit: '提交备案',
  review_pass: '审核通过',
  approve: '审批通过，备案生效',
  reject: '审核未通过',
  change: '变更备案',
  update_contact: '修改联系方式',
  cancel: '取消备案',
  record_stay: '登记住院费用',
  view: '经办人员查阅',
  remind: '到期提醒',
  request_materials: '要求补充材料',
  supplement: '补充材料',
  spot_check: '抽查核查',
  reveal: '经办人员查看完整证件号码和电话',
}

function stages(record: FilingRecord): { labels: string[]; passed: number } {
  return { labels: reviewStages(profileOf(record), record.category).map((stage) => stage.label), passed: record.reviewers.length }
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
    destination: { ...record.destination, name: regionName(record.destination.areaCode) ?? record.destination.areaCode },
    startDate: record.startDate,
    validUntil: record.validUntil,
    filedOn: record.filedOn,
    effectiveOn: record.effectiveOn,
    review: stages(record),
    rejectionReason: record.rejectionReason,
    materialsRequest: record.materialsRequest ? { note: record.materialsRequest.note, at: record.materialsRequest.at, stage: record.materialsRequest.stage } : null,
  }
}

type Change = NonNullable<HistoryEntry['changes']>[number]

/** A change of the applicant carries their ID number: masked as everywhere else in the person's view. */
function maskApplicant(change: Change): Change {
  if (change.field !== 'applicant') return change
  const mask = (value: unknown) =>
    value && typeof value === 'object' && 'idNumber' in value ? { ...value, idNumber: maskIdNumber(String(value.idNumber)) } : value
  return { ...change, before: mask(change.before), after: mask(change.after) }
}

export function timeline(history: HistoryEntry[], full = false) {
  return history.map((entry) => ({
    at: entry.at,
    action: entry.action,
    label: entry.stage ? `${entry.stage}：${ACTION_LABELS[entry.action]}` : ACTION_LABELS[entry.action],
    role: entry.role,
    reason: entry.reason ?? null,
    changes: (entry.changes ?? []).map((change) => (full ? change : maskApplicant(change))),
  }))
}

/** The person's own view: everything they filed, the ID number masked, and what they may do now. */
export function personView(record: FilingRecord, today: CalendarDate, history?: HistoryEntry[]) {
  return {
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
    actions: personActions(profileOf(record), toFacts(record), phaseOf(record), today),
    ...(history ? { history: timeline(history) } : {}),
  }
}

/** A row of the staff list: masked. */
export function listItem(record: FilingRecord, today: CalendarDate) {
  return {
    ...common(record, today),
    name: record.applicant.name,
    idNumber: maskIdNumber(record.applicant.idNumber),
    phone: maskMobile(record.applicant.phone),
  }
}

/** The staff detail: every field, the ID number and phone masked until revealed (admin.reveal, recorded). */
export function staffView(record: FilingRecord, today: CalendarDate, history: HistoryEntry[]) {
  const person = personView(record, today, history)
  return {
    ...person,
    applicant: { ...person.applicant, phone: maskMobile(record.applicant.phone) },
    owner: record.owner,
    spotCheck: record.spotCheck ?? null,
    stays: record.stays,
    history: timeline(history).map((item, index) => ({ ...item, actor: history[index].actor })),
  }
}
