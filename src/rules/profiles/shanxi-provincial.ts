// 山西省省直: 晋医保办发〔2022〕28号 (seed 000). It speaks of 省内外 alike (一(二)2, 二(三)).
import { NATIONAL_FRAME, OUR_READING, defaultCommitment, national, nationalBenefitCaps, relativesAgency, startDateChangeReading } from './national'
import type { FiledCategoryRule, LockRule, PolicyProfile } from './schema'

const anyTimeOnline = { kind: 'none', source: '000 二(一)' } satisfies LockRule

const longTerm = {
  change: { lock: anyTimeOnline, proof: [], exceptions: [], insuranceType: { kind: 'same_as_destination', source: '000 二(一)' } },
  cancel: anyTimeOnline,
  lateFiling: { maxDaysBack: null, source: '000 二(三)' },
  source: '000 一(一)、二(一)',
} satisfies Partial<FiledCategoryRule>

const ASK = '请咨询山西省医疗保险管理服务中心。'

/** The same in the province and outside it: 000 三(一)1 and 一(二)2 name no scope, 一(二)2 says 省外、省内. */
const withoutFiling = {
  emergency: {
    outcome: 'settles_as_filed',
    message:
      '因急诊抢救异地就医、没有办理备案的，视同已备案，按省直异地急诊抢救待遇直接结算门诊、住院费用。入院登记时请说明是急诊，医院会按“急诊”上传。',
    source: '000 三(一)1',
  },
  planned: {
    outcome: 'settles_as_filed',
    message:
      '山西省省直已取消省外、省内非急诊且未转诊人员备案：直接用社保卡或医保电子凭证办理住院，出院时按非急诊且未转诊人员待遇直接结算，不用备案。',
    source: '000 一(二)2',
  },
} as const

