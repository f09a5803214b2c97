// What the filing detail page says, in words: pure, from what `filing.get` returns (personView with
// its history). No Taro here, so jest checks every wording (test/pages/filing-model.test.ts).
import {
  DISPLAY_STATE_LABELS,
  MATERIALS,
  MATERIAL_KINDS,
  daysBetween,
  filedRuleOf,
  formatChineseDate,
  guideNotes,
  isApprovedAndOpen,
  parseWith,
  requestableMaterials,
  supplementIssues,
  supplementSchema,
  type ActionAvailability,
  type CalendarDate,
  type FieldIssue,
  type GuideNote,
  type MaterialKind,
  serviceOpensBy,
} from '../../rules'
import { formatChinaDateTime, materialLabel, profileOf, type FilingDetail } from '../../lib/filing-view'
import { firstMessages } from '../../lib/issues'

// ————— validity —————

export interface ValidityWords {
  /** The headline: 长期有效 / 至 2027年5月22日 / 一次住院结算有效. */
  text: string
  /** The window: 2026年11月22日 起 / 2026年11月22日 至 2027年5月22日. */
  window: string
  /** 还有 30 天 / 今天是最后一天 / 已于 … 到期 / 审核通过后生效 …; null when nothing to add. */
  note: string | null
  /** Days left including today's remainder (0 on the last day); null for no end or not running. */
  daysLeft: number | null
  tone: 'normal' | 'pending' | 'warn' | 'ended'
}

export function validityWords(
  filing: Pick<FilingDetail, 'policyId' | 'category' | 'state' | 'startDate' | 'validUntil'>,
  today: CalendarDate,
): ValidityWords {
  const rule = filedRuleOf(filing)
  const single = rule?.validity.kind === 'single_settlement'
  const start = formatChineseDate(filing.startDate)
  const end = filing.validUntil
  const text = single ? '一次住院结算有效' : end ? `至 ${formatChineseDate(end)}` : '长期有效'
  const window = end ? `${start} 至 ${formatChineseDate(end)}` : `${start} 起`
  const base = { text, window, daysLeft: null, tone: 'normal' as const }
  switch (filing.state) {
    // An ended filing says so first; the window it had stays below, small.
    case 'cancelled':
      return { ...base, text: '已取消', note: '这份备案已经停止，不再有效', tone: 'ended' }
    case 'rejected':
      return { ...base, text: '没有生效', note: '备案未通过审核', tone: 'ended' }
    case 'expired':
      return { ...base, text: '已过期', note: end ? `已于 ${formatChineseDate(end)} 到期` : '已到期', tone: 'ended' }
    case 'pending_review':
      return { ...base, note: '审核通过后生效', tone: 'pending' }
    case 'needs_materials':
      return { ...base, note: '补充材料并审核通过后生效', tone: 'pending' }
    default: {
      if (filing.startDate > today) return { ...base, note: `${start}起生效` }
      if (!end) return { ...base, note: null }
      const left = daysBetween(today, end)
      const warn = filing.state === 'expiring'
      return { ...base, daysLeft: left, tone: warn ? 'warn' : 'normal', note: left === 0 ? '今天是最后一天' : `还有 ${left} 天` }
    }
  }
}

/**
 * 辽宁 (002 第十二条): an approved long-term filing settles directly only once service opens, within
 * 15 working days of filing; said until that day has passed. Null elsewhere, and under review (the
 * result page says it then).
 */
export function serviceOpeningWords(
  filing: Pick<FilingDetail, 'policyId' | 'category' | 'status' | 'filedOn'>,
  today: CalendarDate,
): { text: string; source: string } | null {
  const rule = filedRuleOf(filing)
  const opening = rule ? serviceOpensBy(rule, filing.filedOn) : null
  if (!opening || filing.status !== 'active' || today > opening.date) return null
  const by = `${opening.estimated ? '约' : ''}${formatChineseDate(opening.date)}前`
  return {
    text: `登记备案后${opening.days}个工作日内开通跨省直接结算，${by}开通。开通以前住院的，请先向参保单位确认能否直接结算。`,
    source: opening.source,
  }
}

// ————— where each answer comes from —————

export interface RuleSources {
  validity: string | null
  change: string | null
  cancel: string | null
}

/** The seed section behind the validity, the change lock and the cancel lock shown on the page. */
export function ruleSources(filing: Pick<FilingDetail, 'policyId' | 'category'>): RuleSources {
  const rule = filedRuleOf(filing)
  if (!rule) return { validity: null, change: null, cancel: null }
  return { validity: rule.validity.source, change: rule.change.lock.source, cancel: rule.cancel.source }
}

/** The profile's guide for someone holding this filing (outpatient care, injuries, returning home …). */
export function filingNotes(filing: Pick<FilingDetail, 'policyId' | 'category'>): GuideNote[] {
  const profile = profileOf(filing)
  return profile ? guideNotes(profile, 'filing', [filing.category]) : []
}


// ————— review —————

export type StageState = 'done' | 'current' | 'waiting' | 'stopped'

