export default definePageConfig({
  navigationBarTitleText: '备案结果',
})
