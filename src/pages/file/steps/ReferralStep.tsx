// 第 7 步 转诊信息 (referral patients only): the issuing hospital, its level, the certificate date, and
// the treating hospital where the profile's referral names one (辽宁).
import { Picker, Text, View } from '@tarojs/components'
import { HOSPITAL_LEVELS, HOSPITAL_LEVEL_INFO, formatChineseDate } from '../../../rules'
import { ChoiceList } from '../../../components/ChoiceList'
import { Field } from '../../../components/Field'
import { profileOf, type Draft } from '../flow'
import type { StepProps } from '../types'

export function ReferralStep({ draft, update, errors, setError, context }: StepProps) {
  const profile = profileOf(draft)
  if (!profile) return <View />
  const { referral } = draft
  const issuers = profile.referral.issuers.map((issuer) => issuer.description).join('；')

  function set<K extends keyof Draft['referral']>(key: K, value: Draft['referral'][K]) {
    update((previous) => ({ ...previous, referral: { ...previous.referral, [key]: value } }))
    setError(`referral.${key}`, null)
    setError('referral', null)
  }

  return (
    <View>
      <Text className='screen__title'>请填写转诊信息</Text>
      <Text className='screen__lead'>照着转诊证明填写。{profile.name}可以开具转诊证明的是：{issuers}。</Text>

      <Field
        label='开具转诊证明的医院'
        name='hospitalName'
        maxlength={50}
        value={referral.hospitalName}
        onInput={(value) => set('hospitalName', value)}
        error={errors['referral.hospitalName'] ?? errors.referral}
      />

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
