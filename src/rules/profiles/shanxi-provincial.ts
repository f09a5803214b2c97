// 山西省省直: 晋医保办发〔2022〕28号 (seed 000).
import { defaultCommitment, national, nationalBenefitCaps } from './national'
import type { FiledCategoryRule, LockRule, PolicyProfile } from './schema'

const anyTimeOnline = { kind: 'none', source: '000 二(一)' } satisfies LockRule

const longTerm = {
  change: { lock: anyTimeOnline, proof: [], exceptions: [] },
  cancel: anyTimeOnline,
  lateFiling: { maxDaysBack: null, source: '000 二(三)' },
  source: '000 一(一)、二(一)',
} satisfies Partial<FiledCategoryRule>

export const shanxiProvincial = {
  id: 'shanxi-provincial',
  name: '山西省省直',
  // 省直 insured people are pooled at province level but live in 太原: care elsewhere in 山西 is
  // 省内异地 (the seed speaks of 省内外就医地), so the pooling area for the off-site test is 太原市.
  insuredRegion: { name: '山西省省直', code: '140000', poolingArea: '140100' },
  destinationScope: 'outside_pooling_area',
  destinationScopeMessage: '山西省省直参保人员在太原市就医不属于异地就医，无需备案。请选择太原市以外的就医地。',
  followsNational2022: true,
  source: {
    seed: '000',
    issuer: '山西省医疗保障局办公室',
    document: '晋医保办发〔2022〕28号',
    date: '2022-12-27',
  },
  summary:
    '长期居住人员承诺制自助备案，长期有效，随时可在线变更或取消；转诊备案有效期6个月，可多次就诊；非急诊且未转诊人员无需备案；出院结算前可以补办。',
  categories: {
    resettled_retiree: { ...national.resettledRetiree, ...longTerm },
    long_term_resident: { ...national.longTermResident, ...longTerm },
    resident_worker: { ...national.residentWorker, ...longTerm },
    referral: {
      ...national.referral,
      help: '由省直有转诊资格的三甲医院主治医师出具转诊建议书，并加盖医院医疗保险办公室公章。异地长期居住人员需要到居住地和参保地以外就医的，由居住地二级以上医疗机构办理转诊。',
      validity: { kind: 'months', months: 6, source: '000 二(二)' },
      lateFiling: { maxDaysBack: null, source: '000 二(三)' },
      source: '000 一(二)1、二(二)',
    },
    emergency: { ...national.emergency, source: '000 三(一)1' },
    other_temporary: {
      filing: 'not_needed',
      help: national.otherTemporary.help,
      message:
        '山西省省直已取消非急诊且未转诊人员备案：直接用社保卡或医保电子凭证办理住院，出院时按非急诊且未转诊人员待遇直接结算，无需备案。',
      source: '000 一(二)2',
    },
  },
  referral: {
    issuers: [
      {
        minLevel: 'grade3a',
        description: '省直有转诊资格的三甲医院（主治医师签字，加盖医疗保险办公室公章）',
        forLongTermFilers: false,
      },
      {
        minLevel: 'grade2c',
        description: '异地长期居住人员：长期居住地二级以上医疗机构',
        forLongTermFilers: true,
      },
    ],
    namesTreatingHospital: false,
    continuingRefile: true,
    source: '000 一(二)1、二(二)',
  },
  commitment: { ...defaultCommitment, title: '山西省省直单位异地就医备案个人承诺书' },
  benefits: {
    ...nationalBenefitCaps,
    notes: ['非急诊且未转诊人员无需备案，出院时按非急诊且未转诊人员待遇直接结算。'],
    source: '000 一(二)2；医保发〔2022〕22号',
  },
} satisfies PolicyProfile
