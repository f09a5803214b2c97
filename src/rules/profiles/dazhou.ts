// 达州市: 达市医保办发〔2022〕118号 (seed 001), in force 2023-01-01 for 5 years.
import { defaultCommitment, national } from './national'
import type { FiledCategoryRule, LockException, PolicyProfile } from './schema'

const insuranceChanged = {
  code: 'insurance_type_changed',
  label: '参保险种等参保关系发生变化',
  proof: ['insurance_change_proof'],
  source: '001 四(三)',
} satisfies LockException

const longTermChange = {
  lock: { kind: 'months', months: 6, from: 'effective', onlyAfterExpensesAtDestination: false, source: '001 四(三)1' },
  proof: [],
  exceptions: [
    { code: 'resettlement_place_changed', label: '退休安置地发生变化', proof: ['hukou'], source: '001 四(三)1' },
    { code: 'employer_changed', label: '工作单位发生变化', proof: ['employer_certificate'], source: '001 四(三)1' },
    insuranceChanged,
  ],
} satisfies FiledCategoryRule['change']

const longTerm = {
  validity: { kind: 'open_ended', source: '001 四(一)' },
  change: longTermChange,
  // The seed locks changes only; cancelling is not limited.
  cancel: { kind: 'none', source: '001 四(三)' },
  lateFiling: { maxDaysBack: null, source: '001 四(二)' },
  source: '001 二、四(一)、四(三)1',
} satisfies Partial<FiledCategoryRule>

const temporary = {
  validity: { kind: 'months', months: 6, source: '001 四(一)' },
  change: { lock: { kind: 'none', source: '001 四(三)2' }, proof: ['referral_certificate'], exceptions: [insuranceChanged] },
  lateFiling: { maxDaysBack: null, source: '001 四(二)' },
  source: '001 二、四(一)、四(三)2',
} satisfies Partial<FiledCategoryRule>

export const dazhou = {
  id: 'dazhou',
  name: '达州市',
  insuredRegion: { name: '达州市', code: '511700', poolingArea: '511700' },
  destinationScope: 'outside_pooling_area',
  destinationScopeMessage: '在达州市内就医不属于异地就医，无需备案。请选择达州市以外的就医地。',
  followsNational2022: true,
  source: {
    seed: '001',
    issuer: '达州市医疗保障局、达州市财政局',
    document: '达市医保办发〔2022〕118号',
    date: '2022-12-29',
  },
  summary:
    '长期居住人员“一次备案、长期有效”，备案生效后6个月内原则上不得变更（安置地、工作单位变化可凭材料随时变更）；临时外出就医人员“一次备案、半年有效”；出院结算前可以补办。',
  categories: {
    resettled_retiree: { ...national.resettledRetiree, ...longTerm },
    long_term_resident: { ...national.longTermResident, ...longTerm },
    resident_worker: { ...national.residentWorker, ...longTerm },
    referral: { ...national.referral, ...temporary },
    emergency: { ...national.emergency, source: '001 二、三(二)3' },
    other_temporary: { ...national.otherTemporary, ...temporary },
  },
  referral: {
    issuers: [
      {
        minLevel: 'grade2a',
        description:
          '达州市级三级定点医疗机构，或各县（市、区）医保经办机构在二级甲等及以上定点医疗机构中遴选的2-3家（名单每年公布）',
        forLongTermFilers: false,
      },
    ],
    namesTreatingHospital: false,
    continuingRefile: false,
    source: '001 四(五)',
  },
  commitment: defaultCommitment,
  benefits: {
    kind: 'adjustments',
    base: '达州市本地住院就医支付比例',
    alsoInProvince: ['500000'],
    rules: [
      { categories: ['resettled_retiree', 'long_term_resident', 'resident_worker', 'emergency'], scope: 'any', points: 0 },
      { categories: ['referral'], scope: 'in_province', points: 0 },
      { categories: ['referral'], scope: 'out_of_province', points: -10 },
      { categories: ['other_temporary'], scope: 'any', points: -20 },
    ],
    notes: [
      '异地长期居住人员符合转外就医规定的，执行转诊转院待遇。',
      '异地长期居住人员在备案有效期内确需回达州市就医的，执行达州市就医待遇。',
    ],
    source: '001 三(二)',
  },
} satisfies PolicyProfile
