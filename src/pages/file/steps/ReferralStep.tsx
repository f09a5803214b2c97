// 转诊信息 (referral patients only): the issuing hospital, its level, the certificate date, and
// the treating hospital where the profile's referral names one (辽宁). What the person must be told
// about the referral comes from `referralNotices`, the function `filing.preview` answers with: a
// hospital 医保科 that takes the referral through (大同, 山西), and a list of issuers the agency
// publishes that this service has not loaded (达州, 山西, 辽宁), which the person checks themselves.
import { Picker, Text, View } from '@tarojs/components'
import { HOSPITAL_LEVELS, HOSPITAL_LEVEL_INFO, formatChineseDate, referralIssuers, referralNotices } from '../../../rules'
import { ChoiceList } from '../../../components/ChoiceList'
import { Field } from '../../../components/Field'
import { Notice } from '../../../components/Notice'
import { SourceNote } from '../../../components/SourceNote'
import { profileOf } from '../../../lib/filing-view'
import type { Draft } from '../draft'
import type { StepProps } from '../types'

export function ReferralStep({ draft, update, errors, setError, context }: StepProps) {
  const profile = profileOf(draft)
  if (!profile) return <View />
  const { referral } = draft
  // Some issuers accept only people who hold a long-term filing (山西): name only those that apply.
  const holdsLongTerm = context.hasLongTermFiling === true
  const issuers = referralIssuers(profile, holdsLongTerm)
    .map((issuer) => issuer.description)
    .join('；')
  const notices = referralNotices(profile, holdsLongTerm)

  function set<K extends keyof Draft['referral']>(key: K, value: Draft['referral'][K]) {
    update((previous) => ({ ...previous, referral: { ...previous.referral, [key]: value } }))
    setError(`referral.${key}`, null)
    setError('referral', null)
  }

  return (
    <View>
      <Text className='screen__title'>请填写转诊信息</Text>
      <Text className='screen__lead'>照着转诊证明填写。{profile.name}可以开具转诊证明的是：{issuers}。</Text>

      {notices.hospitalHandles ? (
        <Notice title='转诊由医院办理'>
          <Text className='notice__text'>{notices.hospitalHandles.message}</Text>
          <SourceNote source={notices.hospitalHandles.source} />
        </Notice>
      ) : null}

      <Field
        label='开具转诊证明的医院'
        name='hospitalName'
        maxlength={50}
        value={referral.hospitalName}
        onInput={(value) => set('hospitalName', value)}
        error={errors['referral.hospitalName'] ?? errors.referral}
      />
      {notices.checkList ? (
        <Notice kind='warn' title='请核对医院名单'>
          {notices.checkList}
        </Notice>
      ) : null}

      <ChoiceList
        question='这家医院的等级'
        hint='医院等级一般写在医院门口或官网上，如“三级甲等”。'
        options={HOSPITAL_LEVELS.map((level) => ({ value: level, title: HOSPITAL_LEVEL_INFO[level].label }))}
        value={referral.hospitalLevel}
        onChange={(level) => set('hospitalLevel', level)}
        error={errors['referral.hospitalLevel']}
      />

      <Field label='转诊证明开具日期' hint='写在转诊证明上的日期' error={errors['referral.certificateDate']}>
        <Picker
          mode='date'
          value={referral.certificateDate ?? context.today}
          end={context.today}
          onChange={(event) => set('certificateDate', String(event.detail.value))}
        >
          <View className={`fw-date${errors['referral.certificateDate'] ? ' fw-date--error' : ''}`} id='certificate-date-picker'>
            <Text className={referral.certificateDate ? 'fw-date__value' : 'fw-date__placeholder'}>
              {referral.certificateDate ? formatChineseDate(referral.certificateDate) : '请选择日期'}
            </Text>
            <Text className='fw-date__icon'>选择 ›</Text>
          </View>
        </Picker>
      </Field>

      {profile.referral.namesTreatingHospital ? (
        <Field
          label='转往的医院'
          hint='转诊证明上写明的就医医院。一次转诊备案只对应这一家医院。'
          name='treatingHospitalName'
          maxlength={50}
          value={referral.treatingHospitalName}
          onInput={(value) => set('treatingHospitalName', value)}
          error={errors['referral.treatingHospitalName']}
        />
      ) : null}
    </View>
  )
}
