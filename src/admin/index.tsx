// 备案查询: the staff's list. Queues (全部 / 待我审核 / 抽查 / 30天内到期) and 只看代办 beside them
// (it narrows any queue), filters, search by filing number, name or the last 4 of an ID number, sort,
// pages, totals, and the current filter as CSV. A row filed by an agent is tagged with the agent's
// name and relationship (代办：李强（子女）).
// ID numbers and phones arrive masked; the server refuses anyone who is not staff, and so does this
// page (it shows the refusal, never data).
import { Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { StateTag } from '../components/StateTag'
import { CATEGORIES, CATEGORY_CODES, formatChineseDate, listCities, listProvinces, profiles, type Category, type StaffState } from '../rules'
import { callApi, type ApiReply } from '../services/api'
import { deliverExport } from '../services/download'
import {
  EMPTY_FORM,
  PAGE_SIZE,
  QUEUES,
  SORTS,
  STAFF_STATES,
  STAFF_STATE_LABELS,
  agentTag,
  filterCount,
  filtersOf,
  issuesByField,
  listRequestOf,
  pageCount,
  pageWords,
  type AdminListItem,
  type FilterForm,
  type ListReply,
  canAudit,
  type Queue,
} from './model'
import { AButton, AField, Chip, Failure, Shell } from './parts'

const toggle = <T,>(list: readonly T[], value: T): T[] => (list.includes(value) ? list.filter((item) => item !== value) : [...list, value])

type Loaded = { status: 'idle' } | { status: 'loading' } | { status: 'done'; reply: ApiReply<ListReply> }

export default function AdminList() {
  const [form, setForm] = useState<FilterForm>(EMPTY_FORM)
  const [page, setPage] = useState(1)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [loaded, setLoaded] = useState<Loaded>({ status: 'idle' })
  const [exporting, setExporting] = useState(false)
  const [exportNote, setExportNote] = useState<string | null>(null)

  // Only the latest query's answer is shown: an earlier, slower one must not overwrite it.
  const latest = useRef(0)
  // The server's cursor to each page reached so far (its `next` from the page before): 下一页, 上一页
  // and a reload are found by key, so a deep page never makes the server skip thousands of rows.
  const cursors = useRef<Record<number, string>>({})

  const load = async (next: FilterForm, nextPage: number) => {
    const built = listRequestOf(next, nextPage)
    if (!built.ok) {
      setErrors(issuesByField(built.issues))
      return
    }
    setErrors({})
    setLoaded({ status: 'loading' })
    const ticket = ++latest.current
    if (nextPage === 1) cursors.current = {}
    const after = cursors.current[nextPage]
    const reply = await callApi<ListReply & { next?: string | null }>('admin', 'list', after ? { ...built.request, after } : built.request)
    if (ticket !== latest.current) return
    // A cursor the server no longer takes: start again from the first page.
    if (!reply.ok && reply.error.issues?.some((issue) => issue.path === 'after')) return load(next, 1)
    if (reply.ok && reply.data.next) cursors.current[nextPage + 1] = reply.data.next
    if (!reply.ok && reply.error.code === 'VALIDATION') setErrors(issuesByField(reply.error.issues ?? []))
    setLoaded({ status: 'done', reply })
    setPage(nextPage)
  }

  // Read again whenever the list shows (back from a filing: its state may have changed).
  useDidShow(() => {
    void load(form, page)
  })

  const update = (patch: Partial<FilterForm>) => setForm((previous) => ({ ...previous, ...patch }))
  /** A queue or a choice applies at once; typed filters apply with 查询. */
  const apply = (patch: Partial<FilterForm>) => {
    const next = { ...form, ...patch }
    setForm(next)
    void load(next, 1)
  }

  // The server writes the file and answers a short-lived link (ten minutes) for this staff member.
  const exportCsv = async () => {
    setExporting(true)
    setExportNote(null)
    const reply = await callApi<{ filename: string; rows: number; url: string }>('admin', 'export', { filters: filtersOf(form) })
    if (!reply.ok) {
      setExporting(false)
      return setExportNote(reply.error.message)
    }
    const { filename, rows } = reply.data
    try {
      const how = await deliverExport(reply.data)
      const done = `已导出 ${rows} 条（证件号码和电话已遮挡）`
      setExportNote(how === 'link_copied' ? `${done}。下载链接已复制，请在10分钟内用电脑浏览器打开：${filename}` : `${done}：${filename}`)
    } catch (error) {
      setExportNote(error instanceof Error ? error.message : '没能导出')
    } finally {
      setExporting(false)
    }
  }

  const reply = loaded.status === 'done' ? loaded.reply : null
  if (reply && !reply.ok && (reply.error.code === 'FORBIDDEN' || reply.error.code === 'UNAUTHENTICATED')) {
    return (
      <Shell page='list'>
        <Failure error={reply.error} />
      </Shell>
    )
  }
  const data = reply?.ok ? reply.data : null

  return (
    <Shell page='list'>
      {data && canAudit(data.roles) ? (
        <View className='a-link' id='open-access-log' onClick={() => Taro.navigateTo({ url: '/admin/audit' })}>
          访问记录（谁查询、导出、查看了哪些信息）›
        </View>
      ) : null}
      <View className='a-queues' id='queues'>
        {(Object.keys(QUEUES) as Queue[]).map((queue) => (
          <View
            key={queue}
            id={`queue-${queue}`}
            className={`a-queue${form.queue === queue ? ' a-queue--on' : ''}`}
            onClick={() => apply({ queue })}
          >
            {QUEUES[queue].label}
          </View>
        ))}
        {/* Not a queue: narrows whichever queue is showing (待我审核 + 只看代办 is the 代办核验 work). */}
        <View
          id='filter-by-agent'
          className={`a-queue a-queue--toggle${form.byAgent ? ' a-queue--on' : ''}`}
          onClick={() => apply({ byAgent: !form.byAgent })}
          ariaRole='button'
        >
          {form.byAgent ? '✓ ' : ''}只看代办
        </View>
      </View>

      <View className='a-layout'>
        <Filters form={form} errors={errors} update={update} apply={apply} onSearch={() => void load(form, 1)} onReset={() => apply(EMPTY_FORM)} />

        <View className='a-results'>
          <View className='a-results__head'>
            <Text className='a-results__count' id='result-count'>
              {loaded.status === 'loading' ? '正在查询…' : data ? pageWords(data.total, data.page, data.pageSize) : ''}
            </Text>
            <View className='a-results__tools'>
              <Picker mode='selector' range={SORTS.map((sort) => sort.label)} value={form.sort} onChange={(event) => apply({ sort: Number(event.detail.value) })}>
                <View className='a-select' id='sort'>
                  排序：{SORTS[form.sort].label} ▾
                </View>
              </Picker>
              <AButton kind='secondary' busy={exporting} onClick={() => void exportCsv()} id='export'>
                导出 CSV
              </AButton>
            </View>
          </View>
          {exportNote ? (
            <Text className='a-note' id='export-note'>
              {exportNote}
            </Text>
          ) : null}
          {reply && !reply.ok && reply.error.code !== 'VALIDATION' ? <Failure error={reply.error} onRetry={() => void load(form, page)} /> : null}
          {data ? <Table items={data.items} /> : null}
          {data && data.total > PAGE_SIZE ? <Pager page={data.page} pages={pageCount(data.total, data.pageSize)} go={(to) => void load(form, to)} /> : null}
        </View>
      </View>
    </Shell>
  )
}

interface FiltersProps {
  form: FilterForm
  errors: Record<string, string>
  update: (patch: Partial<FilterForm>) => void
  apply: (patch: Partial<FilterForm>) => void
  onSearch: () => void
  onReset: () => void
}

function Filters({ form, errors, update, apply, onSearch, onReset }: FiltersProps) {
  // On a phone the filters fold away above the results (a wide screen always shows them beside).
  const [open, setOpen] = useState(false)
  const count = filterCount(form)
  const hasErrors = Object.keys(errors).length > 0
  const provinces = listProvinces()
  const cities = form.provinceCode ? listCities(form.provinceCode) : []
  const provinceIndex = provinces.findIndex((province) => province.code === form.provinceCode)
  const cityIndex = cities.findIndex((city) => city.code === form.cityCode)
  return (
    <View className={`a-filters${open || hasErrors ? ' a-filters--open' : ''}`} id='filters'>
      <View className='a-filters__toggle' onClick={() => setOpen(!open)} id='filters-toggle' ariaRole='button'>
        {open || hasErrors ? '收起筛选条件 ▴' : `筛选条件${count > 0 ? `（已设${count}项）` : ''} ▾`}
      </View>
      <View className='a-filters__body'>
        <AField label='搜索' hint='备案编号、姓名，或证件号码后4位' error={errors.q} id='filter-q'>
          <Input
            className='a-input'
            name='q'
            value={form.q}
            maxlength={40}
            confirmType='search'
            onInput={(event) => update({ q: event.detail.value })}
            onConfirm={onSearch}
          />
        </AField>

        <AField label='状态' error={errors.state ?? errors.status} id='filter-status'>
          <View className='a-chips'>
            {STAFF_STATES.map((state: StaffState) => (
              <Chip key={state} on={form.state.includes(state)} onClick={() => apply({ state: toggle(form.state, state) })}>
                {STAFF_STATE_LABELS[state]}
              </Chip>
            ))}
          </View>
        </AField>

        <AField label='人员类别' error={errors.category} id='filter-category'>
          <View className='a-chips'>
            {CATEGORY_CODES.map((category: Category) => (
              <Chip key={category} on={form.category.includes(category)} onClick={() => apply({ category: toggle(form.category, category) })}>
                {CATEGORIES[category].label.replace(/（.*）$/, '')}
              </Chip>
            ))}
          </View>
        </AField>

        <AField label='参保地' error={errors.policyId} id='filter-policy'>
          <View className='a-chips'>
            {profiles.map((profile) => (
              <Chip key={profile.id} on={form.policyId.includes(profile.id)} onClick={() => apply({ policyId: toggle(form.policyId, profile.id) })}>
                {profile.name}
              </Chip>
            ))}
          </View>
        </AField>

        <AField label='就医地' error={errors.provinceCode ?? errors.cityCode} id='filter-place'>
          <View className='a-row'>
            <Picker
              mode='selector'
              range={['不限省份', ...provinces.map((province) => province.name)]}
              value={provinceIndex + 1}
              onChange={(event) => {
                const index = Number(event.detail.value) - 1
                apply({ provinceCode: index >= 0 ? provinces[index].code : '', cityCode: '' })
              }}
            >
              <View className='a-select' id='filter-province'>
                {provinceIndex >= 0 ? provinces[provinceIndex].name : '不限省份'} ▾
              </View>
            </Picker>
            {cities.length > 0 ? (
              <Picker
                mode='selector'
                range={['不限城市', ...cities.map((city) => city.name)]}
                value={cityIndex + 1}
                onChange={(event) => {
                  const index = Number(event.detail.value) - 1
                  apply({ cityCode: index >= 0 ? cities[index].code : '' })
                }}
              >
                <View className='a-select' id='filter-city'>
                  {cityIndex >= 0 ? cities[cityIndex].name : '不限城市'} ▾
                </View>
              </Picker>
            ) : null}
          </View>
        </AField>

        <AField label='开始日期' hint='如 2026-01-01，可只填一端' error={errors.startFrom ?? errors.startTo} id='filter-start'>
          <View className='a-row'>
            <Input className='a-input a-input--date' name='startFrom' placeholder='从' value={form.startFrom} maxlength={10} onInput={(event) => update({ startFrom: event.detail.value.trim() })} onConfirm={onSearch} />
            <Text className='a-row__dash'>至</Text>
            <Input className='a-input a-input--date' name='startTo' placeholder='到' value={form.startTo} maxlength={10} onInput={(event) => update({ startTo: event.detail.value.trim() })} onConfirm={onSearch} />
          </View>
        </AField>

        <AField label='即将到期' hint='生效中、在这么多天内到期的' error={errors.expiringWithinDays} id='filter-expiring'>
          <View className='a-row'>
            <Input className='a-input a-input--days' name='expiringWithinDays' type='number' value={form.expiringWithinDays} maxlength={3} onInput={(event) => update({ expiringWithinDays: event.detail.value })} onConfirm={onSearch} />
            <Text className='a-row__dash'>天内</Text>
          </View>
        </AField>

        <View className='a-row a-filters__actions'>
          <AButton onClick={onSearch} id='search'>
            查询
          </AButton>
          <AButton kind='secondary' onClick={onReset} id='reset'>
            清除条件
          </AButton>
        </View>
      </View>
    </View>
  )
}

function Table({ items }: { items: AdminListItem[] }) {
  const open = (id: string) => () => Taro.navigateTo({ url: `/admin/filing?id=${encodeURIComponent(id)}` })
  return (
    <View className='a-table' id='results'>
      <View className='a-table__head'>
        <Text className='a-cell a-cell--id'>备案编号</Text>
        <Text className='a-cell a-cell--person'>参保人</Text>
        <Text className='a-cell a-cell--what'>类别 · 参保地 → 就医地</Text>
        <Text className='a-cell a-cell--dates'>开始 · 有效期至</Text>
        <Text className='a-cell a-cell--state'>状态</Text>
      </View>
      {items.map((item) => (
        <View className='a-table__row' key={item.id} onClick={open(item.id)} id={`row-${item.id}`}>
          <Text className='a-cell a-cell--id a-mono'>{item.id}</Text>
          <View className='a-cell a-cell--person'>
            {item.anonymisedOn ? (
              <Text className='a-muted'>个人信息已删除（保存期满）</Text>
            ) : (
              <>
                <Text className='a-strong'>{item.name}</Text>
                {item.agent ? <Text className='a-tag'>{agentTag(item.agent)}</Text> : null}
                <Text className='a-muted a-mono'>{item.idNumber}</Text>
                <Text className='a-muted a-mono'>{item.phone}</Text>
              </>
            )}
          </View>
          <View className='a-cell a-cell--what'>
            <Text>{item.categoryLabel}</Text>
            <Text className='a-muted'>
              {item.policyName} → {item.destination.name}
            </Text>
          </View>
          <View className='a-cell a-cell--dates'>
            <Text>{formatChineseDate(item.startDate)}</Text>
            <Text className='a-muted'>{item.validUntil ? `至 ${formatChineseDate(item.validUntil)}` : '长期有效'}</Text>
          </View>
          <View className='a-cell a-cell--state'>
            <StateTag state={item.state} />
            {item.review.labels.length > 0 && item.status === 'pending_review' ? (
              <Text className='a-muted'>
                {item.review.labels[item.review.passed] ?? ''}（{item.review.passed}/{item.review.labels.length}）
              </Text>
            ) : null}
            {item.pendingChange ? (
              <Text className='a-muted a-pending-change'>
                变更待审：{item.pendingChange.review.labels[item.pendingChange.review.passed] ?? ''}（{item.pendingChange.review.passed}/{item.pendingChange.review.labels.length}）
              </Text>
            ) : null}
          </View>
        </View>
      ))}
    </View>
  )
}

function Pager({ page, pages, go }: { page: number; pages: number; go: (page: number) => void }) {
  return (
    <View className='a-pager' id='pager'>
      <View className={`a-button a-button--secondary${page <= 1 ? ' a-button--off' : ''}`} onClick={page > 1 ? () => go(page - 1) : undefined} id='page-prev'>
        上一页
      </View>
      <Text className='a-pager__where'>
        第 {page} / {pages} 页
      </Text>
      <View className={`a-button a-button--secondary${page >= pages ? ' a-button--off' : ''}`} onClick={page < pages ? () => go(page + 1) : undefined} id='page-next'>
        下一页
      </View>
    </View>
  )
}
