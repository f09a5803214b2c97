// 统计: filings by derived state on today (生效中 without 未生效 and 已过期, as the list's filter), category,
// destination province and month filed, and how many end within 30 days — drawn as bar charts (plain views, so the same page works in the mini-program), each
// with its numbers written on it.
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { shanghaiDate } from '../rules'
import { callApi, type ApiReply } from '../services/api'
import { barsOf, categoryLabel, monthBars, provinceLabel, stateLabel, type Bar, type Stats } from './model'
import { Failure, Shell } from './parts'

export default function Dashboard() {
  const [reply, setReply] = useState<ApiReply<Stats> | null>(null)
  const load = async () => setReply(await callApi<Stats>('admin', 'stats', {}))
  useDidShow(() => {
    void load()
  })

  if (reply && !reply.ok) {
    return (
      <Shell page='dashboard'>
        <Failure error={reply.error} onRetry={() => void load()} />
      </Shell>
    )
  }
  const stats = reply?.data
  if (!stats) {
    return (
      <Shell page='dashboard'>
        <Text className='a-muted'>正在统计…</Text>
      </Shell>
    )
  }
  const today = shanghaiDate(new Date())
  return (
    <Shell page='dashboard'>
      <View className='a-kpis'>
        <Kpi label='备案总数' value={stats.total} id='kpi-total' />
        <Kpi label='审核中' value={stats.byState.pending_review + stats.byState.needs_materials} id='kpi-pending' />
        <Kpi label='未生效' value={stats.byState.not_yet_active} id='kpi-not-yet-active' />
        <Kpi label='生效中' value={stats.byState.active} id='kpi-active' />
        <Kpi label='30天内到期' value={stats.expiringIn30Days} id='kpi-expiring' tone='warn' />
        <Kpi label='已过期' value={stats.byState.expired} id='kpi-expired' />
      </View>
      <View className='a-charts'>
        <Chart title='按状态' bars={barsOf(stats.byState, stateLabel)} id='chart-status' />
        <Chart title='按人员类别' bars={barsOf(stats.byCategory, categoryLabel)} id='chart-category' />
        <Chart title='按就医省份（前10）' bars={barsOf(stats.byProvince, provinceLabel, 10)} id='chart-province' />
        <Columns title='近12个月备案数' bars={monthBars(stats.byMonth, today)} id='chart-month' />
      </View>
    </Shell>
  )
}

function Kpi({ label, value, id, tone }: { label: string; value: number; id: string; tone?: 'warn' }) {
  return (
    <View className={`a-kpi${tone ? ` a-kpi--${tone}` : ''}`} id={id}>
      <Text className='a-kpi__value'>{value.toLocaleString('zh-CN')}</Text>
      <Text className='a-kpi__label'>{label}</Text>
    </View>
  )
}

/** Horizontal bars: label, bar, number. */
function Chart({ title, bars, id }: { title: string; bars: Bar[]; id: string }) {
  return (
    <View className='a-card a-chart' id={id}>
      <Text className='a-card__title'>{title}</Text>
      {bars.length === 0 ? <Text className='a-muted'>还没有备案</Text> : null}
      {bars.map((bar) => (
        <View className='a-bar' key={bar.key}>
          <Text className='a-bar__label'>{bar.label}</Text>
          <View className='a-bar__track'>
            <View className='a-bar__fill' style={{ width: `${Math.max(bar.share * 100, 1)}%` }} />
          </View>
          <Text className='a-bar__value'>{bar.value.toLocaleString('zh-CN')}</Text>
        </View>
      ))}
    </View>
  )
}

/** Vertical columns for months, oldest on the left. */
function Columns({ title, bars, id }: { title: string; bars: Bar[]; id: string }) {
  return (
    <View className='a-card a-chart a-chart--wide' id={id}>
      <Text className='a-card__title'>{title}</Text>
      <View className='a-columns'>
        {bars.map((bar) => (
          <View className='a-column' key={bar.key}>
            <Text className='a-column__value'>{bar.value.toLocaleString('zh-CN')}</Text>
            <View className='a-column__track'>
              <View className='a-column__fill' style={{ height: `${Math.max(bar.share * 100, bar.value > 0 ? 2 : 0)}%` }} />
            </View>
            <Text className='a-column__label'>{bar.label}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
