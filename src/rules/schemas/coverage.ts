// Asking whether a stay (or other care) settles directly.
import * as z from 'zod'
import { dateField, destinationSchema, optionalText, regionCodeField, text } from './fields'
import { careKindSchema } from './vocabulary'

export const coverageSchema = z
  .object({
    admissionDate: dateField('请选择入院日期'),
    dischargeDate: dateField('请选择出院日期').nullish(),
    destination: destinationSchema,
    emergency: z.boolean({ error: '请选择是否急诊抢救' }).optional(),
    /** The kind of care; a hospital stay when absent. */
    care: careKindSchema.optional(),
    /** The hospital, where a referral names one (辽宁 第十六条). */
    hospitalName: optionalText(50, '医院名称最多50个字'),
    /** The 参保地 to judge by when the person has no filing (else their latest filing's). */
    policyId: text('请选择参保地', 40).optional(),
    /** The insured city, for a profile that leaves it open (the national default). */
    insuredRegionCode: regionCodeField('请选择参保城市').optional(),
  })
  .refine((stay) => !stay.dischargeDate || stay.dischargeDate >= stay.admissionDate, {
    error: '出院日期不能早于入院日期',
    path: ['dischargeDate'],
  })
export type CoverageRequest = z.infer<typeof coverageSchema>
