// 济宁市: 异地就医十项便民措施 (seed 004), 2023-11-09, under 医保发〔2022〕22号. Its measures name no
// scope, so they serve 省内 and 跨省 stays alike.
import { OUR_READING, defaultCommitment, relativesAgency, national, nationalBenefitCaps, nationalReferralRules, startDateChangeReading } from './national'
import type { FiledCategoryRule, PolicyProfile } from './schema'

/**
 * 未在备案地发生医疗费用的，可随时变更或取消；发生医疗费用的，时限统一为6个月. The 备案地 is the
 * current one; the seed names no base date: from the day the filing, or its last change, took effect
 * is our reading (listed below).
 */
const afterExpensesLock = {
  kind: 'months',
  months: 6,
  from: 'effective',
  onlyAfterExpensesAtDestination: true,
  restartsOnChange: true,
  source: `004 四(一)；${OUR_READING}`,
} satisfies FiledCategoryRule['cancel']

const longTerm = {
  validity: { kind: 'open_ended', source: '004 四(一)' },
  change: { lock: afterExpensesLock, proof: [], exceptions: [], insuranceType: { kind: 'same_as_destination', source: `004 四(一)；${OUR_READING}` } },
  cancel: afterExpensesLock,
  lateFiling: { maxDaysBack: 5, source: '004 四(二)' },
  source: '004 四(一)(二)',
} satisfies Partial<FiledCategoryRule>

const temporary = {
  validity: { kind: 'open_ended', source: '004 四(一)' },
  lateFiling: { maxDaysBack: null, source: '004 四(二)' },
  source: '004 四(一)(二)',
} satisfies Partial<FiledCategoryRule>

const ASK = '请咨询济宁市医保经办机构（统一客服热线）。'

const withoutFiling = {
  emergency: {
    outcome: 'settles_as_filed',
    message: '因急诊抢救就医、没有办理备案的视同已备案，按“临时外出就医人员”待遇标准直接结算门诊、住院费用。',
    source: '004 五(一)',
  },
  planned: {
    outcome: 'file_before_discharge',
    message: '出院结算前完成异地就医备案的，就医地联网定点医疗机构为您联网结算；临时外出就医备案的开始日期不受限制。',
    source: '004 四(二)',
  },
} as const

