// The CloudBase store's dashboard counts (issue 17 item 3), never a scan on page load: total, by status,
// category, destination province and month filed (and the 补充材料 wait), kept in the `counters`
// collection and changed in the same transaction as every filing write that changes them
// (store/cloudbase.ts: createFiling, updateFiling, anonymiseFiling, upgradeCloudbaseInPlace), as the
// SQLite store's count tables are changed by trigger.
//
// One document would make every two filings conflict (a transaction writing it fails when another
// wrote it first). So the counts are spread over COUNTER_SHARDS shard documents: each write adds its
// change to one picked at random (afresh on each attempt of its transaction), two concurrent filings
// meet only one time in COUNTER_SHARDS, and stats() reads the shards in one get and sums them. A write
// that changes no count writes no shard. A filing document carries `counted: true` once its counts are
// in (set by the same write), so the upgrade counts an older build's filings exactly once.
//
// What depends on today (未生效, 生效中, 已过期, 即将到期) cannot be kept this way: stats() counts 未生效,
// 已过期 and 即将到期 with three count() queries each narrowed by a declared index, and derives 生效中 as
// the rest of status `active`; 待审核, 待补充材料, 已驳回 and 已撤销 come from the counters.
import type { Stats } from './port'
import type { Database, Doc, Transaction, TxDocument } from './cloudbase-sdk'

/** Shard documents `filings#00` … `filings#15` in `counters`: `{ counts: { <key>: n } }`. */
export const COUNTER_SHARDS = 16
const SHARD_IDS = Array.from({ length: COUNTER_SHARDS }, (_, n) => `filings#${String(n).padStart(2, '0')}`)

/** The counts a filing document adds to: `total`, `status:…`, `category:…`, `province:…`, `month:…`, and `needs_materials`. */
function counterKeys(doc: Doc): string[] {
  const keys = ['total', `status:${String(doc.status)}`, `category:${String(doc.category)}`, `province:${String(doc.provinceCode)}`, `month:${String(doc.filedMonth)}`]
  if (doc.status === 'pending_review' && doc.awaitingMaterials === true) keys.push('needs_materials')
  return keys
}

/** What replacing `before` (null: a document not counted) by `after` changes, without the zeros. */
export function counterDelta(before: Doc | null, after: Doc): Map<string, number> {
  const delta = new Map<string, number>()
  for (const key of counterKeys(after)) delta.set(key, (delta.get(key) ?? 0) + 1)
  for (const key of before ? counterKeys(before) : []) delta.set(key, (delta.get(key) ?? 0) - 1)
  for (const [key, n] of delta) if (n === 0) delta.delete(key)
  return delta
}

/** The counts of `docs` (filing documents), as one shard holds them: for seeding a benchmark's environment. */
export function countsOf(docs: readonly Doc[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const doc of docs) for (const key of counterKeys(doc)) counts[key] = (counts[key] ?? 0) + 1
  return counts
}

/** Adds `delta` to one shard, picked at random, in the transaction `tx` (`read`: a transactional read, null when missing). */
export async function addToCounters(tx: Transaction, read: (ref: TxDocument) => Promise<Doc | null>, delta: Map<string, number>): Promise<void> {
  if (delta.size === 0) return
  const id = SHARD_IDS[Math.floor(Math.random() * COUNTER_SHARDS)]
  const ref = tx.collection('counters').doc(id)
  const current = await read(ref)
  const counts: Record<string, number> = { ...((current?.counts as Record<string, number> | undefined) ?? {}) }
  for (const [key, n] of delta) counts[key] = (counts[key] ?? 0) + n
  if (current) await ref.set({ data: { counts } })
  else await tx.collection('counters').add({ data: { _id: id, counts } })
}

/** The shards summed: `{ key → n }` (one get, by `_id`). */
export async function readCounters(db: Database): Promise<Map<string, number>> {
  const { data } = await db.collection('counters').where({ _id: db.command.in(SHARD_IDS) }).limit(COUNTER_SHARDS).get()
  const sums = new Map<string, number>()
  for (const shard of data) {
    for (const [key, n] of Object.entries((shard.counts as Record<string, number> | undefined) ?? {})) sums.set(key, (sums.get(key) ?? 0) + n)
  }
  return sums
}

/** The dashboard's figures from the summed counters and the three counts that depend on today. */
export function statsFrom(counts: Map<string, number>, today: { notYetActive: number; expired: number; expiring: number }): Stats {
  const group = (prefix: string) => {
    const out: Record<string, number> = {}
    for (const [key, n] of counts) if (key.startsWith(prefix) && n > 0) out[key.slice(prefix.length)] = n
    return out
  }
  const count = (key: string) => Math.max(0, counts.get(key) ?? 0)
  const needsMaterials = count('needs_materials')
  return {
    total: count('total'),
    byStatus: group('status:'),
    byState: {
      pending_review: Math.max(0, count('status:pending_review') - needsMaterials),
      needs_materials: needsMaterials,
      not_yet_active: today.notYetActive,
      active: Math.max(0, count('status:active') - today.notYetActive - today.expired),
      expired: today.expired,
      rejected: count('status:rejected'),
      cancelled: count('status:cancelled'),
    },
    byCategory: group('category:'),
    byProvince: group('province:'),
    byMonth: group('month:'),
    expiringIn30Days: today.expiring,
  }
}
