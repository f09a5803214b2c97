// Loading a filing for a caller, and writing a new version of it: shared by person and staff actions.
import * as z from 'zod'
import { filingIdField } from '../../rules'
import type { Ctx } from '../context'
import { partyOf, type Party } from '../domain/party'
import type { FieldChange, FilingRecord, HistoryEntry } from '../domain/record'
import { fail } from '../protocol'
import { parse } from './guards'

export const idRequestSchema = z.object({ id: filingIdField })

/**
 * A filing the caller filed, or one made under their verified ID by someone else (`applicant`), with
 * the caller's party to it; NOT_FOUND otherwise, exactly as for an unknown id.
 */
export async function loadVisible(ctx: Ctx, openid: string, id: string): Promise<{ filing: FilingRecord; party: Party }> {
  const filing = await ctx.store.getFiling(id)
  const party = filing ? partyOf(filing, openid, (await ctx.store.identityOf(openid))?.verified ?? null) : null
  if (!filing || !party) throw fail('NOT_FOUND', '没有找到这份备案，请核对备案编号')
  return { filing, party }
}

export async function loadAny(ctx: Ctx, id: string): Promise<FilingRecord> {
  const filing = await ctx.store.getFiling(id)
  if (!filing) throw fail('NOT_FOUND', '没有找到这份备案，请核对备案编号')
  return filing
}

export const parseId = (data: unknown) => parse(idRequestSchema, data).id

export const STALE = '这份备案刚刚有了更新，请刷新后再操作'

export function requireVersion(filing: FilingRecord, version: number): void {
  if (filing.version !== version) throw fail('CONFLICT', STALE)
}

/** Field-by-field differences, for the history. */
export function diff(before: FilingRecord, after: FilingRecord, fields: (keyof FilingRecord)[]): FieldChange[] {
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }))
}

/**
 * Writes `changes` as the next version of `filing`, with a history entry recording each field the
 * patch changed (from the patch itself: nothing to list by hand), or answers CONFLICT when someone
 * else wrote first.
 */
export async function writeNext(
  ctx: Ctx,
  filing: FilingRecord,
  changes: Partial<FilingRecord>,
  entry: Omit<HistoryEntry, 'filingId' | 'at' | 'changes'>,
): Promise<FilingRecord> {
  const at = ctx.now.toISOString()
  const next: FilingRecord = { ...filing, ...changes, version: filing.version + 1, updatedAt: at }
  const result = await ctx.store.updateFiling(next, filing.version, {
    ...entry,
    filingId: filing.id,
    at,
    changes: diff(filing, next, Object.keys(changes) as (keyof FilingRecord)[]),
  })
  if (result === 'conflict') throw fail('CONFLICT', STALE)
  if (result === 'duplicate') throw fail('DUPLICATE', '该证件号码已有审核中或生效中的长期居住备案。')
  return next
}
