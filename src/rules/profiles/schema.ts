// The shape of a policy profile: everything a 参保地 decides about filing, as data.
// The engine reads these fields and never asks which region it is looking at.
import * as z from 'zod'
import { CATEGORY_CODES, groupOf, type Category } from '../categories'
import { categorySchema, hospitalLevelSchema, insuranceTypeSchema, materialKindSchema, relationshipSchema } from '../schemas/vocabulary'

const regionCode = z.string().regex(/^\d{6}$/)
const text = z.string().min(1)
/** Where a rule comes from: seed file and section, e.g. `001 四(三)1`, or `service` for our own choice. */
const source = text

/** How long a filing lasts. */
const validitySchema = z.discriminatedUnion('kind', [
  /** No end date (长期有效). */
  z.object({ kind: z.literal('open_ended'), source }),
  /** A fixed number of months, counted by 民法典 第二百零二条. */
  z.object({ kind: z.literal('months'), months: z.int().min(1).max(24), source }),
  /** No end date, but one filing serves one hospital stay (辽宁: 一次转诊备案对应一次就医结算). */
  z.object({ kind: z.literal('single_settlement'), source }),
])

/** When a change or cancel may not be made yet. */
const lockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none'), source }),
  z.object({
    kind: z.literal('months'),
    months: z.int().min(1).max(12),
    /** Counted from the day the filing took effect, or from the day it was filed (登记备案). */
    from: z.enum(['effective', 'filed']),
    /** The lock holds only once medical expenses were incurred at the current filed place (济宁). */
    onlyAfterExpensesAtDestination: z.boolean(),
    /** A 备案变更 (new destination or insurance type) starts the count again from its own day. */
    restartsOnChange: z.boolean(),
    source,
  }),
  /** Not changed at all: the person files anew (辽宁 referral: 每次转院或入院重新申请). */
  z.object({ kind: z.literal('refile'), message: text, source }),
])

/** A circumstance that lifts the change lock at once, given its proof (达州: 退休安置地、工作单位变化). */
const lockExceptionSchema = z.object({
  code: z.string().regex(/^[a-z_]+$/),
  label: text,
  proof: z.array(materialKindSchema).min(1),
  source,
})

const changeRuleSchema = z.object({
  /** The lock on a change of destination (and of insurance type, unless `insuranceType` says otherwise). */
  lock: lockSchema,
  /** Proof every change of destination needs, locked or not (达州 temporary: a referral certificate). */
  proof: z.array(materialKindSchema),
  exceptions: z.array(lockExceptionSchema),
  /** A change of insurance type (参保险种): under the same lock, or at once with its proof (达州 001 四(三)). */
  insuranceType: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('same_as_destination'), source }),
    z.object({ kind: z.literal('at_once'), proof: z.array(materialKindSchema).min(1), source }),
  ]),
})

const reviewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('instant'), source }),
  z.object({
    kind: z.literal('staged'),
    stages: z.array(z.object({ code: z.string().regex(/^[a-z_]+$/), label: text })).min(1),
    source,
  }),
])

const serviceOpeningSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('immediate') }),
  /** Service opens within N working days of filing (辽宁: 15 个工作日). */
  z.object({ kind: z.literal('working_days'), days: z.int().min(1).max(60), source }),
])

/** A category filed through this channel. */
const filedCategorySchema = z.object({
  filing: z.literal('required'),
  /** "Which one am I?" — plain words drawn from the seed. */
  help: text,
  /** Conditions one of which the person must meet (辽宁 异地长期居住: 四种情形). */
  conditions: z.array(text),
  materials: z.array(z.object({ kind: materialKindSchema, note: z.string().optional() })),
  commitmentAllowed: z.boolean(),
  validity: validitySchema,
  change: changeRuleSchema,
  cancel: lockSchema,
  /** How far back a start date may go when filing late (补办); null: not limited before discharge. */
  lateFiling: z.object({ maxDaysBack: z.int().min(0).nullable(), source }),
  /** How far ahead a start date may go. */
  maxDaysAhead: z.int().min(0).max(366),
  review: reviewSchema,
  serviceOpening: serviceOpeningSchema,
  source,
})

