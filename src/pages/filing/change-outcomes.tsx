// How a change ends: done, sent to staff review, or refused — CONFLICT (read again: confirm once
// more) and LOCKED (from which day, and what the person can do now).
import { Text, View } from '@tarojs/components'
import { Button } from '../../components/Button'
import { Notice } from '../../components/Notice'
import { Screen } from '../../components/Screen'
import { changeAvailability } from '../../lib/availability'
import { timelineEntries, type FilingDetail } from '../../lib/filing-view'
import { formatChineseDate, shanghaiDate } from '../../rules'
import { changeSummary, lockedWords, type ChangeForm } from './change-flow'
import { pendingChangeWords } from './model'
import { DoneActions } from './parts'

const CONFLICT_MESSAGE = '这份备案刚刚有了更新，已为您重新载入，请再确认一次。'

/** CONFLICT: the filing was reloaded; say so, and what the latest change to it was. */
export function Conflict({ filing }: { filing: FilingDetail }) {
  const latest = timelineEntries(filing.history ?? [])[0]
  return (
    <Notice kind='warn' title='请再确认一次' className='fd-outcome'>
      <Text className='notice__text'>{CONFLICT_MESSAGE}</Text>
      {latest ? (
        <Text className='notice__text'>
          最近的一次办理：{latest.label}（{latest.when}）{latest.details.length > 0 ? `，${latest.details.join('；')}` : ''}。
        </Text>
      ) : null}
    </Notice>
  )
}

export function Locked({
  outcome,
  filing,
  onContact,
  onLeave,
  quiet,
}: {
  outcome: { allowedFrom?: string; message: string }
  filing: FilingDetail
  onContact: () => void
  /** Back to the detail (the flow's step-back guard comes down first). */
  onLeave: () => void
  quiet?: boolean
}) {
  const words = lockedWords(outcome.allowedFrom, outcome.message, filing)
  return (
    <View className='fd-outcome' id='change-locked'>
      <Notice kind='warn' title={words.title}>
        {quiet ? null : <Text className='notice__text'>{words.message}</Text>}
        <Text className='notice__text'>本次没有做任何变更。</Text>
      </Notice>
      <Text className='section__title'>现在您可以：</Text>
      <View className='fd-list'>
        {words.now.map((line) => (
          <Text className='fd-list__item' key={line}>
            · {line}
          </Text>
        ))}
      </View>
      <Button variant='secondary' onClick={onContact}>
        修改联系电话或地址
      </Button>
      <Button variant='secondary' onClick={onLeave}>
        返回备案详情
      </Button>
    </View>
  )
}

/** A change sent to staff review: what waits, and that the old terms hold until it is approved. */
function Submitted({ filing }: { filing: FilingDetail }) {
  const pending = pendingChangeWords(filing)
  return (
    <Screen className='fd fd-flow'>
      <View className='fd-done' id='change-done'>
        <Text className='fd-done__title'>变更申请已提交，等待审核</Text>
        {pending ? (
          <Text className='fd-done__text' id='change-pending'>
            {pending.headline}。
          </Text>
        ) : null}
        <Text className='fd-done__text'>审核结果会显示在备案详情和首页；审核通过后，新的内容才生效。</Text>
      </View>
      <DoneActions filingId={filing.id} flow='change' />
    </Screen>
  )
}

export function Done({ filing, form, before }: { filing: FilingDetail; form: ChangeForm; before: FilingDetail }) {
  const summary = changeSummary(before, form)
  const next = changeAvailability(filing)
  if (filing.pendingChange && !before.pendingChange) return <Submitted filing={filing} />
  return (
    <Screen className='fd fd-flow'>
      <View className='fd-done' id='change-done'>
        <Text className='fd-done__title'>变更已办好</Text>
        {summary ? (
          <Text className='fd-done__text'>
            {summary.label}已改为：{summary.after}
          </Text>
        ) : null}
        {form.target === 'destination' ? (
          <Text className='fd-done__text'>以后在{filing.destination.name}的联网定点医院住院，出院时可以直接结算。</Text>
        ) : null}
        {form.target === 'startDate' ? (
          <Text className='fd-done__text' id='change-done-start'>
            {filing.startDate > shanghaiDate(new Date())
              ? `备案${formatChineseDate(filing.startDate)}起生效。`
              : `备案已经生效：${formatChineseDate(filing.startDate)}以后入院的，在${filing.destination.name}的联网定点医院可以直接结算。`}
          </Text>
        ) : null}
      </View>
      {!next.can && next.opensOn && (form.target === 'destination' || form.target === 'insuranceType') ? (
        <Notice kind='info' title={`下次变更：${next.headline}`}>
          {next.message ?? ''}
        </Notice>
      ) : null}
      <DoneActions filingId={filing.id} flow='change' />
    </Screen>
  )
}
