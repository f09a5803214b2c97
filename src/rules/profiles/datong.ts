// 大同市: the 市医保中心's published answers (seed 003).
import { defaultCommitment, national, nationalReferralRules } from './national'
import type { PolicyProfile } from './schema'

const LONG_TERM = ['resettled_retiree', 'long_term_resident', 'resident_worker'] as const satisfies string[]
const BELOW_2B = ['grade2b', 'grade2c', 'grade1', 'ungraded'] as const satisfies string[]

export const datong = {
  id: 'datong',
  name: '大同市',
  insuredRegion: { name: '大同市', code: '140200', poolingArea: '140200' },
  destinationScope: 'outside_pooling_area',
  destinationScopeMessage: '在大同市内就医不属于异地就医，无需备案。请选择大同市以外的就医地。',
  followsNational2022: true,
  source: { seed: '003', issuer: '大同市医保中心', document: '市医保中心答记者问（大同日报）', date: '2022-08' },
  summary:
    '长期居住人员备案长期有效；转诊转院备案有效期6个月；非急诊且未转诊人员免材料、即时办理、即时生效，有效期6个月，报销比例下调。',
  categories: {
    resettled_retiree: {
      ...national.resettledRetiree,
      materials: [{ kind: 'hukou', note: '异地户籍或者异地身份证' }],
      source: '003',
    },
    long_term_resident: {
      ...national.longTermResident,
      help: '在异地居住生活且符合参保地规定的人员；职工异地长期居住人员指退休人员、破产单位人员或自由职业者。',
      materials: [{ kind: 'residence_proof', note: '异地有效居住证，或异地派出所、居委会、街道办出具的证明原件' }],
      source: '003',
    },
    resident_worker: {
      ...national.residentWorker,
      materials: [{ kind: 'employer_certificate', note: '单位出具的异地就医直接结算申请书并加盖公章' }],
      source: '003',
    },
    referral: {
      ...national.referral,
      help: '符合参保地转诊规定的人员。办理完转院审批手续后，到医院医保科直接上传相关手续。',
      validity: { kind: 'months', months: 6, source: '003' },
      source: '003',
    },
    emergency: national.emergency,
    other_temporary: {
      ...national.otherTemporary,
      help: '没有办理转诊转院手续的异地就医人员（非急未转），报销比例下调。',
      // 免备案材料、即时办理、即时生效.
      commitmentAllowed: false,
      materials: [],
      validity: { kind: 'months', months: 6, source: '003' },
      source: '003',
    },
  },
  referral: { ...nationalReferralRules, source: '003' },
  commitment: defaultCommitment,
  benefits: {
    kind: 'ratio_table',
    rows: [
      { insuranceType: 'employee', scope: 'in_province', hospitalLevels: null, categories: [...LONG_TERM, 'referral'], percent: 80 },
      { insuranceType: 'employee', scope: 'in_province', hospitalLevels: null, categories: ['other_temporary'], percent: 65 },
      { insuranceType: 'resident', scope: 'in_province', hospitalLevels: ['grade3a'], categories: ['long_term_resident', 'referral'], percent: 60 },
      { insuranceType: 'resident', scope: 'in_province', hospitalLevels: ['grade3a'], categories: ['other_temporary'], percent: 45 },
      { insuranceType: 'resident', scope: 'in_province', hospitalLevels: [...BELOW_2B], categories: ['long_term_resident', 'referral'], percent: 85 },
      { insuranceType: 'resident', scope: 'in_province', hospitalLevels: [...BELOW_2B], categories: ['other_temporary'], percent: 70 },
      { insuranceType: 'employee', scope: 'out_of_province', hospitalLevels: null, categories: [...LONG_TERM], percent: 80 },
      { insuranceType: 'employee', scope: 'out_of_province', hospitalLevels: null, categories: ['referral'], percent: 70 },
      { insuranceType: 'employee', scope: 'out_of_province', hospitalLevels: null, categories: ['other_temporary'], percent: 55 },
      { insuranceType: 'resident', scope: 'out_of_province', hospitalLevels: null, categories: ['long_term_resident', 'referral'], percent: 55 },
      { insuranceType: 'resident', scope: 'out_of_province', hospitalLevels: null, categories: ['other_temporary'], percent: 40 },
    ],
    notes: [
      '统筹基金支付比例；执行就医地医保目录和大同市的起付标准、最高支付限额，直接结算与回参保地报销可能存在待遇差。',
      // The seed's resident line for 非急未转 at grade 2B and below reads "60%" then "下降为70%"; 85 − 15 = 70.
      '非急诊未办理转院证明的，按备案转诊比例再下调15个百分点。',
    ],
    source: '003',
  },
} satisfies PolicyProfile
