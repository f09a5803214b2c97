export default definePageConfig({
  navigationBarTitleText: '经办后台 · 备案查询',
})
