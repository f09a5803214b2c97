// A large, full-width button. `primary` for the one main action of a screen, `secondary` for the rest.
// While `loading` it cannot be tapped again and says what is happening.
import { Button as TaroButton } from '@tarojs/components'
import type { ButtonProps as TaroButtonProps } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

export interface ButtonProps {
  children: ReactNode
  variant?: 'primary' | 'secondary'
  loading?: boolean
  /** Shown instead of the label while loading. */
  loadingText?: string
  disabled?: boolean
  onClick?: () => void
  className?: string
  id?: string
  /** WeChat open abilities, e.g. `agreePrivacyAuthorization` (PrivacyGate). */
  openType?: TaroButtonProps['openType']
  onAgreePrivacyAuthorization?: TaroButtonProps['onAgreePrivacyAuthorization']
}

export function Button({
  children,
  variant = 'primary',
  loading = false,
  loadingText = '请稍候…',
  disabled = false,
  onClick,
  className,
  id,
  openType,
  onAgreePrivacyAuthorization,
}: ButtonProps) {
  const inactive = disabled || loading
  const classes = ['btn', `btn--${variant}`, inactive ? 'btn--inactive' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <TaroButton
      {...(id ? { id } : {})}
      className={classes}
      disabled={inactive}
      hoverClass='btn--pressed'
      openType={openType}
      onAgreePrivacyAuthorization={onAgreePrivacyAuthorization}
      onClick={() => {
        if (!inactive) onClick?.()
      }}
    >
      {loading ? loadingText : children}
    </TaroButton>
  )
}

export default Button
