// Group commit for a synchronous SQLite connection (better-sqlite3).
//
// With `synchronous = FULL` every commit waits for the disk (one fsync, ~3 ms here), and better-sqlite3
// waits on the event loop: committing each write alone caps the server at a few hundred writes a
// second however many people are waiting. Instead, a write is queued, and at the end of the current
// turn of the event loop every write queued by then runs in one `BEGIN IMMEDIATE` transaction and
// shares its one commit. Each write runs in its own savepoint, so one that throws is undone alone
// and the others still commit. A write's promise settles only after the commit, so nothing is
// acknowledged before it is on disk, and writes still run one after another, in the order they came.
import type Database from 'better-sqlite3'

interface Job {
  work: () => unknown
  resolve: (value: unknown) => void
  reject: (reason: unknown) => void
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

export interface GroupCommit {
  /** Runs `work` inside the next shared transaction (its own savepoint); settles after the commit. */
  write<T>(work: () => T): Promise<T>
  /** Commits whatever is queued now (before the connection closes). */
  flush(): void
}

export function groupCommit(db: Database.Database): GroupCommit {
  let queue: Job[] = []

  // Nested better-sqlite3 transactions are savepoints: a throw rolls back to the job's savepoint only.
  const one = db.transaction((job: Job) => job.work())
  const all = db.transaction((jobs: Job[]) =>
    jobs.map((job): Outcome => {
      try {
        return { ok: true, value: one(job) }
      } catch (error) {
        return { ok: false, error }
      }
    }),
  )

  const flush = () => {
    if (queue.length === 0) return
    const jobs = queue
    queue = []
    let outcomes: Outcome[]
    try {
      outcomes = all.immediate(jobs)
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of this batch was kept.
      for (const job of jobs) job.reject(error)
      return
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes[i]
      if (outcome.ok) job.resolve(outcome.value)
      else job.reject(outcome.error)
    })
  }

  return {
    write<T>(work: () => T) {
      return new Promise<T>((resolve, reject) => {
        if (queue.length === 0) setImmediate(flush)
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
      })
    },
    flush,
  }
}
