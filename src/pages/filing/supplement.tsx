// 补充材料: staff reviewing a filing asked for more materials (the filing is 待补充材料). The page
// shows what they asked for: the materials they picked, by name, each with its own upload; or, for a
// request with a note only, one or more files (each of a kind the filing's rule lists), removable.
// Then a 说明, and submit (`filing.supplement`, with the `version` it
// read). Messages come from the rules' supplementSchema (the server's own) and sit under their field,
// with everything uploaded or typed kept; CONFLICT reloads the filing and says so.
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button } from '../../components/Button'
import { ChoiceList } from '../../components/ChoiceList'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { Screen } from '../../components/Screen'
import { StateTag } from '../../components/StateTag'
import type { MaterialKind } from '../../rules'
import { uploadProof } from '../../services/api'
import { useAction, type ActionFailure } from '../../services/use-action'
import { materialLabel, type FilingDetail } from '../../lib/filing-view'
import { checkSupplement, materialsRequestWords, stateLabel, supplementFieldOf, supplementKinds, supplementPayload, type SupplementField, type SupplementFile, type SupplementForm } from './model'
import { BackLink, DoneActions, Fact, FilingNumberFact, LoadingScreen, ProofUpload, ReasonField, backToDetail, scrollToTop } from './parts'
import { useFiling, useFilingId } from './use-filing'
import './filing.scss'

type Outcome = Exclude<ActionFailure, { kind: 'invalid' }>
type Errors = Partial<Record<SupplementField | 'kind', string>>

export default function SupplementPage() {
  const id = useFilingId()
  const { filing, failure, reload } = useFiling(id)
  const action = useAction('filing', { reload, fieldOf: supplementFieldOf })
  const submitting = action.busy
  const [files, setFiles] = useState<SupplementFile[]>([])
  const [kind, setKind] = useState<MaterialKind | null>(null)
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [uploading, setUploading] = useState<MaterialKind | null>(null)
  const [done, setDone] = useState<{ filing: FilingDetail; form: SupplementForm } | null>(null)

  if (!filing) return <LoadingScreen title='补充材料' className='fd fd-flow' id={id} failure={failure} onRetry={() => void reload()} />

  if (done) return <Supplemented filing={done.filing} form={done.form} />

  const request = materialsRequestWords(filing)
  if (!request) return <NotAsked filing={filing} outcome={outcome} />

  const kinds = supplementKinds(filing)
  const chosen = kind ?? (kinds.length === 1 ? kinds[0].kind : null)
  const form: SupplementForm = { files, note }

  const upload = async (of: MaterialKind | null) => {
    if (uploading || submitting) return
    if (!of) {
      setErrors((previous) => ({ ...previous, kind: '请先选择这份材料是什么' }))
      return
    }
    setUploading(of)
    const reply = await uploadProof()
    setUploading(null)
    if (!reply) return
    if (!reply.ok) {
      setErrors((previous) => ({ ...previous, materials: reply.error.message }))
      return
    }
    const file = { kind: of, fileId: reply.data.fileId, name: reply.data.name }
    // A requested material has one upload, replaced by the next; a note-only request's files add up.
    setFiles((previous) => (request.items.length > 0 ? [...previous.filter((kept) => kept.kind !== of), file] : [...previous, file]))
    // The next file is asked about afresh ("再上传一份：这份材料是什么？").
    setKind(null)
    setErrors((previous) => ({ ...previous, materials: undefined, kind: undefined }))
  }

  const remove = (fileId: string) => {
    setFiles((previous) => previous.filter((file) => file.fileId !== fileId))
  }

  const submit = async () => {
    if (submitting || uploading) return
    const local = checkSupplement(filing, form)
    if (Object.keys(local).length > 0) {
      setErrors(local)
      return
    }
    setOutcome(null)
    setErrors({})
    const result = await action.send<FilingDetail>('supplement', supplementPayload(filing, form))
    if (!result) return
    if (result.ok) {
      setDone({ filing: result.reloaded ?? { ...result.data, history: filing.history }, form })
      return scrollToTop()
    }
    const { failure } = result
    if (failure.kind === 'invalid') {
      setErrors(failure.errors)
      // Not under a field (the filing no longer waits for materials): read it again, so the page says where it stands.
      if (!failure.errors['']) return
      await reload()
    } else setOutcome(failure)
    scrollToTop()
  }

  return (
    <Screen className='fd fd-flow'>
      <BackLink label='返回备案详情' onClick={() => backToDetail(filing.id)} />
      <Text className='screen__title'>补充材料</Text>
      <Text className='screen__lead'>经办人员审核您的备案时，需要您再提供一些材料。上传后，经办人员会继续审核。</Text>

      {outcome?.kind === 'conflict' ? (
        <Notice kind='warn' title='请再提交一次' className='fd-outcome'>
          这份备案刚刚有了更新，已为您重新载入。您上传的材料和填写的说明都还在，请核对后再提交一次。
        </Notice>
      ) : null}
      {outcome && outcome.kind !== 'conflict' ? (
        <Notice kind='warn' title='没有提交成功' className='fd-outcome'>
          {outcome.message}
        </Notice>
      ) : null}
      {errors[''] ? (
        <Notice kind='warn' title='没有提交成功' className='fd-outcome'>
          {errors['']}
        </Notice>
      ) : null}

      <View className='card fd-asked' id='supplement-request'>
        <Text className='fd-asked__label'>经办人员的要求{request.stage ? `（${request.stage}）` : ''}</Text>
        {request.items.map((item, index) => (
          <Text className='fd-asked__note' key={item.kind}>
            {index + 1}. {item.label}
          </Text>
        ))}
        {request.note ? (
          <Text className='fd-asked__note' userSelect>
            {request.note}
          </Text>
        ) : null}
        <Text className='fd-asked__meta'>提出时间：{request.askedAt}</Text>
      </View>

      {request.items.length > 0 ? (
        <Field label='要补充的材料' hint='每一份拍照或选择图片、PDF 文件上传；传错了可以重新上传。' error={errors.materials}>
          <View id='supplement-files'>
            {request.items.map((item, index) => (
              <ProofUpload
                key={item.kind}
                id={`supplement-${item.kind}`}
                title={`${index + 1}. ${item.label}`}
                note={item.note}
                file={files.find((file) => file.kind === item.kind)}
                busy={uploading === item.kind}
                onUpload={() => void upload(item.kind)}
              />
            ))}
          </View>
        </Field>
      ) : (
        <Field
          label='要补充的材料'
          hint='可以上传多份：每一份先选是什么材料，再拍照或选择图片、PDF 文件。'
          error={errors.materials}
        >
          <View className='fd-files' id='supplement-files'>
            {files.length === 0 ? <Text className='fd-files__none'>还没有上传材料。</Text> : null}
            {files.map((file, index) => (
              <View className='fd-file' key={file.fileId}>
                <Text className='fd-file__kind'>
                  第{index + 1}份：{materialLabel(file.kind)}
                </Text>
                <Text className='fd-file__name'>已上传：{file.name}</Text>
                <View className='link fd-file__remove' onClick={() => remove(file.fileId)} id={`supplement-remove-${index + 1}`}>
                  <Text>删除这份</Text>
                </View>
              </View>
            ))}
          </View>
          {kinds.length === 1 ? (
            <Text className='fd-files__none'>材料类型：{kinds[0].label}</Text>
          ) : (
            <ChoiceList
              question={files.length > 0 ? '再上传一份：这份材料是什么？' : '这份材料是什么？'}
              options={kinds.map((option) => ({ value: option.kind, title: option.label, description: option.note ?? undefined }))}
              value={chosen}
              error={errors.kind}
              onChange={(value) => {
                setKind(value)
                setErrors((previous) => ({ ...previous, kind: undefined }))
              }}
            />
          )}
          <Button variant='secondary' loading={uploading !== null} loadingText='正在上传…' onClick={() => void upload(chosen)} id='supplement-upload'>
            {files.length > 0 ? '再上传一份' : '上传照片或 PDF'}
          </Button>
        </Field>
      )}

      <ReasonField
        label='说明'
        optional
        id='supplement-note'
        hint='想对经办人员说的话，例如“已补充劳动合同首页”。'
        value={note}
        error={errors.note}
        onInput={(value) => {
          setNote(value)
          if (errors.note) setErrors((previous) => ({ ...previous, note: undefined }))
        }}
      />

      <Button onClick={() => void submit()} loading={submitting} loadingText='正在提交…' id='supplement-submit'>
        提交补充材料
      </Button>
      <View className='link fd-home' onClick={() => backToDetail(filing.id)} id='supplement-leave'>
        <Text>先不补充，返回备案详情</Text>
      </View>
    </Screen>
  )
}

