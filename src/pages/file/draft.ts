// The filing wizard's draft, without Taro: what it holds, a fresh one, one kept in storage, one filled
// from an earlier filing, and the first question's answer (为谁办理). For whom: the person themselves
// (the applicant must be their 实名认证), or a family member (代办: the applicant is the relative,
// the agent is the verified caller, who signs any commitment).
import {
  findCity,
  findProfile,
  type CalendarDate,
  type Category,
  type HospitalLevel,
  type IdType,
  type InsuranceType,
  type MaterialKind,
  type Relationship,
} from '../../rules'
import type { UploadedFile } from '../../services/api'
import type { VerifiedIdentity } from '../verify/model'

export const STEP_IDS = ['who', 'policy', 'category', 'destination', 'startDate', 'person', 'agent', 'proof', 'referral', 'review'] as const
export type StepId = (typeof STEP_IDS)[number]

/** 本人: for oneself; 家人: for a family member (代办). */
export type ForWhom = 'self' | 'family'

export interface Draft {
  v: 1
  /** Made once per draft: a submit retried after a network failure returns the same filing. */
  requestId: string
  step: StepId
  /** The person came from the check page through a 修改 link: "继续" goes back there. */
  returnToReview: boolean
  forWhom: ForWhom | null
  policyId: string | null
  /** The national default only: where the person is insured (province, then city). */
  insuredRegion: { provinceCode: string; cityCode: string }
  category: Category | null
  destination: { provinceCode: string; cityCode: string }
  startDate: CalendarDate | null
  applicant: { idType: IdType; idNumber: string; name: string; phone: string; address: string }
  insuranceType: InsuranceType | null
  proofMode: 'materials' | 'commitment' | null
  /** Uploaded proofs by kind; only the kinds the chosen category needs are sent. */
  materials: Partial<Record<MaterialKind, UploadedFile>>
  commitment: { accepted: boolean; signature: string }
  referral: {
    hospitalName: string
    hospitalLevel: HospitalLevel | null
    certificateDate: CalendarDate | null
    treatingHospitalName: string
  }
  /** 代办 only: the agent's relationship to the applicant, their own phone, the 授权委托书 where asked. */
  agent: { relationship: Relationship | null; phone: string; authorization: UploadedFile | null }
  updatedAt: string
}

/** What the wizard knows about the person beyond the draft (from `filing.mine` and `filing.identity`). */
export interface PersonContext {
  today: CalendarDate
  /** Holds an active long-term filing: some referral issuers (山西) accept them only then. */
  hasLongTermFiling?: boolean
  /** The caller's 实名认证 (masked), once read: the applicant (本人) or the agent (代办). */
  identity?: VerifiedIdentity | null
  /** 本人's long-term filing under review or in force (from `filing.mine`): a second one would be refused. */
  openLongTermFiling?: { id: string } | null
}

export const SECOND_LONG_TERM = '您已经有一份审核中或生效中的长期居住备案，不能再办理一份：请看下面的说明'

/** What the steps that depend on the draft's shape read of it. */
export type DraftShape = Pick<Draft, 'policyId' | 'category'> & { forWhom?: ForWhom | null }

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * A request id the submit schema accepts (`[A-Za-z0-9_-]{8,64}`): the time in base 36, then 16
 * random characters from `crypto.getRandomValues` where the platform has it.
 */
export function newRequestId(now: number = Date.now(), random: (n: number) => number[] = randomBytes): string {
  const tail = random(16)
    .map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length])
    .join('')
  return `f${now.toString(36)}-${tail}`
}

function randomBytes(n: number): number[] {
  // Browsers and Node have crypto.getRandomValues; the mini-program's JS engine has no `crypto` (and
  // old base libraries no `globalThis`), so it falls back to Math.random: the id only has to differ
  // between one person's drafts.
  const root = typeof globalThis === 'undefined' ? undefined : (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } })
  const cryptoLike = root?.crypto
  if (cryptoLike?.getRandomValues) return Array.from(cryptoLike.getRandomValues(new Uint8Array(n)))
  return Array.from({ length: n }, () => Math.floor(Math.random() * 256))
}

export function newDraft(requestId: string = newRequestId(), now: Date = new Date()): Draft {
  return {
    v: 1,
    requestId,
    step: 'who',
    returnToReview: false,
    forWhom: null,
    policyId: null,
    insuredRegion: { provinceCode: '', cityCode: '' },
    category: null,
    destination: { provinceCode: '', cityCode: '' },
    startDate: null,
    applicant: { idType: 'resident_id', idNumber: '', name: '', phone: '', address: '' },
    insuranceType: null,
    proofMode: null,
    materials: {},
    commitment: { accepted: false, signature: '' },
    referral: { hospitalName: '', hospitalLevel: null, certificateDate: null, treatingHospitalName: '' },
    agent: { relationship: null, phone: '', authorization: null },
    updatedAt: now.toISOString(),
  }
}

