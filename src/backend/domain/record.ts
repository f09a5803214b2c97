// A stored filing and its history. The record is the current state; the history is every action
// taken, in order, and the rules' lifecycle (src/rules/engine/lifecycle.ts) derives the state from it.
import type {
  CalendarDate,
  Category,
  FiledDestination,
  FilingAction,
  FilingStatus,
  Gender,
  HospitalLevel,
  IdType,
  InsuranceType,
  InsuredRegion,
  MaterialKind,
  Relationship,
} from '../../rules'

export interface Applicant {
  name: string
  idType: IdType
  idNumber: string
  phone: string
  address: string | null
  gender: Gender | null
  birthDate: CalendarDate
}

/**
 * 代办: the person who filed for the applicant. They are the filing's owner (the openid); their name
 * and ID number come from their 实名认证, never from the request.
 */
export interface Agent {
  name: string
  idType: IdType
  idNumber: string
  phone: string
  relationship: Relationship
  /** The uploaded 授权委托书 (a fileId), where the profile asks for one. */
  authorization: string | null
}

export interface RecordedStay {
  admissionDate: CalendarDate
  dischargeDate: CalendarDate | null
  /** The filed area at the time (absent on stays recorded before it was kept: read as the current one). */
  areaCode?: string
  recordedBy: string
  recordedAt: string
}

export interface FilingRecord {
  /** The filing number people read and quote, e.g. `YD20261122-7K3M9Q`. */
  id: string
  /** The WeChat openid of the person who filed: the applicant, or for a 代办 the agent. */
  owner: string
  requestId: string
  policyId: string
  insuredRegion: InsuredRegion
  category: Category
  insuranceType: InsuranceType | null
  applicant: Applicant
  destination: FiledDestination
  startDate: CalendarDate
  validUntil: CalendarDate | null
  filedOn: CalendarDate
  effectiveOn: CalendarDate | null
  /** The day of the last 备案变更 (destination or insurance type); locks run again from it. */
  changedOn: CalendarDate | null
  materials: FiledMaterial[]
  /** `signedBy: 'agent'`: signed by the agent in their own name (代签). Absent on older records: the applicant. */
  commitment: { signature: string; signedAt: string; title: string; signedBy?: 'applicant' | 'agent' } | null
  referral: {
    hospitalName: string
    hospitalLevel: HospitalLevel
    certificateDate: CalendarDate
    treatingHospitalName: string | null
  } | null
  status: FilingStatus
  /** Staff who passed each review stage so far, in order (its length is the next stage's index). */
  reviewers: string[]
  /** Why staff rejected it, shown to the person. */
  rejectionReason: string | null
  stays: RecordedStay[]
  // The two below came after the first records were written: absent reads as null.
  /** Staff asked for more materials during review; cleared when the person supplements them. */
  materialsRequest?: MaterialsRequest | null
  /** A commitment filing picked for a check afterwards (抽查), and its outcome; null when not picked. */
  spotCheck?: SpotCheck | null
  /** Filed by someone else for the applicant (代办); absent reads as null. */
  agent?: Agent | null
  /**
   * A substantive change (destination, insurance type) of an active filing under a profile with staged
   * review, waiting for staff: the filing stays active on its old terms until the change is approved.
   * Absent reads as null. While it waits, `materialsRequest` is the change reviewer's request.
   */
  pendingChange?: PendingChange | null
  /** The last change staff turned down, with the reason the person reads; absent reads as null. Cleared by the next change. */
  changeRejection?: ChangeRejection | null
  /**
   * The day the retention period ran out and the personal fields were erased (domain/retention.ts);
   * absent reads as null. Nothing changes an anonymised filing again.
   */
  anonymisedOn?: CalendarDate | null
  /** Bumped on every change of the record; a change carrying an older one is a CONFLICT. */
  version: number
  createdAt: string
  updatedAt: string
}

export interface PendingChange {
  /** The new terms; a field left out keeps the filing's current one. */
  destination?: FiledDestination
  insuranceType?: InsuranceType
  requestedOn: CalendarDate
  requestedAt: string
  /** Who asked (the filing's owner). */
  by: string
  reason: string
  /** Proofs sent with the request (and any supplement); added to the filing's materials when approved. */
  materials: FiledMaterial[]
  /** Staff who passed each stage of the change's review so far (the profile's own stages). */
  reviewers: string[]
}

export interface ChangeRejection {
  reason: string
  on: CalendarDate
  destination?: FiledDestination
  insuranceType?: InsuranceType
}

/** One proof. A supplement says so, so it never reads as a second copy of the original. */
export interface FiledMaterial {
  kind: MaterialKind
  fileId: string
  /** Sent in answer to staff's request (filing.supplement): when, and the stage that asked. Absent: filed with the filing or a change. */
  supplement?: { at: string; stage: string | null }
}

export interface MaterialsRequest {
  /** What staff wrote; empty when the picked materials say it all. */
  note: string
  /** The filing's materials staff picked (rules' requestableMaterials); absent on older requests: a note only. */
  items?: MaterialKind[]
  by: string
  at: string
  /** The review stage that asked (初审 …), when the profile has stages. */
  stage: string | null
}

/**
 * 抽查: a commitment filing kept its proofs at home (seed 000 "自己保存已备核查时提供"); a sample of
 * them is checked by staff after it took effect.
 */
export type SpotCheck =
  | { state: 'due'; sampledOn: CalendarDate }
  | { state: 'verified' | 'problem'; sampledOn: CalendarDate; note: string | null; by: string; on: CalendarDate }

/**
 * `owner`: whoever filed (the applicant, or their agent); `applicant`: the insured person acting on a
 * filing someone else made for them (they may cancel it: 本人撤销代办备案).
 */
export type Role = 'owner' | 'applicant' | 'staff' | 'system'

export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

export interface HistoryEntry {
  filingId: string
  at: string
  actor: string
  role: Role
  action: FilingAction
  /** For a review step: the stage's label (初审 …). */
  stage?: string
  changes?: FieldChange[]
  reason?: string
  /** Rewritten when its filing was anonymised: the person's openid, the values and the reason are gone. */
  redacted?: true
}
