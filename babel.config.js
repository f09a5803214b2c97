// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// Used only by the Taro build. Jest does not read this file (jest.config.js uses ts-jest with
// `babelConfig: false`).
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
}