const categoryRuleSchema = z.discriminatedUnion('filing', [
  filedCategorySchema,
  /** No filing: care is settled as if filed (emergencies; 山西 非急诊且未转诊). */
  z.object({ filing: z.literal('not_needed'), help: text, message: text, source }),
  /** This channel does not take the category at all (辽宁 2017 rules have no 其他临时外出). */
  z.object({ filing: z.literal('not_available'), help: text, message: text, source }),
])

/**
 * Hospitals named by the agency (达州 001 四(五): 市级三级 and 2-3 per county, published yearly).
 * `hospitals` is what the agency has loaded; while it is empty, grade alone decides nothing: the
 * page asks the person to check the published list.
 */
const designatedListSchema = z.object({
  publishedBy: text,
  hospitals: z.array(z.object({ name: text, county: text.nullable() })),
})

const referralRulesSchema = z.object({
  /** Who may issue a referral certificate. A certificate is accepted when one applicable issuer rule allows it. */
  issuers: z
    .array(
      z.object({
        /** The lowest hospital grade allowed; null: the seed sets none. */
        minLevel: hospitalLevelSchema.nullable(),
        description: text,
        /** Applies only to a person who already holds a long-term filing (山西: 当地二级以上医疗机构). */
        forLongTermFilers: z.boolean(),
        /** Only hospitals on a list the agency publishes; null: any hospital of the grade. */
        designated: designatedListSchema.nullable(),
        /** Who takes the referral through: the person, or the hospital's 医保科 (大同 003, 山西 000 一(二)1). */
        handledBy: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('person') }),
          z.object({ kind: z.literal('hospital'), message: text, source }),
        ]),
      }),
    )
    .min(1),
  /** The certificate names the one hospital the person is treated in (辽宁 第十六条). */
  namesTreatingHospital: z.boolean(),
  /** A continuing referral may be filed again with the first certificate (山西 二(二)). */
  continuingRefile: z.boolean(),
  source,
})

const scopeSchema = z.enum(['in_province', 'out_of_province', 'any'])

/** A note beside the benefit, for the categories it speaks of (null: everyone filing here). */
const benefitNoteSchema = z.object({ text, categories: z.array(categorySchema).min(1).nullable() })

const benefitsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('not_published'), notes: z.array(benefitNoteSchema), source }),
  /** National ceilings: the 参保地 may lower the ratio by at most this many points. */
  z.object({
    kind: z.literal('caps'),
    /** 22号 governs cross-province stays only: every cap says so. */
    rules: z.array(
      z.object({ categories: z.array(categorySchema).min(1), scope: z.literal('cross_province'), maxReduction: z.int().min(0).max(100) }),
    ),
    notes: z.array(benefitNoteSchema),
    source,
  }),
  /** Points added to (negative: taken from) the 参保地's own local ratio, which the seed does not print. */
  z.object({
    kind: z.literal('adjustments'),
    base: text,
    /** Places outside the insured province that still count as "in province" (达州: 含重庆市). */
    alsoInProvince: z.array(regionCode),
    rules: z.array(z.object({ categories: z.array(categorySchema).min(1), scope: scopeSchema, points: z.int().min(-100).max(0) })),
    notes: z.array(benefitNoteSchema),
    source,
  }),
  /** Published fund shares of inpatient costs (大同). A case matching no row is "not published". */
  z.object({
    kind: z.literal('ratio_table'),
    rows: z.array(
      z.object({
        insuranceType: insuranceTypeSchema,
        scope: scopeSchema,
        /** null: any hospital level. */
        hospitalLevels: z.array(hospitalLevelSchema).min(1).nullable(),
        categories: z.array(categorySchema).min(1),
        percent: z.int().min(0).max(100),
      }),
    ),
    notes: z.array(benefitNoteSchema),
    source,
  }),
])

