export default definePageConfig({
  navigationBarTitleText: '经办后台 · 统计',
})
