// 辽宁省省直: 辽社险办〔2017〕29号 (seed 002), cross-province inpatient direct settlement, on trial.
// It predates 医保发〔2022〕22号, so its longer locks stand; emergencies follow the national rule.
import { defaultCommitment, national } from './national'
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

/** Long-term categories file through the employer with the 申报表 and the 申请书 (第九条). */
function longTerm(lockMonths: number, proof: FiledCategoryRule['materials']) {
  return {
    commitmentAllowed: false,
    materials: [...proof, { kind: 'direct_settlement_form', note: '附表1，由参保单位盖章' }, { kind: 'direct_settlement_request' }],
    validity: { kind: 'open_ended', source: '002 第十三条' },
    change: {
      lock: { kind: 'months', months: lockMonths, from: 'filed', onlyAfterExpensesAtDestination: false, source: '002 第十二条' },
      // 居住地信息变更: the employer hands in the supporting material again (第十三条(一)).
      proof: proof.map((item) => item.kind),
      exceptions: [],
    },
    cancel: { kind: 'none', source: '002' },
    review: stagedReview,
    serviceOpening: { kind: 'working_days', days: 15, source: '002 第十二条' },
    source: '002 第八、九、十二、十三条',
  } satisfies Partial<FiledCategoryRule>
}

export const liaoningProvincial = {
  id: 'liaoning-provincial',
  name: '辽宁省省直',
  insuredRegion: { name: '辽宁省省直', code: '210000', poolingArea: '210100' },
  destinationScope: 'outside_province',
  destinationScopeMessage:
    '辽宁省省直只办理跨省异地就医住院直接结算备案，请选择辽宁省以外的就医地；省内异地就医请通过参保单位按原渠道办理。',
  followsNational2022: false,
  source: {
    seed: '002',
    issuer: '辽宁省社会保险事业管理局办公室',
    document: '辽社险办〔2017〕29号',
    date: '2017-09-27',
  },
  summary:
    '跨省异地就医住院直接结算，由参保单位申报、省社保局初审、复核、审批，15个工作日内开通；异地安置退休、异地长期居住人员备案后1年内、常驻异地工作人员6个月内不得变更居住地；转诊一次备案对应一次结算。',
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
      help: '符合省直基本医疗保险转诊规定，由有转院资质的定点医院填报《转诊转院备案表》。每次转院或入院需重新申请。',
      commitmentAllowed: false,
      materials: [{ kind: 'referral_certificate', note: '《辽宁省省直基本医疗保险转诊转院备案表》，由有转院资质的定点医院填报' }],
      validity: { kind: 'single_settlement', source: '002 第十六条' },
      change: {
        lock: { kind: 'refile', message: '转诊人员在异地医疗期间如需再次转院或入院，请重新申请转诊备案。', source: '002 第十三条(三)' },
        proof: [],
        exceptions: [],
      },
      serviceOpening: { kind: 'immediate' },
      source: '002 第八条(四)、第十条、第十二条、第十六条',
    },
    emergency: national.emergency,
    other_temporary: {
      filing: 'not_available',
      help: national.otherTemporary.help,
      message:
        '辽宁省省直跨省异地就医直接结算只面向异地安置退休、异地长期居住、常驻异地工作和异地转诊人员；其他临时外出就医的住院费用请先行垫付，再由参保单位向省社保局申报。',
      source: '002 第八条；通知 三(二)2',
    },
  },
  referral: {
    issuers: [{ minLevel: null, description: '有转院资质的定点医院（填报《转诊转院备案表》）', forLongTermFilers: false }],
    namesTreatingHospital: true,
    continuingRefile: false,
    source: '002 第十条、第十六条',
  },
  commitment: defaultCommitment,
  benefits: {
    kind: 'not_published',
    notes: ['起付标准、支付比例、最高支付限额执行省直基本医疗保险政策，本规程未公布具体比例。'],
    source: '002 第二十条',
  },
} satisfies PolicyProfile
