// npm run deploy:plan (scripts/deploy-plan.ts): the plan against an empty environment and against a
// snapshot that differs, a bad manifest refused, and the manifest agreeing with the code it deploys.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSync } from 'esbuild'
import { ManifestError, formatPlan, loadManifest, parseDatabase, parseFunctions, parseState, plan, type EnvironmentState, type Manifest } from '../../scripts/deploy-plan'
import { COLLECTIONS } from '../../src/backend/store/cloudbase'

const root = join(__dirname, '../..')
const manifest = loadManifest(root)
const read = (path: string) => readFileSync(join(root, path), 'utf8')

/** The environment exactly as the manifest describes it. */
function deployed(m: Manifest): EnvironmentState {
  return {
    functions: Object.fromEntries(
      m.functions.functions.map((fn) => [
        fn.name,
        { timeout: fn.timeout, memorySize: fn.memorySize, runtime: fn.runtime, envVariables: Object.keys(fn.envVariables), triggers: fn.triggers.map((t) => ({ ...t })) },
      ]),
    ),
    collections: Object.fromEntries(
      Object.entries(m.database.collections).map(([name, c]) => [name, { rule: { ...c.rule }, indexes: [{ name: '_id_', keys: [{ name: '_id', direction: '1' as const }] }, ...c.indexes.map(({ name: index, keys }) => ({ name: index, keys }))] }]),
    ),
  }
}

