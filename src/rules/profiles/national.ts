// The national frame (医保发〔2022〕22号 as POLICY.md restates it; no seed carries its text): what
// every 参保地 gets for cross-province stays unless its own profile says otherwise. 22号 governs
// cross-province (跨省) filings only, so every rule taken from it is marked NATIONAL_FRAME, and the
// national profile below serves cross-province stays alone. Regional profiles spread these pieces and
// override what their seed changes.
import type { FiledCategoryRule, PolicyProfile, UnfiledRule } from './schema'

/** A rule from 22号's frame, not from any seed: it holds for cross-province stays. */
export const NATIONAL_FRAME = '国家框架：医保发〔2022〕22号（跨省，非种子文件）'
/** Where a seed is silent and this service chose: every such rule is also listed in its profile's `readings`. */
export const OUR_READING = '本服务的理解（文件未规定）'

/** The settings shared by every filed category unless a profile overrides them. */
const filedDefaults = {
  filing: 'required',
  conditions: [],
  commitmentAllowed: true,
  change: {
    lock: { kind: 'none', source: NATIONAL_FRAME },
    proof: [],
    exceptions: [],
    insuranceType: { kind: 'same_as_destination', source: OUR_READING },
  },
  cancel: { kind: 'none', source: NATIONAL_FRAME },
  // Filing is allowed up to discharge settlement (补办), with no fixed limit on the start date.
  lateFiling: { maxDaysBack: null, source: NATIONAL_FRAME },
  // Our service's choice, not a seed's: a start date at most 90 days ahead keeps plans concrete.
  maxDaysAhead: 90,
  review: { kind: 'instant', source: NATIONAL_FRAME },
  serviceOpening: { kind: 'immediate' },
} satisfies Partial<FiledCategoryRule>

const longTerm = {
  ...filedDefaults,
  validity: { kind: 'open_ended', source: NATIONAL_FRAME },
  source: NATIONAL_FRAME,
} satisfies Partial<FiledCategoryRule>

const temporary = {
  ...filedDefaults,
  validity: { kind: 'months', months: 6, source: NATIONAL_FRAME },
  source: NATIONAL_FRAME,
} satisfies Partial<FiledCategoryRule>

export const national = {
  resettledRetiree: {
    ...longTerm,
    help: '退休后在参保地以外定居，并且户籍已迁入定居地。',
    materials: [{ kind: 'hukou' }],
  },
  longTermResident: {
    ...longTerm,
    help: '在参保地以外长期居住生活（如随子女异地养老），户籍没有迁过去。',
    materials: [{ kind: 'residence_proof' }],
  },
  residentWorker: {
    ...longTerm,
    help: '由用人单位派驻参保地以外长期工作。',
    materials: [{ kind: 'employer_certificate' }],
  },
  referral: {
    ...temporary,
    help: '病情需要，由参保地定点医疗机构开具转诊证明，转到参保地以外住院治疗。',
    materials: [{ kind: 'referral_certificate' }],
  },
  otherTemporary: {
    ...temporary,
    help: '因工作、旅游、探亲等临时在外地，需要住院，但不是急诊抢救，也没有办理转诊。',
    materials: [],
  },
  /** 达州 files emergencies (001 二): the filed rule a profile spreads for them. */
  emergencyFiled: {
    ...temporary,
    help: '因工作、旅游等原因在外地突发急病或意外受伤，需要急诊抢救。',
    materials: [],
  },
  emergencyHelp: '因急诊抢救在外地就医。',
} satisfies Record<string, PolicyProfile['categories'][keyof PolicyProfile['categories']] | string>

/** 22号: cross-province emergency care without a filing is treated as filed. */
export const crossProvinceEmergency = {
  outcome: 'settles_as_filed',
  message: '跨省急诊抢救没有备案的，按国家规定视同已备案：医院按急诊登记，出院时直接结算。',
  source: NATIONAL_FRAME,
} satisfies UnfiledRule