/** 初审 → 复核 → 审批 with which are done; empty for a filing that takes effect at once. */
export function reviewStages(filing: Pick<FilingDetail, 'review' | 'status'>): { label: string; state: StageState }[] {
  const { labels: names, passed } = filing.review
  return names.map((label, index) => {
    if (filing.status === 'active' || index < passed) return { label, state: 'done' as const }
    if (index > passed) return { label, state: 'waiting' as const }
    if (filing.status === 'rejected') return { label, state: 'stopped' as const }
    if (filing.status === 'cancelled') return { label, state: 'waiting' as const }
    return { label, state: 'current' as const }
  })
}

export const STAGE_WORDS: Record<StageState, string> = {
  done: '已完成',
  current: '正在办理',
  waiting: '未开始',
  stopped: '未通过',
}

// ————— actions —————

export interface DetailActions {
  change: boolean
  cancel: boolean
  certificate: boolean
  continuingReferral: boolean
  refile: boolean
}

/** Allowed now, or from a known day (the action's page then says when). */
const offered = (action: ActionAvailability) => action.allowed || action.allowedFrom !== null

/**
 * Which buttons the detail page offers. The insured person, on a filing a relative made for them
 * (party `applicant`), may only cancel it: the rest is the agent's to do (the server says so too).
 */
export function detailActions(filing: Pick<FilingDetail, 'actions' | 'status' | 'state' | 'category'> & { party?: FilingDetail['party'] }): DetailActions {
  const { actions } = filing
  if (filing.party === 'applicant') {
    return { change: false, cancel: offered(actions.cancel), certificate: false, continuingReferral: false, refile: false }
  }
  return {
    // The change page corrects the phone and address too.
    change: offered(actions.change) || actions.update_contact.allowed,
    cancel: offered(actions.cancel),
    certificate: isApprovedAndOpen(filing.state),
    continuingReferral: filing.category === 'referral' && filing.status === 'active',
    refile: filing.status === 'rejected',
  }
}

// ————— 代办 —————

export interface AgencyWords {
  /** 这份备案由 张伟（子女）为您代办 / 您为 王秀兰 代办的备案. */
  headline: string
  /** The agent's details, masked as everywhere (name, ID, relationship, phone). */
  facts: { label: string; value: string }[]
  /** What the reader may do about it. */
  note: string
}

/** A 代办 filing, in the words of whoever reads it (the agent, or the insured person); null otherwise. */
export function agencyWords(filing: Pick<FilingDetail, 'party' | 'agent' | 'applicant'>): AgencyWords | null {
  const { agent } = filing
  if (!agent) return null
  const facts = [
    { label: '代办人', value: agent.name },
    { label: '代办人证件号码', value: agent.idNumberMasked },
    { label: '与参保人的关系', value: `代办人是参保人的${agent.relationshipLabel}` },
    { label: '代办人电话', value: agent.phoneMasked },
  ]
  if (filing.party === 'applicant') {
    return {
      headline: `这份备案由 ${agent.name}（${agent.relationshipLabel}）为您代办`,
      facts,
      note: '需要变更的，请联系代办人办理。如果您没有委托过，或不再需要这份备案，可以取消它：取消原因会记录下来，经办机构能看到。',
    }
  }
  return {
    headline: `您为 ${filing.applicant.name} 代办的备案`,
    facts,
    note: `${filing.applicant.name}本人实名认证后，也能看到这份备案，并可以取消。`,
  }
}

/** The commitment's signature line: 代签 when the agent signed it in their own name. */
export function signatureLabel(commitment: NonNullable<FilingDetail['commitment']>): string {
  return commitment.signedBy === 'agent' ? '签名（代办人代签）' : '签名'
}

export function stateLabel(filing: Pick<FilingDetail, 'state'>): string {
  return DISPLAY_STATE_LABELS[filing.state]
}

// ————— 补充材料 and 抽查 —————

export interface MaterialsRequestWords {
  /** The materials staff picked, by name (none on a request with a note only). */
  items: SupplementKind[]
  /** What staff wrote, verbatim; empty when the picked materials say it all. */
  note: string
  /** The review stage that asked (初审 …), when the profile has stages. */
  stage: string | null
  /** When they asked, China time: 2026年11月22日 10:30. */
  askedAt: string
}

/** Staff's request for more materials, while the person may answer it; null otherwise. */
export function materialsRequestWords(
  filing: Pick<FilingDetail, 'actions' | 'materialsRequest' | 'policyId' | 'category' | 'pendingChange'>,
): MaterialsRequestWords | null {
  const request = filing.materialsRequest
  if (!filing.actions.supplement.allowed || !request) return null
  const notes = new Map(requestableMaterials(filing).map((material) => [material.kind, material.note]))
  const items = request.items.map((kind) => ({ kind, label: materialLabel(kind), note: notes.get(kind) ?? null }))
  return { items, note: request.note, stage: request.stage || null, askedAt: formatChinaDateTime(request.at) }
}

