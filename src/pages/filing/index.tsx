// 备案详情: everything filed (the ID number masked, as the server sends it), the validity window,
// "现在可以变更吗？" with the date a lock opens, the review progress, and the history as a timeline.
// Each rule shown names its seed section (依据), and the profile's guide says what no form asks.
// Actions: 变更 / 取消备案 / 出示备案凭证 / 办理续转诊. When staff asked for more materials, that
// request comes first, with 补充材料; a 抽查 outcome is shown too (a problem as a warning, on top).
// Read again every time it is shown, so it is current after a change, a cancel or a supplement.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '../../components/Button'
import { GuideNotes } from '../../components/GuideNotes'
import { Notice } from '../../components/Notice'
import { Screen } from '../../components/Screen'
import { SourceNote } from '../../components/SourceNote'
import { StateTag } from '../../components/StateTag'
import { formatChineseDate, shanghaiDate } from '../../rules'
import { formatChinaDateTime, hospitalLevelLabel, insuranceTypeLabel, materialEntryLabel, profileOf, timelineEntries, type FilingDetail } from '../../lib/filing-view'
import { cancelAvailability, changeAvailability } from '../../lib/availability'
import { STAGE_WORDS, agencyWords, changeRejectionWords, detailActions, filingNotes, materialsRequestWords, pendingChangeWords, reviewStages, ruleSources, signatureLabel, spotCheckWords, serviceOpeningWords, validityWords } from './model'
import { Fact, FilingNumberFact, LoadingScreen, goHome } from './parts'
import { useFiling, useFilingId } from './use-filing'
import './filing.scss'

const open = (url: string) => () => Taro.navigateTo({ url })

export default function FilingDetailPage() {
  const id = useFilingId()
  const { filing, failure, reload } = useFiling(id, { readOnMount: false })
  const [today, setToday] = useState(() => shanghaiDate(new Date()))

  useDidShow(() => {
    setToday(shanghaiDate(new Date()))
    void reload()
  })

  if (!filing) return <LoadingScreen title='备案详情' className='fd' id={id} failure={failure} onRetry={() => void reload()} />

  return (
    <Screen className='fd'>
      {failure ? (
        <Notice kind='warn' title='没能读取最新的内容'>
          {`${failure} 下面是刚才读到的内容。`}
        </Notice>
      ) : null}
      {filing.status === 'rejected' ? <Rejected filing={filing} /> : null}
      <MaterialsRequest filing={filing} />
      <PendingChange filing={filing} />
      <ChangeRejected filing={filing} />
      <SpotCheckProblem filing={filing} />
      <Header filing={filing} today={today} />
      <Agency filing={filing} />
      <Review filing={filing} />
      <CanChange filing={filing} />
      <Actions filing={filing} />
      <Filed filing={filing} />
      <Proofs filing={filing} />
      <Referral filing={filing} />
      <Stays filing={filing} />
      <GuideNotes title='您可能还需要知道' notes={filingNotes(filing)} id='detail-guide' />
      <Timeline filing={filing} />
      <View className='link fd-home' onClick={goHome} id='detail-home'>
        <Text>返回首页</Text>
      </View>
    </Screen>
  )
}

function Rejected({ filing }: { filing: FilingDetail }) {
  return (
    <View className='fd-rejected' id='detail-rejection'>
      <Text className='fd-rejected__title'>这份备案没有通过审核</Text>
      <Text className='fd-rejected__label'>原因</Text>
      <Text className='fd-rejected__reason'>{filing.rejectionReason || '经办机构没有写明原因，请咨询参保地医保经办机构。'}</Text>
      <Text className='fd-rejected__next'>请按上面的原因准备好材料，重新办理备案。</Text>
    </View>
  )
}