/** What a stay with no filing gets (no filing at all, or none that covers it). */
const unfiledRuleSchema = z.object({
  outcome: z.enum([
    /** Settled directly as if filed (急诊抢救 视同已备案; 山西 非急诊且未转诊). */
    'settles_as_filed',
    /** File (补办) before discharge settlement, then it settles directly. */
    'file_before_discharge',
    /** No direct settlement: pay, then claim through the channel the message names. */
    'not_direct',
    /** The seed is silent: say what is known and whom to ask. */
    'ask',
  ]),
  message: text,
  source,
})

/** A scope this profile's filing rules serve, and what a stay there gets without a filing. */
const servedScopeSchema = z.object({
  served: z.literal(true),
  source,
  withoutFiling: z.object({ emergency: unfiledRuleSchema, planned: unfiledRuleSchema }),
})

/** A scope outside this channel: nothing is filed here, and the message says where to go. */
const unservedScopeSchema = z.object({
  served: z.literal(false),
  /** `not_direct`: another channel handles it (辽宁 原渠道); `ask`: the seed is silent. */
  outcome: z.enum(['not_direct', 'ask']),
  /** Shown when a filing to this scope is refused. */
  filingMessage: text,
  /** Shown when a stay here is asked about. */
  message: text,
  source,
})

const scopeRuleSchema = z.discriminatedUnion('served', [servedScopeSchema, unservedScopeSchema])

const careOutcomeSchema = z.enum([
  /** Settled directly at networked places without any filing (达州 001 四(四)). */
  'direct_without_filing',
  /** Paid first, then reimbursed by hand at the insured place (大同 定居地鉴定的门诊慢特病). */
  'manual_reimbursement',
  /** Handled through the former channel (辽宁 002 第十九条 原渠道). */
  'original_channel',
  /** The seed is silent. */
  'ask',
])

/** Care other than a hospital stay: it follows the filing as a stay does, or the seed answers it apart. */
const careRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('follows_filing'), source }),
  z.object({ kind: z.literal('answer'), outcome: careOutcomeSchema, message: text, source }),
  /** The answer depends on something the person knows (大同: where the 门诊慢特病 was assessed). */
  z.object({
    kind: z.literal('cases'),
    cases: z.array(z.object({ when: text, outcome: careOutcomeSchema, message: text })).min(2),
    source,
  }),
])

export const GUIDE_TOPICS = [
  'outpatient_pharmacy',
  'injury_no_third_party',
  'outside_tests_pharmacy',
  'year_end_stay',
  'voluntary_scheme',
  'original_channel',
  'returning_home',
  'continuing_referral',
  'manual_reimbursement',
] as const

/** A rule no form asks about, told where the question arises. */
const guideItemSchema = z.object({
  topic: z.enum(GUIDE_TOPICS),
  title: text,
  text,
  /** Only for these categories; null: everyone insured here. */
  categories: z.array(categorySchema).min(1).nullable(),
  /** Where the pages show it. */
  places: z.array(z.enum(['coverage', 'filing', 'home'])).min(1),
  source,
})

/** Where a seed is silent and we chose: listed so a reader can check every reading in one place. */
const readingSchema = z.object({ topic: text, reading: text, source })

/**
 * 代办: filing on someone else's behalf. Every 代办 filing goes through 代办核验 by staff (the engine's
 * AGENT_CHECK_STAGE); the profile says when the agent must also upload a 授权委托书 signed by the
 * insured person, and what the 代办 step tells them.
 */
const agencySchema = z.object({
  /** Relationships for which a signed 授权委托书 must be uploaded (empty: never asked for). */
  authorizationFor: z.array(relationshipSchema),
  /** Shown on the 代办 step: who may file and what they need. */
  text,
  source,
})

const commitmentSchema = z.object({
  title: text,
  /** 告知书: what proof each category must be able to show later. */
  notice: z.array(text).min(1),
  noticeWarning: text,
  /** 承诺事项: what the person signs. */
  pledge: text,
  source,
})

