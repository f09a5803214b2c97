// The local demo's sign-in exists on H5 only: in the mini-program the identity is the WeChat account.
// (Taro reads TARO_ENV in app.config to vary pages by platform; app.config has no platform files.)
const h5Only = process.env.TARO_ENV === 'h5' ? ['pages/signin/index'] : []

export default defineAppConfig({
  // 实名认证 is in the main package: home and the wizard both send people to it before a filing.
  pages: ['pages/index/index', 'pages/settings/index', 'pages/verify/index', ...h5Only],
  // The filing's detail, change and cancel pages: a subpackage, so the main package stays within its
  // 600 KB budget; the home page (which links to them) preloads it, so opening a filing never waits.
  subPackages: [
    // The filing wizard and its result: preloaded from home like the rest (main package 564 → 500 KB).
    // …and 表格 (the forms a profile asks for that people cannot get elsewhere, rules/forms.ts).
    { root: 'pages/file', pages: ['index', 'result', 'form'] },
    { root: 'pages/filing', pages: ['index', 'change', 'cancel', 'supplement'] },
    // 住院能直接结算吗？ and the 备案凭证 (with its QR encoder): subpackages too, preloaded from home.
    { root: 'pages/coverage', pages: ['index'] },
    { root: 'pages/certificate', pages: ['index'] },
    // The agency's back office (staff only): its own subpackage, never loaded by the person's pages.
    { root: 'admin', pages: ['index', 'filing', 'dashboard', 'audit'] },
  ],
  preloadRule: { 'pages/index/index': { network: 'all', packages: ['pages/file', 'pages/filing', 'pages/coverage', 'pages/certificate'] } },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '异地就医备案',
    navigationBarTextStyle: 'black',
  },
})
