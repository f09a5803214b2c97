// Small pieces the three filing pages share (detail, change, cancel). The shared components
// (src/components) do the rest; these only arrange them for a filing.
import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import { Button } from '../../components/Button'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { Screen } from '../../components/Screen'
import { backOr, relaunch } from '../../services/navigation'

/** One fact of the filing: label above, value below (wraps at any text size). */
export function Fact({ label, value, id, strong }: { label: string; value: ReactNode; id?: string; strong?: boolean }) {
  return (
    <View className='fd-fact' id={id}>
      <Text className='fd-fact__label'>{label}</Text>
      {typeof value === 'string' ? <Text className={`fd-fact__value${strong ? ' fd-fact__value--strong' : ''}`}>{value}</Text> : value}
    </View>
  )
}

/** The filing number, in the detail's number style, selectable, broken only after its hyphen. */
export function FilingNumberFact({ id }: { id: string }) {
  return <Fact label='备案编号' value={<Text className='fd-fact__value fd-number unbroken' userSelect>{id}</Text>} />
}

/** One material to upload (a requested supplement): its name and note, the file so far, 上传 / 重新上传. */
export function ProofUpload(props: { id: string; title: string; note: string | null; file: { name: string } | undefined; busy: boolean; onUpload: () => void }) {
  const { id, title, note, file, busy, onUpload } = props
  return (
    <View className={`fd-upload${file ? ' fd-upload--done' : ''}`} id={id}>
      <Text className='fd-upload__title'>{title}</Text>
      {note ? <Text className='fd-upload__note'>{note}</Text> : null}
      {file ? <Text className='fd-upload__file'>已上传：{file.name}</Text> : null}
      <Button variant='secondary' loading={busy} loadingText='正在上传…' onClick={onUpload}>
        {file ? '重新上传' : '上传照片或 PDF'}
      </Button>
    </View>
  )
}

/**
 * The reason for a change or a cancel (required), or a supplement's 说明 (`optional`): a plain text
 * box, up to 200 characters.
 */
export function ReasonField({
  label,
  hint,
  value,
  onInput,
  error,
  placeholder,
  optional,
  id = 'reason-input',
}: {
  label: string
  hint?: string
  value: string
  onInput: (value: string) => void
  error?: string | null
  placeholder?: string
  optional?: boolean
  id?: string
}) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional}>
      <Textarea
        className='field__input fd-textarea'
        id={id}
        value={value}
        maxlength={200}
        placeholder={placeholder}
        placeholderClass='field__placeholder'
        onInput={(event) => onInput(event.detail.value)}
      />
      <Text className='fd-count'>{value.length}/200 字</Text>
    </Field>
  )
}

/** While the filing loads, or when it cannot be read: what happened and a way on. */
export function LoadState({ id, failure, onRetry }: { id: string; failure: string | null; onRetry: () => void }) {
  return (
    <View className='fd-load'>
      {id ? <Text className='screen__lead'>备案编号：{id}</Text> : null}
      {!id ? (
        <Notice kind='warn' title='没有找到备案编号'>
          请从首页的“我的备案”里点开要查看的备案。
        </Notice>
      ) : failure ? (
        <>
          <Notice kind='warn' title='暂时读不到这份备案'>
            {failure}
          </Notice>
          <Button variant='secondary' onClick={onRetry}>
            再试一次
          </Button>
        </>
      ) : (
        <Text className='screen__lead'>正在读取备案…</Text>
      )}
      <Button variant='secondary' onClick={goHome}>
        返回首页
      </Button>
    </View>
  )
}

/** A filing page before its filing is read: its title over LoadState. */
export function LoadingScreen(props: { title: string; className: string; id: string; failure: string | null; onRetry: () => void }) {
  return (
    <Screen className={props.className}>
      <Text className='screen__title'>{props.title}</Text>
      <LoadState id={props.id} failure={props.failure} onRetry={props.onRetry} />
    </Screen>
  )
}

/** The two ways out of a finished flow: the filing's detail, or home (ids `<flow>-done-detail`, `<flow>-done-home`). */
export function DoneActions({ filingId, flow }: { filingId: string; flow: string }) {
  return (
    <>
      <Button onClick={() => backToDetail(filingId)} id={`${flow}-done-detail`}>
        查看备案
      </Button>
      <Button variant='secondary' onClick={goHome} id={`${flow}-done-home`}>
        返回首页
      </Button>
    </>
  )
}

export function goHome() {
  relaunch('/pages/index/index')
}

/**
 * Back to the filing's detail. The change and cancel pages are opened only from it, so the page
 * below is the detail (it reloads when shown); opened on their own (a shared link), open it afresh.
 */
export function backToDetail(id: string) {
  backOr({ redirect: `/pages/filing/index?id=${encodeURIComponent(id)}` })
}

export function scrollToTop() {
  Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
}

/** The in-page back link of a flow ("‹ 上一步"). */
export function BackLink({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <View className='link fd-back' onClick={onClick} id='flow-back'>
      <Text>‹ {label}</Text>
    </View>
  )
}