export const policyProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z-]*$/),
    name: text,
    /** The insured region; null when the person names their own 参保地 (the national default). */
    insuredRegion: z
      .object({
        name: text,
        code: regionCode,
        /** The pooling area (统筹区): a destination inside it is not off-site. */
        poolingArea: regionCode,
      })
      .nullable(),
    /** The insured place itself: not off-site. */
    home: z.object({
      /** Refusing a filing to a destination inside the pooling area. */
      filingMessage: text,
      /** A stay there: settled under the insured place's own rules. */
      stay: text,
      /** What a long-term filer returning there is told (达州 001 三(二)8, 济宁 004 三). */
      longTermFilers: text,
      source,
    }),
    /** Which off-site scopes this profile's rules serve. */
    scopes: z.object({ in_province: scopeRuleSchema, cross_province: scopeRuleSchema }),
    /** How a stay paid out of pocket is claimed (手工报销). */
    manualReimbursement: z.object({ text, source }),
    /** Care other than inpatient. */
    care: z.object({ outpatient: careRuleSchema, chronic_outpatient: careRuleSchema, pharmacy: careRuleSchema }),
    guide: z.array(guideItemSchema),
    readings: z.array(readingSchema),
    /** Bound by 医保发〔2022〕22号: its ceilings are checked below. */
    followsNational2022: z.boolean(),
    source: z.object({ seed: z.string().regex(/^\d{3}$/).nullable(), issuer: text, document: text, date: text }),
    summary: text,
    categories: z.object(
      Object.fromEntries(CATEGORY_CODES.map((code) => [code, categoryRuleSchema])) as Record<
        Category,
        typeof categoryRuleSchema
      >,
    ),
    referral: referralRulesSchema,
    commitment: commitmentSchema,
    agency: agencySchema,
    benefits: benefitsSchema,
  })
  .superRefine((profile, ctx) => {
    // 医保发〔2022〕22号 binds cross-province filings: its ceilings hold where this profile serves them.
    const bound = profile.followsNational2022 && profile.scopes.cross_province.served
    for (const code of CATEGORY_CODES) {
      const rule = profile.categories[code]
      const at = (...path: (string | number)[]) => ['categories', code, ...path]
      if (rule.filing !== 'required' || !bound) continue
      // 医保发〔2022〕22号 ceilings: long-term locks ≤ 6 months; temporary validity ≥ 6 months.
      for (const lock of [rule.change.lock, rule.cancel]) {
        if (groupOf(code) === 'long_term' && lock.kind === 'months' && lock.months > 6) {
          ctx.addIssue({ code: 'custom', path: at('change'), message: 'national rules cap a long-term lock at 6 months' })
        }
      }
      if (groupOf(code) === 'temporary' && rule.validity.kind === 'months' && rule.validity.months < 6) {
        ctx.addIssue({ code: 'custom', path: at('validity'), message: 'national rules give temporary filings at least 6 months' })
      }
    }
    if (bound && profile.benefits.kind === 'adjustments') {
      profile.benefits.rules.forEach((rule, index) => {
        const cap = rule.categories.includes('other_temporary') ? 20 : 10
        const temporaryOnly = rule.categories.every((category) => groupOf(category) === 'temporary')
        if (temporaryOnly && -rule.points > cap) {
          ctx.addIssue({ code: 'custom', path: ['benefits', 'rules', index], message: `national rules cap this reduction at ${cap} points` })
        }
      })
    }
  })

export type PolicyProfile = z.infer<typeof policyProfileSchema>
export type CategoryRule = PolicyProfile['categories'][Category]
export type FiledCategoryRule = z.infer<typeof filedCategorySchema>
export type LockRule = FiledCategoryRule['cancel']
export type LockException = z.infer<typeof lockExceptionSchema>
export type Validity = FiledCategoryRule['validity']
export type Benefits = PolicyProfile['benefits']
export type ScopeRule = z.infer<typeof scopeRuleSchema>
export type UnfiledRule = z.infer<typeof unfiledRuleSchema>
export type CareRule = z.infer<typeof careRuleSchema>
export type CareOutcome = z.infer<typeof careOutcomeSchema>
export type GuideItem = z.infer<typeof guideItemSchema>
export type GuideTopic = GuideItem['topic']
export type ReferralRules = PolicyProfile['referral']
export type ReferralIssuer = ReferralRules['issuers'][number]
