// `npm run deploy:plan [-- --state <snapshot.json>]`: prints what deploying the manifest would create,
// change or drop in the environment the snapshot describes (an empty one without it). Writes nothing.
// Exit 0 with a plan, 1 on a bad manifest or snapshot, 2 on bad arguments.
import { readFileSync } from 'node:fs'
import { ManifestError, formatPlan, loadManifest, parseState, plan, type EnvironmentState } from './deploy-plan'

function main(args: string[]): number {
  let statePath: string | null = null
  if (args.length === 2 && args[0] === '--state') statePath = args[1]
  else if (args.length > 0) {
    console.error('usage: npm run deploy:plan [-- --state <snapshot.json>]')
    return 2
  }
  try {
    const manifest = loadManifest(process.cwd())
    const state: EnvironmentState | null = statePath ? parseState(readFileSync(statePath, 'utf8'), statePath) : null
    console.log(formatPlan(plan(manifest, state), statePath ? `the snapshot ${statePath}` : 'an empty environment (no --state given)'))
    return 0
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error
    console.error(error.message)
    return 1
  }
}

process.exitCode = main(process.argv.slice(2))
