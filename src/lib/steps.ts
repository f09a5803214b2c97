// A flow of steps as data (the model: the UK passport service's form-wizard config): each step says
// what it asks (`fields`, as the server's field paths), when it applies (`when`), and what it checks
// (`check`); the table names its check page. Going on and back, checking every step before a submit,
// and putting a server issue on the step that asks its field all come from here, for both flows that
// use it (the filing wizard, FILE_STEPS in pages/file/flow.ts; the change flow, CHANGE_STEPS in
// pages/filing/change-flow.ts).
// Pure: no Taro, so jest checks it through the flows' own tests.
import type { FieldIssue } from '../rules'

/**
 * `S`: the answers a check reads; `C`: what else it needs (today, the person); `W`: the part of the
 * answers that decides which steps apply and what they are called (S by default).
 */
export interface Step<Id extends string, S, C, W = S> {
  id: Id
  /** What the progress line calls it; a function where the answers change the name. */
  title: string | ((state: W) => string)
  /**
   * The field paths this step asks: a path is its own when it is one of them or lies under one
   * (`applicant` owns `applicant.idNumber`); the longest such field in the table decides.
   */
  fields: readonly string[]
  /** Fields asked here too when the step that owns them does not apply to these answers. */
  fallbackFields?: readonly string[]
  /** Whether the step applies to these answers; always when left out. */
  when?: (state: W) => boolean
  /** What is wrong on this step, as `{path, message}` with the server's paths. */
  check: (state: S, context: C) => FieldIssue[]
}

export interface StepTable<Id extends string, S, C, W = S> {
  steps: readonly Step<Id, S, C, W>[]
  /**
   * The check page, last: every answer is seen there before submitting, and a field no step that
   * applies asks is put on it. With `changeReturnsHere`, a step opened by its "修改" link goes on to
   * the first later step still unanswered, and then back to it (not through every step between).
   */
  checkPage: Id
  changeReturnsHere?: boolean
}

/** The steps these answers go through, in order. */
export function stepsFor<Id extends string, W, S extends W, C>(table: StepTable<Id, S, C, W>, state: W): Id[] {
  return table.steps.filter((step) => step.when?.(state) ?? true).map((step) => step.id)
}

function stepById<Id extends string, W, S extends W, C>(table: StepTable<Id, S, C, W>, id: Id): Step<Id, S, C, W> {
  const found = table.steps.find((step) => step.id === id)
  if (!found) throw new Error(`no step ${id}`)
  return found
}

export function titleOf<Id extends string, W, S extends W, C>(table: StepTable<Id, S, C, W>, state: W, id: Id): string {
  const { title } = stepById(table, id)
  return typeof title === 'string' ? title : title(state)
}

export function checkStep<Id extends string, W, S extends W, C>(table: StepTable<Id, S, C, W>, state: S, id: Id, context: C): FieldIssue[] {
  return stepById(table, id).check(state, context)
}

/** 第 N 步 (and how many these answers go through). */
export function progressOf<Id extends string, W, S extends W, C>(table: StepTable<Id, S, C, W>, state: W, id: Id): { index: number; total: number } {
  const steps = stepsFor(table, state)
  return { index: Math.max(0, steps.indexOf(id)) + 1, total: steps.length }
}

/**
 * Where "继续" goes from `at` once it is valid: the next step that applies (the check page after the
 * last). `returning` (came by a 修改 link, where the table allows it): the first later step that
 * still has an issue, else the check page.
 */
export function nextStep<Id extends string, W, S extends W, C>(table: StepTable<Id, S, C, W>, state: S, at: Id, context: C, returning = false): Id {
  const steps = stepsFor(table, state)
  const following = steps.slice(steps.indexOf(at) + 1)
  if (!(returning && table.changeReturnsHere)) return following[0] ?? table.checkPage
  return following.find((id) => id !== table.checkPage && checkStep(table, state, id, context).length > 0) ?? table.checkPage
}

/** Where "上一步" goes from `at`: the step before it; null on the first (leave the flow). */
export function previousStep<Id extends string, W, S extends W, C>(table: StepTable<Id, S, C, W>, state: W, at: Id): Id | null {
  const steps = stepsFor(table, state)
  const index = steps.indexOf(at)
  if (index === 0) return null
  return index < 0 ? (steps[0] ?? null) : steps[index - 1]
}

const owns = (field: string, path: string) => path === field || path.startsWith(`${field}.`)

function longestField(fields: readonly string[] | undefined, path: string): number {
  return Math.max(-1, ...(fields ?? []).filter((field) => owns(field, path)).map((field) => field.length))
}

/**
 * The step a field path is asked on: the step with the longest field that owns it; when that step
 * does not apply to `state`, one that applies and asks it as a fallback; else the check page.
 * Without `state`, the owner whether it applies or not.
 */
export function stepOfPath<Id extends string, W, S extends W, C>(table: StepTable<Id, S, C, W>, path: string, state?: W): Id {
  let owner: Step<Id, S, C, W> | undefined
  for (const step of table.steps) if (longestField(step.fields, path) > longestField(owner?.fields, path)) owner = step
  if (!owner) return table.checkPage
  if (state === undefined || (owner.when?.(state) ?? true)) return owner.id
  const applies = stepsFor<Id, W, S, C>(table, state)
  return table.steps.find((step) => applies.includes(step.id) && longestField(step.fallbackFields, path) >= 0)?.id ?? table.checkPage
}

/** Issues grouped by the step that asks their field, and the first such step in the flow. */
export function placeIssues<Id extends string, W, S extends W, C>(
  table: StepTable<Id, S, C, W>,
  state: W,
  issues: readonly FieldIssue[],
): { byStep: Partial<Record<Id, FieldIssue[]>>; first: Id | null } {
  const byStep: Partial<Record<Id, FieldIssue[]>> = {}
  for (const found of issues) (byStep[stepOfPath(table, found.path, state)] ??= []).push(found)
  const first = stepsFor(table, state).find((id) => byStep[id]?.length) ?? null
  return { byStep, first }
}

/**
 * Every step's issues before a submit: the first step before the check page with an issue; then
 * the check page's own check, its issues placed on the first step that asks one of their fields.
 */
export function checkAll<Id extends string, W, S extends W, C>(table: StepTable<Id, S, C, W>, state: S, context: C): { step: Id; issues: FieldIssue[] } | null {
  for (const id of stepsFor(table, state)) {
    if (id === table.checkPage) break
    const issues = checkStep(table, state, id, context)
    if (issues.length) return { step: id, issues }
  }
  const issues = checkStep(table, state, table.checkPage, context)
  if (!issues.length) return null
  return { step: placeIssues(table, state, issues).first ?? table.checkPage, issues }
}
