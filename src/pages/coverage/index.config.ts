export default definePageConfig({
  navigationBarTitleText: '住院能直接结算吗',
})
