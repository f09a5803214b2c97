// Builders for backend tests: a valid stored filing and history entry with realistic data, changed
// per case. Each `filingRecord()` gets a new filing number and requestId unless told otherwise.
import { checkCharacter, type CalendarDate } from '../../src/rules'
import type { Applicant, FilingRecord, HistoryEntry } from '../../src/backend/domain/record'

/** A valid 18-digit resident ID for a region, birth date and 3-digit sequence (odd: male). */
export function residentId(region = '511702', birth = '19580612', sequence = '024'): string {
  const first17 = region + birth + sequence
  return first17 + checkCharacter(first17)
}

let counter = 0

/** A fresh filing number `YD<filedOn>-XXXXXX`, using only the characters real ones use. */
export function filingNumber(filedOn: CalendarDate = '2026-11-22'): string {
  counter += 1
  const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ'
  let n = counter
  let suffix = ''
  for (let i = 0; i < 6; i += 1) {
    suffix = alphabet[n % alphabet.length] + suffix
    n = Math.floor(n / alphabet.length)
  }
  return `YD${filedOn.replace(/-/g, '')}-${suffix}`
}

export function applicant(overrides: Partial<Applicant> = {}): Applicant {
  return {
    name: '王秀兰',
    idType: 'resident_id',
    idNumber: residentId(),
    phone: '13812345678',
    address: '广东省深圳市南山区桃园路2号',
    gender: 'female',
    birthDate: '1958-06-12',
    ...overrides,
  }
}

export type FilingOverrides = Partial<Omit<FilingRecord, 'applicant'>> & { applicant?: Partial<Applicant> }

/**
 * An active long-term filing (达州 → 深圳, resettled retiree, no end date), version 1. `applicant` is
 * merged field by field; everything else replaces the default.
 */
export function filingRecord(overrides: FilingOverrides = {}): FilingRecord {
  const { applicant: person, ...rest } = overrides
  const filedOn = rest.filedOn ?? '2026-11-22'
  const id = rest.id ?? filingNumber(filedOn)
  const at = `${filedOn}T02:30:00.000Z`
  return {
    id,
    owner: 'o-wang-xiulan',
    requestId: `req-${id}`,
    policyId: 'dazhou',
    insuredRegion: { name: '达州市', code: '511700', poolingArea: '511700' },
    category: 'resettled_retiree',
    insuranceType: 'employee',
    applicant: applicant(person),
    destination: { provinceCode: '440000', cityCode: '440300', areaCode: '440300' },
    startDate: filedOn,
    validUntil: null,
    filedOn,
    effectiveOn: filedOn,
    changedOn: null,
    materials: [],
    commitment: { signature: '王秀兰', signedAt: at, title: '达州市异地就医备案个人承诺书' },
    referral: null,
    status: 'active',
    reviewers: [],
    rejectionReason: null,
    stays: [],
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...rest,
  }
}

/** A temporary filing: emergency treatment (异地急诊抢救) with a six-month validity. */
export function temporaryFiling(overrides: FilingOverrides = {}): FilingRecord {
  return filingRecord({
    category: 'emergency',
    validUntil: '2027-05-21',
    commitment: null,
    ...overrides,
  })
}

/** The entry that goes with `filingRecord` when it is first stored. */
export function submitEntry(filing: FilingRecord, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return historyEntry({ filingId: filing.id, at: filing.createdAt, actor: filing.owner, role: 'owner', action: 'submit', ...overrides })
}

export function historyEntry(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    filingId: 'YD20261122-222222',
    at: '2026-11-22T02:30:00.000Z',
    actor: 'o-wang-xiulan',
    role: 'owner',
    action: 'submit',
    ...overrides,
  }
}

/**
 * The next version of a stored filing, as a handler writes it: `changes` applied, version bumped,
 * updatedAt set.
 */
export function nextVersion(filing: FilingRecord, changes: FilingOverrides, updatedAt = '2026-11-23T01:00:00.000Z'): FilingRecord {
  const { applicant: person, ...rest } = changes
  return {
    ...filing,
    ...rest,
    applicant: { ...filing.applicant, ...person },
    version: filing.version + 1,
    updatedAt,
  }
}

let submissions = 0

/**
 * A `filing.submit` payload: a 达州 异地安置退休 filing to 深圳, by commitment (active at once when the
 * person files it themselves), for `person`.
 */
export function dazhouRetiree(person: { name: string; idType: string; idNumber: string }, overrides: Record<string, unknown> = {}) {
  submissions += 1
  return {
    requestId: `req-dazhou-${String(submissions).padStart(5, '0')}`,
    policyId: 'dazhou',
    category: 'resettled_retiree',
    applicant: { ...person, phone: '13812345678' },
    destination: { provinceCode: '440000', cityCode: '440300' },
    startDate: '2026-11-22',
    commitment: { accepted: true, signature: person.name },
    ...overrides,
  }
}
