export default defineAppConfig({
  pages: ['pages/index/index', 'pages/settings/index', 'pages/signin/index', 'pages/file/index', 'pages/file/result'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '异地就医备案',
    navigationBarTextStyle: 'black',
  },
})
