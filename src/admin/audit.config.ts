export default definePageConfig({
  navigationBarTitleText: '经办后台 · 访问记录',
})