/** 22号: a cross-province stay may be filed (补办) before discharge settlement and then settles directly. */
export const crossProvincePlanned = {
  outcome: 'file_before_discharge',
  message: '跨省住院可以在出院结算前补办备案，补办后出院时直接结算。',
  source: NATIONAL_FRAME,
} satisfies UnfiledRule

/**
 * 代办 where a seed is silent: relatives file without a 委托书 (staff check the relationship in
 * 代办核验), anyone else uploads one signed by the insured person.
 */
export const relativesAgency = {
  authorizationFor: ['other'],
  text: '配偶、子女、父母或其他亲属可以为参保人办理，经办机构会核验代办关系；不是亲属的，须上传参保人签名的授权委托书。',
  source: OUR_READING,
} satisfies PolicyProfile['agency']

const AGENCY_READING = '文件没有规定代办：亲属代办不要求授权委托书，由经办机构在代办核验中核实关系；非亲属代办须上传参保人签名的授权委托书。'

/** The reading every profile whose seed is silent on 代办 lists. */
export const agencyReading = { topic: '代办', reading: AGENCY_READING, source: OUR_READING }

/** No seed speaks of moving a start date (engine/locks.ts decideStartDateChange): every profile reads it so. */
export const startDateChangeReading = {
  topic: '变更开始日期',
  reading: '文件没有规定：备案开始前还没有按它结算过，开始日期可以变更（新的日期仍须在补办和提前备案的范围内），不受变更期限限制；备案开始后不能再改，需要更早的开始日期的，取消后重新办理。',
  source: OUR_READING,
}

/** 告知书 and 承诺事项, word for word from seed 000 附件1: the default commitment text. */
export const defaultCommitment = {
  title: '异地就医备案个人承诺书',
  notice: [
    '异地安置退休人员：能够提供就医地户口本（首页和本人页）。',
    '异地长期居住人员：能够提供就医地居住证（暂住证）或（村）委会证明件。',
    '常驻异地工作人员：能够提供参保单位开具的有效证明（加盖公章）件。',
    '异地就医转诊人员：能够提供转出地医疗机构出具的转诊证明。',
  ],
  // The seed (000 附件1) reads 自己保存已备核查时提供: a homophone slip for 以备核查, corrected (issue 16).
  noticeWarning:
    '参保人员需在备案时提前办理好相对应的证明材料，自己保存以备核查时提供，参保人员提供虚假信息自助备案实现直接结算的，将按《医疗保障基金使用监督管理条例》严肃处理。',
  pledge:
    '本人申请办理异地就医备案业务，已阅读并知晓《备案告知书》所述内容，同意遵守相关规定。因个人原因无法及时提供异地就医备案相关证明材料，本人保证符合此业务办理条件，所述信息真实、准确、完整、有效，愿意接受信息共享查询核验，由此产生的一切经济损失和法律责任均由本人承担。',
  source: '000 附件1',
} satisfies PolicyProfile['commitment']

export const nationalReferralRules = {
  issuers: [
    { minLevel: null, description: '参保地具备转诊资格的定点医疗机构', forLongTermFilers: false, designated: null, handledBy: { kind: 'person' } },
  ],
  namesTreatingHospital: false,
  continuingRefile: false,
  source: NATIONAL_FRAME,
} satisfies PolicyProfile['referral']

export const nationalBenefitCaps = {
  kind: 'caps',
  rules: [
    { categories: ['referral', 'emergency'], scope: 'cross_province', maxReduction: 10 },
    { categories: ['other_temporary'], scope: 'cross_province', maxReduction: 20 },
  ],
  notes: [],
  source: NATIONAL_FRAME,
} satisfies PolicyProfile['benefits']

/** Where a seed is silent, the person is sent to the agency that knows. */
export const ASK_AGENCY = '请向参保地医保经办机构咨询。'

