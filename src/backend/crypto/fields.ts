// Field-level encryption at rest (issue 13, item 2), shared by both stores.
//
// - `encrypt(text)` → `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url): AES-256-GCM with a fresh
//   96-bit IV per value, the key id kept with the value, so a value written under an older key stays
//   readable after the current key changes (keep the old key in the keyring; see `keyringFrom`).
// - `blind(kind, value)`: a keyed HMAC-SHA256 lookup value (the person key, the ID number's last 4),
//   never a plain hash: without the key nobody can test a guessed ID number against it. Its key is
//   derived (HKDF) from the index key, which is separate from the encryption key: rotating the
//   encryption key leaves every lookup value as it is.
// - `nameIndex(name)`: the name-prefix search without the name. For each prefix of the name
//   (1 … n characters) a keyed HMAC cut to NAME_TOKEN characters, concatenated: the names that start
//   with q are exactly those whose index starts with `nameIndex(q)`, so the store's range scan
//   (`index >= t AND index < t || U+10FFFF`) and its first-character counts (the first token) work
//   as they did over the plain name. What it gives away: which filings share a name prefix (as any
//   deterministic lookup would), never the characters.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/** Characters (base64url, 6 bits each) of one name-prefix token: 36 bits, collisions negligible. */
export const NAME_TOKEN = 6

const PREFIX = 'v1:'

export interface FieldCrypto {
  /** The id of the key new values are written under. */
  readonly keyId: string
  encrypt(text: string): string
  /** Throws on an unknown key id or a value that fails authentication. */
  decrypt(sealed: string): string
  isSealed(value: unknown): value is string
  blind(kind: string, value: string): string
  nameIndex(name: string): string
}

export interface Keyring {
  /** Every key that may have written a value, by id (ids without ':'). 32 bytes each. */
  keys: Record<string, Buffer>
  /** The id new values are encrypted with. */
  current: string
  /** The id whose key the lookup (HMAC) key is derived from. Default `current`; keep it when rotating. */
  index?: string
}

const b64 = (buffer: Buffer) => buffer.toString('base64url')

export function fieldCrypto(ring: Keyring): FieldCrypto {
  for (const [id, key] of Object.entries(ring.keys)) {
    if (!/^[A-Za-z0-9_.-]{1,32}$/.test(id)) throw new Error(`a data key id is 1-32 letters, digits, _ . or - (got ${JSON.stringify(id)})`)
    if (key.length !== 32) throw new Error(`data key ${id} is not 32 bytes`)
  }
  const current = ring.keys[ring.current]
  if (!current) throw new Error(`the current data key ${ring.current} is not in the keyring`)
  const indexSource = ring.keys[ring.index ?? ring.current]
  if (!indexSource) throw new Error(`the index key ${String(ring.index)} is not in the keyring`)
  const indexKey = Buffer.from(hkdfSync('sha256', indexSource, Buffer.alloc(0), 'filing lookup index v1', 32))

  const mac = (kind: string, value: string) => createHmac('sha256', indexKey).update(`${kind}\u0000${value}`, 'utf8').digest()

  return {
    keyId: ring.current,
    encrypt(text) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', current, iv)
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
      return `${PREFIX}${ring.current}:${b64(iv)}:${b64(cipher.getAuthTag())}:${b64(body)}`
    },
    decrypt(sealed) {
      const parts = sealed.split(':')
      if (parts.length !== 5 || parts[0] !== 'v1') throw new Error('not an encrypted field')
      const key = ring.keys[parts[1]]
      if (!key) throw new Error(`no data key ${parts[1]} to read a stored field`)
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(parts[2], 'base64url'))
      decipher.setAuthTag(Buffer.from(parts[3], 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(parts[4], 'base64url')), decipher.final()]).toString('utf8')
    },
    isSealed(value): value is string {
      return typeof value === 'string' && value.startsWith(PREFIX) && value.split(':').length === 5
    },
    blind(kind, value) {
      return b64(mac(kind, value))
    },
    nameIndex(name) {
      const chars = Array.from(name)
      let out = ''
      for (let i = 1; i <= chars.length; i += 1) out += b64(mac('name', chars.slice(0, i).join(''))).slice(0, NAME_TOKEN)
      return out
    },
  }
}

