// What a filing is as its owner and staff read it, in words both the person's pages and the back
// office use: the type of `filing.get`'s answer, the policy profile it was filed under, its times in
// China time, what was filed (labels) and its history. Pure: no Taro.
import {
  HOSPITAL_LEVEL_INFO,
  INSURANCE_TYPE_LABELS,
  MATERIALS,
  findProfile,
  formatChineseDate,
  maskMobile,
  regionName,
  shanghaiDate,
  type HospitalLevel,
  type InsuranceType,
  type MaterialKind,
  type PolicyProfile,
} from '../rules'
import type { personView, timeline } from '../backend/views'

/** A filing as its owner sees it on the detail page (`filing.get`: with its history). */
export type FilingDetail = ReturnType<typeof personView> & { history: HistoryItem[] }
export type HistoryItem = ReturnType<typeof timeline>[number]

/** The policy profile a filing or a draft is under; undefined while none is chosen or it is unknown. */
export function profileOf(filed: { policyId: string | null }): PolicyProfile | undefined {
  return filed.policyId ? findProfile(filed.policyId) : undefined
}

// ————— dates and times —————

/** An instant (ISO 8601) as people in China read it: 2026年11月22日 14:05. */
export function formatChinaDateTime(iso: string): string {
  const instant = new Date(iso)
  if (Number.isNaN(instant.getTime())) return iso
  const china = new Date(instant.getTime() + 8 * 60 * 60 * 1000)
  const hh = String(china.getUTCHours()).padStart(2, '0')
  const mm = String(china.getUTCMinutes()).padStart(2, '0')
  return `${formatChineseDate(shanghaiDate(instant))} ${hh}:${mm}`
}


// ————— what was filed —————

export function hospitalLevelLabel(level: HospitalLevel): string {
  return HOSPITAL_LEVEL_INFO[level]?.label ?? level
}

export function insuranceTypeLabel(type: InsuranceType | null): string | null {
  return type ? INSURANCE_TYPE_LABELS[type] : null
}

export function materialLabel(kind: MaterialKind): string {
  return MATERIALS[kind]?.label ?? kind
}

type Material = FilingDetail['materials'][number]

/** A proof as listed anywhere: a supplement as 补充：<name>（<China date>）, apart from the original. */
export function materialEntryLabel(material: Pick<Material, 'kind' | 'supplement'>): string {
  const { supplement } = material
  if (!supplement) return materialLabel(material.kind)
  return `补充：${materialLabel(material.kind)}（${formatChineseDate(shanghaiDate(new Date(supplement.at)))}）`
}


// ————— history —————

export interface TimelineEntry {
  key: string
  label: string
  when: string
  reason: string | null
  /** 原因 for the person's own actions and a rejection; 说明 for staff's other notes and a supplement's. */
  reasonLabel: '原因' | '说明'
  /** What changed, in words (phones masked). */
  details: string[]
  byStaff: boolean
}

type Changed = HistoryItem['changes'][number]

function areaName(value: unknown): string | null {
  const area = (value as { areaCode?: unknown } | null)?.areaCode
  return typeof area === 'string' ? (regionName(area) ?? area) : null
}

function contactOf(value: unknown): { phone: string | null; address: string | null } {
  const applicant = (value ?? {}) as { phone?: unknown; address?: unknown }
  return {
    phone: typeof applicant.phone === 'string' ? applicant.phone : null,
    address: typeof applicant.address === 'string' && applicant.address !== '' ? applicant.address : null,
  }
}

function describeChange({ field, before, after }: Changed): string[] {
  switch (field) {
    case 'destination':
      return [`就医地：${areaName(before) ?? '—'} → ${areaName(after) ?? '—'}`]
    case 'insuranceType':
      return [`参保险种：${insuranceTypeLabel(before as InsuranceType | null) ?? '未填写'} → ${insuranceTypeLabel(after as InsuranceType | null) ?? '未填写'}`]
    case 'applicant': {
      const was = contactOf(before)
      const now = contactOf(after)
      const lines: string[] = []
      if (was.phone !== now.phone) lines.push(`联系电话：${was.phone ? maskMobile(was.phone) : '未填写'} → ${now.phone ? maskMobile(now.phone) : '未填写'}`)
      if (was.address !== now.address) lines.push(`联系地址：${was.address ?? '未填写'} → ${now.address ?? '未填写'}`)
      return lines
    }
    case 'materials': {
      const had = new Set(((before as { fileId: string }[] | null) ?? []).map((m) => m.fileId))
      const added = ((after as Material[] | null) ?? []).filter((m) => !had.has(m.fileId))
      return added.map((m) => (m.supplement ? materialEntryLabel(m) : `补充材料：${materialLabel(m.kind)}`))
    }
    case 'materialsRequest': {
      const items = (after as { items?: MaterialKind[] } | null)?.items ?? []
      return items.length > 0 ? [`要求补充：${items.map(materialLabel).join('；')}`] : []
    }
    case 'pendingChange': {
      // The request, and proofs added to it (a supplement); the approval's own lines (destination, …) say the rest.
      if (!after) return []
      if (before) return describeChange({ field: 'materials', before: (before as { materials?: unknown }).materials, after: (after as { materials?: unknown }).materials })
      const pending = after as { destination?: unknown; insuranceType?: InsuranceType }
      const lines: string[] = []
      if (pending.destination) lines.push(`申请变更就医地为：${areaName(pending.destination) ?? '—'}（待审核）`)
      if (pending.insuranceType) lines.push(`申请变更参保险种为：${insuranceTypeLabel(pending.insuranceType)}（待审核）`)
      return lines
    }
    default:
      return []
  }
}

/** The history, newest first, in words. */
export function timelineEntries(history: readonly HistoryItem[]): TimelineEntry[] {
  return history
    .map((item, index) => ({
      key: `${index}-${item.at}`,
      label: item.label,
      when: formatChinaDateTime(item.at),
      reason: item.reason,
      // A supplement's note is the person's 说明, not a reason.
      reasonLabel:
        (item.role === 'staff' && item.action !== 'reject' && item.action !== 'change_reject' && item.action !== 'reveal') || item.action === 'supplement' ? ('说明' as const) : ('原因' as const),
      details: item.changes.flatMap(describeChange),
      byStaff: item.role === 'staff',
    }))
    .reverse()
}