/** Staff asked for more materials: what, by which stage, when, and the way to answer. */
function MaterialsRequest({ filing }: { filing: FilingDetail }) {
  const request = materialsRequestWords(filing)
  if (!request) return null
  return (
    <View className='fd-request' id='detail-materials-request'>
      <Text className='fd-request__title'>经办人员需要您补充材料</Text>
      {request.stage ? <Text className='fd-request__meta'>审核环节：{request.stage}</Text> : null}
      <Text className='fd-request__label'>需要补充的材料</Text>
      {request.items.map((item, index) => (
        <Text className='fd-request__note' key={item.kind}>
          {index + 1}. {item.label}
        </Text>
      ))}
      {request.note ? (
        <Text className='fd-request__note' userSelect>
          {request.note}
        </Text>
      ) : null}
      <Text className='fd-request__meta'>提出时间：{request.askedAt}</Text>
      <Text className='fd-request__next'>补充以后，经办人员会继续审核。</Text>
      <Button onClick={open(`/pages/filing/supplement?id=${encodeURIComponent(filing.id)}`)} id='detail-supplement'>
        补充材料
      </Button>
    </View>
  )
}

/** A change of destination or insurance type under review: the filing holds on its old terms until approved. */
function PendingChange({ filing }: { filing: FilingDetail }) {
  const pending = pendingChangeWords(filing)
  if (!pending) return null
  return (
    <Notice kind='info' title='变更审核中' className='fd-pending-change'>
      <View id='detail-pending-change'>
        <Text className='notice__text fd-pending-change__headline'>{pending.headline}</Text>
        <Text className='notice__text'>申请日期：{pending.requestedOn}</Text>
        <Text className='notice__text'>变更原因：{pending.reason}</Text>
        {pending.stages.length > 0 ? (
          <Text className='notice__text'>审核进度：{pending.stages.map((stage) => `${stage.label}${STAGE_WORDS[stage.state]}`).join(' → ')}</Text>
        ) : null}
      </View>
    </Notice>
  )
}

/** Staff turned a change down: the reason, and that the filing kept its terms. */
function ChangeRejected({ filing }: { filing: FilingDetail }) {
  const words = changeRejectionWords(filing)
  if (!words) return null
  return (
    <Notice kind='warn' title={words.title} className='fd-change-rejected'>
      <View id='detail-change-rejection'>
        <Text className='notice__text'>{words.summary}</Text>
        <Text className='notice__text' userSelect>
          原因：{words.reason}
        </Text>
        <Text className='notice__text'>审核日期：{words.on}</Text>
        <Text className='notice__text'>{words.next}</Text>
      </View>
    </Notice>
  )
}

/** A 抽查 that found a problem: what staff said, when, and what to do. */
function SpotCheckProblem({ filing }: { filing: FilingDetail }) {
  const check = spotCheckWords(filing)
  if (check?.result !== 'problem') return null
  return (
    <Notice kind='warn' title={check.title} className='fd-spot fd-spot--problem'>
      <View id='detail-spot-check'>
        {check.note ? (
          <Text className='notice__text fd-spot__note' userSelect>
            {check.note}
          </Text>
        ) : null}
        <Text className='notice__text fd-spot__meta'>核查日期：{check.on}</Text>
        <Text className='notice__text'>{check.next}</Text>
      </View>
    </Notice>
  )
}

