// filing.proofLink: where to fetch one uploaded proof, for its owner or staff (the same check as
// GET /api/files/<id>). The mini-program cannot read private cloud files itself: it downloads the
// short-lived link this returns. Anyone else gets the same NOT_FOUND as for an unknown id.
import type { Ctx } from '../../context'
import { readableUpload } from '../../uploads'

export async function proofLink(data: unknown, ctx: Ctx) {
  const fileId = (data as { fileId?: unknown } | null)?.fileId
  const file = await readableUpload(ctx, fileId)
  return { url: await ctx.files.link(file.id), contentType: file.contentType }
}
