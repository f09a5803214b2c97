// Proof materials named in a request must be files the caller uploaded.
import type { FieldIssue } from '../../rules'
import type { Ctx } from '../context'
import { invalid } from '../protocol'

export async function requireOwnFiles(ctx: Ctx, owner: string, materials: { fileId: string }[], path: string): Promise<void> {
  const issues: FieldIssue[] = []
  for (const [index, material] of materials.entries()) {
    const file = await ctx.files.stat(material.fileId)
    if (!file || file.owner !== owner) {
      issues.push({ path: `${path}.${index}.fileId`, message: '这份材料没有找到，请重新上传' })
    }
  }
  if (issues.length > 0) throw invalid(issues)
}
