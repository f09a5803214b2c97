// Two things the H5 build writes besides Taro's output (config/index.ts adds this plugin on h5):
// - favicon.ico, so a browser's automatic /favicon.ico is answered rather than a 404;
// - a brotli (.br) and a gzip (.gz) copy of every JS, CSS, HTML and JSON file, made once here at
//   build time at the highest levels, so the local server (src/backend/server/static.ts) sends them
//   by Accept-Encoding without compressing on each request. A copy not smaller than its file is skipped.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Compiler } from 'webpack'

const COMPRESSIBLE = /\.(js|css|html|json)$/

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
}

export function precompress(dir: string): number {
  let written = 0
  for (const file of walk(dir).filter((f) => COMPRESSIBLE.test(f))) {
    const body = readFileSync(file)
    const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    const gz = gzipSync(body, { level: 9 })
    if (br.length < body.length) writeFileSync(`${file}.br`, br), (written += 1)
    if (gz.length < body.length) writeFileSync(`${file}.gz`, gz), (written += 1)
  }
  return written
}

export class H5AssetsPlugin {
  apply(compiler: Compiler): void {
    const { RawSource } = compiler.webpack.sources
    compiler.hooks.thisCompilation.tap('H5AssetsPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'H5AssetsPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.emitAsset('favicon.ico', new RawSource(readFileSync(join(__dirname, 'favicon.ico'))))
      })
    })
    compiler.hooks.afterEmit.tap('H5AssetsPlugin', (compilation) => {
      precompress(compilation.outputOptions.path ?? compiler.outputPath)
    })
  }
}
