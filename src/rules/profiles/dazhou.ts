// 达州市: 达市医保办发〔2022〕118号 (seed 001), in force 2023-01-01 for 5 years. It covers 跨省和省内
// (三(一)1), and lists 急诊抢救人员 among those who file (二).
import { NATIONAL_FRAME, OUR_READING, agencyReading, defaultCommitment, national, relativesAgency, startDateChangeReading } from './national'
import type { FiledCategoryRule, PolicyProfile } from './schema'

/** 参保险种等参保关系发生变化的，凭有关资料可实时申请变更 (every category). */
const insuranceTypeAtOnce = { kind: 'at_once', proof: ['insurance_change_proof'], source: '001 四(三)' } satisfies FiledCategoryRule['change']['insuranceType']

const longTermChange = {
  lock: { kind: 'months', months: 6, from: 'effective', onlyAfterExpensesAtDestination: false, restartsOnChange: true, source: '001 四(三)1' },
  proof: [],
  exceptions: [
    { code: 'resettlement_place_changed', label: '退休安置地发生变化', proof: ['hukou'], source: '001 四(三)1' },
    { code: 'employer_changed', label: '工作单位发生变化', proof: ['employer_certificate'], source: '001 四(三)1' },
  ],
  insuranceType: insuranceTypeAtOnce,
} satisfies FiledCategoryRule['change']

const longTerm = {
  validity: { kind: 'open_ended', source: '001 四(一)' },
  change: longTermChange,
  // The seed locks changes only; cancelling is not limited (a reading, listed below).
  cancel: { kind: 'none', source: `001 四(三)；${OUR_READING}` },
  lateFiling: { maxDaysBack: null, source: '001 四(二)' },
  source: '001 二、四(一)、四(三)1',
} satisfies Partial<FiledCategoryRule>

const temporary = {
  validity: { kind: 'months', months: 6, source: '001 四(一)' },
  change: { lock: { kind: 'none', source: '001 四(三)2' }, proof: ['referral_certificate'], exceptions: [], insuranceType: insuranceTypeAtOnce },
  lateFiling: { maxDaysBack: null, source: '001 四(二)' },
  source: '001 二、四(一)、四(三)2',
} satisfies Partial<FiledCategoryRule>

const fileBeforeDischarge = {
  outcome: 'file_before_discharge',
  message: '出院结算前补办异地就医备案的，就医地联网定点医疗机构为您直接结算。',
  source: '001 四(二)',
} as const

