// What the certificate says, from `filing.get` (pure; tested in test/pages/certificate.test.ts).
// A certificate is usable only for a filing in force: 生效中 or 即将到期. Every other state says so
// in a band across the top, and the page shows no QR code for it.
import { filedRuleOf, formatChineseDate, isApprovedAndOpen, type CalendarDate, type Category, type DisplayState } from '../../rules/core'
import { maskName } from './mask-name'

/** The fields of `filing.get` the certificate reads (src/backend/views.ts personView). */
export interface CertificateFiling {
  id: string
  state: DisplayState
  policyId: string
  policyName: string
  insuredRegion: { name: string } | null
  category: Category
  categoryLabel: string
  destination: { name: string }
  startDate: CalendarDate
  validUntil: CalendarDate | null
  rejectionReason: string | null
  /** `idNumber` is already masked by the server. */
  applicant: { name: string; idNumber: string; idTypeLabel: string }
}

export interface Band {
  /** 已取消 — 此凭证无效 */
  title: string
  text: string
  kind: 'void' | 'pending'
}

export interface CertificateView {
  /** In force: the QR code is shown. */
  usable: boolean
  band: Band | null
  /** A note for a usable certificate: not started yet, or ending soon. */
  note: string | null
  rows: { label: string; value: string; id: string }[]
}

export function validityText(filing: CertificateFiling): string {
  if (filedRuleOf(filing)?.validity.kind === 'single_settlement') {
    return `${formatChineseDate(filing.startDate)}起，用于一次住院结算`
  }
  if (filing.validUntil === null) return `长期有效（${formatChineseDate(filing.startDate)}起）`
  return `${formatChineseDate(filing.startDate)} 至 ${formatChineseDate(filing.validUntil)}`
}

/** Why a certificate not in force cannot be used. */
function band(filing: CertificateFiling): Band {
  switch (filing.state) {
    case 'cancelled':
      return { kind: 'void', title: '已取消 — 此凭证无效', text: '这份备案已经取消，不能用于直接结算。' }
    case 'rejected':
      return {
        kind: 'void',
        title: '未通过审核 — 此凭证无效',
        text: `这份备案没有通过审核，不能用于直接结算。${filing.rejectionReason ? `原因：${filing.rejectionReason}` : ''}`,
      }
    case 'expired':
      return {
        kind: 'void',
        title: '已过期 — 此凭证无效',
        text: `这份备案已于${formatChineseDate(filing.validUntil!)}到期，到期后入院的不能用它直接结算。需要的话请重新办理备案。`,
      }
    default:
      // Under review, or waiting for the person's materials.
      return { kind: 'pending', title: '审核中 — 暂不能使用', text: '备案审核通过后，凭证才能用于直接结算。' }
  }
}

export function describeCertificate(filing: CertificateFiling, today: CalendarDate): CertificateView {
  const usable = isApprovedAndOpen(filing.state)
  const note = !usable
    ? null
    : filing.startDate > today
      ? `备案自${formatChineseDate(filing.startDate)}起生效，在那之前入院的不能用它直接结算。`
      : filing.state === 'expiring' && filing.validUntil
        ? `备案将于${formatChineseDate(filing.validUntil)}到期，到期前入院的都可以直接结算。`
        : null
  return {
    usable,
    band: usable ? null : band(filing),
    note,
    rows: [
      { label: '姓名', value: maskName(filing.applicant.name), id: 'cert-name' },
      { label: filing.applicant.idTypeLabel || '证件号码', value: filing.applicant.idNumber, id: 'cert-id-number' },
      { label: '人员类别', value: filing.categoryLabel, id: 'cert-category' },
      { label: '参保地', value: filing.insuredRegion?.name ?? filing.policyName, id: 'cert-insured' },
      { label: '就医地', value: filing.destination.name, id: 'cert-destination' },
      { label: '有效期', value: validityText(filing), id: 'cert-validity' },
    ],
  }
}
