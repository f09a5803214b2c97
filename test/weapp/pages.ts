// What a person sees on each page of the weapp build, for the page runs in build.spec.ts: the page,
// who opens it, its query (a filing id from the demo data where it needs one) and words it must show.
export interface PageCase {
  route: string
  openid: string
  /** The query, given the id of the person's own filing. */
  query?: (ids: { own: string }) => string
  shows: string[]
}

export const PERSON = 'demo-wang'
export const STAFF = 'admin-dev'

export const PAGE_CASES: PageCase[] = [
  { route: 'pages/index/index', openid: PERSON, shows: ['王秀兰，您好', '办理备案', '我的备案', '生效中', '广东省深圳市'] },
  { route: 'pages/settings/index', openid: PERSON, shows: ['设置', '长辈模式（大字）', '下载一份您的个人信息副本'] },
  { route: 'pages/verify/index', openid: PERSON, shows: ['实名认证', '您已完成实名认证', '王秀兰'] },
  { route: 'pages/file/index', openid: PERSON, shows: ['第 1 步', '为谁办理'] },
  { route: 'pages/file/result', openid: PERSON, query: ({ own }) => `id=${own}`, shows: ['备案成功', '请记下备案编号', '广东省深圳市'] },
  { route: 'pages/file/form', openid: PERSON, query: () => 'form=liaoning-settlement-form', shows: ['异地就医住院医疗费直接结算申报表', '怎样办理'] },
  { route: 'pages/filing/index', openid: PERSON, query: ({ own }) => `id=${own}`, shows: ['生效中', '广东省深圳市就医', '现在可以变更吗？'] },
  { route: 'pages/filing/change', openid: PERSON, query: ({ own }) => `id=${own}`, shows: ['第 1 步', '您要变更什么？'] },
  { route: 'pages/filing/cancel', openid: PERSON, query: ({ own }) => `id=${own}`, shows: ['取消备案以后', '取消不能撤回'] },
  { route: 'pages/filing/supplement', openid: PERSON, query: ({ own }) => `id=${own}`, shows: ['补充材料', '现在不需要补充材料'] },
  { route: 'pages/coverage/index', openid: PERSON, shows: ['住院能直接结算吗？', '门诊慢特病'] },
  { route: 'pages/certificate/index', openid: PERSON, query: ({ own }) => `id=${own}`, shows: ['异地就医备案凭证', '王*兰', '医院可以扫码读取备案编号'] },
  { route: 'admin/index', openid: STAFF, shows: ['经办后台', '待我审核', '搜索备案编号'] },
  { route: 'admin/filing', openid: STAFF, query: ({ own }) => `id=${own}`, shows: ['参保人姓名', '王秀兰', '511***********0242'] },
  { route: 'admin/dashboard', openid: STAFF, shows: ['备案总数', '按人员类别'] },
  { route: 'admin/audit', openid: STAFF, shows: ['访问记录', '工作人员账号'] },
]
