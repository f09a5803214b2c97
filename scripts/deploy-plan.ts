// Deployment as code: the manifest (cloudbaserc.json for the functions, in the CloudBase CLI's own
// format; deploy/database.json for the collections, their security rules and indexes, a format of ours
// since the CLI's file has no place for them) checked against a snapshot of an environment, and the
// plan of what deploying would create, change or drop. Reads only; `npm run deploy:plan` prints it
// (scripts/deploy-plan.cli.ts).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as z from 'zod'

export const FUNCTIONS_FILE = 'cloudbaserc.json'
export const DATABASE_FILE = 'deploy/database.json'

// ---------------------------------------------------------------------------------------------
// Schemas: the manifest's two files and the environment snapshot.

const name = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/, 'a name of letters, digits, - and _')

/** A timer trigger: the CLI's 7-field cron (second minute hour day month weekday year). */
const trigger = z.strictObject({
  name,
  type: z.literal('timer'),
  config: z.string().regex(/^\S+( \S+){6}$/, 'a 7-field cron expression, e.g. "0 0 9 * * * *"'),
})

/** Names only: each value is `{{env.<its own name>}}`, which the CLI fills from .env / .env.local at deploy time. */
const envVariables = z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an upper-case variable name'), z.string()).superRefine((vars, ctx) => {
  for (const [key, value] of Object.entries(vars)) {
    if (value !== `{{env.${key}}}`) {
      ctx.addIssue({ code: 'custom', path: [key], message: `must be "{{env.${key}}}": the manifest holds names, never values` })
    }
  }
})

const cloudFunction = z.strictObject({
  name,
  handler: z.string(),
  runtime: z.string(),
  installDependency: z.boolean(),
  // cloudbaserc.json: timeout 1–60 s, memorySize one of 128…2048 MB (docs.cloudbase.net/cli-v1/functions/configs).
  timeout: z.number().int().min(1).max(60),
  memorySize: z.union([z.literal(128), z.literal(256), z.literal(512), z.literal(1024), z.literal(2048)]),
  envVariables,
  triggers: z.array(trigger),
})

const functionsFile = z.strictObject({
  version: z.literal('2.0'),
  envId: z.string().min(1),
  functionRoot: z.string(),
  functions: z.array(cloudFunction).min(1),
})

/** A custom security rule: `true`/`false` or an expression, for read and for write. */
const rule = z.strictObject({ read: z.union([z.boolean(), z.string()]), write: z.union([z.boolean(), z.string()]) })

/** An index as WeChat's updateIndex API and the console take it: fields in order, "1" ascending, "-1" descending. */
const indexKeys = z.array(z.strictObject({ name: z.string().min(1), direction: z.enum(['1', '-1']) })).min(1)

const declaredIndex = z.strictObject({
  name,
  keys: indexKeys,
  /** The adapter's queries (`<collection>.<method>`) this index is for; test/deploy checks them. */
  serves: z.array(z.string()).min(1),
})

const search = z.strictObject({
  how: z.string(),
  /** Sort key → the index that walks it, or null: answered by narrowing first. */
  sorts: z.record(z.string(), z.string().nullable()),
  /** Filter → the index (or indexes) that narrow it. */
  narrowing: z.record(z.string(), z.string()),
  /** Filters tested on each document, never the way in. */
  residual: z.array(z.string()),
})

const databaseFile = z
  .strictObject({
    indexLimit: z.strictObject({ perCollection: z.number().int().positive(), countsIdIndex: z.boolean(), source: z.string() }),
    collections: z.record(
      name,
      z.strictObject({ rule, indexes: z.array(declaredIndex), search: search.optional() }),
    ),
    /** Queries no index serves, on purpose. With `kind` and `fields` the test stand-in allows them (a
     * query of that kind whose condition and order use only those fields); without, they only document. */
    scans: z.array(
      z.strictObject({
        query: z.string(),
        why: z.string(),
        kind: z.enum(['get', 'count', 'aggregate']).optional(),
        fields: z.array(z.string()).min(1).optional(),
      }),
    ),
  })
  .superRefine((file, ctx) => {
    const room = file.indexLimit.perCollection - (file.indexLimit.countsIdIndex ? 1 : 0)
    for (const [collection, { indexes }] of Object.entries(file.collections)) {
      if (indexes.length > room) {
        ctx.addIssue({ code: 'custom', path: ['collections', collection, 'indexes'], message: `${indexes.length} indexes; the limit leaves room for ${room}` })
      }
      const seen = new Set<string>()
      indexes.forEach((index, i) => {
        if (seen.has(index.name)) ctx.addIssue({ code: 'custom', path: ['collections', collection, 'indexes', i, 'name'], message: `index name ${index.name} is declared twice` })
        seen.add(index.name)
      })
    }
  })

