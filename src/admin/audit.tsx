// 访问记录, for staff with the audit role: who queried the list (with which filters, how many rows),
// exported, opened a proof or revealed full numbers (with the reason), newest first. The server
// refuses anyone without the role; the log itself never holds a full ID number or phone.
import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { callApi, type ApiReply } from '../services/api'
import { formatChinaDateTime } from '../lib/filing-view'
import { firstMessages } from '../lib/issues'
import {
  ACCESS_ACTION_LABELS,
  ACCESS_LOG_PAGE_SIZE,
  EMPTY_ACCESS_LOG_FORM,
  accessEntryWords,
  accessLogRequestOf,
  staffFieldOf,
  type AccessLogForm,
  type AccessLogReply,
} from './model'
import { AButton, AField, Chip, Failure, Shell } from './parts'

export default function AccessLogPage() {
  const [form, setForm] = useState<AccessLogForm>(EMPTY_ACCESS_LOG_FORM)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [reply, setReply] = useState<ApiReply<AccessLogReply> | null>(null)
  const [page, setPage] = useState(1)

  const load = async (next: AccessLogForm, at: number) => {
    const built = accessLogRequestOf(next, at)
    if (!built.ok) return setErrors(built.errors)
    setErrors({})
    setPage(at)
    const answer = await callApi<AccessLogReply>('admin', 'accessLog', built.request)
    if (!answer.ok && answer.error.code === 'VALIDATION') setErrors(firstMessages(answer.error.issues ?? [], staffFieldOf))
    setReply(answer)
  }
  useDidShow(() => {
    void load(form, page)
  })
  const update = (patch: Partial<AccessLogForm>) => setForm({ ...form, ...patch })

  if (reply && !reply.ok && (reply.error.code === 'FORBIDDEN' || reply.error.code === 'UNAUTHENTICATED')) {
    return (
      <Shell page='audit'>
        <Failure error={reply.error} />
      </Shell>
    )
  }
  const data = reply?.ok ? reply.data : null
  const pages = data ? Math.max(1, Math.ceil(data.total / ACCESS_LOG_PAGE_SIZE)) : 1

  return (
    <Shell page='audit'>
      <View className='a-link a-back' onClick={() => Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/admin/index' }))} id='back-to-list'>
        ‹ 返回列表
      </View>
      <View className='a-card' id='access-log-filters'>
        <Text className='a-card__title'>访问记录</Text>
        <AField label='操作' error={errors.action} id='log-action'>
          <View className='a-chips'>
            <Chip on={form.action === ''} onClick={() => update({ action: '' })} id='log-action-all'>
              全部
            </Chip>
            {(Object.keys(ACCESS_ACTION_LABELS) as (keyof typeof ACCESS_ACTION_LABELS)[]).map((action) => (
              <Chip key={action} on={form.action === action} onClick={() => update({ action })} id={`log-action-${action}`}>
                {ACCESS_ACTION_LABELS[action]}
              </Chip>
            ))}
          </View>
        </AField>
        <AField label='工作人员账号' error={errors.staff} id='log-staff'>
          <Input className='a-input' name='staff' value={form.staff} maxlength={64} onInput={(event) => update({ staff: event.detail.value })} />
        </AField>
        <AField label='起始日期' error={errors.from} id='log-from' hint='格式如 2026-11-01'>
          <Input className='a-input a-input--date' name='from' value={form.from} maxlength={10} onInput={(event) => update({ from: event.detail.value })} />
        </AField>
        <AField label='截止日期' error={errors.to} id='log-to'>
          <Input className='a-input a-input--date' name='to' value={form.to} maxlength={10} onInput={(event) => update({ to: event.detail.value })} />
        </AField>
        <View className='a-filters__actions'>
          <AButton onClick={() => void load(form, 1)} id='log-search'>
            查询
          </AButton>
        </View>
      </View>

      <View className='a-card' id='access-log'>
        {reply && !reply.ok ? <Failure error={reply.error} onRetry={() => void load(form, page)} /> : null}
        {!reply ? <Text className='a-muted'>正在读取…</Text> : null}
        {data ? (
          <>
            <Text className='a-muted' id='access-log-count'>
              共 {data.total} 条
            </Text>
            {data.items.map((entry, index) => {
              const words = accessEntryWords(entry)
              return (
                <View className='a-log__row' key={`${entry.at}-${index}`} id={`access-log-${index}`}>
                  <Text className='a-muted'>{formatChinaDateTime(entry.at)}</Text>
                  <Text className='a-mono'>{entry.staff}</Text>
                  <Text className='a-strong'>{words.action}</Text>
                  <Text>{words.detail}</Text>
                </View>
              )
            })}
            {pages > 1 ? (
              <View className='a-filters__actions'>
                {page > 1 ? (
                  <AButton kind='secondary' onClick={() => void load(form, page - 1)} id='log-prev'>
                    上一页
                  </AButton>
                ) : null}
                <Text className='a-muted'>
                  第 {page} / {pages} 页
                </Text>
                {page < pages ? (
                  <AButton kind='secondary' onClick={() => void load(form, page + 1)} id='log-next'>
                    下一页
                  </AButton>
                ) : null}
              </View>
            ) : null}
          </>
        ) : null}
      </View>
    </Shell>
  )
}
