// 辽宁省省直: 辽社险办〔2017〕29号 (seed 002), cross-province inpatient direct settlement, on trial.
// 第二条: the scheme is cross-province inpatient care only — in-province stays, outpatient care and
// 门特 go through the former channel (原渠道). It predates 医保发〔2022〕22号, so its longer locks stand.
import { NATIONAL_FRAME, OUR_READING, defaultCommitment, national, startDateChangeReading } from './national'
import type { FiledCategoryRule, PolicyProfile } from './schema'

const stagedReview = {
  kind: 'staged',
  stages: [
    { code: 'initial', label: '初审' },
    { code: 'recheck', label: '复核' },
    { code: 'approval', label: '审批' },
  ],
  source: '002 附表1（省社保局意见：初审、复核、审批）',
} satisfies FiledCategoryRule['review']

const ASK = '请咨询参保单位或辽宁省社会保险事业管理局。'
/** The 原结算方式: the person pays, the employer claims (通知 三(二)2). */
const ORIGINAL_CHANNEL = '个人先行垫付，再由参保单位向省社保局申报（原结算方式）'

/** Long-term categories file through the employer with the 申报表 and the 申请书 (第九条). */
function longTerm(lockMonths: number, proof: FiledCategoryRule['materials']) {
  return {
    commitmentAllowed: false,
    materials: [...proof, { kind: 'direct_settlement_form', note: '附表1，由参保单位盖章' }, { kind: 'direct_settlement_request' }],
    validity: { kind: 'open_ended', source: `002 第十三条；${OUR_READING}` },
    change: {
      lock: { kind: 'months', months: lockMonths, from: 'filed', onlyAfterExpensesAtDestination: false, restartsOnChange: true, source: '002 第十二条' },
      // 居住地信息变更: the employer hands in the supporting material again (第十三条(一)).
      proof: proof.map((item) => item.kind),
      exceptions: [],
      insuranceType: { kind: 'same_as_destination', source: `002 第十三条(二)；${OUR_READING}` },
    },
    cancel: { kind: 'none', source: `002；${OUR_READING}` },
    review: stagedReview,
    serviceOpening: { kind: 'working_days', days: 15, source: '002 第十二条' },
    source: '002 第八、九、十二、十三条',
  } satisfies Partial<FiledCategoryRule>
}

