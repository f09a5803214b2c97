// Forms a profile asks for that people cannot get anywhere else online: the seed's own 附表, as data
// the pages render and save as a printable file (issue 16, item 10). Keyed by profile and material
// kind; a form whose text the seed does not give is our wording, and says so (`source`).
import type { MaterialKind } from './vocabulary'

/** One cell of a form's table: a label, a blank to fill in by hand, or fixed text; `span` columns wide. */
export type FormCell = { label: string; span?: number } | { blank: true; span?: number } | { text: string; span?: number }

export interface PrintableForm {
  id: string
  policyId: string
  kind: MaterialKind
  title: string
  /** Who fills it in, who signs or stamps it, where it goes. */
  howTo: string[]
  /** A table (the seed's 附表), row by row, in `columns` columns. */
  table?: { columns: number; rows: FormCell[][] }
  /** A letter, paragraph by paragraph (blanks written as ＿＿). */
  letter?: string[]
  footnote?: string
  source: string
}

const blank = (span = 1): FormCell => ({ blank: true, span })

/** 002 附表1, cell for cell as the seed prints it. */
const LIAONING_SETTLEMENT_FORM: PrintableForm = {
  id: 'liaoning-settlement-form',
  policyId: 'liaoning-provincial',
  kind: 'direct_settlement_form',
  title: '辽宁省省直机关事业单位基本医疗保险异地就医住院医疗费直接结算申报表',
  howTo: [
    '打印本表，由申请人填写个人信息。',
    '交参保单位：由单位经办人填写、签章，并加盖单位公章（“申报人单位意见”栏）。',
    '“省社保局意见”栏由省社保局填写，申请人不要填写。',
    '盖章后拍照或扫描，在备案的“上传证明材料”一步上传；原件按参保单位要求交回。',
  ],
  table: {
    columns: 6,
    rows: [
      [{ label: '申请人姓名' }, blank(), { label: '性别' }, blank(), { label: '个人电脑编号（社保卡卡号）' }, blank()],
      [{ label: '年龄' }, blank(), { label: '险种' }, { text: '职工' }, { label: '社会保障号（身份证号码）' }, blank()],
      [{ label: '人员类别' }, { text: '在职（　）　退休（　）' }, { label: '申请类别' }, { text: '在职驻外（　）　异地安置（　）　异地长期居住（　）', span: 3 }],
      [{ label: '单位经办人' }, blank(3), { label: '电话' }, blank()],
      [{ label: '单位地址及邮政编号' }, { text: '邮编：　　　　　　省　　　　市', span: 5 }],
      [{ label: '异地家属联系人姓名' }, blank(), { label: '与申请人关系' }, blank(), { label: '工作单位' }, blank()],
      [{ label: '申请人异地居住详细地址' }, { text: '邮编：　　　　　　省　　　　市', span: 5 }],
      [{ label: '申请人异地电话' }, blank(3), { label: '异地家属联系人电话' }, blank()],
      [{ text: '申报人单位意见：\n\n经办人签章　　　　　　　　　　单位公章\n　　　　　　　　　　　　　　　　年　　月　　日', span: 6 }],
      [{ text: '省社保局意见：\n\n初审　　　　　　　复核　　　　　　　审批\n　　　　　　　　　　　　　　　　年　　月　　日', span: 6 }],
    ],
  },
  footnote: '备注：此表适用于参保单位为跨省及省内退休异地安置人员、常驻异地工作人员、长期异地居住人员申请异地就医住院医疗费直接结算。',
  source: '002 附表1、第九条',
}

/**
 * 002 第九条 asks for "个人自愿选择住院医疗费用直接结算申请书" but prints no form: the wording is ours —
 * who applies, as what, where, and that they choose direct settlement — with the change lock of 第十二条
 * stated so that the person knows it before signing.
 */
const LIAONING_SETTLEMENT_REQUEST: PrintableForm = {
  id: 'liaoning-settlement-request',
  policyId: 'liaoning-provincial',
  kind: 'direct_settlement_request',
  title: '个人自愿选择住院医疗费用直接结算申请书',
  howTo: [
    '规程没有统一格式，这是本服务按规程第九条拟的样式，参保单位另有格式的以单位的为准。',
    '打印后填写空白处，本人签名（不能签名的可按手印，由代办人注明）。',
    '拍照或扫描，在备案的“上传证明材料”一步上传；原件交参保单位。',
  ],
  letter: [
    '辽宁省社会保险事业管理局：',
    '本人＿＿＿＿＿＿（社会保障号码＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿），参保单位＿＿＿＿＿＿＿＿＿＿＿＿，属于（在相应类别前打√）：□异地安置退休人员　□异地长期居住人员　□常驻异地工作人员，现居住（工作）在＿＿＿＿省（自治区、直辖市）＿＿＿＿市（州）＿＿＿＿县（区）。',
    '本人自愿选择在上述就医地发生的住院医疗费用，按《省直基本医疗保险跨省异地就医住院医疗费用直接结算经办规程（试行）》办理直接结算。本人知悉：登记备案后，异地安置退休人员、异地长期居住人员一年内，常驻异地工作人员6个月内，不得变更居住地就医。',
    '特此申请。',
    '申请人（签名）：＿＿＿＿＿＿　　联系电话：＿＿＿＿＿＿＿＿＿＿',
    '＿＿＿＿年＿＿月＿＿日',
  ],
  source: '002 第九条、第十二条；规程未附格式，措辞是我们拟的',
}

export const PRINTABLE_FORMS: readonly PrintableForm[] = [LIAONING_SETTLEMENT_FORM, LIAONING_SETTLEMENT_REQUEST]

/** The form a profile's material comes with, if we have one. */
export function formFor(policyId: string, kind: MaterialKind): PrintableForm | null {
  return PRINTABLE_FORMS.find((form) => form.policyId === policyId && form.kind === kind) ?? null
}

export function formById(id: string): PrintableForm | null {
  return PRINTABLE_FORMS.find((form) => form.id === id) ?? null
}
