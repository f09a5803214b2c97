// Demo data for a first local start: a few filings across regions, made through the same
// `dispatch` the front end calls, by different dev identities, so every one of them obeys every
// rule. Runs only while the store holds no filing at all. Staff (`admin-dev` by default) come from
// ADMIN_OPENIDS, not from here.
import { PRIVACY_NOTICE_VERSION, checkCharacter, shanghaiDate, type SubmitInput } from '../rules'
import type { Ctx } from './context'
import { dispatch } from './router'
import { acceptUpload } from './uploads'

/** A valid 18-digit resident ID (made up: region, birth date, sequence, and its check character). */
function residentId(region: string, birth: string, sequence: string): string {
  const first17 = region + birth + sequence
  return first17 + checkCharacter(first17)
}

/** A one-page PDF standing in for a scanned proof. */
const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 100]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
)

export interface DemoFiling {
  /** The dev identity (X-Dev-Openid) that files it. */
  openid: string
  /** Proof materials uploaded first as this person (kinds), for a profile without 个人承诺. */
  uploads?: string[]
  /** Who the openid verifies as (实名认证) before filing; default the applicant. Another person: 代办. */
  verifiedAs?: { name: string; idNumber: string }
  input: (today: string) => SubmitInput
}

const LIU_QIANG = { name: '刘强', idNumber: residentId('500103', '19700408', '015') }

export const DEMO_FILINGS: DemoFiling[] = [
  {
    openid: 'demo-liu',
    // 代办: a son in 重庆 files for his mother, a 武汉 retiree (the national rules) who has moved in
    // with him; it waits for 代办核验.
    verifiedAs: LIU_QIANG,
    input: (today) => ({
      requestId: 'demo-liu-0001',
      policyId: 'national',
      insuredRegionCode: '420100',
      category: 'resettled_retiree',
      applicant: { name: '刘秀珍', idType: 'resident_id', idNumber: residentId('420102', '19450821', '026'), phone: '13700001234' },
      destination: { provinceCode: '500000' },
      startDate: today,
      commitment: { accepted: true, signature: LIU_QIANG.name },
      agent: { relationship: 'child', phone: '13911112222' },
    }),
  },
  {
    openid: 'demo-wang',
    // 达州 retiree settled in 深圳, by personal commitment.
    input: (today) => ({
      requestId: 'demo-wang-0001',
      policyId: 'dazhou',
      category: 'resettled_retiree',
      applicant: { name: '王秀兰', idType: 'resident_id', idNumber: residentId('511702', '19580612', '024'), phone: '13812345678' },
      destination: { provinceCode: '440000', cityCode: '440300' },
      startDate: today,
      commitment: { accepted: true, signature: '王秀兰' },
    }),
  },
  {
    openid: 'demo-li',
    // 山西省省直 long-term resident in 北京.
    input: (today) => ({
      requestId: 'demo-li-0001',
      policyId: 'shanxi-provincial',
      category: 'long_term_resident',
      applicant: { name: '李建国', idType: 'resident_id', idNumber: residentId('140105', '19600315', '037'), phone: '13987654321' },
      destination: { provinceCode: '110000' },
      startDate: today,
      commitment: { accepted: true, signature: '李建国' },
    }),
  },
  {
    openid: 'demo-zhao',
    // 济宁 temporary trip to 上海 (其他临时外出就医).
    input: (today) => ({
      requestId: 'demo-zhao-0001',
      policyId: 'jining',
      category: 'other_temporary',
      applicant: { name: '赵玉珍', idType: 'resident_id', idNumber: residentId('370811', '19521108', '046'), phone: '15866668888' },
      destination: { provinceCode: '310000' },
      startDate: today,
      commitment: { accepted: true, signature: '赵玉珍' },
    }),
  },
  {
    openid: 'demo-chen',
    // 大同 worker posted to 成都.
    input: (today) => ({
      requestId: 'demo-chen-0001',
      policyId: 'datong',
      category: 'resident_worker',
      applicant: { name: '陈志强', idType: 'resident_id', idNumber: residentId('140202', '19850920', '011'), phone: '13700001111' },
      destination: { provinceCode: '510000', cityCode: '510100' },
      startDate: today,
      commitment: { accepted: true, signature: '陈志强' },
    }),
  },
  {
    openid: 'demo-sun',
    // 辽宁省省直 retiree settled in 海南: no 个人承诺 there, so the proofs are uploaded first.
    uploads: ['hukou', 'direct_settlement_form', 'direct_settlement_request'],
    input: (today) => ({
      requestId: 'demo-sun-0001',
      policyId: 'liaoning-provincial',
      category: 'resettled_retiree',
      applicant: { name: '孙桂芝', idType: 'resident_id', idNumber: residentId('210102', '19550107', '062'), phone: '13644445555' },
      destination: { provinceCode: '460000' },
      startDate: today,
    }),
  },
]

export type DemoOutcome = { seeded: number } | { skipped: string }

/**
 * Files the demo filings when the store has none. `base` gives the store, files, config and clock;
 * each filing is made as its own dev identity.
 */
export async function seedDemo(base: Omit<Ctx, 'caller'>, log: (line: string) => void = console.log): Promise<DemoOutcome> {
  const today = shanghaiDate(base.now)
  if ((await base.store.stats(today)).total > 0) return { skipped: 'the store already has filings' }

  let seeded = 0
  for (const demo of DEMO_FILINGS) {
    const ctx: Ctx = { ...base, caller: { openid: demo.openid, staff: await base.store.staffMember(demo.openid) } }
    const materials = []
    for (const kind of demo.uploads ?? []) {
      const { fileId } = await acceptUpload(ctx, { bytes: DEMO_PDF, filename: `${kind}.pdf` })
      materials.push({ kind, fileId })
    }
    const input = demo.input(today)
    // Each demo person has completed 实名认证 (locally: the labelled stand-in) before filing.
    const { name, idNumber } = demo.verifiedAs ?? input.applicant
    await dispatch('filing', { action: 'verifyIdentity', data: { name, idType: 'resident_id', idNumber, consent: { version: PRIVACY_NOTICE_VERSION, sensitive: true } } }, ctx)
    const { status, reply } = await dispatch('filing', { action: 'submit', data: materials.length ? { ...input, materials } : input }, ctx)
    if (!reply.ok && reply.error.code === 'NOT_FOUND' && seeded === 0) {
      const reason = 'filing.submit is not available yet'
      log(`demo data: skipped (${reason})`)
      return { skipped: reason }
    }
    if (!reply.ok) {
      // The rules changed under the demo: say which one, and carry on with the others.
      log(`demo data: ${demo.openid} not filed (${status} ${reply.error.code}: ${reply.error.message})`)
      continue
    }
    seeded += 1
  }
  log(`demo data: ${seeded} filings by ${DEMO_FILINGS.map((demo) => demo.openid).join(', ')}`)
  return { seeded }
}
