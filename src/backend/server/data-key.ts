// The local server's data key (crypto/fields.ts): DATA_KEY (with DATA_KEY_ID, DATA_KEYS_OLD,
// DATA_INDEX_KEY_ID) when set; otherwise a key generated at the first start into a file beside
// DATA_DIR, never inside it (`<DATA_DIR>.key`, or DATA_KEY_FILE), mode 0600, so that a copy of the
// data folder alone reads nothing. The start-up output says which, and never prints the key.
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { keyringFrom, newKey, parseKey, type Keyring } from '../crypto/fields'

export function keyFileOf(dataDir: string, env: Record<string, string | undefined>): string {
  return resolve(env.DATA_KEY_FILE?.trim() || `${resolve(dataDir)}.key`)
}

export function localKeyring(dataDir: string, env: Record<string, string | undefined>, log: (line: string) => void): Keyring {
  const fromEnv = keyringFrom(env)
  if (fromEnv) {
    log(`  data key: DATA_KEY (id ${fromEnv.current})`)
    return fromEnv
  }
  const file = keyFileOf(dataDir, env)
  const inside = relative(resolve(dataDir), file)
  if (!inside.startsWith('..') && !inside.startsWith('/')) throw new Error(`DATA_KEY_FILE must be outside DATA_DIR (${file})`)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600)
    log(`  data key: ${file}`)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    mkdirSync(dirname(file), { recursive: true })
    text = `${newKey()}\n`
    // 'wx': two servers starting at once never overwrite each other's key.
    try {
      writeFileSync(file, text, { mode: 0o600, flag: 'wx' })
      log(`  data key: generated a new key in ${file} (mode 0600); keep it with backups of the data, which cannot be read without it`)
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced
      text = readFileSync(file, 'utf8')
    }
  }
  return { keys: { local: parseKey(text) }, current: 'local' }
}
