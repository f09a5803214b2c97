// The local server (src/backend/server/main.ts) bundled as `npm run build:server` does, for the
// benchmarks to require(): loaded that way, its command-line entry (`require.main === module`) stays off.
import { build } from 'esbuild'
import { join } from 'node:path'

export type ServerModule = typeof import('../src/backend/server/main')

// npm runs the benchmarks from the repository root.
const ROOT = process.cwd()

export async function buildServerBundle(outfile: string): Promise<void> {
  await build({
    entryPoints: [join(ROOT, 'src/backend/server/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3'],
    logLevel: 'warning',
  })
}

export function requireServer(outfile: string): ServerModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(outfile) as ServerModule
}