/** A stored draft, if it still has the shape this version writes; anything else starts afresh. */
export function restoreDraft(stored: unknown): Draft | null {
  if (!stored || typeof stored !== 'object') return null
  const draft = stored as Partial<Draft>
  if (draft.v !== 1 || typeof draft.requestId !== 'string' || !STEP_IDS.includes(draft.step as StepId)) return null
  const fresh = newDraft(draft.requestId)
  return {
    ...fresh,
    ...draft,
    insuredRegion: { ...fresh.insuredRegion, ...draft.insuredRegion },
    destination: { ...fresh.destination, ...draft.destination },
    applicant: { ...fresh.applicant, ...draft.applicant },
    commitment: { ...fresh.commitment, ...draft.commitment },
    referral: { ...fresh.referral, ...draft.referral },
    agent: { ...fresh.agent, ...draft.agent },
    materials: { ...draft.materials },
  } as Draft
}

/** What `draftFrom` reads of an earlier filing (a subset of what `filing.get` returns). */
export interface EarlierFiling {
  id: string
  policyId: string
  category: Category
  insuredRegion: { code: string }
  insuranceType: InsuranceType | null
  applicant: { name: string; idType: IdType; phone: string; address: string | null }
  destination: { provinceCode: string; cityCode?: string }
  materials: { kind: MaterialKind; fileId: string }[]
  commitment: unknown | null
  referral: { hospitalName: string; hospitalLevel: HospitalLevel; certificateDate: CalendarDate; treatingHospitalName: string | null } | null
  /** Filed for a family member (代办): filed again for them, by the same relationship. */
  agent?: { relationship: Relationship } | null
}

/**
 * A new draft from an earlier filing (办理续转诊, 重新办理): the same answers, so the person only checks
 * them. Not carried over: the start date (a new filing starts anew), the ID number (it comes back
 * masked), the signature and tick (a commitment is signed each time), the agent's phone and
 * 授权委托书 (a 代办 is declared each time). The earlier proofs are the person's own files and are
 * offered again (山西 re-files a continuing referral with the first certificate, 000 二(二)).
 */
export function draftFrom(filing: EarlierFiling, requestId: string = newRequestId(), now: Date = new Date()): Draft {
  const fresh = newDraft(requestId, now)
  const profile = findProfile(filing.policyId)
  const insured = filing.insuredRegion.code
  const city = findCity(insured)
  const materials: Draft['materials'] = {}
  for (const material of filing.materials) materials[material.kind] = { fileId: material.fileId, name: `备案${filing.id}中已上传的材料` }
  return {
    ...fresh,
    forWhom: filing.agent ? 'family' : 'self',
    agent: { ...fresh.agent, relationship: filing.agent?.relationship ?? null },
    policyId: profile ? filing.policyId : null,
    insuredRegion:
      profile?.insuredRegion === null
        ? city
          ? { provinceCode: city.provinceCode, cityCode: city.code }
          : { provinceCode: insured, cityCode: '' }
        : fresh.insuredRegion,
    category: filing.category,
    destination: { provinceCode: filing.destination.provinceCode, cityCode: filing.destination.cityCode ?? '' },
    applicant: {
      idType: filing.applicant.idType,
      idNumber: '',
      name: filing.applicant.name,
      phone: filing.applicant.phone,
      address: filing.applicant.address ?? '',
    },
    insuranceType: filing.insuranceType,
    proofMode: filing.commitment ? 'commitment' : filing.materials.length > 0 ? 'materials' : null,
    materials,
    referral: filing.referral
      ? { ...filing.referral, treatingHospitalName: filing.referral.treatingHospitalName ?? '' }
      : fresh.referral,
  }
}

/**
 * The first question's answer. Changing it starts the person's name, ID type and number afresh (they
 * were someone else's) and the signature (代签 is the agent's own name); 本人 fills in the verified
 * name and ID type. Answering it again the same way changes nothing.
 */
export function chooseForWhom(draft: Draft, forWhom: ForWhom, identity: VerifiedIdentity | null | undefined): Draft {
  if (draft.forWhom === forWhom) return draft
  const fresh = newDraft(draft.requestId)
  // A draft kept from before this question (forWhom null) keeps what was typed.
  const switched = draft.forWhom !== null
  const applicant = switched ? { ...draft.applicant, name: '', idType: fresh.applicant.idType, idNumber: '' } : draft.applicant
  return {
    ...draft,
    forWhom,
    applicant: forWhom === 'self' && identity ? { ...applicant, name: identity.name, idType: identity.idType } : applicant,
    commitment: switched ? fresh.commitment : draft.commitment,
    agent: forWhom === 'family' ? draft.agent : fresh.agent,
  }
}

/** Whom the questions are about: 您, or for a family member 家人. */
export function subjectOf(draft: Pick<Draft, 'forWhom'>): '您' | '家人' {
  return draft.forWhom === 'family' ? '家人' : '您'
}

/**
 * The filings of the person this draft is for, among `filing.mine`'s: 本人's own (filed by them or for
 * them). For a family member none are known here (their ID number comes back masked): the server
 * decides.
 */
export function applicantFilings<F extends { party?: string }>(mine: readonly F[], draft: Pick<Draft, 'forWhom'>): F[] {
  return draft.forWhom === 'family' ? [] : mine.filter((filing) => filing.party !== 'agent')
}
