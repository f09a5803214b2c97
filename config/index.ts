// Taro build configuration (weapp and h5). Docs: https://docs.taro.zone/docs/config-detail
import { resolve } from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import { ProvidePlugin } from 'webpack'
import { H5AssetsPlugin } from './h5-assets'
import devConfig from './dev'
import prodConfig from './prod'

// CSS modules are off on both platforms; one setting keeps them alike.
const cssModules = {
  enable: false,
  config: {
    namingPattern: 'module' as const,
    generateScopedName: '[name]__[local]___[hash:base64:5]',
  },
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'yidi-jiuyi-beian',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    // TARO_SOURCE_ROOT / TARO_OUTPUT_ROOT (unset in every npm script but one) let `npm run bench:size`
    // build its empty comparison app (bench/empty-app/src) with this very config, into a git-ignored
    // folder; unset, the roots are src and dist/<platform> as always.
    sourceRoot: process.env.TARO_SOURCE_ROOT || 'src',
    // One folder per platform: dist/weapp (WeChat DevTools opens it through the top-level
    // project.config.json, miniprogramRoot "dist/weapp/") and dist/h5 (served by `npm start`).
    outputRoot: process.env.TARO_OUTPUT_ROOT || `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    copy: {
      patterns: [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: {
      enable: false,
    },
    // weapp: Taro's default writes every non-ASCII character as \uXXXX (ascii_only), so the Chinese
    // the pages show takes 6 bytes a character instead of UTF-8's 3; WeChat reads its JS as UTF-8.
    // Merged into Taro's own terser options for the mini-program (H5 keeps its defaults).
    ...(process.env.TARO_ENV === 'weapp' ? { terser: { enable: true, config: { output: { ascii_only: false } } } } : {}),
    mini: {
      // WeChat ships the package as built, so node_modules code must meet the weapp target too
      // (babel.config.js: ES2019, iOS 13): Taro sends only src/ and packages named *taro* through
      // babel; zod and uqr carried `?.`, `??` and class fields. Babel's own runtime helpers and
      // core-js are already ES5 and are left alone.
      compile: {
        include: [(file: string) => /[\\/]node_modules[\\/]/.test(file) && !/[\\/]node_modules[\\/](@babel[\\/]runtime|core-js|regenerator-runtime)[\\/]/.test(file)],
      },
      // zod 4 calls BigInt() while it loads; a phone without BigInt (iOS < 14) failed every page that
      // validates. Every module's `BigInt` is config/weapp-bigint.js: the engine's own, else a Number
      // stand-in (see that file for what it does and does not do).
      webpackChain(chain) {
        chain.plugin('weapp-bigint').use(ProvidePlugin, [{ BigInt: resolve(__dirname, 'weapp-bigint.js') }])
      },
      postcss: {
        pxtransform: {
          enable: true,
          config: {},
        },
        cssModules,
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      // Real paths (/pages/index/index); the local server (src/backend/server/static.ts) falls back to index.html.
      router: {
        mode: 'browser',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // Each H5 page is an async chunk, and Taro splits only initial chunks (`chunks: 'initial'`), so
      // every page carried its own copy of what pages share: the components library, the rules and,
      // in each page that validates, zod (~100 KB). Shared async chunks instead (`'all'`, Taro's own
      // cache groups), zod in one chunk of its own, and at most 4 requests for a page (its own chunk
      // and 3 shared ones): H5 JS 3.2 → 0.9 MB in all; the home page's first screen, which imports no
      // zod (src/rules/core.ts), stays at 123 KB gzip (+0.5 KB, 8 files instead of 5) with the same FCP.
      webpackChain(chain) {
        const splitChunks = chain.optimization.get('splitChunks')
        chain.optimization.splitChunks({
          ...splitChunks,
          chunks: 'all',
          maxAsyncRequests: 4,
          cacheGroups: {
            ...splitChunks.cacheGroups,
            zod: { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/, minChunks: 2, priority: 20 },
          },
        })
        // favicon.ico, and .br/.gz copies of every text asset for the server to send (config/h5-assets.ts).
        chain.plugin('h5-assets').use(H5AssetsPlugin)
      },
      postcss: {
        autoprefixer: {
          enable: true,
          config: {},
        },
        cssModules,
      },
    },
  }

  // Taro's weapp build copies the top-level project.config.json into its output with
  // miniprogramRoot "./" (and so a cloudfunctionRoot that points inside dist/weapp). WeChat DevTools
  // must open the repository root instead, so that copy is switched off: Taro looks for this file
  // name in the root and in src/, finds none, and writes nothing. (`projectConfigName` is read by
  // @tarojs/service but missing from Taro's typings, hence the spread.)
  const noProjectConfigCopy = { projectConfigName: 'project.config.dist-disabled.json' }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, noProjectConfigCopy, devConfig)
  }
  return merge({}, baseConfig, noProjectConfigCopy, prodConfig)
})
