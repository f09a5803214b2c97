// 大同市: the 市医保中心's published answers (seed 003). They speak of 省内 and 跨省 alike (the ratio
// table), say nothing of emergencies or late filing, and send referrals through the hospital's 医保科.
import { NATIONAL_FRAME, OUR_READING, crossProvinceEmergency, agencyReading, defaultCommitment, national, relativesAgency, startDateChangeReading } from './national'
import type { CareRule, PolicyProfile } from './schema'

const LONG_TERM = ['resettled_retiree', 'long_term_resident', 'resident_worker'] as const satisfies string[]
const BELOW_2B = ['grade2b', 'grade2c', 'grade1', 'ungraded'] as const satisfies string[]

const ASK = '请咨询大同市医保中心。'
const SELF_SERVICE = '非急诊未转诊的，可以通过“山西医保”微信公众号自助备案：免备案材料、即时办理、即时生效（报销比例下调）。'

const outpatientCases = (what: string): CareRule => ({
    kind: 'cases',
    cases: [
      {
        when: '参保职工',
        outcome: 'direct_without_filing',
        message: `大同市参保职工在参保地以外已开通异地就医的定点医药机构${what}，不用备案，可以用个人账户直接结算。`,
      },
      { when: '城乡居民', outcome: 'ask', message: `答问只说到参保职工。城乡居民异地${what}，${ASK}` },
    ],
    source: '003（问：异地普通门诊和药店如何使用）',
})

export const datong = {
  id: 'datong',
  name: '大同市',
  insuredRegion: { name: '大同市', code: '140200', poolingArea: '140200' },
  home: {
    filingMessage: '在大同市内就医不属于异地就医，无需备案。请选择大同市以外的就医地。',
    stay: '在大同市内就医不属于异地就医（异地就医是指在参保统筹地区以外就医），不用备案，按大同市规定结算。',
    longTermFilers: `答问没有说明异地定居人员回大同住院怎样结算。${ASK}`,
    source: '003（问：什么是异地就医）',
  },
  scopes: {
    in_province: {
      served: true,
      source: '003（省内、跨省支付比例）',
      withoutFiling: {
        emergency: {
          outcome: 'ask',
          message: `大同市的答问没有说明省内异地急诊抢救。出院结算前请问医院医保科能否按急诊直接结算；${SELF_SERVICE}`,
          source: `003；${OUR_READING}`,
        },
        planned: {
          outcome: 'file_before_discharge',
          message: `${SELF_SERVICE}答问没有说明入院后补办能否直接结算，请在出院结算前办理，并问医院医保科。`,
          source: '003',
        },
      },
    },
    cross_province: {
      served: true,
      source: '003（省内、跨省支付比例）',
      withoutFiling: {
        emergency: crossProvinceEmergency,
        planned: {
          outcome: 'file_before_discharge',
          message: `跨省住院可以在出院结算前补办备案，补办后出院时直接结算。${SELF_SERVICE}`,
          source: `${NATIONAL_FRAME}；003`,
        },
      },
    },
  },
  manualReimbursement: { text: '已经出院并自费结算的，回大同市医保中心申请手工报销。', source: '003' },
  care: {
    outpatient: outpatientCases('普通门诊就医'),
    chronic_outpatient: {
      kind: 'cases',
      cases: [
        { when: '在大同（参保地）鉴定的门诊慢特病', outcome: 'direct_without_filing', message: '门诊直报已开通，不需要办理相关手续。' },
        { when: '在定居地鉴定的门诊慢特病', outcome: 'manual_reimbursement', message: '门诊发生的相关费用回大同手工报销，按参保地待遇报销。' },
      ],
      source: '003（问：异地定居、安置人员门诊慢特病如何办理、报销）',
    },
    pharmacy: outpatientCases('药店购药'),
  },
  guide: [
    {
      topic: 'outpatient_pharmacy',
      title: '职工异地看门诊、买药不用备案',
      text: '大同市参保职工在已开通异地就医的定点医药机构看普通门诊、到药店购药，不用备案，可以用个人账户直接结算。',
      categories: null,
      places: ['coverage', 'filing', 'home'],
      source: '003',
    },
  ],
  readings: [
    startDateChangeReading,
    agencyReading,
    { topic: '急诊抢救', reading: '答问没有说明：跨省急诊抢救按国家规定视同已备案；省内异地急诊请参保人问医院医保科或大同市医保中心。', source: `${NATIONAL_FRAME}；${OUR_READING}` },
    { topic: '补办备案', reading: '答问没有说明补办：跨省按国家规定出院结算前可以补办；省内提醒参保人出院结算前办理。', source: NATIONAL_FRAME },
    { topic: '开具转诊的医院', reading: '答问没有说明由哪些医院开具：按参保地具备转诊资格的定点医疗机构，由医院医保科办理。', source: OUR_READING },
    { topic: '城乡居民门诊、药店', reading: '答问只说到参保职工，城乡居民请参保人咨询。', source: '003' },
    { topic: '险种变更', reading: '答问没有单列，按备案变更办理。', source: OUR_READING },
    { topic: '开始日期', reading: '开始日期最晚可选今天之后90天，避免过早备案；文件不限补办开始日期的，最早可选一年前（补办只对还没出院结算的住院有用），更早的请咨询经办机构。', source: OUR_READING },
  ],
  followsNational2022: true,
  source: { seed: '003', issuer: '大同市医保中心', document: '市医保中心答记者问（大同日报）', date: '2022-08' },
  summary:
    '省内、跨省异地就医都适用。长期居住人员备案长期有效；转诊转院由医院医保科办理，有效期6个月；非急诊未转诊人员免材料、即时办理、即时生效，有效期6个月，报销比例下调；职工普通门诊和药店不用备案。',
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
      help: '符合参保地转诊规定的人员。办理完转院审批手续后，到医院医保科直接上传相关手续，不需要到医保经办机构备案。',
      validity: { kind: 'months', months: 6, source: '003' },
      source: '003',
    },
    emergency: {
      filing: 'not_available',
      help: national.emergencyHelp,
      message:
        '大同市的答问没有单列急诊抢救人员备案：跨省急诊抢救按国家规定视同已备案；省内异地急诊请在出院结算前问医院医保科或大同市医保中心。',
      source: `003；${NATIONAL_FRAME}`,
    },
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
  referral: {
    issuers: [
      {
        minLevel: null,
        description: '参保地具备转诊资格的定点医疗机构',
        forLongTermFilers: false,
        designated: null,
        handledBy: {
          kind: 'hospital',
          message: '转诊转院患者办理完转院审批手续后，到医院医保科直接上传相关手续，不需要到医保经办机构备案。',
          source: '003',
        },
      },
    ],
    namesTreatingHospital: false,
    continuingRefile: false,
    source: '003',
  },
  commitment: defaultCommitment,
  agency: relativesAgency,
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
      { text: '统筹基金支付比例；执行就医地医保目录和大同市的起付标准、最高支付限额，直接结算与回参保地报销可能存在待遇差。', categories: null },
      // The seed's resident line for 非急未转 at grade 2B and below reads "60%" then "下降为70%"; 85 − 15 = 70.
      { text: '非急诊未办理转院证明的，按备案转诊比例再下调15个百分点。', categories: ['other_temporary'] },
    ],
    source: '003',
  },
} satisfies PolicyProfile
