// 实名认证: who the person is, checked once per WeChat account before any filing. Says why it is
// asked and what happens to the data, asks name, ID type and number (the rules' own messages, zod-
// free: this page is in the main package), then — weapp — WeChat 人脸核身 on a session the backend
// starts, or — H5, the local demo — the server's stand-in, labelled as such on the page. When done,
// back to where the person came from (`?next=`: the wizard), else the page below, else home.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '../../components/Button'
import { ChoiceList } from '../../components/ChoiceList'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { PrivacyGate } from '../../components/PrivacyGate'
import { PrivacyNotice } from '../../components/PrivacyNotice'
import { Tick } from '../../components/Tick'
import { FieldError } from '../../components/FieldError'
import { PRIVACY_NOTICE } from '../../rules/privacy'
import { Screen } from '../../components/Screen'
import { formatChineseDate, shanghaiDate } from '../../rules/core'
import { ID_TYPES, ID_TYPE_LABELS } from '../../rules/identity'
import { callApi } from '../../services/api'
import { identityCheck, runFaceCheck } from '../../services/face-verify'
import {
  CONSENT,
  CONSENT_MISSING,
  ID_NUMBER_HINTS,
  METHOD_LABELS,
  afterVerify,
  checkIdentityForm,
  claimOf,
  verifyIdentity,
  type IdentityErrors,
  type IdentityForm,
  type IdentityView,
  type VerifiedIdentity,
  type VerifyReply,
} from './model'
import './index.scss'
import { redirect, relaunch } from '../../services/navigation'

const STANDIN = identityCheck === 'dev_standin'

/** Why we ask: filing data is sensitive, one account is one person, a 代办 needs the agent verified too. */
const WHY = [
  '备案信息（证件号码、就医地、证明材料）属于个人敏感信息，只能由本人或本人的家人代为办理和查看。',
  '一个微信账号对应一个人：认证以后，用您的证件号码办理的备案（包括家人为您代办的）都会显示在您的首页，您可以查看，也可以取消。',
  '为家人办理备案（代办），也要先认证您本人：备案上会记录代办人，经办机构会核验代办关系。',
]

const PRIVACY_ITEMS = [
  { item: '姓名、证件类型和证件号码', why: '核实您是本人，办理和查看您的备案' },
  ...(STANDIN ? [] : [{ item: '人脸核身', why: '由微信和公安部门的核验服务比对本人，结果告诉我们是否通过' }]),
]

const PRIVACY_NOTE =
  '姓名和证件号码只用于异地就医备案，与备案记录同期保存。人脸信息由微信和公安部门的核验服务处理，我们不接收、也不保存您的人脸照片或视频。'

function go(next: string | undefined) {
  const to = afterVerify(next, Taro.getCurrentPages().length)
  if (to.kind === 'redirect') redirect(to.url)
  else if (to.kind === 'back') void Taro.navigateBack()
  else relaunch('/pages/index/index')
}

type Loaded = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'done'; identity: IdentityView }

