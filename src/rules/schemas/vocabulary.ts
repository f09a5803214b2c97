// The closed vocabularies (categories.ts, vocabulary.ts) as zod enums, each with the message a person
// reads when a value is missing or unknown.
import * as z from 'zod'
import { CATEGORY_CODES } from '../categories'
import { ID_TYPES } from '../identity/documents'
import { CARE_KINDS, HOSPITAL_LEVELS, INSURANCE_TYPES, MATERIAL_KINDS, RELATIONSHIPS } from '../vocabulary'

export const categorySchema = z.enum(CATEGORY_CODES, { error: '请选择人员类别' })
export const materialKindSchema = z.enum(MATERIAL_KINDS, { error: '请选择材料类型' })
export const hospitalLevelSchema = z.enum(HOSPITAL_LEVELS, { error: '请选择医院等级' })
export const insuranceTypeSchema = z.enum(INSURANCE_TYPES, { error: '请选择参保险种' })
export const careKindSchema = z.enum(CARE_KINDS, { error: '请选择就医类型' })
export const relationshipSchema = z.enum(RELATIONSHIPS, { error: '请选择您与申请人的关系' })
export const idTypeSchema = z.enum(ID_TYPES, { error: '请选择证件类型' })