export const dazhou = {
  id: 'dazhou',
  name: '达州市',
  insuredRegion: { name: '达州市', code: '511700', poolingArea: '511700' },
  home: {
    filingMessage: '在达州市内就医不属于异地就医，无需备案。请选择达州市以外的就医地。',
    stay: '在达州市内就医不属于异地就医，不用备案，按达州市规定结算。',
    longTermFilers:
      '异地长期居住人员在备案有效期内确需回达州市就医的，可以在达州市享受医保结算服务，执行达州市就医医保待遇支付政策，不用另办手续。',
    source: '001 三(二)8',
  },
  scopes: {
    in_province: {
      served: true,
      source: '001 三(一)1（跨省和省内）',
      withoutFiling: {
        emergency: {
          outcome: 'file_before_discharge',
          message: '达州市的急诊抢救人员办理异地就医备案后直接结算；出院结算前补办急诊抢救备案的，也能直接结算。',
          source: '001 二、四(二)',
        },
        planned: fileBeforeDischarge,
      },
    },
    cross_province: {
      served: true,
      source: '001 三(一)1（跨省和省内）',
      withoutFiling: {
        emergency: {
          outcome: 'settles_as_filed',
          message:
            '跨省急诊抢救没有备案的，按国家规定视同已备案，出院时直接结算（达州市的文件要求急诊抢救人员备案，您也可以在出院结算前补办）。',
          source: `${NATIONAL_FRAME}；001 二`,
        },
        planned: fileBeforeDischarge,
      },
    },
  },
  manualReimbursement: {
    text: '出院自费结算后按规定补办异地就医备案手续的，可以按规定申请医保手工报销（执行达州市医保支付范围及待遇政策）。',
    source: '001 四(二)、三(一)2',
  },
  care: {
    outpatient: {
      kind: 'answer',
      outcome: 'direct_without_filing',
      message: '异地普通门诊就医不用办理备案，在已开通异地联网结算的定点医药机构出示医保电子凭证或社保卡即可，按达州市本地就医支付比例结算。',
      source: '001 四(四)、三(二)6',
    },
    chronic_outpatient: { kind: 'follows_filing', source: '001 二、三(一)1、三(二)6' },
    pharmacy: {
      kind: 'answer',
      outcome: 'direct_without_filing',
      message: '异地药店购药不用办理备案，在已开通异地联网结算的定点药店出示医保电子凭证或社保卡即可。',
      source: '001 四(四)',
    },
  },
  guide: [
    {
      topic: 'outpatient_pharmacy',
      title: '普通门诊和药店购药不用备案',
      text: '在异地看普通门诊、到药店买药，不用办理备案；住院和门诊特殊疾病需要备案。',
      categories: null,
      places: ['coverage', 'filing', 'home'],
      source: '001 四(四)',
    },
    {
      topic: 'injury_no_third_party',
      title: '外伤没有第三方责任的，也能直接结算',
      text: '符合规定的无第三方责任外伤费用纳入异地就医直接结算，费用由就医地经办机构核查。',
      categories: null,
      places: ['coverage', 'filing'],
      source: '001 三(二)7',
    },
    {
      topic: 'returning_home',
      title: '回达州看病照常结算',
      text: '异地长期居住人员在备案有效期内回达州市就医的，执行达州市就医医保待遇，不用取消备案。',
      categories: ['resettled_retiree', 'long_term_resident', 'resident_worker'],
      places: ['filing', 'home'],
      source: '001 三(二)8',
    },
    {
      topic: 'manual_reimbursement',
      title: '已经自费结算的，可以申请手工报销',
      text: '出院时自费结算的，按规定补办备案后，可以申请医保手工报销。',
      categories: null,
      places: ['coverage', 'filing'],
      source: '001 四(二)',
    },
  ],
  readings: [
    startDateChangeReading,
    agencyReading,
    { topic: '变更后重新计算6个月', reading: '备案变更后，6个月从变更生效之日重新计算（文件只说"备案生效后6个月内不得申请变更"）。', source: `001 四(三)1；${OUR_READING}` },
    { topic: '取消备案', reading: '文件只限制变更，没有限制取消：长期居住人员可以随时取消备案。', source: `001 四(三)；${OUR_READING}` },
    { topic: '跨省急诊抢救没有备案', reading: '按国家规定视同已备案；省内异地急诊抢救按文件要求在出院结算前补办备案。', source: `${NATIONAL_FRAME}；001 二` },
    { topic: '转诊机构名单', reading: '名单每年由经办机构公布；名单没有录入本服务之前，请参保人自己核对开具转诊证明的医院在名单内，本服务不按医院等级替您判断。', source: '001 四(五)' },
    { topic: '急诊抢救备案的材料', reading: '文件没有列出急诊抢救备案的材料：不要求上传材料。', source: `001 二；${OUR_READING}` },
    { topic: '开始日期', reading: '开始日期最晚可选今天之后90天，避免过早备案；文件不限补办开始日期的，最早可选一年前（补办只对还没出院结算的住院有用），更早的请咨询经办机构。', source: OUR_READING },
  ],
  followsNational2022: true,
  source: {
    seed: '001',
    issuer: '达州市医疗保障局、达州市财政局',
    document: '达市医保办发〔2022〕118号',
    date: '2022-12-29',
  },
  summary:
    '跨省和省内异地就医都适用。长期居住人员“一次备案、长期有效”，备案生效后6个月内原则上不得变更（安置地、工作单位变化可凭材料随时变更）；临时外出就医人员（转诊、急诊抢救、其他）“一次备案、半年有效”；险种变化可随时变更；出院结算前可以补办；普通门诊和药店购药不用备案。',
  categories: {
    resettled_retiree: { ...national.resettledRetiree, ...longTerm },
    long_term_resident: { ...national.longTermResident, ...longTerm },
    resident_worker: { ...national.residentWorker, ...longTerm },
    referral: { ...national.referral, ...temporary },
    emergency: { ...national.emergencyFiled, ...temporary, source: '001 二、四(一)' },
    other_temporary: { ...national.otherTemporary, ...temporary },
  },
  referral: {
    issuers: [
      {
        minLevel: 'grade2a',
        description: '达州市级三级定点医疗机构，或各县（市、区）医保经办机构在二级甲等及以上定点医疗机构中遴选的2-3家',
        forLongTermFilers: false,
        designated: { publishedBy: '达州市及各县（市、区）医疗保障经办机构每年公布的转诊机构名单', hospitals: [] },
        handledBy: { kind: 'person' },
      },
    ],
    namesTreatingHospital: false,
    continuingRefile: false,
    source: '001 四(五)',
  },
  commitment: defaultCommitment,
  agency: relativesAgency,
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
      // 001 三(二)5: a long-term resident referred on from the filed place; not what the filing itself gets.
      { text: '异地长期居住人员以后需要转外就医、且符合转外就医规定的，执行转诊转院待遇。', categories: ['resettled_retiree', 'long_term_resident', 'resident_worker'] },
      { text: '异地长期居住人员在备案有效期内确需回达州市就医的，执行达州市就医待遇。', categories: ['resettled_retiree', 'long_term_resident', 'resident_worker'] },
    ],
    source: '001 三(二)',
  },
} satisfies PolicyProfile
