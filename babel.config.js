// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// Used only by the Taro build. Jest does not read this file (jest.config.js uses ts-jest with
// `babelConfig: false`).
//
// weapp: WeChat runs the package as shipped (project.config.json has es6/enhance off), on the phone's
// own engine. WeChat's compat data (npm `miniprogram-compat`, base library 2.30–3.5) lists iOS 13 and
// Chrome 86 as the oldest engines; iOS 13.0–13.3's JavaScriptCore stops at ES2019 (no `?.`, `??`,
// class fields), so the weapp build is lowered to that. `npm test`'s weapp check parses every output
// file with acorn at ecmaVersion 2019 (scripts/weapp-check/syntax.ts). config/index.ts sends
// node_modules code through this preset too on weapp. H5 keeps package.json's browserslist.
const WEAPP_TARGETS = { ios: '13', chrome: '86' }

const weapp = process.env.TARO_ENV === 'weapp'

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        ...(weapp ? { targets: WEAPP_TARGETS, ignoreBrowserslistConfig: true } : {}),
      },
    ],
  ],
}
