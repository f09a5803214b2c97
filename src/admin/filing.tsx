// 备案详情 for staff: every field (ID numbers and phones masked until 显示完整号码, which is recorded),
// the 代办人 of a filing someone made for the insured person (with the 授权委托书), the proofs, the
// commitment and its signature (代签 by the agent), validity and locks, the history with who did what,
// and what staff can do now: review (通过 / 要求补充材料 / 驳回, stage by stage, 代办核验 first on a
// 代办 filing), 抽查 核查, and record a stay (./panels). Each action sends the version it read;
// CONFLICT reloads and asks again.
import { Text, View, Input } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { StateTag } from '../components/StateTag'
import { GENDER_LABELS, findProfile, formatChineseDate, isAllowed, needsAuthorization, phaseOf } from '../rules'
import { callApi, type ApiReply } from '../services/api'
import { useAction } from '../services/use-action'
import { formatChinaDateTime, insuranceTypeLabel, materialEntryLabel, materialLabel, timelineEntries, type FilingDetail } from '../lib/filing-view'
import { cancelAvailability, changeAvailability } from '../lib/availability'
import { AGENT_CHECK_NOTE, actorLabel, signedByWords, type AgentDetail, type Revealed, type StaffDetail, revealRequestOf } from './model'
import { AButton, AField, Failure, Shell } from './parts'
import { ProofView } from './ProofView'
import { Refusal, ReviewPanel, SpotCheckPanel, StayPanel } from './panels'

type Failed = Extract<ApiReply<unknown>, { ok: false }>['error']

/** The person's availability helpers read the same fields; the staff view only adds to them. */
const asPerson = (filing: StaffDetail): FilingDetail => ({ ...filing, spotCheck: null }) as unknown as FilingDetail

function useStaffFiling(id: string) {
  const [filing, setFiling] = useState<StaffDetail | null>(null)
  const [failure, setFailure] = useState<Failed | null>(null)
  const reload = useCallback(async () => {
    const reply = await callApi<StaffDetail>('admin', 'get', { id })
    if (reply.ok) {
      setFiling(reply.data)
      setFailure(null)
    } else setFailure(reply.error)
    return reply.ok ? reply.data : null
  }, [id])
  useEffect(() => {
    void reload()
  }, [reload])
  return { filing, failure, reload, setFiling }
}

/**
 * 显示完整信息: asks why first (required; recorded in the history with the reveal), then one
 * admin.reveal shows the applicant's and the agent's numbers and the address alike.
 */
function useReveal(id: string, onRevealed: () => void) {
  const [full, setFull] = useState<Revealed | null>(null)
  const [error, setError] = useState<string | null>(null)
  /** Which link opened the reason form (the applicant's or the agent's); null: closed. */
  const [asking, setAsking] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const { busy, send } = useAction('admin')
  const reveal = async () => {
    const built = revealRequestOf(id, reason)
    if (!built.ok) return setError(built.error)
    const result = await send<Revealed>('reveal', built.request)
    if (!result) return
    if (result.ok) {
      setFull(result.data)
      setAsking(null)
      setError(null)
      onRevealed()
    } else setError((result.failure.kind === 'invalid' && result.failure.errors.reason) || result.failure.message)
  }
  const ask = (at: string) => {
    setAsking(at)
    setError(null)
  }
  return { full, error, reveal, asking, ask, reason, setReason, busy, cancel: () => setAsking(null) }
}
type Reveal = ReturnType<typeof useReveal>