/** A key as written in the environment or the key file: 32 bytes as base64 (or 64 hex digits). */
export function parseKey(text: string): Buffer {
  const trimmed = text.trim()
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64')
  if (key.length !== 32) throw new Error('a data key is 32 bytes, written as base64 (44 characters) or 64 hex digits')
  return key
}

export function newKey(): string {
  return randomBytes(32).toString('base64')
}

/**
 * The keyring from the environment: DATA_KEY (current key), DATA_KEY_ID (its id, default `k1`),
 * DATA_KEYS_OLD (`id:key,id:key`: earlier keys still readable), DATA_INDEX_KEY_ID (the key the lookups
 * are derived from, default the current one: keep the first key's id here when rotating). Null
 * without DATA_KEY.
 */
export function keyringFrom(env: Record<string, string | undefined>): Keyring | null {
  if (!env.DATA_KEY) return null
  const current = env.DATA_KEY_ID || 'k1'
  const keys: Record<string, Buffer> = {}
  for (const item of (env.DATA_KEYS_OLD ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = item.indexOf(':')
    if (at < 1) throw new Error('DATA_KEYS_OLD is a comma-separated list of id:key')
    keys[item.slice(0, at)] = parseKey(item.slice(at + 1))
  }
  keys[current] = parseKey(env.DATA_KEY)
  return { keys, current, index: env.DATA_INDEX_KEY_ID || undefined }
}

/**
 * A fixed, published key for stores opened without one: tests and tools only. The local server and
 * the cloud functions always pass their own (server/main.ts, cloud/runtime.ts).
 */
export const UNKEYED_TEST_CRYPTO: FieldCrypto = fieldCrypto({ keys: { test: Buffer.alloc(32, 7) }, current: 'test' })

// ---- What is encrypted in a filing, a history entry and an identity ----------------------------

/** JSON text whose value is the encrypted JSON of `value` (a JSON string: json_valid holds). */
export function sealJson(crypto: FieldCrypto, value: unknown): string {
  return JSON.stringify(crypto.encrypt(JSON.stringify(value)))
}

/** The value of `sealJson`'s text; plain JSON (written before encryption) is read as it is. */
export function openJson<T>(crypto: FieldCrypto, text: string): T {
  const parsed = JSON.parse(text) as unknown
  return (crypto.isSealed(parsed) ? JSON.parse(crypto.decrypt(parsed)) : parsed) as T
}

/** An encrypted field's value, or the value itself when it was stored before encryption. */
export function openValue<T>(crypto: FieldCrypto, value: unknown): T {
  return (crypto.isSealed(value) ? JSON.parse(crypto.decrypt(value)) : value) as T
}

interface SealableFiling {
  applicant: unknown
  agent?: unknown
  commitment: { signature: string } | null
}

/**
 * The filing as stored: the applicant (name, ID number, phone, address, birth date, gender) and the
 * agent (name, ID number, phone) each one encrypted value, the commitment's signature (a name) too.
 * Everything the stores query inside the record (status fields, `agent` being set, 抽查, materials
 * request) stays as it was.
 */
export function sealFiling<T extends SealableFiling>(crypto: FieldCrypto, filing: T): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(filing as unknown as Record<string, unknown>), applicant: crypto.encrypt(JSON.stringify(filing.applicant)) }
  if (filing.agent) out.agent = crypto.encrypt(JSON.stringify(filing.agent))
  if (filing.commitment) out.commitment = { ...filing.commitment, signature: crypto.encrypt(JSON.stringify(filing.commitment.signature)) }
  return out
}

export function openFiling<T>(crypto: FieldCrypto, stored: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...stored, applicant: openValue(crypto, stored.applicant) }
  if (stored.agent) out.agent = openValue(crypto, stored.agent)
  const commitment = stored.commitment as { signature: unknown } | null | undefined
  if (commitment) out.commitment = { ...commitment, signature: openValue(crypto, commitment.signature) }
  return out as T
}

/** The lookup value of a person (ID type and number) for the one-long-term-filing rule and listByPerson. */
export function personIndex(crypto: FieldCrypto, idType: string, idNumber: string): string {
  return crypto.blind('person', `${idType}:${idNumber}`)
}

/** The lookup value of an ID number's last 4 characters (the search box; x = X). */
export function last4Index(crypto: FieldCrypto, last4: string): string {
  return crypto.blind('last4', last4.toUpperCase()).slice(0, 16)
}
