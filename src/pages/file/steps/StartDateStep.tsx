// 开始日期: the window the late-filing rule allows, said in words, and a date picker limited
// to it. The validity that follows from the chosen day is shown at once.
import { Text, View } from '@tarojs/components'
import { formatChineseDate, startWindow, validUntil } from '../../../rules'
import { Button } from '../../../components/Button'
import { Field } from '../../../components/Field'
import { Notice } from '../../../components/Notice'
import { chosenRuleOf } from '../payload'
import { DateBox } from '../parts/DateBox'
import type { StepProps } from '../types'

export function StartDateStep({ draft, update, errors, setError, context }: StepProps) {
  const rule = chosenRuleOf(draft)
  if (!rule) return <View />
  const { today } = context
  const window = startWindow(rule, today)
  const chosen = draft.startDate

  function choose(startDate: string) {
    update((previous) => ({ ...previous, startDate }))
    setError('startDate', null)
  }

  const end = chosen ? validUntil(rule.validity, chosen) : null
  const validity = !chosen
    ? null
    : rule.validity.kind === 'open_ended'
      ? `备案自${formatChineseDate(chosen)}起长期有效。`
      : rule.validity.kind === 'months'
        ? `备案有效期自${formatChineseDate(chosen)}至${formatChineseDate(end!)}，共${rule.validity.months}个月。`
        : `备案自${formatChineseDate(chosen)}起有效，一次转诊备案对应一次住院结算。`

  return (
    <View>
      <Text className='screen__title'>备案从哪一天开始？</Text>
      <Text className='screen__lead'>{window.description}</Text>
      <Field label='开始日期' hint='点下面的日期框选择' error={errors.startDate}>
        <DateBox id='start-date-picker' value={chosen} today={today} start={window.earliest} end={window.latest} error={errors.startDate} onChange={choose} />
      </Field>
      {chosen !== today ? (
        <Button variant='secondary' onClick={() => choose(today)}>
          从今天（{formatChineseDate(today)}）开始
        </Button>
      ) : null}
      {validity ? (
        <Notice className='fw-gap' title='有效期'>
          {validity}
        </Notice>
      ) : null}
    </View>
  )
}