export default function AdminFiling() {
  const router = useRouter()
  const id = decodeURIComponent(router.params.id ?? '')
  const { filing, failure, reload, setFiling } = useStaffFiling(id)
  // The history shows the reveal and its reason once done.
  const reveal = useReveal(id, () => void reload())

  if (failure && !filing) {
    return (
      <Shell page='filing'>
        <Failure error={failure} onRetry={() => void reload()} />
      </Shell>
    )
  }
  if (!filing) {
    return (
      <Shell page='filing'>
        <Text className='a-muted'>正在读取备案…</Text>
      </Shell>
    )
  }
  const done = (next: StaffDetail) => setFiling(next)

  return (
    <Shell page='filing'>
      <View className='a-link a-back' onClick={() => Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/admin/index' }))} id='back-to-list'>
        ‹ 返回列表
      </View>
      <Head filing={filing} />
      <View className='a-detail'>
        <View className='a-detail__main'>
          {filing.anonymisedOn ? (
            <Anonymised filing={filing} on={filing.anonymisedOn} />
          ) : (
            <>
              <Person filing={filing} reveal={reveal} />
              {filing.agent ? <Agent filing={filing} agent={filing.agent} reveal={reveal} /> : null}
            </>
          )}
          <Filed filing={filing} />
          <Proofs filing={filing} />
          <Commitment filing={filing} />
          <Locks filing={filing} />
          <Stays filing={filing} />
          <History filing={filing} />
        </View>
        <View className='a-detail__side'>
          <ReviewPanel filing={filing} onDone={done} reload={reload} />
          <SpotCheckPanel filing={filing} onDone={done} reload={reload} />
          <StayPanel filing={filing} onDone={done} reload={reload} />
        </View>
      </View>
    </Shell>
  )
}

function Row({ label, children, id }: { label: string; children: React.ReactNode; id?: string }) {
  return (
    <View className='a-fact' id={id}>
      <Text className='a-fact__label'>{label}</Text>
      <View className='a-fact__value'>{children}</View>
    </View>
  )
}

function Head({ filing }: { filing: StaffDetail }) {
  return (
    <View className='a-card a-head' id='filing-head'>
      <View className='a-head__top'>
        <Text className='a-head__number a-mono'>{filing.id}</Text>
        <StateTag state={filing.state} />
      </View>
      <Text className='a-head__what'>
        {filing.categoryLabel} · {filing.policyName}参保 → {filing.destination.name}就医
      </Text>
      <Text className='a-head__validity' id='filing-validity'>
        有效期：{formatChineseDate(filing.startDate)} {filing.validUntil ? `至 ${formatChineseDate(filing.validUntil)}` : '起长期有效'}
        {filing.effectiveOn ? `（${formatChineseDate(filing.effectiveOn)}生效）` : '（审核通过后生效）'}
      </Text>
      {filing.pendingChange ? (
        <View className='a-alert a-alert--warn' id='pending-change'>
          <Text className='a-strong'>
            变更待审核：{filing.pendingChange.summary}（{formatChineseDate(filing.pendingChange.requestedOn)}申请，已通过{filing.pendingChange.review.passed}/
            {filing.pendingChange.review.labels.length}级）
          </Text>
          <Text>变更原因：{filing.pendingChange.reason}</Text>
          <Text>审核通过前，备案按原内容（{filing.destination.name}）有效。</Text>
          {filing.pendingChange.materials.length > 0 ? <Text>随变更提交的材料见“证明材料”（标有“变更申请”）。</Text> : null}
        </View>
      ) : null}
      {filing.changeRejection ? (
        <View className='a-alert' id='change-rejection'>
          <Text className='a-strong'>
            上次变更未通过（{formatChineseDate(filing.changeRejection.on)}）：{filing.changeRejection.summary}
          </Text>
          <Text>原因：{filing.changeRejection.reason}</Text>
        </View>
      ) : null}
      {filing.materialsRequest ? (
        <View className='a-alert a-alert--warn' id='materials-request'>
          <Text className='a-strong'>
            {filing.materialsRequest.stage ?? ''}已要求补充材料，等申请人上传（{formatChinaDateTime(filing.materialsRequest.at)}）
          </Text>
          {filing.materialsRequest.items.map((kind) => (
            <Text key={kind}>· {materialLabel(kind)}</Text>
          ))}
          {filing.materialsRequest.note ? <Text>{filing.materialsRequest.note}</Text> : null}
        </View>
      ) : null}
      {filing.rejectionReason && filing.status === 'rejected' ? (
        <View className='a-alert a-alert--warn'>
          <Text className='a-strong'>驳回原因</Text>
          <Text>{filing.rejectionReason}</Text>
        </View>
      ) : null}
    </View>
  )
}

/** The reveal link under a masked number (either section's asks once for both), and a refusal. */
function RevealLink({ reveal, id, can }: { reveal: Reveal; id: string; can: StaffDetail['staffActions']['reveal'] }) {
  if (reveal.full || !can.applies) return null
  if (!can.allowed) return <Refusal message={can.message} id={`${id}-refused`} />
  if (reveal.asking !== id) {
    return (
      <View className='a-link' onClick={() => reveal.ask(id)} id={id}>
        显示完整号码、电话和地址（须填写原因，会记录在备案历史中）
      </View>
    )
  }
  return (
    <View className='a-reveal' id={`${id}-form`}>
      <AField label='查看原因' error={reveal.error} id={`${id}-reason`} hint='例如：申请人来电核对身份。原因会记录在备案历史中。'>
        <Input className='a-input' name='revealReason' value={reveal.reason} maxlength={200} onInput={(event) => reveal.setReason(event.detail.value)} />
      </AField>
      <View className='a-filters__actions'>
        <AButton onClick={() => void reveal.reveal()} busy={reveal.busy} id={`${id}-confirm`}>
          确认查看
        </AButton>
        <AButton kind='secondary' onClick={reveal.cancel} id={`${id}-cancel`}>
          取消
        </AButton>
      </View>
    </View>
  )
}

/** The retention period ran out (rules/retention.ts): only what the statistics keep is left. */
function Anonymised({ filing, on }: { filing: StaffDetail; on: string }) {
  const { applicant } = filing
  return (
    <View className='a-card' id='filing-person'>
      <Text className='a-card__title'>参保人</Text>
      <Text className='a-muted' id='anonymised-note'>
        保存期满，参保人{filing.agent ? '和代办人' : ''}的姓名、证件号码、联系方式、签名和证明材料已于{formatChineseDate(on)}删除。
      </Text>
      <Row label='性别、出生年份'>
        {applicant.gender ? GENDER_LABELS[applicant.gender] : '—'}，{applicant.birthDate.slice(0, 4)}年
      </Row>
    </View>
  )
}

function Person({ filing, reveal }: { filing: StaffDetail; reveal: Reveal }) {
  const { applicant } = filing
  const { full } = reveal
  return (
    <View className='a-card' id='filing-person'>
      <Text className='a-card__title'>参保人</Text>
      <Row label='姓名'>{applicant.name}</Row>
      <Row label={applicant.idTypeLabel} id='person-id'>
        <Text className='a-mono'>{full?.idNumber ?? applicant.idNumber}</Text>
        <RevealLink reveal={reveal} id='reveal' can={filing.staffActions.reveal} />
      </Row>
      <Row label='性别、出生日期'>
        {applicant.gender ? GENDER_LABELS[applicant.gender] : '—'}，{formatChineseDate(applicant.birthDate)}
      </Row>
      <Row label='联系电话' id='person-phone'>
        <Text className='a-mono'>{full?.phone ?? applicant.phone}</Text>
      </Row>
      <Row label='联系地址' id='person-address'>
        {full ? (full.address ?? '未填写') : (applicant.address ?? '未填写')}
      </Row>
    </View>
  )
}

/** 代办: the verified person who filed for the insured person, checked in 代办核验. */
function Agent({ filing, agent, reveal }: { filing: StaffDetail; agent: AgentDetail; reveal: Reveal }) {
  const full = reveal.full?.agent
  const profile = findProfile(filing.policyId)
  const asked = profile ? needsAuthorization(profile, agent.relationship) : false
  return (
    <View className='a-card' id='filing-agent'>
      <Text className='a-card__title'>代办人</Text>
      <Text className='a-muted a-card__note' id='agent-check-note'>
        {AGENT_CHECK_NOTE}
      </Text>
      <Row label='姓名'>{agent.name}（已实名认证）</Row>
      <Row label='与参保人的关系' id='agent-relationship'>
        {agent.relationshipLabel}
      </Row>
      <Row label={agent.idTypeLabel} id='agent-id'>
        <Text className='a-mono'>{full?.idNumber ?? agent.idNumberMasked}</Text>
        <RevealLink reveal={reveal} id='reveal-agent' can={filing.staffActions.reveal} />
      </Row>
      <Row label='联系电话' id='agent-phone'>
        <Text className='a-mono'>{full?.phone ?? agent.phoneMasked}</Text>
      </Row>
      <Row label='授权委托书' id='agent-authorization'>
        {agent.authorization ? (
          <ProofView fileId={agent.authorization} label='参保人签名的授权委托书' />
        ) : (
          <Text>{asked ? '未上传：参保地要求这种代办关系上传，请核实' : `未上传（${profile?.name ?? '参保地'}不要求${agent.relationshipLabel}代办时上传）`}</Text>
        )}
      </Row>
    </View>
  )
}

function Filed({ filing }: { filing: StaffDetail }) {
  const insurance = insuranceTypeLabel(filing.insuranceType)
  return (
    <View className='a-card'>
      <Text className='a-card__title'>备案内容</Text>
      <Row label='参保地'>{filing.policyName}</Row>
      <Row label='人员类别'>{filing.categoryLabel}</Row>
      {insurance ? <Row label='险种'>{insurance}</Row> : null}
      <Row label='就医地'>{filing.destination.name}</Row>
      <Row label='备案日期'>{formatChineseDate(filing.filedOn)}</Row>
      {filing.review.labels.length > 0 ? (
        <Row label='审核' id='filing-stages'>
          {filing.review.labels.map((label, index) => `${label}${index < filing.review.passed ? '✓' : ''}`).join(' → ')}
        </Row>
      ) : null}
      {filing.referral ? (
        <>
          <Row label='转出医院'>{filing.referral.hospitalName}</Row>
          <Row label='转诊证明日期'>{formatChineseDate(filing.referral.certificateDate)}</Row>
          {filing.referral.treatingHospitalName ? <Row label='转入医院'>{filing.referral.treatingHospitalName}</Row> : null}
        </>
      ) : null}
    </View>
  )
}

function Proofs({ filing }: { filing: StaffDetail }) {
  const pending = filing.pendingChange?.materials ?? []
  if (filing.materials.length === 0 && pending.length === 0) return null
  return (
    <View className='a-card' id='filing-proofs'>
      <Text className='a-card__title'>证明材料（{filing.materials.length + pending.length}份）</Text>
      {filing.materials.map((material) => (
        <ProofView key={material.fileId} fileId={material.fileId} label={materialEntryLabel(material)} />
      ))}
      {pending.map((material) => (
        <ProofView key={material.fileId} fileId={material.fileId} label={`${materialEntryLabel(material)}（变更申请）`} />
      ))}
    </View>
  )
}

function Commitment({ filing }: { filing: StaffDetail }) {
  if (!filing.commitment) return null
  const text = findProfile(filing.policyId)?.commitment
  const signedBy = signedByWords(filing)
  return (
    <View className='a-card' id='filing-commitment'>
      <Text className='a-card__title'>个人承诺（{filing.commitment.title}）</Text>
      {text ? (
        <View className='a-quote'>
          {text.notice.map((line) => (
            <Text key={line} className='a-quote__line'>
              {line}
            </Text>
          ))}
          <Text className='a-quote__line'>{text.noticeWarning}</Text>
          <Text className='a-quote__line a-strong'>{text.pledge}</Text>
        </View>
      ) : null}
      <Row label='签名' id='commitment-signature'>
        {filing.commitment.signature}（{formatChinaDateTime(filing.commitment.signedAt)}）
        {signedBy ? <Text className='a-tag'>{signedBy}</Text> : null}
      </Row>
      {filing.spotCheck ? (
        <Row label='抽查' id='spot-check-state'>
          {filing.spotCheck.state === 'due'
            ? `${formatChineseDate(filing.spotCheck.sampledOn)}抽中，待核查`
            : `${filing.spotCheck.state === 'verified' ? '核查无误' : '核查发现问题'}（${formatChineseDate(filing.spotCheck.on)}）${filing.spotCheck.note ? `：${filing.spotCheck.note}` : ''}`}
        </Row>
      ) : null}
    </View>
  )
}

function Locks({ filing }: { filing: StaffDetail }) {
  // Locks matter once the filing is in a phase that takes changes.
  if (!isAllowed(phaseOf(filing), 'change')) return null
  const change = changeAvailability(asPerson(filing))
  const cancel = cancelAvailability(asPerson(filing))
  return (
    <View className='a-card' id='filing-locks'>
      <Text className='a-card__title'>变更和取消</Text>
      <Row label='变更就医地'>
        {change.headline}
        {change.message ? `：${change.message}` : ''}
      </Row>
      <Row label='取消备案'>
        {cancel.headline}
        {cancel.message ? `：${cancel.message}` : ''}
      </Row>
    </View>
  )
}

function Stays({ filing }: { filing: StaffDetail }) {
  if (filing.stays.length === 0) return null
  return (
    <View className='a-card' id='filing-stays'>
      <Text className='a-card__title'>已登记的住院</Text>
      {filing.stays.map((stay) => (
        <Row key={`${stay.admissionDate}-${stay.recordedAt}`} label={formatChineseDate(stay.admissionDate)}>
          {stay.dischargeDate ? `${formatChineseDate(stay.dischargeDate)}出院` : '尚未出院'}（{stay.recordedBy}登记）
        </Row>
      ))}
    </View>
  )
}

function History({ filing }: { filing: StaffDetail }) {
  // The backend names the insured person cancelling a filing made for them (本人撤销代办备案).
  const entries = timelineEntries(filing.history)
  const actors = [...filing.history].reverse().map((item) => actorLabel(item, filing))
  return (
    <View className='a-card' id='filing-history'>
      <Text className='a-card__title'>办理记录</Text>
      {entries.map((entry, index) => (
        <View className='a-event' key={entry.key}>
          <Text className='a-event__when'>{entry.when}</Text>
          <Text className='a-event__what'>
            {entry.label}
            <Text className='a-muted'>（{actors[index]}）</Text>
          </Text>
          {entry.reason ? (
            <Text className='a-event__reason'>
              {entry.reasonLabel}：{entry.reason}
            </Text>
          ) : null}
          {entry.details.map((line) => (
            <Text className='a-event__reason' key={line}>
              {line}
            </Text>
          ))}
        </View>
      ))}
    </View>
  )
}