function Header({ filing, today }: { filing: FilingDetail; today: string }) {
  const validity = validityWords(filing, today)
  const sources = ruleSources(filing)
  const check = spotCheckWords(filing)
  const opening = serviceOpeningWords(filing, today)
  return (
    <View className='card fd-head'>
      <View className='fd-head__top'>
        <Text className='fd-head__category'>{filing.categoryLabel}</Text>
        <StateTag state={filing.state} />
      </View>
      <Text className='fd-head__place'>
        {filing.policyName}参保 → 在{filing.destination.name}就医
      </Text>
      <View className={`fd-validity fd-validity--${validity.tone}`} id='detail-validity'>
        <Text className='fd-validity__label'>有效期</Text>
        <Text className='fd-validity__text'>{validity.text}</Text>
        {validity.note ? <Text className='fd-validity__note'>{filing.state === 'expiring' ? `即将到期：${validity.note}` : validity.note}</Text> : null}
        <Text className='fd-validity__window'>{validity.window}</Text>
        {sources.validity ? <SourceNote source={sources.validity} /> : null}
      </View>
      {opening ? (
        <View className='fd-opening' id='detail-service-opening'>
          <Fact label='直接结算开通' value={opening.text} />
          <SourceNote source={opening.source} />
        </View>
      ) : null}
      <FilingNumberFact id={filing.id} />
      {check?.result === 'verified' ? (
        <Text className='fd-spot-ok' id='detail-spot-check'>
          ✓ {check.text}
        </Text>
      ) : null}
    </View>
  )
}

/** 代办: who filed it for whom, the agent's details (masked), and what the reader may do. */
function Agency({ filing }: { filing: FilingDetail }) {
  const words = agencyWords(filing)
  if (!words) return null
  return (
    <View className='section' id='detail-agency'>
      <Text className='section__title'>代办</Text>
      <View className='card fd-facts'>
        <Text className='fd-agency__headline'>{words.headline}</Text>
        {words.facts.map((fact) => (
          <Fact key={fact.label} label={fact.label} value={fact.value} />
        ))}
        <Text className='fd-facts__hint'>{words.note}</Text>
      </View>
    </View>
  )
}

function Review({ filing }: { filing: FilingDetail }) {
  const stages = reviewStages(filing)
  if (stages.length === 0) return null
  return (
    <View className='section' id='detail-review'>
      <Text className='section__title'>审核进度</Text>
      <View className='card fd-stages'>
        {stages.map((stage, index) => (
          <View className={`fd-stage fd-stage--${stage.state}`} key={stage.label}>
            <Text className='fd-stage__mark'>{stage.state === 'done' ? '✓' : stage.state === 'stopped' ? '×' : String(index + 1)}</Text>
            <Text className='fd-stage__label'>{stage.label}</Text>
            <Text className='fd-stage__state'>{STAGE_WORDS[stage.state]}</Text>
          </View>
        ))}
        {filing.status === 'pending_review' ? <Text className='fd-stages__hint'>全部通过后备案生效。结果会显示在这里和首页。</Text> : null}
      </View>
    </View>
  )
}

function CanChange({ filing }: { filing: FilingDetail }) {
  const actions = detailActions(filing)
  if (!actions.change && !actions.cancel) return null
  const change = changeAvailability(filing)
  const cancel = cancelAvailability(filing)
  const sources = ruleSources(filing)
  return (
    <View className='section' id='detail-can-change'>
      <Text className='section__title'>现在可以变更吗？</Text>
      <View className={`card fd-can fd-can--${change.can ? 'yes' : 'no'}`}>
        <Text className='fd-can__headline' id='detail-change-headline'>
          {change.headline}
        </Text>
        {change.message ? <Text className='fd-can__text'>{change.message}</Text> : null}
        {change.can ? <Text className='fd-can__text'>就医地{filing.insuranceType ? '、参保险种' : ''}现在可以变更。</Text> : null}
        {change.can && change.proof.length > 0 ? <Text className='fd-can__text'>变更时需要上传：{change.proof.join('；')}。</Text> : null}
        {change.note ? <Text className='fd-can__text'>{change.note}</Text> : null}
        {change.exceptions.length > 0 ? (
          <View className='fd-can__exceptions'>
            <Text className='fd-can__subtitle'>下列情形现在就可以申请变更：</Text>
            {change.exceptions.map((exception) => (
              <View className='fd-can__exception' key={exception.code}>
                <Text className='fd-can__exception-title'>· {exception.label}</Text>
                <Text className='fd-can__exception-proof'>需要：{exception.proof.join('；')}</Text>
              </View>
            ))}
          </View>
        ) : null}
        {sources.change ? <SourceNote source={sources.change} /> : null}
        {change.contactOpen ? <Text className='fd-can__text fd-can__contact'>联系电话和联系地址随时可以修改。</Text> : null}
        <View className='fd-can__cancel' id='detail-cancel-headline'>
          <Text className='fd-can__subtitle'>取消备案：{cancel.headline}</Text>
          {cancel.message ? <Text className='fd-can__text'>{cancel.message}</Text> : null}
          {cancel.note ? <Text className='fd-can__text'>{cancel.note}</Text> : null}
          {sources.cancel ? <SourceNote source={sources.cancel} /> : null}
        </View>
      </View>
    </View>
  )
}