export const liaoningProvincial = {
  id: 'liaoning-provincial',
  name: '辽宁省省直',
  insuredRegion: { name: '辽宁省省直', code: '210000', poolingArea: '210100' },
  home: {
    filingMessage:
      '辽宁省省直只办理跨省异地就医住院直接结算备案，请选择辽宁省以外的就医地；省内异地就医请通过参保单位按原渠道办理。',
    stay: '辽宁省省直参保人员在沈阳市就医不属于异地就医，按省直规定结算。',
    longTermFilers: `规程没有说明异地居住人员回沈阳就医怎样结算。${ASK}`,
    source: `002 第二条；${OUR_READING}`,
  },
  scopes: {
    in_province: {
      served: false,
      outcome: 'not_direct',
      filingMessage:
        '辽宁省省直只办理跨省异地就医住院直接结算备案，请选择辽宁省以外的就医地；省内异地就医请通过参保单位按原渠道办理。',
      message: `辽宁省省直的异地就医直接结算规程只适用于跨省住院，省内异地就医不在其中：${ORIGINAL_CHANNEL}。`,
      source: '002 第二条；通知 三(二)2、三(四)',
    },
    cross_province: {
      served: true,
      source: '002 第二、三条',
      withoutFiling: {
        emergency: {
          outcome: 'settles_as_filed',
          message: `省直2017年规程没有规定急诊抢救；按国家规定，跨省急诊抢救没有备案的视同已备案，出院时直接结算。医院不能直接结算的，请保留票据：${ORIGINAL_CHANNEL}。`,
          source: NATIONAL_FRAME,
        },
        planned: {
          outcome: 'not_direct',
          message: `没有办理跨省异地就医直接结算备案的住院费用，${ORIGINAL_CHANNEL}。转诊人员可以由参保单位申请转诊备案，即时开通。`,
          source: '002 第八条、第十二条；通知 三(二)2',
        },
      },
    },
  },
  manualReimbursement: { text: `已经出院并自费结算的，${ORIGINAL_CHANNEL}。`, source: '通知 三(二)2' },
  care: {
    outpatient: {
      kind: 'answer',
      outcome: 'original_channel',
      message: `跨省异地就医直接结算只管住院。门诊统筹、门急诊的费用仍按原渠道办理：${ORIGINAL_CHANNEL}。`,
      source: '002 第二条、第十九条',
    },
    chronic_outpatient: {
      kind: 'answer',
      outcome: 'original_channel',
      message: `门诊特病的审核、管理及费用结算仍按原渠道办理：${ORIGINAL_CHANNEL}。`,
      source: '002 第十九条',
    },
    pharmacy: {
      kind: 'answer',
      outcome: 'original_channel',
      message: `跨省异地就医直接结算只管住院，药店购药不在其中，按原渠道办理。${ASK}`,
      source: `002 第二条；${OUR_READING}`,
    },
  },
  guide: [
    {
      topic: 'voluntary_scheme',
      title: '直接结算是自愿选择的',
      text: `跨省异地住院直接结算由本人自愿选择；也可以继续用原结算方式：${ORIGINAL_CHANNEL}。`,
      categories: null,
      places: ['coverage', 'filing', 'home'],
      source: '通知 三(二)2；002 第八条',
    },
    {
      topic: 'original_channel',
      title: '门诊、门特、生育仍按原渠道',
      text: '已备案人员的门诊统筹、门诊特病、门急诊、生育及计划生育、工伤旧伤复发治疗，审核和结算仍按原渠道办理。',
      categories: ['resettled_retiree', 'long_term_resident', 'resident_worker'],
      places: ['coverage', 'filing', 'home'],
      source: '002 第十九条',
    },
  ],
  readings: [
    startDateChangeReading,
    { topic: '代办', reading: '附表2 由“本人（被委托人）”签名：为他人办理即为受委托，须上传参保人签名的授权委托书，亲属也不例外。', source: `002 附表2；${OUR_READING}` },
    { topic: '长期居住备案的有效期', reading: '规程没有规定终止日期：按长期有效处理。', source: `002 第十三条；${OUR_READING}` },
    { topic: '变更后重新计算', reading: '变更是一次新的登记（附表2 登记类别：变更），不得变更的期限从变更登记之日重新计算。', source: '002 第十二条、附表2' },
    { topic: '取消备案', reading: '规程只限制变更居住地，没有限制取消。', source: OUR_READING },
    { topic: '跨省急诊抢救', reading: '规程没有规定；按国家规定视同已备案。省内急诊按原渠道。', source: NATIONAL_FRAME },
    { topic: '参保地（统筹区）', reading: '省直参保人员按沈阳市计。', source: OUR_READING },
    { topic: '险种变更', reading: '规程没有单列，由参保单位申报变更，与居住地变更适用同一期限。', source: `002 第十三条(二)；${OUR_READING}` },
    { topic: '转院资质医院', reading: '有转院资质的定点医院名单没有录入本服务：请参保人向参保单位核对。', source: '002 第十条' },
    { topic: '开始日期', reading: '开始日期最晚可选今天之后90天，避免过早备案；文件不限补办开始日期的，最早可选一年前（补办只对还没出院结算的住院有用），更早的请咨询经办机构。', source: OUR_READING },
  ],
  followsNational2022: false,
  source: {
    seed: '002',
    issuer: '辽宁省社会保险事业管理局办公室',
    document: '辽社险办〔2017〕29号',
    date: '2017-09-27',
  },
  summary:
    '只适用于跨省异地住院直接结算（省内异地、门诊、门特按原渠道）。由参保单位申报、省社保局初审、复核、审批，15个工作日内开通；异地安置退休、异地长期居住人员备案后1年内、常驻异地工作人员6个月内不得变更居住地；转诊一次备案对应一次结算，只在指定医院。',
  categories: {
    resettled_retiree: {
      ...national.resettledRetiree,
      ...longTerm(12, [{ kind: 'hukou', note: '户籍已迁入定居地的证明' }]),
      help: '退休后在异地定居，并且户籍已迁入定居地。',
    },
    long_term_resident: {
      ...national.longTermResident,
      ...longTerm(12, [{ kind: 'residence_proof', note: '当地产权住房证明，或配偶、子女、亲属的当地户籍或产权住房证明等' }]),
      help: '退休人员在异地居住生活，并且符合下列情形之一。',
      conditions: [
        '在异地定居并有当地产权住房证明',
        '随配偶或子女长期在异地居住，配偶或子女在异地定居并有当地户籍或产权住房证明',
        '无子女或子女均在境外、港澳台地区定居，由在异地定居、有当地户籍或产权住房的亲属赡养、照顾，且该亲属同意长期赡养、照顾',
        '随配偶或子女长期在异地居住，配偶或子女是驻当地现役军人',
      ],
    },
    resident_worker: {
      ...national.residentWorker,
      ...longTerm(6, [{ kind: 'employer_certificate' }]),
      help: '由用人单位派驻异地工作一年以上的在职职工。',
    },
    referral: {
      ...national.referral,
      help: '符合省直基本医疗保险转诊规定，由有转院资质的定点医院填报《转诊转院备案表》。备案只对应转往的那一家医院、一次住院；每次转院或入院需重新申请。',
      commitmentAllowed: false,
      materials: [{ kind: 'referral_certificate', note: '《辽宁省省直基本医疗保险转诊转院备案表》，由有转院资质的定点医院填报' }],
      validity: { kind: 'single_settlement', source: '002 第十六条' },
      change: {
        lock: { kind: 'refile', message: '转诊人员在异地医疗期间如需再次转院或入院，请重新申请转诊备案。', source: '002 第十三条(三)' },
        proof: [],
        exceptions: [],
        insuranceType: { kind: 'same_as_destination', source: '002 第十三条(三)' },
      },
      serviceOpening: { kind: 'immediate' },
      source: '002 第八条(四)、第十条、第十二条、第十六条',
    },
    emergency: {
      filing: 'not_needed',
      help: national.emergencyHelp,
      message: '跨省急诊抢救无需备案：省直2017年规程没有规定急诊抢救，按国家规定视同已备案。省内异地急诊按原渠道办理。',
      source: NATIONAL_FRAME,
    },
    other_temporary: {
      filing: 'not_available',
      help: national.otherTemporary.help,
      message: `辽宁省省直跨省异地就医直接结算只面向异地安置退休、异地长期居住、常驻异地工作和异地转诊人员；其他临时外出就医的住院费用，${ORIGINAL_CHANNEL}。`,
      source: '002 第八条；通知 三(二)2',
    },
  },
  referral: {
    issuers: [
      {
        minLevel: null,
        description: '有转院资质的定点医院（填报《转诊转院备案表》）',
        forLongTermFilers: false,
        designated: { publishedBy: '辽宁省社会保险事业管理局（有转院资质的定点医院）', hospitals: [] },
        handledBy: { kind: 'person' },
      },
    ],
    namesTreatingHospital: true,
    continuingRefile: false,
    source: '002 第十条、第十六条',
  },
  commitment: defaultCommitment,
  agency: {
    authorizationFor: ['spouse', 'child', 'parent', 'other_relative', 'other'],
    text: '登记备案表由本人或被委托人签名：为他人办理的，须上传参保人签名的授权委托书，经办机构核验后办理。',
    source: `002 附表2；${OUR_READING}`,
  },
  benefits: {
    kind: 'not_published',
    notes: [{ text: '起付标准、支付比例、最高支付限额执行省直基本医疗保险政策，本规程未公布具体比例。', categories: null }],
    source: '002 第二十条',
  },
} satisfies PolicyProfile
