// 表格: a form the profile asks for (rules/forms.ts: 辽宁's 附表1 and the 申请书), shown as it prints,
// with who fills in what, and saved as a printable file (H5: a download; weapp: sent to a chat, e.g.
// 文件传输助手, to print on a computer). Opened from the proof step: /pages/file/form?form=<id>.
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { formById, type FormCell } from '../../rules/forms'
import { saveFile } from '../../services/save-file'
import { Button } from '../../components/Button'
import { FieldError } from '../../components/FieldError'
import { Notice } from '../../components/Notice'
import { Screen } from '../../components/Screen'
import { formHtml } from './form-html'
import './form.scss'

function Cell({ cell }: { cell: FormCell }) {
  const span = cell.span ?? 1
  const kind = 'label' in cell ? 'label' : 'text' in cell ? 'text' : 'blank'
  const text = 'label' in cell ? cell.label : 'text' in cell ? cell.text : ''
  return (
    <View className={`form-sheet__cell form-sheet__cell--${kind}`} style={{ flexGrow: span, flexBasis: 0 }}>
      <Text>{text}</Text>
    </View>
  )
}

export default function FormPage() {
  const router = useRouter()
  const form = formById(decodeURIComponent(router.params.form ?? ''))
  const [saved, setSaved] = useState<{ busy: boolean; done: boolean; error: string | null }>({ busy: false, done: false, error: null })

  if (!form) {
    return (
      <Screen className='form-page'>
        <Notice kind='warn' title='没有找到这份表格'>
          请返回上一页，重新打开表格链接。
        </Notice>
        <Button variant='secondary' onClick={() => void Taro.navigateBack()}>
          返回
        </Button>
      </Screen>
    )
  }

  const save = async () => {
    if (saved.busy) return
    setSaved({ busy: true, done: false, error: null })
    try {
      await saveFile(`${form.title}.html`, formHtml(form), 'text/html;charset=utf-8')
      setSaved({ busy: false, done: true, error: null })
    } catch (error) {
      setSaved({ busy: false, done: false, error: (error as Error).message })
    }
  }

  return (
    <Screen className='form-page'>
      <Text className='screen__title' id='form-title'>
        {form.title}
      </Text>
      <View className='card form-page__how' id='form-how'>
        <Text className='form-page__subtitle'>怎样办理</Text>
        {form.howTo.map((line, index) => (
          <Text key={line} className='form-page__step'>
            {index + 1}. {line}
          </Text>
        ))}
        <Text className='form-page__source'>依据：{form.source}</Text>
      </View>

      <View className='form-sheet' id='form-sheet'>
        {form.table
          ? form.table.rows.map((row, index) => (
              <View key={index} className='form-sheet__row'>
                {row.map((cell, at) => (
                  <Cell key={at} cell={cell} />
                ))}
              </View>
            ))
          : null}
        {form.letter?.map((line) => (
          <Text key={line} className='form-sheet__line'>
            {line}
          </Text>
        ))}
        {form.footnote ? <Text className='form-sheet__note'>{form.footnote}</Text> : null}
      </View>

      {saved.done ? (
        <Notice kind='success' title='已保存'>
          用电脑或手机的浏览器打开保存的文件，即可打印。
        </Notice>
      ) : null}
      {saved.error ? <FieldError message={saved.error} /> : null}
      <Button onClick={() => void save()} loading={saved.busy} loadingText='正在保存…' id='form-save'>
        保存表格（可打印）
      </Button>
      <Button variant='secondary' onClick={() => void Taro.navigateBack()} id='form-back'>
        返回
      </Button>
    </Screen>
  )
}
