// The access log in CloudBase: one document per entry in the collection `access_log` (readable and
// writable by no client, cloudfunctions/database-rules.json), newest first by `at`. pageSize is at most
// 100, the server SDK's cap on one get.
import { openText, sealText, upperBound, type AccessEntry, type AccessLog, type LogSeal } from './access-log'
import type { Database } from './cloudbase'

/** `seal`: the filters and reason sealed at rest (LogSeal). */
export function cloudbaseAccessLog(db: Database, seal?: LogSeal): AccessLog {
  const log = () => db.collection('access_log')
  return {
    async record(entry) {
      const filters = sealText(seal, entry.filters ? JSON.stringify(entry.filters) : null)
      await log().add({ data: { ...entry, filters, reason: sealText(seal, entry.reason) } })
    },
    async list(query) {
      const _ = db.command
      const conditions: object[] = []
      if (query.staff) conditions.push({ staff: query.staff })
      if (query.action) conditions.push({ action: query.action })
      if (query.from) conditions.push({ at: _.gte(query.from) })
      if (query.to) conditions.push({ at: _.lte(upperBound(query.to)) })
      const matching = conditions.length ? log().where(_.and(conditions)) : log()
      const { total } = await matching.count()
      const { data } = await matching
        .orderBy('at', 'desc')
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .get()
      const items = data.map(({ _id, ...rest }): AccessEntry => {
        const stored = rest as unknown as Omit<AccessEntry, 'filters'> & { filters: string | null }
        const filters = openText(seal, stored.filters)
        return { ...stored, filters: filters ? (JSON.parse(filters) as Record<string, unknown>) : null, reason: openText(seal, stored.reason) }
      })
      return { items, total }
    },
  }
}
