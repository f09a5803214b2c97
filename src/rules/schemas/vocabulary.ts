// The closed vocabularies (categories.ts, vocabulary.ts) as zod enums, each with the message a person
// reads when a value is missing or unknown.
import * as z from 'zod'
import { CATEGORY_CODES } from '../categories'
import { CARE_KINDS, HOSPITAL_LEVELS, INSURANCE_TYPES, MATERIAL_KINDS } from '../vocabulary'

export const categorySchema = z.enum(CATEGORY_CODES, { error: '请选择人员类别' })
export const materialKindSchema = z.enum(MATERIAL_KINDS, { error: '请选择材料类型' })
export const hospitalLevelSchema = z.enum(HOSPITAL_LEVELS, { error: '请选择医院等级' })
export const insuranceTypeSchema = z.enum(INSURANCE_TYPES, { error: '请选择参保险种' })
export const careKindSchema = z.enum(CARE_KINDS, { error: '请选择就医类型' })