/** The filing does not wait for materials (any more): where it stands, and the way back. */
function NotAsked({ filing, outcome }: { filing: FilingDetail; outcome: Outcome | null }) {
  return (
    <Screen className='fd fd-flow'>
      <Text className='screen__title'>补充材料</Text>
      {outcome?.kind === 'conflict' ? (
        <Notice kind='warn' title='这份备案刚刚有了更新' className='fd-outcome'>
          已为您重新载入。
        </Notice>
      ) : null}
      <Notice kind='info' title='现在不需要补充材料' className='fd-outcome'>
        {`经办人员现在没有要求这份备案补充材料。备案现在的状态：${stateLabel(filing)}。`}
      </Notice>
      <Button onClick={() => backToDetail(filing.id)} id='supplement-back'>
        返回备案详情
      </Button>
    </Screen>
  )
}

function Supplemented({ filing, form }: { filing: FilingDetail; form: SupplementForm }) {
  const note = form.note.trim()
  return (
    <Screen className='fd fd-flow'>
      <View className='fd-done' id='supplement-done'>
        <StateTag state={filing.state} />
        <Text className='fd-done__title'>已补充材料</Text>
        <Text className='fd-done__text'>经办人员会继续审核，结果会显示在备案详情和首页。</Text>
      </View>
      <View className='card fd-facts'>
        {form.files.map((file, index) => (
          <Fact key={file.fileId} label={`第${index + 1}份：${materialLabel(file.kind)}`} value={file.name} />
        ))}
        {note ? <Fact label='说明' value={note} /> : null}
        <FilingNumberFact id={filing.id} />
      </View>
      <DoneActions filingId={filing.id} flow='supplement' />
    </Screen>
  )
}
