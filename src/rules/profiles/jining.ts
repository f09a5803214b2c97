// 济宁市: 异地就医十项便民措施 (seed 004), 2023-11-09.
import { defaultCommitment, national, nationalReferralRules, nationalBenefitCaps } from './national'
import type { FiledCategoryRule, PolicyProfile } from './schema'

/** 未在备案地发生医疗费用的，可随时变更或取消；发生医疗费用的，时限统一为6个月. */
const afterExpensesLock = {
  kind: 'months',
  months: 6,
  from: 'effective',
  onlyAfterExpensesAtDestination: true,
  source: '004 四(一)',
} satisfies FiledCategoryRule['cancel']

const longTerm = {
  validity: { kind: 'open_ended', source: '004 四(一)' },
  change: { lock: afterExpensesLock, proof: [], exceptions: [] },
  cancel: afterExpensesLock,
  lateFiling: { maxDaysBack: 5, source: '004 四(二)' },
  source: '004 四(一)(二)',
} satisfies Partial<FiledCategoryRule>

const temporary = {
  validity: { kind: 'open_ended', source: '004 四(一)' },
  lateFiling: { maxDaysBack: null, source: '004 四(二)' },
  source: '004 四(一)(二)',
} satisfies Partial<FiledCategoryRule>

export const jining = {
  id: 'jining',
  name: '济宁市',
  insuredRegion: { name: '济宁市', code: '370800', poolingArea: '370800' },
  destinationScope: 'outside_pooling_area',
  destinationScopeMessage: '在济宁市内就医不属于异地就医，无需备案。请选择济宁市以外的就医地。',
  followsNational2022: true,
  source: { seed: '004', issuer: '济宁市医疗保障局', document: '关于实施异地就医十项便民措施的通知', date: '2023-11-09' },
  summary:
    '全面实行承诺制自助备案：长期居住人员备案长期有效，未在备案地发生医疗费用的可随时变更或取消，发生费用后6个月内不得变更或取消；临时外出就医人员备案不设有效期；长期居住备案补办最多往前5天。',
  categories: {
    resettled_retiree: { ...national.resettledRetiree, ...longTerm },
    long_term_resident: { ...national.longTermResident, ...longTerm },
    resident_worker: { ...national.residentWorker, ...longTerm },
    referral: { ...national.referral, ...temporary },
    emergency: {
      ...national.emergency,
      message: '急诊抢救未办理备案的视同已备案，按“临时外出就医人员”待遇标准直接结算门诊、住院费用。',
      source: '004 五(一)',
    },
    other_temporary: { ...national.otherTemporary, ...temporary },
  },
  referral: { ...nationalReferralRules, source: '004' },
  commitment: defaultCommitment,
  benefits: {
    ...nationalBenefitCaps,
    notes: [
      '异地长期居住人员备案有效期内确需回参保地就医的，可享受与参保地同等的医保待遇（双向享受待遇）。',
      '急诊抢救未备案的，按临时外出就医人员待遇标准直接结算。',
    ],
    source: '004 三、五(一)；医保发〔2022〕22号',
  },
} satisfies PolicyProfile
