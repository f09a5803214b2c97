export default definePageConfig({
  navigationBarTitleText: '取消备案',
})
