// Builders for the rules tests: valid people and filings, overridden per case.
import { checkCharacter, findProfile, type FilingFacts, type PolicyProfile } from '../../src/rules'

/** A valid 18-digit resident ID for a birth date and 3-digit sequence (odd: male). */
export function residentId(region = '110101', birth = '19550307', sequence = '123'): string {
  const first17 = region + birth + sequence
  return first17 + checkCharacter(first17)
}

export function profile(id: string): PolicyProfile {
  const found = findProfile(id)
  if (!found) throw new Error(`no profile ${id}`)
  return found
}

export function filing(overrides: Partial<FilingFacts> = {}): FilingFacts {
  return {
    id: 'F1',
    policyId: 'dazhou',
    category: 'resettled_retiree',
    status: 'active',
    destination: { provinceCode: '440000', cityCode: '440300', areaCode: '440300' },
    startDate: '2026-01-10',
    validUntil: null,
    filedOn: '2026-01-10',
    effectiveOn: '2026-01-10',
    changedOn: null,
    stays: [],
    ...overrides,
  }
}

/** A complete, valid submission; each test changes what it is about. */
export function submitInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    requestId: 'req-0000000001',
    policyId: 'dazhou',
    category: 'resettled_retiree',
    applicant: { name: '王秀兰', idType: 'resident_id', idNumber: residentId('511702', '19580612', '024'), phone: '13812345678' },
    destination: { provinceCode: '440000', cityCode: '440300' },
    startDate: '2026-11-22',
    commitment: { accepted: true, signature: '王秀兰' },
    ...overrides,
  }
}

export const TODAY = '2026-11-22'
