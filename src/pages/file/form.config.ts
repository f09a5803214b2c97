export default definePageConfig({
  navigationBarTitleText: '表格下载',
})
