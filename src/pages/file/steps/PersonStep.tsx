// 个人信息: document type and number, name, phone, address (optional). Gender and birth date come
// from the number and are shown, never asked (an old foreign permanent resident card carries no
// gender: then that is said). 大同 also asks the insurance type: its benefits depend on it.
// 本人: the name and ID type come filled in from 实名认证, and the number's hint shows the verified
// one masked. 为家人办理: the same questions, about the family member (the 参保人).
import { Text, View } from '@tarojs/components'
import type { InputProps } from '@tarojs/components'
import {
  GENDER_LABELS,
  ID_TYPES,
  ID_TYPE_LABELS,
  INSURANCE_TYPES,
  INSURANCE_TYPE_LABELS,
  checkIdNumber,
  formatChineseDate,
} from '../../../rules'
import { ChoiceList } from '../../../components/ChoiceList'
import { Field } from '../../../components/Field'
import { ID_NUMBER_HINTS } from '../../verify/model'
import { profileOf } from '../../../lib/filing-view'
import type { Draft } from '../draft'
import { benefitsDependOnInsuranceType } from '../payload'
import type { StepProps } from '../types'

/** weapp: the number pad; H5: `tel` (a browser's type=number drops spaces and maxlength, and scrolls the value). */
export const PHONE_INPUT = (process.env.TARO_ENV === 'h5' ? 'tel' : 'number') as InputProps['type']

export function PersonStep({ draft, update, errors, setError, context }: StepProps) {
  const profile = profileOf(draft)
  const { applicant } = draft
  const id = applicant.idNumber.trim() ? checkIdNumber(applicant.idType, applicant.idNumber, context.today) : null
  const family = draft.forWhom === 'family'
  // 本人 whose verified identity has another document type: its hint would not fit.
  const verified = !family && context.identity && context.identity.idType === applicant.idType ? context.identity : null

  function set<K extends keyof Draft['applicant']>(key: K, value: Draft['applicant'][K]) {
    update((previous) => ({ ...previous, applicant: { ...previous.applicant, [key]: value } }))
    setError(`applicant.${key}`, null)
  }

  return (
    <View>
      {family ? (
        <>
          <Text className='screen__title'>请填写家人（参保人）的信息</Text>
          <Text className='screen__lead'>按家人证件上的内容填写。手机号码可以填家人的，也可以填您的：用于接收备案结果和到期提醒。</Text>
        </>
      ) : (
        <>
          <Text className='screen__title'>请填写您的个人信息</Text>
          <Text className='screen__lead'>按证件上的内容填写，姓名与您的实名认证一致。手机号码用于接收备案结果和到期提醒。</Text>
        </>
      )}

      <ChoiceList
        question='证件类型'
        options={ID_TYPES.map((type) => ({ value: type, title: ID_TYPE_LABELS[type] }))}
        value={applicant.idType}
        onChange={(idType) => {
          set('idType', idType)
          setError('applicant.idNumber', null)
        }}
        error={errors['applicant.idType']}
      />

      <Field
        label='证件号码'
        hint={verified ? `您实名认证的证件号码：${verified.idNumberMasked}` : ID_NUMBER_HINTS[applicant.idType]}
        name='idNumber'
        type={applicant.idType === 'resident_id' ? 'idcard' : 'text'}
        maxlength={24}
        value={applicant.idNumber}
        onInput={(value) => set('idNumber', value)}
        error={errors['applicant.idNumber']}
      />
      {id && id.ok ? (
        <View className='fw-derived' id='derived-identity'>
          <Text className='fw-derived__title'>根据证件号码：</Text>
          <Text className='fw-derived__line'>
            性别：{id.gender ? GENDER_LABELS[id.gender] : '旧版外国人永久居留身份证号码中没有性别信息，以证件为准'}
          </Text>
          <Text className='fw-derived__line'>出生日期：{formatChineseDate(id.birthDate)}</Text>
        </View>
      ) : null}

      <Field
        label='姓名'
        hint={family ? '与家人证件上的姓名一致' : context.identity ? `与您实名认证的姓名一致：${context.identity.name}` : '与证件上的姓名一致'}
        name='name'
        maxlength={40}
        value={applicant.name}
        onInput={(value) => set('name', value)}
        error={errors['applicant.name']}
      />
      <Field
        label='手机号码'
        name='phone'
        type={PHONE_INPUT}
        maxlength={20}
        value={applicant.phone}
        onInput={(value) => set('phone', value)}
        error={errors['applicant.phone']}
      />
      <Field
        label='联系地址'
        optional
        hint='在就医地的住址，方便经办机构联系您'
        name='address'
        maxlength={100}
        value={applicant.address}
        onInput={(value) => set('address', value)}
        error={errors['applicant.address']}
      />

      {benefitsDependOnInsuranceType(profile) ? (
        <ChoiceList
          question='参保险种'
          hint={`${profile!.name}职工医保和城乡居民医保的报销比例不同。`}
          options={INSURANCE_TYPES.map((type) => ({ value: type, title: INSURANCE_TYPE_LABELS[type] }))}
          value={draft.insuranceType}
          onChange={(insuranceType) => {
            update((previous) => ({ ...previous, insuranceType }))
            setError('insuranceType', null)
          }}
          error={errors.insuranceType}
        />
      ) : null}
    </View>
  )
}