/** What an environment has now. Env variables by name only, so a snapshot holds no secret. */
const stateFile = z.strictObject({
  functions: z.record(
    z.string(),
    z.strictObject({
      timeout: z.number(),
      memorySize: z.number(),
      runtime: z.string().optional(),
      envVariables: z.array(z.string()),
      triggers: z.array(z.strictObject({ name: z.string(), type: z.string(), config: z.string() })),
    }),
  ),
  collections: z.record(
    z.string(),
    z.strictObject({ rule: rule.nullable(), indexes: z.array(z.strictObject({ name: z.string(), keys: indexKeys })) }),
  ),
})

export type FunctionsFile = z.infer<typeof functionsFile>
export type DatabaseFile = z.infer<typeof databaseFile>
export type EnvironmentState = z.infer<typeof stateFile>
export type IndexKeys = z.infer<typeof indexKeys>
export interface Manifest {
  functions: FunctionsFile
  database: DatabaseFile
}

/** A manifest or snapshot that does not parse: which file, where, and what is wrong. */
export class ManifestError extends Error {}

function parse<T>(schema: z.ZodType<T>, text: string, file: string): T {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new ManifestError(`${file}: not JSON (${(error as Error).message})`)
  }
  const result = schema.safeParse(json)
  if (result.success) return result.data
  const lines = result.error.issues.map((issue) => `  ${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`)
  throw new ManifestError(`${file} is not a valid manifest:\n${lines.join('\n')}`)
}

export const parseFunctions = (text: string, file = FUNCTIONS_FILE) => parse(functionsFile, text, file)
export const parseDatabase = (text: string, file = DATABASE_FILE) => parse(databaseFile, text, file)
export const parseState = (text: string, file: string) => parse(stateFile, text, file)

/** Both files of the manifest under `root` (the repository). */
export function loadManifest(root: string): Manifest {
  return {
    functions: parseFunctions(readFileSync(join(root, FUNCTIONS_FILE), 'utf8')),
    database: parseDatabase(readFileSync(join(root, DATABASE_FILE), 'utf8')),
  }
}

// ---------------------------------------------------------------------------------------------
// The plan.

export type Action = 'create' | 'change' | 'drop' | 'missing'

export interface Step {
  action: Action
  /** `function filing`, `trigger reminders/daily-expiry-reminders`, `index filings/owner_stored`, … */
  subject: string
  detail: string
}

const EMPTY: EnvironmentState = { functions: {}, collections: {} }

const keysText = (keys: IndexKeys) => keys.map((key) => `${key.name} ${key.direction === '1' ? 'asc' : 'desc'}`).join(', ')
const sameKeys = (a: IndexKeys, b: IndexKeys) => keysText(a) === keysText(b)
const ruleText = (value: { read: unknown; write: unknown } | null) => (value ? JSON.stringify({ read: value.read, write: value.write }) : 'none')

