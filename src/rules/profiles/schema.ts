// The shape of a policy profile: everything a 参保地 decides about filing, as data.
// The engine reads these fields and never asks which region it is looking at.
import * as z from 'zod'
import { CATEGORY_CODES, groupOf, type Category } from '../categories'
import { categorySchema, hospitalLevelSchema, insuranceTypeSchema, materialKindSchema } from '../schemas/vocabulary'

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
    /** The lock holds only once medical expenses were incurred at the filed place (济宁). */
    onlyAfterExpensesAtDestination: z.boolean(),
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
  lock: lockSchema,
  /** Proof every change needs, locked or not (达州 temporary: a referral certificate). */
  proof: z.array(materialKindSchema),
  exceptions: z.array(lockExceptionSchema),
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

const benefitsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('not_published'), notes: z.array(text), source }),
  /** National ceilings: the 参保地 may lower the ratio by at most this many points. */
  z.object({
    kind: z.literal('caps'),
    rules: z.array(z.object({ categories: z.array(categorySchema).min(1), maxReduction: z.int().min(0).max(100) })),
    notes: z.array(text),
    source,
  }),
  /** Points added to (negative: taken from) the 参保地's own local ratio, which the seed does not print. */
  z.object({
    kind: z.literal('adjustments'),
    base: text,
    /** Places outside the insured province that still count as "in province" (达州: 含重庆市). */
    alsoInProvince: z.array(regionCode),
    rules: z.array(z.object({ categories: z.array(categorySchema).min(1), scope: scopeSchema, points: z.int().min(-100).max(0) })),
    notes: z.array(text),
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
    notes: z.array(text),
    source,
  }),
])

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
    /** Which destinations this channel serves. */
    destinationScope: z.enum(['outside_pooling_area', 'outside_province']),
    destinationScopeMessage: text,
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
    benefits: benefitsSchema,
  })
  .superRefine((profile, ctx) => {
    for (const code of CATEGORY_CODES) {
      const rule = profile.categories[code]
      const at = (...path: (string | number)[]) => ['categories', code, ...path]
      if (code === 'emergency' && rule.filing === 'required') {
        ctx.addIssue({ code: 'custom', path: at('filing'), message: 'emergency care never needs a filing' })
      }
      if (rule.filing !== 'required' || !profile.followsNational2022) continue
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
    if (profile.followsNational2022 && profile.benefits.kind === 'adjustments') {
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
