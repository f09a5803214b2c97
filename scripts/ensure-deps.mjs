// Runs before `npm start` and `npm test`: on a fresh clone (or after package-lock.json changed) it
// installs exactly what the lockfile says, and builds better-sqlite3 from source when its native
// module does not load (install scripts are off; its prebuilt download needs hosts we cannot reach).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const run = (args) => execFileSync(npm, args, { cwd: root, stdio: 'inherit' })

const installed = join(root, 'node_modules', '.package-lock.json')
const lock = join(root, 'package-lock.json')
if (!existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
  console.log('Installing dependencies from package-lock.json …')
  run(['ci', '--ignore-scripts', '--no-audit', '--no-fund'])
}

const loads = spawnSync(process.execPath, ['-e', "require('better-sqlite3')(':memory:').close()"], { cwd: root, stdio: 'ignore' })
if (loads.status !== 0) {
  console.log('Building better-sqlite3 from source (about a minute) …')
  run(['rebuild', 'better-sqlite3', '--ignore-scripts=false'])
}
