// The part of wx-server-sdk the CloudBase adapter uses: `cloud.database()` and `cloud.uploadFile/downloadFile`
// (wx-server-sdk 4.x). Its own typings declare most results as `Promise<…> | void | string`, so the
// deployed entry passes `cloud.database() as unknown as Database`.

// The part of wx-server-sdk this adapter uses: `cloud.database()` and `cloud.uploadFile/downloadFile`
// (wx-server-sdk 4.x). Its own typings declare most results as `Promise<…> | void | string`, so the
// deployed entry passes `cloud.database() as unknown as Database`.

export type Doc = Record<string, unknown> & { _id?: string }

/** A query condition or operator built by `db.command`; opaque to this adapter. */
export type Operator = object

export interface DbCommand {
  gt(value: string): Operator
  gte(value: string): Operator
  lt(value: string): Operator
  lte(value: string): Operator
  in(values: readonly unknown[]): Operator
  nin(values: readonly unknown[]): Operator
  /** Field level (`{ f: _.and([_.gte(a), _.lte(b)]) }`) or root level (`where(_.and([{…}, {…}]))`). */
  and(expressions: readonly object[]): Operator
  or(expressions: readonly object[]): Operator
  readonly aggregate: { sum(expression: number): Operator }
}

export interface DbQuery {
  where(condition: object): DbQuery
  orderBy(field: string, direction: 'asc' | 'desc'): DbQuery
  skip(offset: number): DbQuery
  limit(max: number): DbQuery
  get(): Promise<{ data: Doc[] }>
  count(): Promise<{ total: number }>
}

export interface DbAggregate {
  group(spec: object): DbAggregate
  sort(spec: Record<string, 1 | -1>): DbAggregate
  skip(offset: number): DbAggregate
  limit(max: number): DbAggregate
  end(): Promise<{ list: Doc[] }>
}

export interface DbCollection extends DbQuery {
  doc(id: string): { update(options: { data: object }): Promise<{ stats: { updated: number } }> }
  add(options: { data: Doc }): Promise<{ _id: string }>
  aggregate(): DbAggregate
}

/** A document reference inside a transaction. `get` rejects on a missing document unless the database
 * was made with `throwOnNotFound: false`, in which case it resolves `{ data: null }`. */
export interface TxDocument {
  get(): Promise<{ data: Doc | null }>
  set(options: { data: object }): Promise<unknown>
  update(options: { data: object }): Promise<unknown>
  remove(): Promise<unknown>
}

export interface Transaction {
  collection(name: string): { doc(id: string): TxDocument; add(options: { data: Doc }): Promise<unknown> }
}

export interface Database {
  readonly command: DbCommand
  collection(name: string): DbCollection
  runTransaction<T>(callback: (transaction: Transaction) => Promise<T>, times?: number): Promise<T>
}

/** The cloud storage calls of wx-server-sdk that the file store uses. */
export interface CloudStorageApi {
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>
  /** Private files' links last ten minutes (WeChat's documentation of the server SDK). */
  getTempFileURL(options: { fileList: { fileID: string; maxAge: number }[] }): Promise<{ fileList: { fileID: string; tempFileURL: string; status: number; errMsg: string }[] }>
  /** Deletes objects (the purge of uploads no filing named, the proofs of an anonymised filing); a status per file. */
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: { fileID: string; status: number }[] }>
}
