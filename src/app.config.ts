// The local demo's sign-in exists on H5 only: in the mini-program the identity is the WeChat account.
// (Taro reads TARO_ENV in app.config to vary pages by platform; app.config has no platform files.)
const h5Only = process.env.TARO_ENV === 'h5' ? ['pages/signin/index'] : []

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/settings/index', ...h5Only, 'pages/file/index', 'pages/file/result'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '异地就医备案',
    navigationBarTextStyle: 'black',
  },
})