export const jining = {
  id: 'jining',
  name: '济宁市',
  insuredRegion: { name: '济宁市', code: '370800', poolingArea: '370800' },
  home: {
    filingMessage: '在济宁市内就医不属于异地就医，无需备案。请选择济宁市以外的就医地。',
    stay: '在济宁市内就医不属于异地就医，不用备案，按济宁市规定结算；临时外出就医备案不影响在济宁就医。',
    longTermFilers:
      '异地长期居住人员备案有效期内确需回济宁就医的，可以在济宁享受医保结算服务；提交备案就医地户籍证明、居住证或单位工作证明等材料，可享受与参保地同等的医保待遇。',
    source: '004 三、四(一)',
  },
  scopes: {
    in_province: { served: true, source: '004（措施不分省内、跨省）', withoutFiling },
    cross_province: { served: true, source: '004（措施不分省内、跨省）', withoutFiling },
  },
  manualReimbursement: {
    text: '出院自费结算后按规定补办备案的，可以在“济宁医保”小程序“异地就医手工报销申报”模块线上申请手工报销。',
    source: '004 七',
  },
  care: {
    outpatient: { kind: 'answer', outcome: 'ask', message: `济宁的通知没有说明异地普通门诊是否需要备案。${ASK}`, source: OUR_READING },
    chronic_outpatient: { kind: 'answer', outcome: 'ask', message: `济宁的通知没有说明异地门诊慢特病是否需要备案。${ASK}`, source: OUR_READING },
    pharmacy: {
      kind: 'answer',
      outcome: 'ask',
      message: `济宁正在推进符合条件的“双通道”药店开通省内异地直接结算，通知没有说明是否需要备案。${ASK}`,
      source: '004 六',
    },
  },
  guide: [
    {
      topic: 'injury_no_third_party',
      title: '外伤没有第三方责任的，签承诺书后直接结算',
      text: '参保人主诉无第三方责任的外伤费用，由您填写《外伤无第三方责任承诺书》，医院为您办理异地就医直接结算。',
      categories: null,
      places: ['coverage', 'filing'],
      source: '004 五(二)',
    },
    {
      topic: 'outside_tests_pharmacy',
      title: '住院期间到外院检查或到药店买药',
      text: '住院期间确因病情需要到其他定点医疗机构检查治疗或到定点药店购药的，请医院开具《住院期间外院检查治疗或定点药店购药单》（盖医院医疗保险办公室章），费用并入本次住院直接结算。',
      categories: null,
      places: ['coverage', 'filing'],
      source: '004 五(三)',
    },
    {
      topic: 'returning_home',
      title: '回济宁看病：带上这些材料',
      text: '异地长期居住人员备案有效期内回济宁就医的，提交备案就医地户籍证明、居住证或单位工作证明等材料，可享受与参保地同等的医保待遇。',
      categories: ['resettled_retiree', 'long_term_resident', 'resident_worker'],
      places: ['coverage', 'filing', 'home'],
      source: '004 三',
    },
    {
      topic: 'manual_reimbursement',
      title: '手工报销可以线上办',
      text: '出院自费结算后补办备案的，可以在“济宁医保”小程序“异地就医手工报销申报”模块线上申请、上传材料。',
      categories: null,
      places: ['coverage', 'filing'],
      source: '004 七',
    },
  ],
  readings: [
    startDateChangeReading,
    { topic: '代办', reading: '经办机构提供帮办代办服务（004 八），没有规定网上代办的手续：亲属代办不要求授权委托书，由经办机构在代办核验中核实关系；非亲属代办须上传参保人签名的授权委托书。', source: `004 八；${OUR_READING}` },
    { topic: '6个月从哪天算', reading: '通知没有写起算日：从备案（或最近一次变更）生效之日起算。', source: `004 四(一)；${OUR_READING}` },
    { topic: '"在备案地发生医疗费用"', reading: '只算在现在的备案地发生的费用；变更前在原备案地的费用不算。', source: '004 四(一)' },
    { topic: '门诊、门诊慢特病、药店', reading: '通知没有说明是否需要备案，不作判断，请参保人咨询。', source: OUR_READING },
    { topic: '险种变更', reading: '按备案变更办理，适用同一个6个月期限。', source: OUR_READING },
    { topic: '开始日期', reading: '开始日期最晚可选今天之后90天，避免过早备案；文件不限补办开始日期的，最早可选一年前（补办只对还没出院结算的住院有用），更早的请咨询经办机构。', source: OUR_READING },
  ],
  followsNational2022: true,
  source: { seed: '004', issuer: '济宁市医疗保障局', document: '关于实施异地就医十项便民措施的通知', date: '2023-11-09' },
  summary:
    '全面实行承诺制自助备案：长期居住人员备案长期有效，未在现在的备案地发生医疗费用的可随时变更或取消，发生费用后6个月内不得变更或取消；临时外出就医人员备案不设有效期；长期居住备案补办最多往前5天；急诊抢救未备案的视同已备案。',
  categories: {
    resettled_retiree: { ...national.resettledRetiree, ...longTerm },
    long_term_resident: { ...national.longTermResident, ...longTerm },
    resident_worker: { ...national.residentWorker, ...longTerm },
    referral: { ...national.referral, ...temporary },
    emergency: {
      filing: 'not_needed',
      help: national.emergencyHelp,
      message: withoutFiling.emergency.message,
      source: '004 五(一)',
    },
    other_temporary: { ...national.otherTemporary, ...temporary },
  },
  referral: { ...nationalReferralRules, source: '004' },
  commitment: defaultCommitment,
  agency: {
    ...relativesAgency,
    text: `${relativesAgency.text}济宁各级医保经办机构也提供帮办代办服务，可拨打统一客服热线咨询。`,
    source: `004 八；${OUR_READING}`,
  },
  benefits: {
    ...nationalBenefitCaps,
    notes: [
      { text: '异地长期居住人员备案有效期内确需回参保地就医的，可享受与参保地同等的医保待遇（双向享受待遇）。', categories: ['resettled_retiree', 'long_term_resident', 'resident_worker'] },
      { text: '急诊抢救未备案的，按临时外出就医人员待遇标准直接结算。', categories: ['emergency'] },
    ],
    source: `004 三、五(一)；${nationalBenefitCaps.source}`,
  },
} satisfies PolicyProfile
