// Bundles each cloud function into cloudfunctions/<name>/index.js: one file with the rules and the
// backend core inside, wx-server-sdk left to the function's own package.json (installed in the cloud).
import { build } from 'esbuild'
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const FUNCTIONS = ['filing', 'admin', 'upload', 'reminders']

/** Builds every function into `outRoot` (default: cloudfunctions/) and returns each bundle's size in bytes. */
export async function buildCloud(outRoot = join(root, 'cloudfunctions')) {
  const sizes = {}
  for (const name of FUNCTIONS) {
    const outdir = join(outRoot, name)
    if (!existsSync(outdir)) mkdirSync(outdir, { recursive: true })
    const outfile = join(outdir, 'index.js')
    await build({
      entryPoints: [join(root, 'src/cloud', `${name}.ts`)],
      outfile,
      bundle: true,
      platform: 'node',
      // WeChat cloud functions run Node 16 or later.
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
    })
    sizes[name] = statSync(outfile).size
  }
  return sizes
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = await buildCloud(process.argv[2])
  for (const [name, size] of Object.entries(sizes)) console.log(`cloudfunctions/${name}/index.js  ${(size / 1024).toFixed(1)} KB`)
}