describe('deploy plan', () => {
  it('creates everything in an empty environment', () => {
    const steps = plan(manifest, null)
    expect(steps.every((step) => step.action === 'create')).toBe(true)
    const subjects = steps.map((step) => step.subject)
    for (const fn of manifest.functions.functions) {
      expect(steps).toContainEqual(expect.objectContaining({ subject: `function ${fn.name}`, detail: expect.stringContaining(`timeout ${fn.timeout} s, memory ${fn.memorySize} MB`) }))
      for (const t of fn.triggers) expect(subjects).toContain(`trigger ${fn.name}/${t.name}`)
    }
    for (const [name, c] of Object.entries(manifest.database.collections)) {
      expect(steps).toContainEqual({ action: 'create', subject: `collection ${name}`, detail: 'rule {"read":false,"write":false}' })
      for (const index of c.indexes) expect(subjects).toContain(`index ${name}/${index.name}`)
    }
    const text = formatPlan(steps, 'an empty environment')
    expect(text).toContain('  + function reminders')
    expect(text).toMatch(new RegExp(`\\n${steps.length} to create, 0 to change, 0 to drop, 0 missing\\. Nothing was written\\.$`))
  })

  it('has nothing to do in an environment that matches', () => {
    expect(plan(manifest, deployed(manifest))).toEqual([])
    expect(formatPlan([], 'x')).toContain('nothing to do')
  })

  it('names exactly the missing index and the function whose timeout differs', () => {
    const state = deployed(manifest)
    state.collections.filings.indexes = state.collections.filings.indexes.filter((index) => index.name !== 'id_last4')
    state.functions.filing.timeout = 3
    expect(plan(manifest, state)).toEqual([
      { action: 'change', subject: 'function filing', detail: 'timeout 3 s → 20 s' },
      { action: 'create', subject: 'index filings/id_last4', detail: 'idLast4 asc' },
    ])
  })

  it('reports env names missing or undeclared, changed triggers, rules and index keys, and undeclared indexes', () => {
    const state = deployed(manifest)
    state.functions.reminders.envVariables = state.functions.reminders.envVariables.filter((name) => name !== 'REMINDER_TEMPLATE_ID').concat('OLD_SETTING')
    state.functions.reminders.triggers[0].config = '0 0 8 * * * *'
    state.functions.admin.triggers.push({ name: 'nightly', type: 'timer', config: '0 0 1 * * * *' })
    state.collections.staff.rule = { read: true, write: false }
    state.collections.history.indexes[1].keys = [{ name: 'filingId', direction: '1' }]
    state.collections.files.indexes.push({ name: 'by_size', keys: [{ name: 'size', direction: '-1' }] })
    delete state.collections.access_log
    const steps = plan(manifest, state)
    expect(steps).toEqual(
      expect.arrayContaining([
        { action: 'missing', subject: 'env reminders', detail: expect.stringContaining('REMINDER_TEMPLATE_ID') },
        { action: 'drop', subject: 'env reminders', detail: expect.stringContaining('OLD_SETTING') },
        { action: 'change', subject: 'trigger reminders/daily-expiry-reminders', detail: 'timer 0 0 8 * * * * → timer 0 0 9 * * * *' },
        { action: 'drop', subject: 'trigger admin/nightly', detail: expect.any(String) },
        { action: 'change', subject: 'rule staff', detail: '{"read":true,"write":false} → {"read":false,"write":false}' },
        { action: 'change', subject: 'index history/filing_seq', detail: expect.stringContaining('filingId asc → filingId asc, seq asc') },
        { action: 'drop', subject: 'index files/by_size', detail: 'size desc (not declared)' },
        { action: 'create', subject: 'collection access_log', detail: expect.any(String) },
      ]),
    )
    expect(steps).toHaveLength(8 + manifest.database.collections.access_log.indexes.length)
  })

  it('plans the README’s example: an environment an earlier build set up by hand (3 s timeouts, no indexes, no counters)', () => {
    const state = parseState(read('deploy/snapshot.example.json'), 'deploy/snapshot.example.json')
    const steps = plan(manifest, state)
    expect(steps.filter((step) => step.action === 'drop')).toEqual([])
    for (const fn of manifest.functions.functions) expect(steps).toContainEqual({ action: 'change', subject: `function ${fn.name}`, detail: `timeout 3 s → ${fn.timeout} s` })
    expect(steps).toContainEqual({ action: 'create', subject: 'collection counters', detail: 'rule {"read":false,"write":false}' })
    // The README shows this plan's output (run by hand when the README was written).
    expect(read('README.md')).toContain('$ npm run deploy:plan -- --state deploy/snapshot.example.json')
  })

  it('refuses a bad manifest with what is wrong and where', () => {
    const functions = JSON.parse(read('cloudbaserc.json'))
    functions.functions[0].timeout = 90
    functions.functions[1].envVariables.DATA_KEY = 'c2VjcmV0'
    const refused = (() => {
      try {
        parseFunctions(JSON.stringify(functions))
      } catch (error) {
        return error
      }
    })()
    expect(refused).toBeInstanceOf(ManifestError)
    expect((refused as Error).message).toContain('cloudbaserc.json is not a valid manifest')
    expect((refused as Error).message).toContain('functions.0.timeout')
    expect((refused as Error).message).toContain('functions.1.envVariables.DATA_KEY: must be "{{env.DATA_KEY}}"')

    const database = JSON.parse(read('deploy/database.json'))
    const filings = database.collections.filings.indexes
    filings.push({ ...filings[0], name: 'one_too_many' })
    filings.push({ ...filings[0] })
    expect(() => parseDatabase(JSON.stringify(database))).toThrow(/collections\.filings\.indexes: 11 indexes; the limit leaves room for 9/)
    expect(() => parseDatabase(JSON.stringify(database))).toThrow(/index name owner_stored is declared twice/)
    expect(() => parseDatabase('{ "collections": ')).toThrow(/deploy\/database\.json: not JSON/)
    expect(() => parseState('{"functions": {}}', 'state.json')).toThrow(/state\.json is not a valid manifest:\n {2}collections: /)
  })

  it('runs as npm run deploy:plan does: exit 0 with the plan, 1 on a bad snapshot, no writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-plan-'))
    const bundle = join(dir, 'deploy-plan.js')
    buildSync({ entryPoints: [join(root, 'scripts/deploy-plan.cli.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: bundle, logLevel: 'silent' })
    const run = (...args: string[]) => spawnSync(process.execPath, [bundle, ...args], { cwd: root, encoding: 'utf8' })

    const empty = run()
    expect(empty.status).toBe(0)
    expect(empty.stdout).toContain('against an empty environment (no --state given)')
    expect(empty.stdout).toContain('+ index filings/owner_stored')

    const snapshot = join(dir, 'state.json')
    writeFileSync(snapshot, JSON.stringify(deployed(manifest)))
    const same = run('--state', snapshot)
    expect(same.status).toBe(0)
    expect(same.stdout).toContain('nothing to do')

    writeFileSync(snapshot, '{"functions": []}')
    const bad = run('--state', snapshot)
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('is not a valid manifest')
    expect(run('--apply').status).toBe(2)
  })
})

describe('the manifest agrees with what it deploys', () => {
  it('declares every function folder, with the data key on each', () => {
    const folders = readdirSync(join(root, 'cloudfunctions'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(root, 'cloudfunctions', entry.name, 'package.json')))
      .map((entry) => entry.name)
    expect(manifest.functions.functions.map((fn) => fn.name).sort()).toEqual(folders.sort())
    // cloud/runtime.ts refuses to run without DATA_KEY, in every function.
    for (const fn of manifest.functions.functions) expect(Object.keys(fn.envVariables)).toEqual(expect.arrayContaining(['DATA_KEY', 'DATA_KEY_ID']))
  })

  it('declares every environment variable the deployed code reads, and no other', () => {
    const sources = ['src/cloud/runtime.ts', 'src/cloud/reminders.ts', 'src/backend/crypto/fields.ts', 'src/backend/identity/wechat-face.ts', 'src/backend/limits.ts'].map(read).join('\n')
    const read_ = new Set([...sources.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g), ...sources.matchAll(/'(RATE_LIMIT_[A-Z]+)'/g)].map((match) => match[1]))
    // WX_API_BASE points the face check at a stand-in in tests (or a proxy); a deployment leaves it unset.
    read_.delete('WX_API_BASE')
    const declared = new Set(manifest.functions.functions.flatMap((fn) => Object.keys(fn.envVariables)))
    expect([...declared].sort()).toEqual([...read_].sort())
  })

  it('has the reminders’ timers of cloudfunctions/reminders/config.json (what WeChat DevTools uploads)', () => {
    const config = JSON.parse(read('cloudfunctions/reminders/config.json')) as { triggers: unknown[] }
    expect(manifest.functions.functions.find((fn) => fn.name === 'reminders')!.triggers).toEqual(config.triggers)
  })

  it('has every collection the adapter uses, each with the rule of cloudfunctions/database-rules.json', () => {
    expect(Object.keys(manifest.database.collections).sort()).toEqual([...COLLECTIONS].sort())
    const rules = JSON.parse(read('cloudfunctions/database-rules.json')) as Record<string, unknown>
    for (const [name, c] of Object.entries(manifest.database.collections)) expect(c.rule).toEqual(rules[name])
  })
})
