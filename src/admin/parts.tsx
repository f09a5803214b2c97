// The back office's shell and small controls. Sizes are in `Px` (real CSS px, left alone by
// pxtransform) so that a desktop browser gets a dense, desktop-sized layout rather than the
// person's phone-scaled one; on a phone the same px read at a normal size.
import { Text, View } from '@tarojs/components'
import type { PropsWithChildren, ReactNode } from 'react'
import type { ApiReply } from '../services/api'
import { redirect, relaunch } from '../services/navigation'
import { usesDevSignIn } from '../services/platform'
import './admin.scss'

export type AdminPage = 'list' | 'dashboard' | 'filing' | 'audit'

const NAV: { page: AdminPage; label: string; url: string }[] = [
  { page: 'list', label: '备案查询', url: '/admin/index' },
  { page: 'dashboard', label: '统计', url: '/admin/dashboard' },
]

/** Every back-office page: the header with the navigation, then the page. */
export function Shell({ page, children }: PropsWithChildren<{ page: AdminPage }>) {
  const go = (url: string) => () => {
    // The list and the dashboard are the two roots: switching between them never stacks pages.
    redirect(url)
  }
  return (
    <View className='admin'>
      <View className='admin__bar'>
        <Text className='admin__brand'>异地就医备案 · 经办后台</Text>
        <View className='admin__nav'>
          {NAV.map((item) => (
            <View
              key={item.page}
              className={`admin__nav-item${item.page === page ? ' admin__nav-item--on' : ''}`}
              onClick={item.page === page ? undefined : go(item.url)}
              id={`nav-${item.page}`}
            >
              {item.label}
            </View>
          ))}
          {usesDevSignIn ? (
            <View className='admin__nav-item' onClick={() => relaunch('/pages/signin/index')} id='nav-signin'>
              切换身份
            </View>
          ) : null}
        </View>
      </View>
      <View className='admin__main'>{children}</View>
    </View>
  )
}

/** A failed call: staff-only refusals say so and show nothing else; other failures offer a retry. */
export function Failure({ error, onRetry }: { error: Extract<ApiReply<unknown>, { ok: false }>['error']; onRetry?: () => void }) {
  if (error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED') {
    return (
      <View className='a-refusal' id='admin-refusal'>
        <Text className='a-refusal__title'>{error.code === 'FORBIDDEN' ? '您没有使用经办后台的权限' : '请先登录'}</Text>
        <Text className='a-refusal__text'>{error.message}</Text>
        <Text className='a-refusal__text'>经办后台仅限医保经办机构的工作人员使用。如您是参保人，请回到首页办理和查看自己的备案。</Text>
        <View className='a-link' onClick={() => relaunch('/pages/index/index')}>
          回到首页
        </View>
      </View>
    )
  }
  return (
    <View className='a-alert a-alert--warn' id='admin-failure'>
      <Text>{error.message}</Text>
      {onRetry ? (
        <View className='a-button a-button--secondary' onClick={onRetry}>
          重试
        </View>
      ) : null}
    </View>
  )
}

/** A toggle chip for a multiple choice filter. */
export function Chip({ on, onClick, children, id }: PropsWithChildren<{ on: boolean; onClick: () => void; id?: string }>) {
  return (
    <View className={`a-chip${on ? ' a-chip--on' : ''}`} onClick={onClick} id={id} ariaRole='button'>
      {on ? '✓ ' : ''}
      {children}
    </View>
  )
}

/** A checkbox line, for a list to pick any of (long labels wrap beside the box); its state said for screen readers. */
export function Check({ on, onClick, label, id }: { on: boolean; onClick: () => void; label: string; id?: string }) {
  return (
    <View className={`a-check${on ? ' a-check--on' : ''}`} onClick={onClick} id={id} ariaRole='checkbox' ariaLabel={`${label}（${on ? '已勾选' : '未勾选'}）`}>
      <Text className='a-check__box'>{on ? '✓' : ''}</Text>
      <Text className='a-check__label'>{label}</Text>
    </View>
  )
}

export function AButton({
  children,
  onClick,
  kind = 'primary',
  busy = false,
  id,
}: PropsWithChildren<{ onClick: () => void; kind?: 'primary' | 'secondary' | 'danger'; busy?: boolean; id?: string }>) {
  return (
    <View className={`a-button a-button--${kind}${busy ? ' a-button--busy' : ''}`} onClick={busy ? undefined : onClick} id={id} ariaRole='button'>
      {busy ? '请稍候…' : children}
    </View>
  )
}

/** A labelled field with its error under it. */
export function AField({ label, error, children, id, hint }: { label: string; error?: string | null; children: ReactNode; id?: string; hint?: string }) {
  return (
    <View className={`a-field${error ? ' a-field--error' : ''}`} id={id}>
      <Text className='a-field__label'>{label}</Text>
      {hint ? <Text className='a-field__hint'>{hint}</Text> : null}
      {children}
      {error ? <Text className='a-field__error'>{error}</Text> : null}
    </View>
  )
}