export const nationalProfile = {
  id: 'national',
  name: '其他参保地（国家统一规定）',
  insuredRegion: null,
  home: {
    filingMessage: '就医地在参保地统筹区内，不属于异地就医，无需备案。请选择参保地以外的就医地。',
    stay: '在参保地统筹区内就医不属于异地就医，不用备案，按参保地规定结算。',
    longTermFilers: '异地长期居住人员回参保地就医的，按参保地规定结算；具体请咨询参保地医保经办机构。',
    source: NATIONAL_FRAME,
  },
  scopes: {
    in_province: {
      served: false,
      outcome: 'ask',
      filingMessage:
        '省内异地就医备案按您所在省份的规定办理，本服务只收录国家跨省规定。请选择外省的就医地，或通过本省医保渠道办理省内备案。',
      message: `省内异地就医按您所在省份的规定办理，国家跨省规定（医保发〔2022〕22号）不适用，本服务没有收录您所在省份的规定。${ASK_AGENCY}`,
      source: NATIONAL_FRAME,
    },
    cross_province: {
      served: true,
      source: NATIONAL_FRAME,
      withoutFiling: { emergency: crossProvinceEmergency, planned: crossProvincePlanned },
    },
  },
  manualReimbursement: {
    text: '已经出院并自费结算的，补办备案后回参保地申请手工报销。',
    source: NATIONAL_FRAME,
  },
  care: {
    outpatient: { kind: 'answer', outcome: 'ask', message: `跨省普通门诊能否直接结算、是否需要备案，本服务没有收录您参保地的规定。${ASK_AGENCY}`, source: OUR_READING },
    chronic_outpatient: { kind: 'answer', outcome: 'ask', message: `跨省门诊慢特病能否直接结算，本服务没有收录您参保地的规定。${ASK_AGENCY}`, source: OUR_READING },
    pharmacy: { kind: 'answer', outcome: 'ask', message: `异地药店购药能否直接结算，本服务没有收录您参保地的规定。${ASK_AGENCY}`, source: OUR_READING },
  },
  guide: [],
  readings: [
    agencyReading,
    startDateChangeReading,
    {
      topic: '省内异地',
      reading: '国家规定只管跨省：参保地没有单独列出的，本服务只办理跨省备案；省内异地的问题请参保人咨询本省经办机构。',
      source: NATIONAL_FRAME,
    },
    {
      topic: '门诊、门诊慢特病、药店',
      reading: '没有收录参保地的规定，不作判断，请参保人咨询。',
      source: OUR_READING,
    },
    {
      topic: '险种变更',
      reading: '参保险种变更按备案变更办理，与就医地变更适用同一规定。',
      source: OUR_READING,
    },
    { topic: '开始日期', reading: '开始日期最晚可选今天之后90天，避免过早备案；文件不限补办开始日期的，最早可选一年前（补办只对还没出院结算的住院有用），更早的请咨询经办机构。', source: OUR_READING },
  ],
  followsNational2022: true,
  source: {
    seed: null,
    issuer: '国家医疗保障局、财政部',
    document: '医保发〔2022〕22号',
    date: '2022-06-30',
  },
  summary:
    '参保地没有单独列出时，跨省异地就医按国家规定办理：长期居住人员备案长期有效；临时外出就医人员备案有效期6个月；跨省急诊抢救视同已备案；出院结算前可以补办。省内异地按所在省份规定，请咨询参保地。',
  categories: {
    resettled_retiree: national.resettledRetiree,
    long_term_resident: national.longTermResident,
    resident_worker: national.residentWorker,
    referral: national.referral,
    emergency: {
      filing: 'not_needed',
      help: national.emergencyHelp,
      message: '跨省急诊抢救无需备案：医院按急诊登记后视同已备案，可以直接结算（国家规定）。',
      source: NATIONAL_FRAME,
    },
    other_temporary: national.otherTemporary,
  },
  referral: nationalReferralRules,
  commitment: defaultCommitment,
  agency: relativesAgency,
  benefits: {
    ...nationalBenefitCaps,
    notes: [{ text: '异地长期居住人员在备案有效期内确需回参保地就医的，可以在参保地享受医保结算服务。', categories: ['resettled_retiree', 'long_term_resident', 'resident_worker'] }],
  },
} satisfies PolicyProfile
