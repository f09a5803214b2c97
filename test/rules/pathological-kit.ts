// Pathological inputs for every request schema (issue 13): each schema with a sample that fills
// every string field, and the shapes of text that make backtracking regexes and normalisers slow.
// Used by test/rules/pathological.test.ts (each is refused by its length as sent) and by
// bench/pathological.ts (how long the worst case takes).
import type { z } from 'zod'
import {
  cancelSchema,
  changeSchema,
  coverageSchema,
  exportRequestSchema,
  listRequestSchema,
  previewSchema,
  recordStaySchema,
  PRIVACY_NOTICE_VERSION,
  reviewSchema,
  spotCheckSchema,
  submitSchema,
  supplementSchema,
  verifyIdentitySchema,
} from '../../src/rules'
import { residentId, submitInput } from './fixtures'

const ID = 'YD20261122-7K3M9Q'
const files = [{ kind: 'hukou', fileId: 'f_0123456789abcdef0123456789abcdef' }]

/** Each request schema with a sample that fills every string field it has. */
export const REQUESTS: [string, z.ZodType, Record<string, unknown>][] = [
  [
    'filing.submit',
    submitSchema,
    submitInput({
      insuredRegionCode: '511700',
      applicant: { name: '王秀兰', idType: 'resident_id', idNumber: residentId('511702', '19580612', '024'), phone: '13812345678', address: '广东省深圳市南山区桃园路2号' },
      materials: files,
      referral: { hospitalName: '达州市中心医院', hospitalLevel: 'grade3a', certificateDate: '2026-11-20', treatingHospitalName: '北京协和医院' },
      agent: { relationship: 'child', phone: '13900001111', authorization: 'f_0123456789abcdef0123456789abcdef' },
    }),
  ],
  ['filing.verifyIdentity', verifyIdentitySchema, { name: '王秀兰', idType: 'resident_id', idNumber: residentId('511702', '19580612', '024'), verifyResult: 'vid-1', consent: { version: PRIVACY_NOTICE_VERSION, sensitive: true } }],
  ['filing.preview', previewSchema, { policyId: 'dazhou', category: 'referral', destination: { provinceCode: '440000', cityCode: '440300' }, startDate: '2026-11-22', insuredRegionCode: '511700' }],
  [
    'filing.change',
    changeSchema,
    { id: ID, version: 1, patch: { destination: { provinceCode: '110000', cityCode: '110100' }, phone: '13700001234', address: '北京市朝阳区建国路1号' }, reason: '工作地点变了', exception: 'employer_changed', materials: files },
  ],
  ['filing.cancel', cancelSchema, { id: ID, version: 1, reason: '不再需要' }],
  ['filing.supplement', supplementSchema, { id: ID, version: 1, materials: files, note: '已补劳动合同' }],
  [
    'filing.checkCoverage',
    coverageSchema,
    { admissionDate: '2026-11-20', dischargeDate: '2026-11-21', destination: { provinceCode: '440000', cityCode: '440300' }, hospitalName: '北京协和医院', policyId: 'dazhou', insuredRegionCode: '511700' },
  ],
  ['admin.list', listRequestSchema, { filters: { policyId: ['dazhou'], provinceCode: '440000', cityCode: '440300', startFrom: '2026-01-01', startTo: '2026-12-31', q: '王' } }],
  ['admin.export', exportRequestSchema, { filters: { policyId: 'dazhou', q: '王' } }],
  ['admin.review', reviewSchema, { id: ID, version: 1, decision: 'reject', note: '居住证明不清晰' }],
  ['admin.spotCheck', spotCheckSchema, { id: ID, version: 1, result: 'problem', note: '证明与承诺不符' }],
  ['admin.recordStay', recordStaySchema, { id: ID, admissionDate: '2026-11-20', dischargeDate: '2026-11-21' }],
]

/** The paths of every string in `value`. */
export function stringPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [at]
  if (Array.isArray(value)) return value.flatMap((item, i) => stringPaths(item, [...at, i]))
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...at, key]))
  return []
}

export function withValue(value: unknown, path: (string | number)[], replacement: string): unknown {
  if (path.length === 0) return replacement
  const [head, ...rest] = path
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>
  copy[head] = withValue((value as Record<string | number, unknown>)[head], rest, replacement)
  return copy
}

const MB = 1 << 20
/** The shapes that make backtracking regexes and normalisers slow, a megabyte each. */
export const PATHOLOGICAL: [string, string][] = [
  ['spaces', ' '.repeat(MB)],
  ['a name around a megabyte of spaces', `王${' '.repeat(MB)}李`],
  ['dots', '.'.repeat(MB)],
  ['middle dots between spaces', ' · '.repeat(MB / 3)],
  ['dot variants', '•・．∙'.repeat(MB / 4)],
  ['dashes and brackets (a phone number’s separators)', '-()'.repeat(MB / 3)],
  ['digits (a phone or ID number that never ends)', '1'.repeat(MB)],
  ['full-width characters NFKC rewrites', '１'.repeat(MB)],
  ['line breaks', '\n'.repeat(MB)],
]