export default function VerifyPage() {
  const next = useRouter().params.next
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const [editing, setEditing] = useState(false)
  const [form, setForm] = useState<IdentityForm>({ name: '', idType: 'resident_id', idNumber: '' })
  const [errors, setErrors] = useState<IdentityErrors>({})
  const [notice, setNotice] = useState<{ title: string; message: string } | null>(null)
  const [busy, setBusy] = useState(false)
  // 第二十九条: ticked by the person, never pre-ticked.
  const [agreed, setAgreed] = useState(false)

  const load = async () => {
    const reply = await callApi<IdentityView>('filing', 'identity')
    setLoaded(reply.ok ? { status: 'done', identity: reply.data } : { status: 'failed', message: reply.error.message })
  }

  useDidShow(() => {
    void load()
  })

  const set = <K extends keyof IdentityForm>(key: K, value: IdentityForm[K]) => {
    setForm((previous) => ({ ...previous, [key]: value }))
    setErrors((previous) => ({ ...previous, [key]: undefined, ...(key === 'idType' ? { idNumber: undefined } : {}) }))
  }

  const submit = async () => {
    if (busy) return
    const today = shanghaiDate(new Date())
    const found = checkIdentityForm(form, today)
    setNotice(null)
    if (!agreed) found.consent = CONSENT_MISSING
    if (Object.keys(found).length > 0) return setErrors(found)
    setBusy(true)
    const outcome = await verifyIdentity(claimOf(form, today), {
      verify: (claim) => callApi<VerifyReply>('filing', 'verifyIdentity', claim),
      face: runFaceCheck,
    })
    setBusy(false)
    switch (outcome.kind) {
      case 'verified':
        setLoaded({ status: 'done', identity: outcome.identity })
        setEditing(false)
        void Taro.showToast({ title: '认证成功', icon: 'success', duration: 1200 })
        setTimeout(() => go(next), 600)
        return
      case 'invalid':
        setErrors(outcome.errors)
        if (outcome.errors['']) setNotice({ title: '没有认证成功', message: outcome.errors[''] })
        return
      case 'face':
        setNotice({ title: outcome.cancelled ? '人脸核身已取消' : '人脸核身没有完成', message: outcome.message })
        return
      case 'failed':
        setNotice({ title: outcome.code === 'RATE_LIMITED' ? '操作太频繁' : '没有认证成功', message: outcome.message })
    }
  }

  /** Verified under rules that have changed since: agree again, without a new face check. */
  const reconsent = async () => {
    if (busy) return
    if (!agreed) return setErrors({ consent: CONSENT_MISSING })
    setBusy(true)
    const reply = await callApi<VerifiedIdentity>('filing', 'consent', { consent: CONSENT })
    setBusy(false)
    if (!reply.ok) return setNotice({ title: '没有保存您的同意', message: reply.error.message })
    setLoaded({ status: 'done', identity: reply.data })
    go(next)
  }

  const consentTick = (
    <View className='section'>
      <Text className='section__title'>请阅读并同意</Text>
      <View className='card'>
        <PrivacyNotice />
      </View>
      <Tick
        id='consent-tick'
        checked={agreed}
        error={Boolean(errors.consent)}
        onToggle={() => {
          setAgreed((previous) => !previous)
          setErrors((previous) => ({ ...previous, consent: undefined }))
        }}
        label={PRIVACY_NOTICE.sensitiveConsent}
      />
      <FieldError message={errors.consent} />
    </View>
  )

  /** The consent, then what went wrong with the last attempt: above either button. */
  const consentAndNotice = (
    <View>
      {consentTick}
      {notice ? (
        <Notice kind='warn' title={notice.title} className='vf-notice'>
          {notice.message}
        </Notice>
      ) : null}
    </View>
  )

  const identity = loaded.status === 'done' && loaded.identity.verified ? loaded.identity : null
  const outdated = identity !== null && !identity.consentCurrent && !editing
  const showForm = loaded.status !== 'loading' && (identity === null || editing)

  return (
    <Screen className='vf'>
      <Text className='screen__title'>实名认证</Text>
      <Text className='screen__lead'>办理异地就医备案前，请先认证您本人的身份。只需认证一次。</Text>

      {STANDIN ? (
        <Notice kind='warn' title='本地演示：不做人脸核身，直接按您填写的信息认证' className='vf-standin'>
          这里没有微信，所以本地服务器不核验人脸，直接认可您填写的姓名和证件号码。正式的小程序里，要通过微信人脸核身才能认证。
        </Notice>
      ) : null}

      {loaded.status === 'loading' ? <Text className='muted'>正在读取您的认证信息…</Text> : null}
      {loaded.status === 'failed' ? (
        <Notice kind='warn' title='没能读取您的认证信息'>
          {loaded.message}
        </Notice>
      ) : null}

      {identity ? <Verified identity={identity} /> : null}
      {outdated ? (
        <View>
          <Notice kind='warn' title='个人信息处理规则已更新'>
            继续办理前，请阅读更新后的规则并重新同意。不需要重新人脸核身。
          </Notice>
          {consentAndNotice}
          <Button loading={busy} loadingText='正在保存…' onClick={() => void reconsent()} id='consent-submit'>
            同意并继续
          </Button>
        </View>
      ) : null}
      {identity && !editing && !outdated ? (
        <View className='vf-actions'>
          <Button onClick={() => go(next)} id='verify-continue'>
            {next ? '继续办理' : '返回'}
          </Button>
          <View className='link' onClick={() => setEditing(true)} id='verify-again'>
            <Text>信息有误，重新认证</Text>
          </View>
        </View>
      ) : null}

      {identity === null || editing ? (
        <View className='section'>
          <Text className='section__title'>为什么要实名认证</Text>
          <View className='card vf-why'>
            {WHY.map((line) => (
              <Text className='vf-why__item' key={line}>
                · {line}
              </Text>
            ))}
          </View>
        </View>
      ) : null}

      {showForm ? (
        <PrivacyGate items={PRIVACY_ITEMS} note={PRIVACY_NOTE}>
          <View className='section' id='verify-form'>
            <Text className='section__title'>请填写您本人的信息</Text>
            <Field
              label='姓名'
              hint='与证件上的姓名一致'
              name='name'
              maxlength={40}
              value={form.name}
              onInput={(value) => set('name', value)}
              error={errors.name}
            />
            <ChoiceList
              question='证件类型'
              options={ID_TYPES.map((type) => ({ value: type, title: ID_TYPE_LABELS[type] }))}
              value={form.idType}
              onChange={(idType) => set('idType', idType)}
              error={errors.idType}
            />
            <Field
              label='证件号码'
              hint={ID_NUMBER_HINTS[form.idType]}
              name='idNumber'
              type={form.idType === 'resident_id' ? 'idcard' : 'text'}
              maxlength={24}
              value={form.idNumber}
              onInput={(value) => set('idNumber', value)}
              error={errors.idNumber}
            />
            {consentAndNotice}
            <Button loading={busy} loadingText={STANDIN ? '正在认证…' : '正在核身…'} onClick={() => void submit()} id='verify-submit'>
              {STANDIN ? '认证（本地演示）' : '开始人脸核身'}
            </Button>
            {!STANDIN ? <Text className='muted'>点击后，微信会打开摄像头，请按提示完成核身。</Text> : null}
          </View>
        </PrivacyGate>
      ) : null}
    </Screen>
  )
}

function Verified({ identity }: { identity: VerifiedIdentity }) {
  const lines = [
    `姓名：${identity.name}`,
    `${identity.idTypeLabel}：${identity.idNumberMasked}`,
    `认证方式：${METHOD_LABELS[identity.method]}`,
    `认证日期：${formatChineseDate(shanghaiDate(new Date(identity.verifiedAt)))}`,
  ]
  return (
    <Notice kind='success' title='您已完成实名认证' className='vf-done'>
      <View id='verify-identity'>
        {lines.map((line) => (
          <Text className='notice__text' key={line}>
            {line}
          </Text>
        ))}
      </View>
    </Notice>
  )
}
