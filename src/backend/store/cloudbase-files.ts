// Proof files (and back-office exports) in cloud storage: the bytes under `proofs/<owner>/<id>`, the record in `files`.
import { createHash } from 'node:crypto'
import { EXPORT_ID, EXPORT_LINK_SECONDS, describeFile, newExportId, type FileStore } from '../files/port'
import type { CloudStorageApi, Database, Doc } from './cloudbase-sdk'
import { LINK_SECONDS, fetchAll, fetchRange, fileDoc, fileFromDoc } from './cloudbase-docs'

// Proof files in cloud storage: the bytes under `proofs/<owner>/<id>`, the record in `files`.

/** Abandoned uploads purged per run: about 14 s of the function's time in the stand-in's model (40 ms a request, 100 ms a storage call). */
const PURGE_BATCH = 100

const FILE_ID = /^f_[0-9a-f]{32}$/
/** Openids are letters, digits, `-` and `_`: anything else never becomes part of a storage path. */
const OWNER = /^[A-Za-z0-9_-]{1,128}$/

export function cloudbaseFiles(api: CloudStorageApi, db: Database): FileStore {
  const files = () => db.collection('files')

  async function record(id: string): Promise<Doc | null> {
    if (!FILE_ID.test(id)) return null
    const { data } = await files().where({ _id: id }).limit(1).get()
    const doc = data[0]
    // A purged upload (never named by a filing) keeps its record but is gone for every caller.
    return doc && !doc.purgedAt ? doc : null
  }

  return {
    async put(owner, bytes, contentType, at) {
      if (!OWNER.test(owner)) throw new Error('an uploader must be an openid')
      const file = describeFile(owner, bytes, contentType, at)
      const id = file.id
      const cloudPath = `proofs/${owner}/${id}`
      // Bytes first, record second: a crash between them leaves an unreferenced object in storage,
      // never a record (an id someone may cite) without its bytes.
      const { fileID } = await api.uploadFile({ cloudPath, fileContent: Buffer.from(bytes) })
      // attachedAt/purgedAt start as null (not absent) so that `where` can match them.
      await files().add({ data: { ...fileDoc(file), fileID, cloudPath, attachedAt: null, purgedAt: null } })
      return file
    },

    async read(id) {
      const doc = await record(id)
      if (!doc) return null
      // A record whose bytes are gone is damage, not absence (nothing is ever deleted): it throws.
      const { fileContent: content } = await api.downloadFile({ fileID: doc.fileID as string })
      const file = fileFromDoc(doc)
      if (createHash('sha256').update(content).digest('hex') !== file.sha256) {
        throw new Error(`stored bytes of ${id} do not match their record`)
      }
      return { file, bytes: new Uint8Array(content) }
    },

    async stat(id) {
      const doc = await record(id)
      return doc ? fileFromDoc(doc) : null
    },

    async link(id) {
      const doc = await record(id)
      if (!doc) throw new Error(`no stored file ${id}`)
      // A short-lived link: maxAge in seconds per file (wx-server-sdk getTempFileURL fileList entries
      // { fileID, maxAge }); without it the link lives the service's default (a day).
      const { fileList } = await api.getTempFileURL({ fileList: [{ fileID: doc.fileID as string, maxAge: LINK_SECONDS }] })
      const [entry] = fileList
      if (!entry || entry.status !== 0 || !entry.tempFileURL) throw new Error(`no link for ${id}: ${entry?.errMsg ?? 'empty answer'}`)
      return entry.tempFileURL
    },

    async putExport(owner, filename, bytes, now) {
      if (!OWNER.test(owner)) throw new Error('an exporter must be an openid')
      // The maker's earlier exports whose link has expired go first (the purge of unattached uploads
      // takes any left, 24 hours on: an export is never attached).
      for (const doc of await fetchAll(files().where({ exporter: owner, purgedAt: null }))) {
        if (Date.parse(String(doc.createdAt)) + EXPORT_LINK_SECONDS * 1000 > now.getTime()) continue
        await files().doc(String(doc._id)).update({ data: { purgedAt: now.toISOString() } })
        await api.deleteFile({ fileList: [doc.fileID as string] })
      }
      const id = newExportId()
      const cloudPath = `exports/${owner}/${id}.csv`
      const { fileID } = await api.uploadFile({ cloudPath, fileContent: Buffer.from(bytes) })
      // `exporter`, not `owner`: never counted as the staff member's uploads; attachedAt null: purged as unattached.
      await files().add({
        data: { _id: id, exporter: owner, filename, fileID, cloudPath, size: bytes.length, createdAt: now.toISOString(), attachedAt: null, purgedAt: null },
      })
      const { fileList } = await api.getTempFileURL({ fileList: [{ fileID, maxAge: EXPORT_LINK_SECONDS }] })
      const [entry] = fileList
      if (!entry || entry.status !== 0 || !entry.tempFileURL) throw new Error(`no link for export ${id}: ${entry?.errMsg ?? 'empty answer'}`)
      return { id, url: entry.tempFileURL, expiresAt: new Date(now.getTime() + EXPORT_LINK_SECONDS * 1000).toISOString() }
    },

    async readExport(id, owner, now) {
      if (!EXPORT_ID.test(id)) return null
      const { data } = await files().where({ _id: id }).limit(1).get()
      const doc = data[0]
      if (!doc || doc.purgedAt || doc.exporter !== owner || Date.parse(String(doc.createdAt)) + EXPORT_LINK_SECONDS * 1000 < now.getTime()) return null
      const { fileContent } = await api.downloadFile({ fileID: doc.fileID as string })
      return { filename: String(doc.filename), bytes: new Uint8Array(fileContent) }
    },

    async usage(owner) {
      const docs = await fetchAll(files().where({ owner, purgedAt: null }))
      return { files: docs.length, bytes: docs.reduce((sum, doc) => sum + Number(doc.size ?? 0), 0) }
    },

    async attach(ids, at) {
      for (const id of ids) {
        const doc = await record(id)
        if (!doc || doc.attachedAt) continue
        await files().doc(id).update({ data: { attachedAt: at.toISOString() } })
      }
    },

    async purgeUnattached(before, at) {
      const _ = db.command
      // A batch per run (two requests a file): the hourly timer takes the rest, and the run keeps to its time.
      const due = await fetchRange(files().where({ attachedAt: null, purgedAt: null, createdAt: _.lte(before.toISOString()) }), 0, PURGE_BATCH)
      let purged = 0
      for (const doc of due) {
        if (!(String(doc.createdAt) < before.toISOString())) continue
        // The record is marked first: from then on the file is refused to everyone, then its bytes go.
        await files().doc(String(doc._id)).update({ data: { purgedAt: at.toISOString() } })
        await api.deleteFile({ fileList: [doc.fileID as string] })
        purged += 1
      }
      return purged
    },

    async erase(ids, at) {
      let erased = 0
      for (const id of ids) {
        if (!FILE_ID.test(id)) continue
        const { data } = await files().where({ _id: id }).limit(1).get()
        const doc = data[0]
        if (!doc) continue
        if (!doc.purgedAt) await files().doc(id).update({ data: { purgedAt: at.toISOString() } })
        const { fileList } = await api.deleteFile({ fileList: [doc.fileID as string] })
        // Already gone (an earlier run stopped after deleting) counts as done, not as erased now.
        if (fileList[0]?.status === 0) erased += 1
      }
      return erased
    },
  }
}