function Actions({ filing }: { filing: FilingDetail }) {
  const actions = detailActions(filing)
  const id = encodeURIComponent(filing.id)
  const continuing = profileOf(filing)?.referral.continuingRefile ?? false
  const none = !actions.change && !actions.cancel && !actions.certificate && !actions.continuingReferral && !actions.refile
  if (none) return null
  return (
    <View className='section fd-actions'>
      <Text className='section__title'>办理</Text>
      {actions.certificate ? (
        <Button onClick={open(`/pages/certificate/index?id=${id}`)} id='detail-certificate'>
          出示备案凭证
        </Button>
      ) : null}
      {actions.change ? (
        <Button
          // The one main action: the certificate, or 补充材料 on top while staff wait for materials.
          variant={actions.certificate || filing.actions.supplement.allowed ? 'secondary' : 'primary'}
          onClick={open(`/pages/filing/change?id=${id}`)}
          id='detail-change'
        >
          变更备案
        </Button>
      ) : null}
      {actions.continuingReferral ? (
        <View className='fd-continuing'>
          <Button variant='secondary' onClick={open(`/pages/file/index?from=${id}`)} id='detail-continue-referral'>
            办理续转诊
          </Button>
          <Text className='fd-actions__hint'>
            {continuing
              ? '需要继续转诊治疗的，可以凭原来的转诊证明再办理一次备案。'
              : '需要继续转诊治疗的，请先取得新的转诊证明，再办理一次备案。'}
          </Text>
        </View>
      ) : null}
      {actions.refile ? (
        <Button onClick={open(`/pages/file/index?from=${id}`)} id='detail-refile'>
          重新办理备案
        </Button>
      ) : null}
      {actions.cancel ? (
        <Button variant='secondary' onClick={open(`/pages/filing/cancel?id=${id}`)} id='detail-cancel'>
          取消备案
        </Button>
      ) : null}
    </View>
  )
}

function Filed({ filing }: { filing: FilingDetail }) {
  const { applicant } = filing
  const insurance = insuranceTypeLabel(filing.insuranceType)
  return (
    <View className='section' id='detail-filed'>
      <Text className='section__title'>备案信息</Text>
      <View className='card fd-facts'>
        <Fact label='姓名' value={applicant.name} />
        <Fact label={applicant.idTypeLabel} value={applicant.idNumber} id='detail-id-number' />
        <Fact label='联系电话' value={applicant.phone} id='detail-phone' />
        <Fact label='联系地址' value={applicant.address || '未填写'} id='detail-address' />
        <Fact label='人员类别' value={filing.categoryLabel} />
        <Fact label='参保地' value={filing.insuredRegion.name === filing.policyName ? filing.policyName : `${filing.policyName}（${filing.insuredRegion.name}）`} />
        {insurance ? <Fact label='参保险种' value={insurance} /> : null}
        <Fact label='就医地' value={filing.destination.name} id='detail-destination' strong />
        <Fact label='开始日期' value={formatChineseDate(filing.startDate)} />
        <Fact label='办理日期' value={formatChineseDate(filing.filedOn)} />
        {filing.effectiveOn && filing.effectiveOn !== filing.startDate ? <Fact label='生效日期' value={formatChineseDate(filing.effectiveOn)} /> : null}
      </View>
    </View>
  )
}