export const shanxiProvincial = {
  id: 'shanxi-provincial',
  name: '山西省省直',
  // 省直 insured people are pooled at province level but live in 太原: care elsewhere in 山西 is
  // 省内异地 (the seed speaks of 省内外就医地), so the pooling area for the off-site test is 太原市.
  insuredRegion: { name: '山西省省直', code: '140000', poolingArea: '140100' },
  home: {
    filingMessage: '山西省省直参保人员在太原市就医不属于异地就医，无需备案。请选择太原市以外的就医地。',
    stay: '山西省省直参保人员在太原市就医不属于异地就医，不用备案，按省直规定结算。',
    longTermFilers: `省直的通知没有说明异地长期居住人员回太原就医怎样结算。${ASK}`,
    source: `000；${OUR_READING}`,
  },
  scopes: {
    in_province: { served: true, source: '000 一(二)2、二(三)（省内外）', withoutFiling },
    cross_province: { served: true, source: '000 一(二)2、二(三)（省内外）', withoutFiling },
  },
  manualReimbursement: {
    text: '因故没能直接结算的，可以通过跨省和省内异地就医手工报销线上办理渠道申请报销。',
    source: '000 二(三)',
  },
  care: {
    outpatient: {
      kind: 'answer',
      outcome: 'ask',
      message: `省直的通知提到普通门诊费用可以异地直接结算，但没有说明是否需要备案。${ASK}`,
      source: '000 三(一)5、三(二)3',
    },
    chronic_outpatient: {
      kind: 'answer',
      outcome: 'ask',
      message: `省直的通知提到门诊慢特病费用按国家统一编码结算，但没有说明异地就医是否需要备案。${ASK}`,
      source: '000 三(一)5',
    },
    pharmacy: { kind: 'answer', outcome: 'ask', message: `省直的通知没有说明异地药店购药。${ASK}`, source: OUR_READING },
  },
  guide: [
    {
      topic: 'injury_no_third_party',
      title: '外伤没有第三方责任的，签承诺书后直接结算',
      text: '因外伤住院、没有第三方责任的，由医院出具《外伤无第三方责任承诺书》，您填写后本次住院费用可以直接结算。',
      categories: null,
      places: ['coverage', 'filing'],
      source: '000 三(一)2、附件2',
    },
    {
      topic: 'outside_tests_pharmacy',
      title: '住院期间到外院检查或到药店买药',
      text: '住院期间经医院同意到外院检查治疗或到定点药店购药的，请医院开具《住院期间外院检查治疗或定点药店购药单》（盖医院医疗保险办公室章），这些费用并入本次住院报销。',
      categories: null,
      places: ['coverage', 'filing'],
      source: '000 三(一)3、附件3',
    },
    {
      topic: 'year_end_stay',
      title: '住院跨年的，出院时一次结算',
      text: '住院跨自然年度的，以出院日期为准按一笔费用整体结算，再按日均费用和前后天数把费用分到两个年度。',
      categories: null,
      places: ['coverage'],
      source: '000 三(二)1',
    },
    {
      topic: 'continuing_referral',
      title: '需要连续转外就医的',
      text: '因病情需要连续转外就医的，可以凭首次转外就医时医院出具的转诊建议书，通过“山西医保”微信公众号自助重新办理备案。',
      categories: ['referral'],
      places: ['coverage', 'filing'],
      source: '000 二(二)',
    },
  ],
  readings: [
    startDateChangeReading,
    { topic: '代办', reading: '附件2 允许患者本人无法签字时由近亲属代签承诺书（并填写代签人的证件号码和联系方式）；备案本身没有规定代办：亲属代办不要求授权委托书，由经办机构在代办核验中核实关系；非亲属代办须上传参保人签名的授权委托书。', source: `000 附件2；${OUR_READING}` },
    { topic: '参保地（统筹区）', reading: '省直参保人员按太原市计：在太原就医不属于异地就医，在山西省内太原以外是省内异地。', source: `000；${OUR_READING}` },
    { topic: '回太原就医', reading: '通知没有说明，请参保人咨询省医疗保险管理服务中心。', source: OUR_READING },
    { topic: '门诊、门诊慢特病、药店', reading: '通知没有说明是否需要备案，不作判断，请参保人咨询。', source: '000 三(一)5' },
    { topic: '转诊医院名单', reading: '省直有转诊资格的三甲医院名单没有录入本服务：请参保人自己核对，本服务不按医院等级替您判断。', source: '000 一(二)1' },
    { topic: '开始日期', reading: '开始日期最晚可选今天之后90天，避免过早备案；文件不限补办开始日期的，最早可选一年前（补办只对还没出院结算的住院有用），更早的请咨询经办机构。', source: OUR_READING },
  ],
  followsNational2022: true,
  source: {
    seed: '000',
    issuer: '山西省医疗保障局办公室',
    document: '晋医保办发〔2022〕28号',
    date: '2022-12-27',
  },
  summary:
    '省内、省外异地就医都适用。长期居住人员承诺制自助备案，长期有效，随时可在线变更或取消；转诊由医院医保科办理，有效期6个月，可多次就诊；非急诊且未转诊人员和急诊抢救无需备案；出院结算前可以补办。',
  categories: {
    resettled_retiree: { ...national.resettledRetiree, ...longTerm },
    long_term_resident: { ...national.longTermResident, ...longTerm },
    resident_worker: { ...national.residentWorker, ...longTerm },
    referral: {
      ...national.referral,
      help: '由省直有转诊资格的三甲医院主治医师出具转诊建议书，并加盖医院医疗保险办公室公章，在医院办理转诊手续。异地长期居住人员需要到居住地和参保地以外就医的，由居住地二级以上医疗机构办理转诊。',
      validity: { kind: 'months', months: 6, source: '000 二(二)' },
      lateFiling: { maxDaysBack: null, source: '000 二(三)' },
      source: '000 一(二)1、二(二)',
    },
    emergency: {
      filing: 'not_needed',
      help: national.emergencyHelp,
      message: withoutFiling.emergency.message,
      source: '000 三(一)1',
    },
    other_temporary: {
      filing: 'not_needed',
      help: national.otherTemporary.help,
      message: withoutFiling.planned.message,
      source: '000 一(二)2',
    },
  },
  referral: {
    issuers: [
      {
        minLevel: 'grade3a',
        description: '省直有转诊资格的三甲医院（主治医师签字，加盖医疗保险办公室公章）',
        forLongTermFilers: false,
        designated: { publishedBy: '山西省医疗保险管理服务中心（省直有转诊资格的三甲医院）', hospitals: [] },
        handledBy: {
          kind: 'hospital',
          message: '省直转诊由医院办理：拿到主治医师签字、医院医疗保险办公室盖章的转诊建议书后，直接在医院（医保科）办理转诊手续。',
          source: '000 一(二)1',
        },
      },
      {
        minLevel: 'grade2c',
        description: '异地长期居住人员：长期居住地二级以上医疗机构',
        forLongTermFilers: true,
        designated: null,
        handledBy: { kind: 'person' },
      },
    ],
    namesTreatingHospital: false,
    continuingRefile: true,
    source: '000 一(二)1、二(二)',
  },
  commitment: { ...defaultCommitment, title: '山西省省直单位异地就医备案个人承诺书' },
  agency: { ...relativesAgency, source: `000 附件2；${OUR_READING}` },
  benefits: {
    ...nationalBenefitCaps,
    notes: [{ text: '非急诊且未转诊人员无需备案，出院时按非急诊且未转诊人员待遇直接结算。', categories: ['other_temporary'] }],
    source: `000 一(二)2；${NATIONAL_FRAME}`,
  },
} satisfies PolicyProfile
