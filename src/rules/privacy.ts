// The personal-information processing rules (个人信息处理规则) the person reads and agrees to before
// anything about them is collected, as 个人信息保护法 asks: 第十七条 (who processes it and how to reach
// them; each purpose, way and kind of information; how long it is kept; how to exercise one's rights),
// 第二十九条 (sensitive personal information needs a separate consent) and 第三十条 (for it, why it is
// necessary and how it affects the person). One text for the pages and the server: the server records
// which version a person agreed to, and asks again when it changes.
import { RETENTION } from './retention'

/** Bumped whenever the text below changes in substance: a person who agreed to an older one is asked again. */
export const PRIVACY_NOTICE_VERSION = '2026-12-05.2'

export interface PrivacyItem {
  item: string
  purpose: string
  /** 敏感个人信息 (第二十八条): ID numbers, face data, medical and health information. */
  sensitive: boolean
}

export const PRIVACY_NOTICE = {
  version: PRIVACY_NOTICE_VERSION,
  title: '个人信息处理规则',
  holder: '您参保地的医疗保障经办机构（本服务的运营方）',
  contact: '参保地医疗保障经办机构的服务窗口，或全国医疗保障服务热线 12393',
  items: [
    { item: '姓名、证件类型和证件号码', purpose: '实名认证，核验您的参保身份，登记备案', sensitive: true },
    { item: '人脸核身结果', purpose: '确认办理人是本人（人脸照片和视频由微信和公安部门的核验服务处理，我们只收到是否通过）', sensitive: true },
    { item: '手机号码、地址', purpose: '备案登记，办理进度和到期提醒', sensitive: false },
    { item: '就医地、人员类别、开始日期', purpose: '备案登记，就医地医院据此直接结算', sensitive: false },
    { item: '证明材料（户口本、居住证明、工作证明、转诊证明等）', purpose: '核验您是否符合备案条件', sensitive: true },
    { item: '转诊信息（转出和转往的医院、医院等级、开具日期）', purpose: '办理转诊备案', sensitive: true },
    { item: '住院记录（入院、出院日期，由经办机构登记）', purpose: '计算变更、取消的期限和结算待遇', sensitive: true },
    { item: '代办人的姓名、证件号码、手机号码和与参保人的关系', purpose: '为家人办理时，核验代办关系', sensitive: true },
  ] satisfies PrivacyItem[],
  /** 第三十条: why the sensitive items are needed, and what their processing means for the person. */
  necessity:
    '证件号码、人脸核身结果和医疗健康信息是核验身份、办理备案和就医地直接结算所必需的；不提供就无法在线办理，您可以到参保地医保经办机构的窗口办理。',
  impact:
    '这些信息一旦泄露或被滥用，可能被他人冒用身份、骗取医保待遇，或泄露您的健康状况。我们加密保存，向经办人员脱敏显示，查看完整号码须说明理由并留痕。',
  /** The periods come from RETENTION (retention.ts), which the scheduled job enforces. */
  retention: `备案信息和证明材料在备案有效期内保存。备案取消、驳回或到期满${RETENTION.yearsAfterEnd}年后，删除其中的姓名、证件号码、手机号码、地址、签名、代办人信息和证明材料，只保留不能识别个人的统计信息（就医地、人员类别、日期）；实名认证信息在您最后一次认证（或再次确认同意本规则）满${RETENTION.identityYears}年后删除，之后再办理需要重新认证。保存期限由参保地医保经办机构按其业务档案管理规定确定。`,
  rights:
    '您可以随时在本服务中查阅您的备案、下载您的个人信息副本、修改联系方式、取消备案（也可以取消家人为您代办的备案）；更正其他信息、撤回同意、注销或投诉，请联系参保地医保经办机构。撤回同意不影响撤回前已经办理的业务。',
  /** What the person ticks for 第二十九条's separate consent. */
  sensitiveConsent: '我已阅读《个人信息处理规则》，单独同意处理上述敏感个人信息（证件号码、人脸核身结果、医疗健康信息）',
} as const