function Proofs({ filing }: { filing: FilingDetail }) {
  return (
    <>
      <Commitment filing={filing} />
      <Materials filing={filing} />
    </>
  )
}

function Commitment({ filing }: { filing: FilingDetail }) {
  const { commitment } = filing
  if (!commitment) return null
  return (
    <View className='section' id='detail-commitment'>
      <Text className='section__title'>个人承诺</Text>
      <View className='card fd-facts'>
        <Fact label='承诺书' value={`《${commitment.title}》`} />
        <Fact label={signatureLabel(commitment)} value={commitment.signature} id='detail-signature' />
        <Fact label='签署时间' value={formatChinaDateTime(commitment.signedAt)} />
      </View>
    </View>
  )
}

/** The proofs: those filed, then any supplement marked as one (a commitment filing has only supplements). */
function Materials({ filing }: { filing: FilingDetail }) {
  if (filing.materials.length === 0) return null
  return (
    <View className='section' id='detail-materials'>
      <Text className='section__title'>证明材料</Text>
      <View className='card fd-facts'>
        {filing.materials.map((material, index) => (
          <View className='fd-material' key={material.fileId}>
            <Text className='fd-material__index'>{index + 1}</Text>
            <Text className='fd-material__label'>{materialEntryLabel(material)}</Text>
          </View>
        ))}
        <Text className='fd-facts__hint'>材料已上传，由经办机构保管。</Text>
      </View>
    </View>
  )
}

function Referral({ filing }: { filing: FilingDetail }) {
  const { referral } = filing
  if (!referral) return null
  return (
    <View className='section' id='detail-referral'>
      <Text className='section__title'>转诊信息</Text>
      <View className='card fd-facts'>
        <Fact label='转出医院' value={referral.hospitalName} />
        <Fact label='医院等级' value={hospitalLevelLabel(referral.hospitalLevel)} />
        <Fact label='转诊证明开具日期' value={formatChineseDate(referral.certificateDate)} />
        {referral.treatingHospitalName ? <Fact label='转入医院' value={referral.treatingHospitalName} /> : null}
      </View>
    </View>
  )
}

function Stays({ filing }: { filing: FilingDetail }) {
  if (filing.stays.length === 0) return null
  return (
    <View className='section'>
      <Text className='section__title'>在备案地的住院</Text>
      <View className='card fd-facts'>
        {filing.stays.map((stay, index) => (
          <Fact
            key={`${stay.admissionDate}-${index}`}
            label={`第${index + 1}次住院`}
            value={`${formatChineseDate(stay.admissionDate)} 入院${stay.dischargeDate ? `，${formatChineseDate(stay.dischargeDate)} 出院` : ''}`}
          />
        ))}
      </View>
    </View>
  )
}

function Timeline({ filing }: { filing: FilingDetail }) {
  const entries = timelineEntries(filing.history ?? [])
  if (entries.length === 0) return null
  return (
    <View className='section' id='detail-history'>
      <Text className='section__title'>办理记录</Text>
      <Text className='fd-timeline__hint'>最近的在最上面。</Text>
      <View className='fd-timeline'>
        {entries.map((entry, index) => (
          <View className={`fd-event${index === 0 ? ' fd-event--latest' : ''}`} key={entry.key}>
            <View className='fd-event__dot' />
            <View className='fd-event__body'>
              <Text className='fd-event__label'>{entry.label}</Text>
              <Text className='fd-event__when'>
                {entry.when}
                {entry.byStaff ? '（经办机构）' : ''}
              </Text>
              {entry.details.map((line) => (
                <Text className='fd-event__detail' key={line}>
                  {line}
                </Text>
              ))}
              {entry.reason ? (
                <Text className='fd-event__reason'>
                  {entry.reasonLabel}：{entry.reason}
                </Text>
              ) : null}
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}