export type SpotCheckWords =
  | { result: 'problem'; title: string; note: string | null; on: string; next: string }
  | { result: 'verified'; text: string; on: string }

/** The outcome of a 抽查 (a pending pick is never sent to the person); null when not checked. */
export function spotCheckWords(filing: Pick<FilingDetail, 'spotCheck'>): SpotCheckWords | null {
  const check = filing.spotCheck
  if (!check) return null
  const on = formatChineseDate(check.on)
  if (check.result === 'problem') {
    return {
      result: 'problem',
      title: '抽查核查发现问题',
      note: check.note?.trim() || null,
      on,
      next: '请按要求办理；如有疑问，请联系参保地医保经办机构。',
    }
  }
  return { result: 'verified', text: `抽查核查：材料无误（${on}）`, on }
}

export interface SupplementKind {
  kind: MaterialKind
  label: string
  /** The profile's note on this material (e.g. 附表1，由参保单位盖章). */
  note: string | null
}

/**
 * The kinds a supplement to a note-only request may be: the filing's (rules' requestableMaterials),
 * or every kind when it has none (or the category is no longer filed).
 */
export function supplementKinds(filing: Pick<FilingDetail, 'policyId' | 'category' | 'pendingChange'>): SupplementKind[] {
  const listed = requestableMaterials(filing)
  if (listed.length > 0) return listed.map(({ kind, note }) => ({ kind, label: MATERIALS[kind].label, note }))
  return MATERIAL_KINDS.map((kind) => ({ kind, label: MATERIALS[kind].label, note: null }))
}

/** One file uploaded on the supplement page: its kind, the server's id, and the name the person chose. */
export interface SupplementFile {
  kind: MaterialKind
  fileId: string
  name: string
}

export interface SupplementForm {
  files: SupplementFile[]
  note: string
}

/** What `filing.supplement` takes: the files the person kept, and the note when one was written. */
export function supplementPayload(filing: Pick<FilingDetail, 'id' | 'version'>, form: SupplementForm) {
  const note = form.note.trim()
  return {
    id: filing.id,
    version: filing.version,
    materials: form.files.map(({ kind, fileId }) => ({ kind, fileId })),
    ...(note ? { note } : {}),
  }
}

/** The page's fields: `materials` (the uploads), `note` (说明), and '' for the rest (shown on top). */
export type SupplementField = 'materials' | 'note' | ''

export function supplementFieldOf(path: string): SupplementField {
  const head = path.split('.')[0]
  return head === 'materials' || head === 'note' ? head : ''
}

/** Issues (the rules' or the server's) as one message per field, the first one for each. */
export function supplementErrors(issues: readonly FieldIssue[]): Partial<Record<SupplementField, string>> {
  return firstMessages(issues, supplementFieldOf)
}

/** The rules' own checks of what would be sent (supplementSchema, supplementIssues: the same messages as the server). */
export function checkSupplement(
  filing: Pick<FilingDetail, 'id' | 'version' | 'materialsRequest'>,
  form: SupplementForm,
): Partial<Record<SupplementField, string>> {
  const parsed = parseWith(supplementSchema, supplementPayload(filing, form))
  if (!parsed.ok) return supplementErrors(parsed.issues)
  return supplementErrors(supplementIssues(filing.materialsRequest?.items ?? [], parsed.value.materials))
}

// ————— a change waiting for review, or turned down —————

export interface PendingChangeWords {
  /** 变更审核中：就医地 上海市 → 云南省昆明市，审核通过前按原备案结算 */
  headline: string
  requestedOn: string
  reason: string
  /** The change's own review stages (初审 → 复核 → 审批) and how far it has come. */
  stages: { label: string; state: StageState }[]
}

/** A change of destination or insurance type that staff are reviewing; the filing holds on its old terms meanwhile. */
export function pendingChangeWords(filing: Pick<FilingDetail, 'pendingChange'>): PendingChangeWords | null {
  const pending = filing.pendingChange
  if (!pending) return null
  const { labels: names, passed } = pending.review
  return {
    headline: `变更审核中：${pending.summary}，审核通过前按原备案结算`,
    requestedOn: formatChineseDate(pending.requestedOn),
    reason: pending.reason,
    stages: names.map((label, index) => ({ label, state: index < passed ? 'done' : index === passed ? 'current' : 'waiting' })),
  }
}

export interface ChangeRejectionWords {
  title: string
  summary: string
  reason: string
  on: string
  next: string
}

/** The last change staff turned down, with their reason; the filing kept its terms. */
export function changeRejectionWords(filing: Pick<FilingDetail, 'changeRejection'>): ChangeRejectionWords | null {
  const rejection = filing.changeRejection
  if (!rejection) return null
  return {
    title: '变更没有通过审核',
    summary: `申请的变更：${rejection.summary}`,
    reason: rejection.reason.trim() || '经办机构没有写明原因，请咨询参保地医保经办机构。',
    on: formatChineseDate(rejection.on),
    next: '备案按原内容继续有效。如仍需变更，请按上面的原因准备好材料后重新申请。',
  }
}
