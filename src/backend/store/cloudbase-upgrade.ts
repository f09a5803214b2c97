// Bringing what an older build stored in CloudBase up to this one (cloudbase.ts explains the layout).
import type { FilingRecord } from '../domain/record'
import { openFiling, personIndex, type FieldCrypto } from '../crypto/fields'
import { addToCounters, counterDelta } from './cloudbase-counters'
import type { Database, Doc } from './cloudbase-sdk'
import { PAGE, filingDoc, lacksDerivedFields, sha256, token, txRead, withRetries, type FilingDoc } from './cloudbase-docs'

/** How far an upgrade got: what it changed, and where the next run goes on (null: nothing is left). */
export interface UpgradeRun {
  filings: number
  history: number
  identities: number
  /** Give it back as `after` to the next run; null once every collection has been walked. */
  next: string | null
}

/** The collections walked, in order; a cursor is `<collection>:<last _id done>`. */
const PHASES = ['filings', 'history', 'identities'] as const
type Phase = (typeof PHASES)[number]

/** Time kept back before the function's timeout: one more document's transaction, retries included (about 1 s). */
const RESERVE_MS = 1_500

/**
 * Brings what an older build stored up to this one, in place: encrypts what a build before field
 * encryption stored in the clear — each filing document (record, name, idLast4, personKey), its
 * long-term holding (moved from the plain sha256 key to the keyed one), every history entry and every
 * identity — and adds the fields later builds query on (endedOn, the change queue's) to filing
 * documents without them, and counts each filing not yet in the dashboard's counters (`counted`: the
 * mark and the counts commit in one transaction, so a filing is counted once however often this runs
 * and whatever writes it meanwhile; the figures are exact once every run has finished). Idempotent
 * (what is done already is skipped) and safe beside live traffic (each filing in its own transaction).
 *
 * In batches: it walks each collection by `_id`, a page at a time, and stops before `remainingMs()`
 * runs short (checked before each document), answering `next`; the next run goes on from there (a province's filings take several
 * runs of a 60 s function). Run by the `reminders` function on `{ "task": "upgrade-store", "after": … }`
 * from the console or the CLI (never from the mini-program: it refuses a call with an OPENID), after
 * deploying a build and until `next` is null, before people file again.
 */
export async function upgradeCloudbaseInPlace(
  db: Database,
  crypto: FieldCrypto,
  options: { after?: string | null; remainingMs?: () => number } = {},
): Promise<UpgradeRun> {
  const run = { filings: 0, history: 0, identities: 0 }
  const remaining = options.remainingMs ?? (() => Number.POSITIVE_INFINITY)
  const plainRecord = (doc: Doc | null) => doc !== null && typeof (doc as FilingDoc).record?.applicant === 'object'
  const due = (doc: Doc | null) => doc !== null && (plainRecord(doc) || lacksDerivedFields(doc))

  const upgradeFiling = async (found: Doc) => {
    if (!due(found)) return false
    return withRetries(() =>
      db.runTransaction(async (tx) => {
        const current = await txRead<FilingDoc>(tx.collection('filings').doc(String(found._id)))
        if (!current || !due(current)) return false
        const plain = plainRecord(current)
        const filing = plain ? (current.record as unknown as FilingRecord) : openFiling<FilingRecord>(crypto, current.record)
        const meta = { historySeq: current.historySeq, lastWrite: token(), stored: current.stored }
        const doc = filingDoc(crypto, filing, meta)
        await tx.collection('filings').doc(filing.id).set({ data: doc })
        // Counted here, once: the mark and the counts commit together.
        await addToCounters(tx, txRead, counterDelta(current.counted === true ? current : null, doc))
        const legacy = sha256(`${filing.applicant.idType}:${filing.applicant.idNumber}`)
        const holding = plain && current.holdsLongTerm ? await txRead(tx.collection('holdings').doc(legacy)) : null
        if (holding && holding.filingId === filing.id) {
          await tx.collection('holdings').doc(legacy).remove()
          const key = personIndex(crypto, filing.applicant.idType, filing.applicant.idNumber)
          const data = { filingId: holding.filingId, owner: holding.owner, since: holding.since }
          if (await txRead(tx.collection('holdings').doc(key))) await tx.collection('holdings').doc(key).set({ data })
          else await tx.collection('holdings').add({ data: { _id: key, ...data } })
        }
        return true
      }),
    )
  }

  const upgradeHistory = async (doc: Doc) => {
    if (typeof doc.entry === 'string') return false
    await db.collection('history').doc(String(doc._id)).update({ data: { entry: crypto.encrypt(JSON.stringify(doc.entry)) } })
    return true
  }

  const upgradeIdentity = async (doc: Doc) => {
    if (typeof doc.sealed === 'string') return false
    return withRetries(() =>
      db.runTransaction(async (tx) => {
        const ref = tx.collection('identities').doc(String(doc._id))
        const current = await txRead(ref)
        if (!current || typeof current.sealed === 'string') return false
        const { _id, ...fields } = current
        await ref.set({ data: { sealed: crypto.encrypt(JSON.stringify(fields)), updatedAt: fields.updatedAt } })
        return true
      }),
    )
  }

  const upgrade: Record<Phase, (doc: Doc) => Promise<boolean>> = { filings: upgradeFiling, history: upgradeHistory, identities: upgradeIdentity }
  const from = parseCursor(options.after)
  for (const phase of PHASES.slice(PHASES.indexOf(from.phase))) {
    let after = phase === from.phase ? from.id : null
    const stop = () => ({ ...run, next: `${phase}:${after ?? ''}` })
    for (;;) {
      if (remaining() < RESERVE_MS) return stop()
      const page = await db.collection(phase).where(after === null ? {} : { _id: db.command.gt(after) }).orderBy('_id', 'asc').limit(PAGE).get()
      if (page.data.length === 0) break
      for (const doc of page.data) {
        if (remaining() < RESERVE_MS) return stop()
        if (await upgrade[phase](doc)) run[phase] += 1
        after = String(doc._id)
      }
    }
  }
  return { ...run, next: null }
}

/** Where a run starts: the start of everything, or just after the `_id` a cursor names. */
function parseCursor(after: string | null | undefined): { phase: Phase; id: string | null } {
  if (!after) return { phase: 'filings', id: null }
  const at = after.indexOf(':')
  const phase = after.slice(0, at) as Phase
  if (at < 0 || !PHASES.includes(phase)) throw new Error('not a cursor this upgrade gave')
  const id = after.slice(at + 1)
  return { phase, id: id === '' ? null : id }
}