function functionSteps(manifest: FunctionsFile, state: EnvironmentState): Step[] {
  const steps: Step[] = []
  for (const fn of manifest.functions) {
    const live = state.functions[fn.name]
    const names = Object.keys(fn.envVariables)
    if (!live) {
      const env = names.length ? `; env ${names.join(', ')}` : ''
      steps.push({ action: 'create', subject: `function ${fn.name}`, detail: `timeout ${fn.timeout} s, memory ${fn.memorySize} MB, ${fn.runtime}${env}` })
    } else {
      const changes: string[] = []
      if (live.timeout !== fn.timeout) changes.push(`timeout ${live.timeout} s → ${fn.timeout} s`)
      if (live.memorySize !== fn.memorySize) changes.push(`memory ${live.memorySize} MB → ${fn.memorySize} MB`)
      if (live.runtime !== undefined && live.runtime !== fn.runtime) changes.push(`runtime ${live.runtime} → ${fn.runtime}`)
      if (changes.length) steps.push({ action: 'change', subject: `function ${fn.name}`, detail: changes.join('; ') })
      const missing = names.filter((envName) => !live.envVariables.includes(envName))
      if (missing.length) steps.push({ action: 'missing', subject: `env ${fn.name}`, detail: `${missing.join(', ')} (set them in .env.local before tcb fn deploy)` })
      const extra = live.envVariables.filter((envName) => !names.includes(envName))
      // The CLI replaces a function's whole envVariables on deploy.
      if (extra.length) steps.push({ action: 'drop', subject: `env ${fn.name}`, detail: `${extra.join(', ')} (not declared: tcb fn deploy removes them)` })
    }
    const liveTriggers = live?.triggers ?? []
    for (const t of fn.triggers) {
      const current = liveTriggers.find((candidate) => candidate.name === t.name)
      if (!current) steps.push({ action: 'create', subject: `trigger ${fn.name}/${t.name}`, detail: `${t.type} ${t.config}` })
      else if (current.type !== t.type || current.config !== t.config) {
        steps.push({ action: 'change', subject: `trigger ${fn.name}/${t.name}`, detail: `${current.type} ${current.config} → ${t.type} ${t.config}` })
      }
    }
    for (const t of liveTriggers) {
      if (!fn.triggers.some((declared) => declared.name === t.name)) steps.push({ action: 'drop', subject: `trigger ${fn.name}/${t.name}`, detail: `${t.type} ${t.config} (not declared)` })
    }
  }
  return steps
}

function collectionSteps(manifest: DatabaseFile, state: EnvironmentState): Step[] {
  const steps: Step[] = []
  for (const [collection, declared] of Object.entries(manifest.collections)) {
    const live = state.collections[collection]
    if (!live) steps.push({ action: 'create', subject: `collection ${collection}`, detail: `rule ${ruleText(declared.rule)}` })
    else if (ruleText(live.rule) !== ruleText(declared.rule)) {
      steps.push({ action: 'change', subject: `rule ${collection}`, detail: `${ruleText(live.rule)} → ${ruleText(declared.rule)}` })
    }
    const liveIndexes = live?.indexes ?? []
    for (const index of declared.indexes) {
      const current = liveIndexes.find((candidate) => candidate.name === index.name)
      if (!current) steps.push({ action: 'create', subject: `index ${collection}/${index.name}`, detail: keysText(index.keys) })
      else if (!sameKeys(current.keys, index.keys)) {
        steps.push({ action: 'change', subject: `index ${collection}/${index.name}`, detail: `${keysText(current.keys)} → ${keysText(index.keys)} (dropped and created again)` })
      }
    }
    for (const index of liveIndexes) {
      if (index.name === '_id_' || declared.indexes.some((candidate) => candidate.name === index.name)) continue
      steps.push({ action: 'drop', subject: `index ${collection}/${index.name}`, detail: `${keysText(index.keys)} (not declared)` })
    }
  }
  return steps
}

/** Every step from `state` (an empty environment when null) to the manifest. */
export function plan(manifest: Manifest, state: EnvironmentState | null): Step[] {
  const current = state ?? EMPTY
  return [...functionSteps(manifest.functions, current), ...collectionSteps(manifest.database, current)]
}

const MARK: Record<Action, string> = { create: '+', change: '~', drop: '-', missing: '!' }

/** The plan as printed: one line per step, then the counts. */
export function formatPlan(steps: readonly Step[], against: string): string {
  const width = Math.max(0, ...steps.map((step) => step.subject.length))
  const lines = [`Deploy plan (${FUNCTIONS_FILE} + ${DATABASE_FILE}) against ${against}:`]
  if (steps.length === 0) lines.push('  nothing to do: the environment matches the manifest')
  for (const step of steps) lines.push(`  ${MARK[step.action]} ${step.subject.padEnd(width)}  ${step.detail}`)
  const count = (action: Action) => steps.filter((step) => step.action === action).length
  lines.push(`${count('create')} to create, ${count('change')} to change, ${count('drop')} to drop, ${count('missing')} missing. Nothing was written.`)
  return lines.join('\n')
}
