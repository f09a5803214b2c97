// The static half of the weapp check: everything that can be said of a build without running it.
import { checkAppJson } from './app-json'
import { readBuild, type Build, type Problem } from './build'
import { checkTemplates } from './compilers'
import { checkGlobals } from './globals'
import { checkRequires } from './requires'
import { checkSyntax } from './syntax'

export type { Build, Problem }
export { readBuild }

export function checkBuild(build: Build): Problem[] {
  return [...checkAppJson(build), ...checkTemplates(build), ...checkRequires(build), ...checkGlobals(build), ...checkSyntax(build)]
}

export const describeProblem = (p: Problem) => `[${p.check}] ${p.file}: ${p.message}`
