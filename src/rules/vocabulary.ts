// Small closed vocabularies that profiles, schemas and pages share. Plain data: their zod enums are
// schemas/vocabulary.ts.

/** Proof materials a filing or a change may need. Labels are what the person reads. */
export const MATERIAL_KINDS = [
  'hukou',
  'residence_proof',
  'employer_certificate',
  'referral_certificate',
  'direct_settlement_form',
  'direct_settlement_request',
  'insurance_change_proof',
] as const
export type MaterialKind = (typeof MATERIAL_KINDS)[number]

export const MATERIALS = {
  hukou: { label: '就医地户口本（首页和本人页），或异地户籍、异地身份证' },
  residence_proof: { label: '就医地居住证（暂住证），或村（居）委会、派出所、街道办出具的居住证明' },
  employer_certificate: { label: '参保单位出具的常驻异地工作证明（加盖公章）' },
  referral_certificate: { label: '转出医疗机构出具的转诊证明' },
  direct_settlement_form: { label: '异地就医住院医疗费直接结算申报表' },
  direct_settlement_request: { label: '个人自愿选择住院医疗费用直接结算申请书' },
  insurance_change_proof: { label: '参保险种等参保关系变更的证明' },
} as const satisfies Record<MaterialKind, { label: string }>

/** 医院等级, highest first. `rank` orders them for "X 及以上 / 及以下" rules. */
export const HOSPITAL_LEVELS = ['grade3a', 'grade3b', 'grade3c', 'grade2a', 'grade2b', 'grade2c', 'grade1', 'ungraded'] as const
export type HospitalLevel = (typeof HOSPITAL_LEVELS)[number]

export const HOSPITAL_LEVEL_INFO = {
  grade3a: { label: '三级甲等', rank: 8 },
  grade3b: { label: '三级乙等', rank: 7 },
  grade3c: { label: '三级丙等或三级未评等', rank: 6 },
  grade2a: { label: '二级甲等', rank: 5 },
  grade2b: { label: '二级乙等', rank: 4 },
  grade2c: { label: '二级丙等或二级未评等', rank: 3 },
  grade1: { label: '一级', rank: 2 },
  ungraded: { label: '未定级', rank: 1 },
} as const satisfies Record<HospitalLevel, { label: string; rank: number }>

export function isAtLeast(level: HospitalLevel, minimum: HospitalLevel): boolean {
  return HOSPITAL_LEVEL_INFO[level].rank >= HOSPITAL_LEVEL_INFO[minimum].rank
}

/** 险种 */
export const INSURANCE_TYPES = ['employee', 'resident'] as const
export type InsuranceType = (typeof INSURANCE_TYPES)[number]

export const INSURANCE_TYPE_LABELS = {
  employee: '职工基本医疗保险',
  resident: '城乡居民基本医疗保险',
} as const satisfies Record<InsuranceType, string>

/** Where a stay is, against where the person is insured: the first thing every answer decides. */
export const STAY_SCOPES = ['home', 'in_province', 'cross_province'] as const
export type StayScope = (typeof STAY_SCOPES)[number]
/** The two off-site scopes a profile's rules are declared for. */
export type OffSiteScope = Exclude<StayScope, 'home'>

export const STAY_SCOPE_LABELS = {
  home: '参保地（统筹区内）',
  in_province: '省内异地',
  cross_province: '跨省异地',
} as const satisfies Record<StayScope, string>

/** 就医类型: the kind of care a coverage question is about. */
export const CARE_KINDS = ['inpatient', 'outpatient', 'chronic_outpatient', 'pharmacy'] as const
export type CareKind = (typeof CARE_KINDS)[number]

export const CARE_KIND_LABELS = {
  inpatient: '住院',
  outpatient: '普通门诊',
  chronic_outpatient: '门诊慢特病',
  pharmacy: '药店购药',
} as const satisfies Record<CareKind, string>

/** 代办: how the person filing on someone's behalf is related to them. */
export const RELATIONSHIPS = ['spouse', 'child', 'parent', 'other_relative', 'other'] as const
export type Relationship = (typeof RELATIONSHIPS)[number]

export const RELATIONSHIP_LABELS = {
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  other_relative: '其他亲属',
  other: '其他人（非亲属）',
} as const satisfies Record<Relationship, string>
