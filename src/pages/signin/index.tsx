// H5 only in practice: the local demo's sign-in. The person picks who the local server should take
// them for (the X-Dev-Openid header); in the mini-program the identity is the WeChat account.
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button } from '../../components/Button'
import { ChoiceList, type Choice } from '../../components/ChoiceList'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { Screen } from '../../components/Screen'
import { CATEGORIES, findProfile, type Category } from '../../rules/core'
import { DEV_OPENID, getDevOpenid, setDevOpenid } from '../../services/identity'
import './index.scss'
import { relaunch } from '../../services/navigation'

/** The people `npm start` files demo filings for (src/backend/demo.ts), and the default staff id. */
const DEMO_PEOPLE: { openid: string; name: string; policyId: string; category: Category }[] = [
  { openid: 'demo-wang', name: '王秀兰', policyId: 'dazhou', category: 'resettled_retiree' },
  { openid: 'demo-li', name: '李建国', policyId: 'shanxi-provincial', category: 'long_term_resident' },
  { openid: 'demo-zhao', name: '赵玉珍', policyId: 'jining', category: 'other_temporary' },
  { openid: 'demo-chen', name: '陈志强', policyId: 'datong', category: 'resident_worker' },
  { openid: 'demo-sun', name: '孙桂芝', policyId: 'liaoning-provincial', category: 'resettled_retiree' },
]

/** The local server's default staff (src/backend/server/main.ts): three reviewers and a look-up-only one. */
const STAFF: { openid: string; title: string; description: string }[] = [
  { openid: 'admin-dev', title: '经办人员（一）', description: '审核、抽查、登记住院，查询和导出' },
  { openid: 'admin-dev2', title: '经办人员（二）', description: '同上；辽宁的三级审核要由不同的人办理' },
  { openid: 'admin-dev3', title: '经办人员（三）', description: '同上' },
  { openid: 'query-dev', title: '查询人员', description: '只能查询、查看和导出，不能审核' },
]
const isStaff = (openid: string) => STAFF.some((member) => member.openid === openid)
const OTHER = 'other'

const choices: Choice<string>[] = [
  ...DEMO_PEOPLE.map(({ openid, name, policyId, category }) => ({
    value: openid,
    title: `${name}（${findProfile(policyId)?.name ?? policyId}参保）`,
    description: `${CATEGORIES[category].label}，已有一条演示备案。身份：${openid}`,
  })),
  ...STAFF.map(({ openid, title, description }) => ({ value: openid, title, description: `进入经办后台：${description}。身份：${openid}` })),
  { value: OTHER, title: '其他身份', description: '自己输入一个身份，从没有备案的新用户开始。' },
]

export default function SignIn() {
  const current = getDevOpenid()
  const known = choices.some((choice) => choice.value === current)
  const [choice, setChoice] = useState<string | null>(current ? (known ? current : OTHER) : null)
  const [custom, setCustom] = useState(current && !known ? current : '')
  const [error, setError] = useState<string | null>(null)
  const [customError, setCustomError] = useState<string | null>(null)

  const enter = () => {
    if (!choice) return setError('请选择一个身份')
    const openid = choice === OTHER ? custom.trim() : choice
    if (choice === OTHER && !DEV_OPENID.test(openid)) {
      return setCustomError(openid ? '身份只能用字母、数字、- 和 _，最多64个字符' : '请输入一个身份，例如 demo-new')
    }
    setDevOpenid(openid)
    relaunch(isStaff(openid) ? '/admin/index' : '/pages/index/index')
  }

  return (
    <Screen className='signin'>
      <Text className='screen__title'>选择演示身份</Text>
      <Notice kind='info' title='这是本地演示的登录'>
        这里没有微信，所以请您选一个演示身份，本地服务器会把您当作这个人。正式的小程序里，身份就是您的微信账号，不会出现这个页面。
      </Notice>
      <Notice kind='info' title='进入后还要实名认证（本地演示）' className='signin__verify'>
        办理备案前，会请您填写姓名和证件号码做实名认证。本地演示不做人脸核身，直接按您填写的信息认证；正式的小程序里要通过微信人脸核身。
      </Notice>
      {current ? <Text className='muted signin__current'>当前身份：{current}</Text> : null}
      <ChoiceList
        question='您想以谁的身份进入？'
        options={choices}
        value={choice}
        onChange={(value) => {
          setChoice(value)
          setError(null)
        }}
        error={error}
      />
      {choice === OTHER ? (
        <Field
          label='身份'
          hint='字母、数字、- 或 _，例如 demo-new'
          value={custom}
          onInput={(value) => {
            setCustom(value)
            setCustomError(null)
          }}
          error={customError}
          maxlength={64}
        />
      ) : null}
      <View className='signin__actions'>
        <Button onClick={enter}>进入</Button>
      </View>
    </Screen>
  )
}
