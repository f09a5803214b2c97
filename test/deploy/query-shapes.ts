// The queries the CloudBase adapter issues, and which declared index (deploy/database.json) serves each.
//
// recordingDatabase() is a wx-server-sdk `Database` that answers every query with nothing and records
// its shape (collection, where, orderBy); servedBy() (index-match.ts, which the wx-server-sdk stand-in
// enforces too) applies CloudBase's index rules to a shape.
import type { Database, DbAggregate, DbCommand, DbQuery, Doc, Transaction } from '../../src/backend/store/cloudbase'
import { queryOperators } from './index-match'

const command: DbCommand = {
  ...queryOperators,
  aggregate: { sum: (expression) => ({ $sum: expression }) },
}

export interface RecordedQuery {
  /** `<collection>.<method>`: the method is the one running when the query was made. */
  name: string
  kind: 'get' | 'count' | 'aggregate'
  where: object | null
  sort: [string, 1 | -1][]
  /** What the test was exercising (a search's filter and sort). */
  detail: string
}

/** A Database that records every query outside transactions and finds nothing. */
export function recordingDatabase() {
  const queries: RecordedQuery[] = []
  let method = '?'
  let detail = ''

  function query(collection: string, where: object | null, sort: [string, 1 | -1][]): DbQuery {
    const record = (kind: RecordedQuery['kind']) => queries.push({ name: `${collection}.${method}`, kind, where, sort, detail })
    const self: DbQuery = {
      where: (condition) => query(collection, condition, sort),
      orderBy: (field, direction) => query(collection, where, [...sort, [field, direction === 'asc' ? 1 : -1]]),
      skip: () => self,
      limit: () => self,
      get: async () => (record('get'), { data: [] as Doc[] }),
      count: async () => (record('count'), { total: 0 }),
    }
    return self
  }

  function aggregate(collection: string): DbAggregate {
    const self: DbAggregate = {
      group: () => self,
      sort: () => self,
      skip: () => self,
      limit: () => self,
      end: async () => {
        queries.push({ name: `${collection}.${method}`, kind: 'aggregate', where: null, sort: [], detail })
        return { list: [] }
      },
    }
    return self
  }

  const tx: Transaction = {
    collection: () => ({
      doc: () => ({ get: async () => ({ data: null }), set: async () => ({}), update: async () => ({}), remove: async () => ({}) }),
      add: async () => ({}),
    }),
  }

  const db: Database = {
    command,
    collection: (name) => ({
      ...query(name, null, []),
      doc: () => ({ update: async () => ({ stats: { updated: 0 } }) }),
      add: async ({ data }) => ({ _id: String(data._id ?? 'new') }),
      aggregate: () => aggregate(name),
    }),
    runTransaction: async (callback) => callback(tx),
  }

  /** Runs `work` with its queries named after `name` (and `note` kept as their detail). */
  async function as<T>(name: string, work: () => Promise<T>, note = ''): Promise<T> {
    method = name
    detail = note
    try {
      return await work()
    } finally {
      method = '?'
      detail = ''
    }
  }

  return { db, queries, as }
}

// ---------------------------------------------------------------------------------------------
// Shapes and coverage: one implementation, shared with the wx-server-sdk stand-in (index-match.ts).

export { ID_INDEX, servedBy, shapeOf, type Coverage, type NamedIndex } from './index-match'
