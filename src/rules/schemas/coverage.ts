// Asking whether a hospital stay settles directly.
import * as z from 'zod'
import { dateField, destinationSchema } from './fields'

export const coverageSchema = z
  .object({
    admissionDate: dateField('请选择入院日期'),
    dischargeDate: dateField('请选择出院日期').nullish(),
    destination: destinationSchema,
    emergency: z.boolean({ error: '请选择是否急诊抢救' }).optional(),
  })
  .refine((stay) => !stay.dischargeDate || stay.dischargeDate >= stay.admissionDate, {
    error: '出院日期不能早于入院日期',
    path: ['dischargeDate'],
  })
export type CoverageRequest = z.infer<typeof coverageSchema>
