// Bringing what an older build stored in CloudBase up to this one (cloudbase.ts explains the layout).
import type { FilingRecord } from '../domain/record'
import { openFiling, personIndex, type FieldCrypto } from '../crypto/fields'
import { addToCounters, counterDelta } from './cloudbase-counters'
import type { Database, Doc } from './cloudbase-sdk'
import { fetchAll, filingDoc, lacksDerivedFields, sha256, token, txRead, withRetries, type FilingDoc } from './cloudbase-docs'

/**
 * Brings what an older build stored up to this one, in place: encrypts what a build before field
 * encryption stored in the clear — each filing document (record, name, idLast4, personKey), its
 * long-term holding (moved from the plain sha256 key to the keyed one), every history entry and every
 * identity — and adds the fields later builds query on (endedOn, the change queue's) to filing
 * documents without them, and counts each filing not yet in the dashboard's counters (`counted`: the
 * mark and the counts commit in one transaction, so a filing is counted once however often this runs
 * and whatever writes it meanwhile; the figures are exact once a run has finished). Idempotent (what is done already is skipped) and safe beside live traffic
 * (each filing in its own transaction). Run by the `reminders` function on `{ "task": "upgrade-store" }`
 * from the console or the CLI (never from the mini-program: it refuses a call with an OPENID), once
 * after deploying a build, before people file again.
 */
export async function upgradeCloudbaseInPlace(db: Database, crypto: FieldCrypto): Promise<{ filings: number; history: number; identities: number }> {
  const counts = { filings: 0, history: 0, identities: 0 }
  const plainRecord = (doc: Doc | null) => doc !== null && typeof (doc as FilingDoc).record?.applicant === 'object'
  const due = (doc: Doc | null) => doc !== null && (plainRecord(doc) || lacksDerivedFields(doc))
  for (const found of await fetchAll(db.collection('filings').orderBy('_id', 'asc'))) {
    if (!due(found)) continue
    const done = await withRetries(() =>
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
    if (done) counts.filings += 1
  }
  for (const doc of await fetchAll(db.collection('history').orderBy('_id', 'asc'))) {
    if (typeof doc.entry === 'string') continue
    await db.collection('history').doc(String(doc._id)).update({ data: { entry: crypto.encrypt(JSON.stringify(doc.entry)) } })
    counts.history += 1
  }
  for (const doc of await fetchAll(db.collection('identities').orderBy('_id', 'asc'))) {
    if (typeof doc.sealed === 'string') continue
    const changed = await withRetries(() =>
      db.runTransaction(async (tx) => {
        const ref = tx.collection('identities').doc(String(doc._id))
        const current = await txRead(ref)
        if (!current || typeof current.sealed === 'string') return false
        const { _id, ...fields } = current
        await ref.set({ data: { sealed: crypto.encrypt(JSON.stringify(fields)), updatedAt: fields.updatedAt } })
        return true
      }),
    )
    if (changed) counts.identities += 1
  }
  return counts
}
