// The SQLite store's later migrations (versions 4 on) and the list of them all: see sqlite-schema.ts
// for what the schema keeps and how migrations run.
import { NO_END_DATE, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from './sqlite-schema'

/** A trigger as an earlier migration wrote it, by name. */
function trigger(schema: string, name: string): string {
  const start = schema.indexOf(`CREATE TRIGGER ${name} `)
  const end = schema.indexOf('END;', start)
  if (start < 0 || end < 0) throw new Error(`no trigger ${name} in that schema`)
  return schema.slice(start, end + 4)
}

/** Characters of one name-prefix token (crypto/fields.ts NAME_TOKEN): the "initial" of an encrypted name. */
const TOKEN = 6

/** The name's first character in a trigger → its first token. */
const byToken = (sql: string) =>
  sql.split('substr(NEW.name, 1, 1)').join(`substr(NEW.name, 1, ${TOKEN})`).split('substr(OLD.name, 1, 1)').join(`substr(OLD.name, 1, ${TOKEN})`)

/**
 * Version 4: field-level encryption at rest (src/backend/crypto/fields.ts). In place, in the
 * migration's transaction, by functions the store registers on the connection (sqlite.ts):
 * - `record`: the applicant, the agent and the commitment's signature encrypted (AES-256-GCM);
 * - `id_number`: the person's keyed HMAC (same uniqueness: the long-term index and filings_person
 *   work as before); `id_last4`: a keyed HMAC of the last 4;
 * - `name`: the keyed prefix index (a token per prefix of the name): the search box's prefix range and
 *   the first-character counts read the first token instead of the first character;
 * - history entries and identities: each one encrypted JSON value.
 * filing_initial_counts is rebuilt by token, and its two triggers now take the first token. The
 * version trigger is lifted for the rewrite (the version does not change: the filing does not).
 */
export const SCHEMA_V4 = `
DROP TRIGGER filings_versioned_update;
DROP TRIGGER filings_count_insert;
DROP TRIGGER filings_initial_count_update;
DROP TRIGGER history_no_update;
DROP TRIGGER filing_initial_counts_no_delete;

UPDATE filings SET record = fields_seal_filing(record), id_number = fields_person(id_type, id_number),
  id_last4 = fields_last4(id_last4), name = fields_name(name);
UPDATE history SET entry = fields_seal_json(entry);
UPDATE identities SET record = fields_seal_json(record);

DELETE FROM filing_initial_counts;
INSERT INTO filing_initial_counts (initial, status, category, policy_id, province_code, open_ended, n)
  SELECT substr(name, 1, ${TOKEN}), status, category, policy_id, province_code, valid_until = '${NO_END_DATE}', count(*) FROM filings GROUP BY 1, 2, 3, 4, 5, 6;

${trigger(SCHEMA_V1, 'filings_versioned_update')}
${trigger(SCHEMA_V1, 'history_no_update')}
${trigger(SCHEMA_V2, 'filing_initial_counts_no_delete')}
${byToken(trigger(SCHEMA_V2, 'filings_count_insert'))}
${byToken(trigger(SCHEMA_V2, 'filings_initial_count_update'))}
`

/**
 * Version 5: retention (rules/retention.ts, domain/retention.ts). Nothing is deleted still, but once a
 * filing's period has run out its personal fields are erased, once:
 * - `ended_on`: the filing's last day in force (domain/retention.ts `endedOn`; null while not ended
 *   and once anonymised), indexed where set, so that the job reads only what is due;
 * - filings: the one owner change allowed is to `anonymised:<id>`, and an anonymised filing never
 *   changes again;
 * - history: an entry changes once, when its filing is anonymised (`redacted` 0 → 1), keeping its
 *   place, time, role and action;
 * - reminders: their owner may be handed to the anonymised filing, once;
 * - identities: by the time they were saved, for the deletion of old verifications;
 * - the review queue's index also holds active filings with a change waiting for review.
 * Cancelled and rejected filings ended on the Shanghai day of their last change (UTC + 8: no DST).
 */
export const SCHEMA_V5 = `
DROP TRIGGER filings_versioned_update;
ALTER TABLE filings ADD COLUMN ended_on TEXT;
UPDATE filings SET ended_on = CASE
  WHEN status IN ('cancelled', 'rejected') THEN date(updated_at, '+8 hours')
  WHEN status = 'active' AND valid_until <> '${NO_END_DATE}' THEN valid_until
END;
CREATE INDEX filings_retention ON filings (ended_on, seq) WHERE ended_on IS NOT NULL;
CREATE TRIGGER filings_versioned_update BEFORE UPDATE ON filings
WHEN NEW.id IS NOT OLD.id OR NEW.request_id IS NOT OLD.request_id OR NEW.seq IS NOT OLD.seq
  OR NEW.version IS NOT OLD.version + 1
  OR OLD.owner = ('anonymised:' || OLD.id)
  OR (NEW.owner IS NOT OLD.owner AND NEW.owner IS NOT ('anonymised:' || OLD.id))
BEGIN SELECT RAISE(ABORT, 'a filing update keeps id, owner and requestId and bumps the version by one; an anonymised filing never changes'); END;

ALTER TABLE history ADD COLUMN redacted INTEGER NOT NULL DEFAULT 0 CHECK (redacted IN (0, 1));
DROP TRIGGER history_no_update;
CREATE TRIGGER history_redacted_once BEFORE UPDATE ON history
WHEN OLD.redacted = 1 OR NEW.redacted IS NOT 1 OR NEW.seq IS NOT OLD.seq OR NEW.filing_id IS NOT OLD.filing_id
  OR NEW.at IS NOT OLD.at OR NEW.role IS NOT OLD.role OR NEW.action IS NOT OLD.action
BEGIN SELECT RAISE(ABORT, 'history is append-only (an entry is rewritten once, when its filing is anonymised)'); END;

DROP TRIGGER reminders_sent_once;
CREATE TRIGGER reminders_sent_once BEFORE UPDATE ON reminders
WHEN NEW.seq IS NOT OLD.seq OR NEW.filing_id IS NOT OLD.filing_id OR NEW.valid_until IS NOT OLD.valid_until
  OR NEW.message IS NOT OLD.message OR NEW.created_at IS NOT OLD.created_at
  OR (NEW.sent_at IS NOT OLD.sent_at AND (OLD.sent_at IS NOT NULL OR NEW.owner IS NOT OLD.owner))
  OR (NEW.owner IS NOT OLD.owner AND NEW.owner IS NOT ('anonymised:' || OLD.filing_id))
BEGIN SELECT RAISE(ABORT, 'a reminder changes only once, when it is sent (and its owner once, when its filing is anonymised)'); END;

CREATE INDEX identities_updated ON identities (updated_at);

-- 待我审核 lists changes waiting for review too (domain/review-queue.ts): the queue's index holds them.
DROP INDEX filings_review_queue;
CREATE INDEX filings_review_queue ON filings (filed_on, reviewers)
  WHERE status = 'pending_review' OR (status = 'active' AND json_extract(record, '$.pendingChange') IS NOT NULL);
`

/**
 * Version 6: a reminder WeChat refused for good (43101) is recorded (`refused_at`, once, only on an
 * unsent one) and never retried; the unsent ones are found by their own index (reminders.ts retries them).
 */
export const SCHEMA_V6 = `
ALTER TABLE reminders ADD COLUMN refused_at TEXT;
DROP TRIGGER reminders_sent_once;
CREATE TRIGGER reminders_sent_once BEFORE UPDATE ON reminders
WHEN NEW.seq IS NOT OLD.seq OR NEW.filing_id IS NOT OLD.filing_id OR NEW.valid_until IS NOT OLD.valid_until
  OR NEW.message IS NOT OLD.message OR NEW.created_at IS NOT OLD.created_at
  OR (NEW.sent_at IS NOT OLD.sent_at AND (OLD.sent_at IS NOT NULL OR OLD.refused_at IS NOT NULL OR NEW.owner IS NOT OLD.owner))
  OR (NEW.refused_at IS NOT OLD.refused_at AND (OLD.refused_at IS NOT NULL OR OLD.sent_at IS NOT NULL))
  OR (NEW.owner IS NOT OLD.owner AND NEW.owner IS NOT ('anonymised:' || OLD.filing_id))
BEGIN SELECT RAISE(ABORT, 'a reminder changes only once, when it is sent or refused (and its owner once, when its filing is anonymised)'); END;
CREATE INDEX reminders_unsent ON reminders (created_at, seq) WHERE sent_at IS NULL AND refused_at IS NULL;
`

/** An approved filing with an end date, the one kind filing_active_span_counts holds. */
const DATED_ACTIVE = (row: 'NEW' | 'OLD') => `${row}.status = 'active' AND ${row}.valid_until <> '${NO_END_DATE}'`

/**
 * Version 7: the back office by derived state (issue 16: 未生效, 生效中, 即将到期 and 已过期 depend on
 * `today`, so no count can be kept per state).
 * - filing_active_span_counts: approved filings with an end date per (valid_until, start_date), kept by
 *   triggers like version 2's tables. On any `today`, 已过期 is the sum over valid_until < today and
 *   即将到期 over [today, today + 29] (both with start_date <= today): a few thousand rows, well under a
 *   millisecond. Counting the same on an index range instead (filings_active_until) reads one entry per
 *   expired filing: 263,000 of the benchmark's million, 11 ms (against ~1 ms for all of `stats`), and
 *   it grows with every filing that runs out, while the table stays at the pairs of days (5,946 there). 未生效 comes from
 *   filing_start_counts (status active, start_date > today), 生效中 is what remains of the approved.
 * - filings_needs_materials: pending filings waiting for the person's materials (the condition is in
 *   the record), so that 待补充材料 and 审核中 are counted and listed without reading every pending row.
 */
export const SCHEMA_V7 = `
CREATE TABLE filing_active_span_counts (
  valid_until TEXT    NOT NULL,
  start_date  TEXT    NOT NULL,
  n           INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (valid_until, start_date)
) STRICT, WITHOUT ROWID;

INSERT INTO filing_active_span_counts (valid_until, start_date, n)
  SELECT valid_until, start_date, count(*) FROM filings WHERE status = 'active' AND valid_until <> '${NO_END_DATE}' GROUP BY 1, 2;

CREATE TRIGGER filings_span_count_insert AFTER INSERT ON filings
WHEN ${DATED_ACTIVE('NEW')}
BEGIN
  INSERT INTO filing_active_span_counts (valid_until, start_date, n) VALUES (NEW.valid_until, NEW.start_date, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER filings_span_count_update AFTER UPDATE OF status, start_date, valid_until ON filings
WHEN NEW.status IS NOT OLD.status OR NEW.start_date IS NOT OLD.start_date OR NEW.valid_until IS NOT OLD.valid_until
BEGIN
  UPDATE filing_active_span_counts SET n = n - 1
    WHERE ${DATED_ACTIVE('OLD')} AND valid_until = OLD.valid_until AND start_date = OLD.start_date;
  INSERT INTO filing_active_span_counts (valid_until, start_date, n) SELECT NEW.valid_until, NEW.start_date, 1
    WHERE ${DATED_ACTIVE('NEW')}
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER filing_active_span_counts_no_delete BEFORE DELETE ON filing_active_span_counts
BEGIN SELECT RAISE(ABORT, 'counts are never deleted'); END;

CREATE INDEX filings_needs_materials ON filings (filed_on, seq)
  WHERE status = 'pending_review' AND json_extract(record, '$.materialsRequest') IS NOT NULL;
`

/** `SCHEMA_MIGRATIONS[v]` upgrades a database at version v (0: empty) to v + 1. */
export const SCHEMA_MIGRATIONS: readonly string[] = [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7]
