// What a profile publishes about the fund's share for a stay: a ratio, an adjustment, a cap, or nothing.
import { categoryLabel, type Category } from '../categories'
import type { Benefits } from '../profiles'
import { HOSPITAL_LEVEL_INFO, INSURANCE_TYPE_LABELS, type HospitalLevel, type InsuranceType } from '../vocabulary'

export interface BenefitQuestion {
  category: Category
  inProvince: boolean
  insuranceType?: InsuranceType
  hospitalLevel?: HospitalLevel
}

export type BenefitPreview =
  | { kind: 'ratio'; percent: number; text: string; notes: string[]; source: string }
  | { kind: 'adjustment'; points: number; base: string; text: string; notes: string[]; source: string }
  | { kind: 'max_reduction'; points: number; text: string; notes: string[]; source: string }
  | { kind: 'not_published'; text: string; notes: string[]; source: string }

const scopeMatches = (scope: 'in_province' | 'out_of_province' | 'any', inProvince: boolean) =>
  scope === 'any' || (scope === 'in_province') === inProvince

const where = (inProvince: boolean) => (inProvince ? '省内' : '跨省')

export function previewBenefit(benefits: Benefits, question: BenefitQuestion): BenefitPreview {
  const { category, inProvince, insuranceType, hospitalLevel } = question
  const { source } = benefits
  // Only the notes that speak of this filer's category (a retiree is not told the 非急未转 cut).
  const notes = benefits.notes.filter((note) => note.categories === null || note.categories.includes(category)).map((note) => note.text)
  const notPublished = (text: string): BenefitPreview => ({ kind: 'not_published', text, notes, source })
  switch (benefits.kind) {
    case 'not_published':
      return notPublished('参保地未公布异地就医的具体支付比例，按参保地规定执行。')
    case 'caps': {
      // 22号's ceilings bind cross-province stays only: in the province the 参保地's own rules decide.
      if (inProvince) return notPublished(`省内异地就医的${categoryLabel(category)}按参保地规定的待遇标准执行，国家跨省规定的下调上限不适用。`)
      const rule = benefits.rules.find((candidate) => candidate.categories.includes(category))
      if (!rule) return notPublished(`${categoryLabel(category)}按参保地规定的待遇标准执行。`)
      return {
        kind: 'max_reduction',
        points: rule.maxReduction,
        text: `跨省就医的${categoryLabel(category)}，支付比例可能比参保地本地低，按国家规定最多降低${rule.maxReduction}个百分点，具体以参保地规定为准。`,
        notes,
        source,
      }
    }
    case 'adjustments': {
      const rule = benefits.rules.find(
        (candidate) => candidate.categories.includes(category) && scopeMatches(candidate.scope, inProvince),
      )
      if (!rule) return notPublished(`${categoryLabel(category)}的支付比例未公布。`)
      const text =
        rule.points === 0 ? `按${benefits.base}执行。` : `在${benefits.base}基础上降低${-rule.points}个百分点。`
      return { kind: 'adjustment', points: rule.points, base: benefits.base, text, notes, source }
    }
    case 'ratio_table': {
      if (!insuranceType) return notPublished('请选择参保险种（职工或城乡居民），以查看支付比例。')
      const candidates = benefits.rows.filter(
        (row) =>
          row.insuranceType === insuranceType && row.categories.includes(category) && scopeMatches(row.scope, inProvince),
      )
      if (candidates.some((row) => row.hospitalLevels !== null) && !hospitalLevel) {
        return notPublished('支付比例与医院等级有关，请选择医院等级。')
      }
      const row = candidates.find((candidate) => candidate.hospitalLevels === null || candidate.hospitalLevels.includes(hospitalLevel!))
      const who = `${INSURANCE_TYPE_LABELS[insuranceType]}${where(inProvince)}就医的${categoryLabel(category)}`
      if (!row) {
        const level = hospitalLevel ? `在${HOSPITAL_LEVEL_INFO[hospitalLevel].label}医院` : ''
        return notPublished(`${who}${level}的支付比例未公布。`)
      }
      return { kind: 'ratio', percent: row.percent, text: `${who}，统筹基金支付比例为${row.percent}%。`, notes, source }
    }
  }
}
