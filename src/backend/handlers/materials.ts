// Proof materials named in a request must be files the caller uploaded. Once a request names them
// and they pass this check they are marked attached (FileStore.attach): the hourly job never purges
// them. Marked on the check rather than after the filing is saved: a refused request then keeps its
// files too, which errs on keeping (they still count towards the person's quota).
import type { FieldIssue } from '../../rules'
import type { Ctx } from '../context'
import { invalid } from '../protocol'

const NOT_FOUND = '这份材料没有找到，请重新上传'

async function isOwnFile(ctx: Ctx, owner: string, fileId: string): Promise<boolean> {
  const file = await ctx.files.stat(fileId)
  return file !== null && file.owner === owner
}

/** Each material's file, or an issue at `<path>.<index>.fileId`. */
export async function requireOwnFiles(ctx: Ctx, owner: string, materials: { fileId: string }[], path: string): Promise<void> {
  const issues: FieldIssue[] = []
  for (const [index, material] of materials.entries()) {
    if (!(await isOwnFile(ctx, owner, material.fileId))) issues.push({ path: `${path}.${index}.fileId`, message: NOT_FOUND })
  }
  if (issues.length > 0) throw invalid(issues)
  await ctx.files.attach(
    materials.map((material) => material.fileId),
    ctx.now,
  )
}

/** One file named at `path` (a 授权委托书). */
export async function requireOwnFile(ctx: Ctx, owner: string, fileId: string, path: string): Promise<void> {
  if (!(await isOwnFile(ctx, owner, fileId))) throw invalid([{ path, message: NOT_FOUND }])
  await ctx.files.attach([fileId], ctx.now)
}
