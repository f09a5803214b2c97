// The change flow's screens (pages/filing/change.tsx shows one at a time): which circumstance, the
// new value, and the reason with the change to check before it is submitted.
import { Text, View } from '@tarojs/components'
import type { InputProps } from '@tarojs/components'
import { ChoiceList } from '../../components/ChoiceList'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { changeAvailability } from '../../lib/availability'
import type { FilingDetail } from '../../lib/filing-view'
import { MATERIALS, filedRuleOf, formatChineseDate, shanghaiDate, startWindow, validUntil } from '../../rules'
import { DateBox } from '../file/parts/DateBox'
import { RegionSelect } from '../file/parts/RegionSelect'
import { INSURANCE_CHOICES, NO_EXCEPTION, TARGET_TITLES, changeReviewNote, changeSummary, requiredProof, type ChangeForm } from './change-flow'
import { Locked } from './change-outcomes'
import { ReasonField } from './parts'

/** weapp: the number pad; H5: `tel` (as the wizard: a browser's type=number drops spaces and maxlength). */
const PHONE_INPUT = (process.env.TARO_ENV === 'h5' ? 'tel' : 'number') as InputProps['type']

interface StepProps {
  filing: FilingDetail
  form: ChangeForm
  errors: Record<string, string>
  update: (change: Partial<ChangeForm>) => void
}

export function ExceptionStep({ filing, form, errors, update, onContact, onLeave }: StepProps & { onContact: () => void; onLeave: () => void }) {
  const availability = changeAvailability(filing)
  const options = [
    ...availability.exceptions.map((exception) => ({ value: exception.code, title: exception.label, description: `需要上传：${exception.proof.join('；')}` })),
    { value: NO_EXCEPTION, title: '以上都不是', description: notExceptionWords(availability.opensOn) },
  ]
  return (
    <View>
      <Text className='screen__title'>您属于下面哪种情形？</Text>
      <Notice kind='info' title={availability.headline}>
        在那以前，只有下面这些情形可以现在变更，需要上传证明材料。
      </Notice>
      <ChoiceList
        question={`变更${TARGET_TITLES[form.target ?? 'destination']}的原因`}
        options={options}
        value={form.exception}
        error={form.exception === NO_EXCEPTION ? null : errors.exception}
        onChange={(exception) => update({ exception, materials: {} })}
      />
      {form.exception === NO_EXCEPTION ? (
        <Locked outcome={{ allowedFrom: availability.opensOn ?? undefined, message: availability.message ?? '' }} filing={filing} onContact={onContact} onLeave={onLeave} quiet />
      ) : null}
    </View>
  )
}

/** "以上都不是": from when the ordinary change opens, said plainly. */
function notExceptionWords(opensOn: string | null): string {
  return opensOn ? `要等到${formatChineseDate(opensOn)}才能变更` : '现在不能变更'
}

