// The syntax gate: every .js and .wxs file must parse at the weapp target, ES2019.
//
// Why ES2019: WeChat ships the package as built (project.config.json: es6/enhance off) and runs it on
// the phone's engine. WeChat's compat data (npm `miniprogram-compat`) gives iOS 13 and Chrome 86 as
// the oldest engines for base library 2.30–3.5; iOS 13.0–13.3's JavaScriptCore has ES2019 but not
// `?.`, `??`, BigInt literals or class fields, so one such token and the whole file fails to parse.
// Regular-expression lookbehind is ES2018 to acorn but came to JavaScriptCore only in iOS 16.4, so
// regex literals are checked for it too.
import { parse } from 'acorn'
import { simple } from 'acorn-walk'
import { read, type Build, type Problem } from './build'

export const ECMA_TARGET = 2019

export function checkSyntax(build: Build): Problem[] {
  const problems: Problem[] = []
  for (const file of build.files.filter((f) => f.endsWith('.js') || f.endsWith('.wxs'))) {
    const code = read(build, file)
    let ast
    try {
      ast = parse(code, { ecmaVersion: ECMA_TARGET, sourceType: 'script', allowHashBang: false })
    } catch (error) {
      const { pos, message } = error as { pos?: number; message: string }
      const near = pos === undefined ? '' : `: …${code.slice(Math.max(0, pos - 40), pos + 20)}…`
      problems.push({ check: 'syntax', file, message: `needs more than ES${ECMA_TARGET} (${message})${near}` })
      continue
    }
    simple(ast, {
      Literal(node) {
        const regex = (node as { regex?: { pattern: string } }).regex
        if (regex && /\(\?<[=!]/.test(regex.pattern)) {
          problems.push({ check: 'syntax', file, message: `regular expression with lookbehind (iOS < 16.4 cannot parse it): /${regex.pattern}/` })
        }
      },
    })
  }
  return problems
}
