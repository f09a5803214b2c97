// The national default (医保发〔2022〕22号 as POLICY.md restates it): what every 参保地 gets unless its
// own profile says otherwise. Regional profiles spread these pieces and override what their seed changes.
import type { FiledCategoryRule, PolicyProfile } from './schema'

const NATIONAL = '医保发〔2022〕22号'

/** The settings shared by every filed category unless a profile overrides them. */
const filedDefaults = {
  filing: 'required',
  conditions: [],
  commitmentAllowed: true,
  change: { lock: { kind: 'none', source: NATIONAL }, proof: [], exceptions: [] },
  cancel: { kind: 'none', source: NATIONAL },
  // Filing is allowed up to discharge settlement (补办), with no fixed limit on the start date.
  lateFiling: { maxDaysBack: null, source: NATIONAL },
  // Our service's choice, not a seed's: a start date at most 90 days ahead keeps plans concrete.
  maxDaysAhead: 90,
  review: { kind: 'instant', source: NATIONAL },
  serviceOpening: { kind: 'immediate' },
} satisfies Partial<FiledCategoryRule>

const longTerm = {
  ...filedDefaults,
  validity: { kind: 'open_ended', source: NATIONAL },
  source: NATIONAL,
} satisfies Partial<FiledCategoryRule>

const temporary = {
  ...filedDefaults,
  validity: { kind: 'months', months: 6, source: NATIONAL },
  source: NATIONAL,
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
  emergency: {
    filing: 'not_needed',
    help: '因急诊抢救在外地就医。',
    message: '急诊抢救无需备案：医院按急诊登记后视同已备案，可以直接结算。',
    source: NATIONAL,
  },
} satisfies Record<string, PolicyProfile['categories'][keyof PolicyProfile['categories']]>

/** 告知书 and 承诺事项, word for word from seed 000 附件1: the default commitment text. */
export const defaultCommitment = {
  title: '异地就医备案个人承诺书',
  notice: [
    '异地安置退休人员：能够提供就医地户口本（首页和本人页）。',
    '异地长期居住人员：能够提供就医地居住证（暂住证）或（村）委会证明件。',
    '常驻异地工作人员：能够提供参保单位开具的有效证明（加盖公章）件。',
    '异地就医转诊人员：能够提供转出地医疗机构出具的转诊证明。',
  ],
  noticeWarning:
    '参保人员需在备案时提前办理好相对应的证明材料，自己保存已备核查时提供，参保人员提供虚假信息自助备案实现直接结算的，将按《医疗保障基金使用监督管理条例》严肃处理。',
  pledge:
    '本人申请办理异地就医备案业务，已阅读并知晓《备案告知书》所述内容，同意遵守相关规定。因个人原因无法及时提供异地就医备案相关证明材料，本人保证符合此业务办理条件，所述信息真实、准确、完整、有效，愿意接受信息共享查询核验，由此产生的一切经济损失和法律责任均由本人承担。',
  source: '000 附件1',
} satisfies PolicyProfile['commitment']

export const nationalReferralRules = {
  issuers: [{ minLevel: null, description: '参保地具备转诊资格的定点医疗机构', forLongTermFilers: false }],
  namesTreatingHospital: false,
  continuingRefile: false,
  source: NATIONAL,
} satisfies PolicyProfile['referral']

export const nationalBenefitCaps = {
  kind: 'caps',
  rules: [
    { categories: ['referral', 'emergency'], maxReduction: 10 },
    { categories: ['other_temporary'], maxReduction: 20 },
  ],
  notes: [],
  source: NATIONAL,
} satisfies PolicyProfile['benefits']

export const nationalProfile = {
  id: 'national',
  name: '其他参保地（国家统一规定）',
  insuredRegion: null,
  destinationScope: 'outside_pooling_area',
  destinationScopeMessage: '就医地在参保地统筹区内，不属于异地就医，无需备案。请选择参保地以外的就医地。',
  followsNational2022: true,
  source: {
    seed: null,
    issuer: '国家医疗保障局、财政部',
    document: NATIONAL,
    date: '2022-06-30',
  },
  summary:
    '参保地没有单独列出时，按国家规定办理：长期居住人员备案长期有效；临时外出就医人员备案有效期6个月；急诊抢救视同已备案；出院结算前可以补办。',
  categories: {
    resettled_retiree: national.resettledRetiree,
    long_term_resident: national.longTermResident,
    resident_worker: national.residentWorker,
    referral: national.referral,
    emergency: national.emergency,
    other_temporary: national.otherTemporary,
  },
  referral: nationalReferralRules,
  commitment: defaultCommitment,
  benefits: {
    ...nationalBenefitCaps,
    notes: ['异地长期居住人员在备案有效期内确需回参保地就医的，可以在参保地享受医保结算服务。'],
  },
} satisfies PolicyProfile