export function ValueStep({ filing, form, errors, update, setErrors }: StepProps & { setErrors: (errors: Record<string, string>) => void }) {
  switch (form.target) {
    case 'destination':
      return (
        <View>
          <Text className='screen__title'>新的就医地是哪里？</Text>
          <Text className='screen__lead'>现在的就医地：{filing.destination.name}。先选省份，再选城市。</Text>
          <RegionSelect
            name='change-destination'
            value={form.destination}
            provinceLabel='就医省份'
            cityLabel='就医城市'
            provinceError={errors['patch.destination.provinceCode'] ?? errors['patch.destination']}
            cityError={errors['patch.destination.cityCode']}
            onChange={(destination) => {
              update({ destination })
              setErrors({})
            }}
          />
        </View>
      )
    case 'phone':
      return (
        <View>
          <Text className='screen__title'>新的联系电话</Text>
          <Text className='screen__lead'>办理进度有变化时，经办机构会打这个电话联系您。</Text>
          <Field
            label='手机号码'
            hint={`现在的号码：${filing.applicant.phone}`}
            type={PHONE_INPUT}
            name='phone'
            maxlength={20}
            value={form.phone}
            error={errors['patch.phone']}
            onInput={(phone) => update({ phone })}
          />
        </View>
      )
    case 'address':
      return (
        <View>
          <Text className='screen__title'>新的联系地址</Text>
          <Text className='screen__lead'>写您在就医地的住址就可以，最多100个字。</Text>
          <Field
            label='联系地址'
            optional
            hint={`现在的地址：${filing.applicant.address || '未填写'}`}
            name='address'
            maxlength={100}
            value={form.address}
            error={errors['patch.address']}
            onInput={(address) => update({ address })}
          />
        </View>
      )
    case 'startDate':
      return <StartDateValue filing={filing} form={form} errors={errors} update={update} />
    case 'insuranceType':
      return (
        <ChoiceList
          question='您现在参加的是哪种医疗保险？'
          options={INSURANCE_CHOICES}
          value={form.insuranceType}
          error={errors['patch.insuranceType']}
          onChange={(insuranceType) => update({ insuranceType })}
        />
      )
    default:
      return null
  }
}

/** A new start date, from the window the rules allow today (补办 back, a bounded time ahead). */
function StartDateValue({ filing, form, errors, update }: StepProps) {
  const rule = filedRuleOf(filing)
  const today = shanghaiDate(new Date())
  if (!rule) return null
  const window = startWindow(rule, today)
  const chosen = form.startDate
  const end = chosen ? validUntil(rule.validity, chosen) : null
  return (
    <View>
      <Text className='screen__title'>新的开始日期</Text>
      <Text className='screen__lead'>
        现在的开始日期：{formatChineseDate(filing.startDate)}。备案生效前可以改。{window.description}
      </Text>
      <Field label='开始日期' hint='点下面的日期框选择' error={errors['patch.startDate']}>
        <DateBox
          id='change-start-date'
          value={chosen}
          today={today}
          start={window.earliest}
          end={window.latest}
          error={errors['patch.startDate']}
          onChange={(startDate) => update({ startDate })}
        />
      </Field>
      {chosen ? (
        <Notice className='fw-gap' title='变更后的有效期'>
          {end ? `${formatChineseDate(chosen)}至${formatChineseDate(end)}` : `自${formatChineseDate(chosen)}起${rule.validity.kind === 'single_settlement' ? '有效，一次住院结算有效' : '长期有效'}`}
        </Notice>
      ) : null}
    </View>
  )
}

export function ReasonStep({ filing, form, errors, update }: StepProps) {
  const summary = changeSummary(filing, form)
  const proof = requiredProof(filing, form)
  const review = changeReviewNote(filing, form)
  return (
    <View>
      <Text className='screen__title'>请核对，并写明原因</Text>
      {review ? (
        <Notice kind='info' title='变更需要审核'>
          <Text className='notice__text' id='change-review-note'>
            {review}
          </Text>
        </Notice>
      ) : null}
      {summary ? (
        <View className='card fd-summary' id='change-summary'>
          <View className='fd-summary__row'>
            <Text className='fd-summary__label'>{summary.label}（原来）</Text>
            <Text className='fd-summary__before'>{summary.before}</Text>
          </View>
          <View className='fd-summary__row'>
            <Text className='fd-summary__label'>{summary.label}（变更为）</Text>
            <Text className='fd-summary__after'>{summary.after}</Text>
          </View>
          {proof.map((kind) => (
            <View className='fd-summary__row' key={kind}>
              <Text className='fd-summary__label'>证明材料</Text>
              <Text className='fd-fact__value'>
                {MATERIALS[kind].label}：{form.materials[kind]?.name ?? '未上传'}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
      <ReasonField
        label='变更原因'
        hint='用一两句话说明为什么要变更，例如“搬到女儿家住”。'
        value={form.reason}
        error={errors.reason}
        onInput={(reason) => update({ reason })}
      />
    </View>
  )
}
