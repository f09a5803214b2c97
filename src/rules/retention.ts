// How long personal information is kept after a filing ends (个人信息保护法 第十九条: no longer than
// the purpose needs), as one object: the privacy notice quotes it and the scheduled job enforces it
// (src/backend/domain/retention.ts, which checks it against RetentionPolicySchema at load). The seeds
// are silent on a period; the agency's record-keeping rules (业务档案管理规定) set the real one.
// Changing it changes the notice: bump PRIVACY_NOTICE_VERSION. Zod-free: the notice is read in the
// main package (core.ts).

export interface RetentionPolicy {
  /**
   * Whole years after a filing ended (cancelled or rejected: that day; otherwise its last valid day)
   * before its personal fields are erased and its proofs deleted. A filing in force with no end date
   * has not ended.
   */
  yearsAfterEnd: number
  /**
   * Whole years after a person's identity record was last saved (a verification, or agreeing again
   * to changed rules) before it is deleted. Their filings keep their own copy of the details; to act
   * on them afterwards the person verifies again.
   */
  identityYears: number
}

/**
 * Our default, for the agency to replace with its own period: 5 years — long enough for the 抽查 of
 * commitment filings and for disputes over a settled stay, short of keeping everything for good.
 */
export const RETENTION: RetentionPolicy = { yearsAfterEnd: 5, identityYears: 5 }
