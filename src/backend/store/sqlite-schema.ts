// The SQLite store's schema. Each filing is kept whole as JSON (`record`) beside the columns that the
// filters, sorts and the one-long-term-filing rule need; those columns are derived from the record on
// every write (sqlite.ts, `columnsOf`) and never read back into it. Since version 4 the personal
// fields are encrypted (crypto/fields.ts): inside `record` (applicant, agent, signature), each history
// entry and identity whole; `id_number`, `id_last4` and `name` hold keyed HMAC lookup values.
//
// Nothing is deleted: triggers refuse DELETE on every table (identities and rate limits aside), UPDATE
// on files, on history but for its one redaction (SCHEMA_V5), and any update of a filing that does not
// bump its version by exactly one.
//
// Versions 1–3 are here, the later ones in sqlite-migrations.ts with the list of them all.
// Migrations: `SCHEMA_MIGRATIONS[i]` takes a database from version i to i + 1. A new file runs them
// all, in order; a file from an older build runs the ones it lacks (sqlite.ts, `migrate`), so a fresh
// database and an upgraded one are built by the same statements.

/** Bumped with each migration below; `migrate` in sqlite.ts refuses a database from a newer build. */
export const SCHEMA_VERSION = 7

/** Stored in `valid_until` for "no end date" (null in the record), so that it sorts as the latest date. */
export const NO_END_DATE = '9999-12-31'

export const SCHEMA_V1 = `
CREATE TABLE filings (
  -- Insertion order: stable tie-break for every sort, and what every index ends in.
  seq             INTEGER PRIMARY KEY,
  -- The filing number (YD20261122-7K3M9Q): the key the port uses.
  id              TEXT    NOT NULL UNIQUE,
  owner           TEXT    NOT NULL,
  request_id      TEXT    NOT NULL,
  id_type         TEXT    NOT NULL,
  id_number       TEXT    NOT NULL,
  -- 1 while the category is long-term and the status is pending_review or active.
  holds_long_term INTEGER NOT NULL CHECK (holds_long_term IN (0, 1)),
  policy_id       TEXT    NOT NULL,
  category        TEXT    NOT NULL,
  status          TEXT    NOT NULL CHECK (status IN ('pending_review', 'active', 'rejected', 'cancelled')),
  province_code   TEXT    NOT NULL,
  city_code       TEXT,
  area_code       TEXT    NOT NULL,
  start_date      TEXT    NOT NULL,
  -- '9999-12-31' for no end date (NO_END_DATE).
  valid_until     TEXT    NOT NULL,
  filed_on        TEXT    NOT NULL,
  name            TEXT    NOT NULL,
  id_last4        TEXT    NOT NULL,
  updated_at      TEXT    NOT NULL,
  version         INTEGER NOT NULL CHECK (version >= 1),
  -- The staff who passed a review stage, as a JSON array (small: read without parsing the record).
  reviewers       TEXT    NOT NULL CHECK (json_valid(reviewers)),
  record          TEXT    NOT NULL CHECK (json_valid(record)),
  UNIQUE (owner, request_id)
) STRICT;

-- The rule "one long-term filing under review or active per person", kept by the database itself.
CREATE UNIQUE INDEX filings_long_term_holder ON filings (id_type, id_number) WHERE holds_long_term = 1;

-- Back-office filters, each led by its column and followed by the default sort (filedOn).
CREATE INDEX filings_status_filed   ON filings (status, filed_on);
CREATE INDEX filings_category_filed ON filings (category, filed_on);
CREATE INDEX filings_policy_filed   ON filings (policy_id, filed_on);
CREATE INDEX filings_province_filed ON filings (province_code, filed_on);
CREATE INDEX filings_place_filed    ON filings (province_code, city_code, filed_on);
-- A start-date range, counted from the index alone and ordered by filedOn without reading rows.
CREATE INDEX filings_start_filed    ON filings (start_date, filed_on);
-- Sorts (startDate sorts on filings_start_filed).
CREATE INDEX filings_filed_on    ON filings (filed_on);
CREATE INDEX filings_valid_until ON filings (valid_until);
CREATE INDEX filings_updated_at  ON filings (updated_at);
-- Expiring soon, reminders due, stats: only active filings have an expiry that matters.
CREATE INDEX filings_active_until ON filings (valid_until) WHERE status = 'active';
-- The review queue ("not yet passed by me"), answered from the index alone.
CREATE INDEX filings_review_queue ON filings (filed_on, reviewers) WHERE status = 'pending_review';
-- The search box: name prefix and last 4 of the ID number (the filing number has its UNIQUE index).
CREATE INDEX filings_name     ON filings (name);
CREATE INDEX filings_id_last4 ON filings (id_last4);

CREATE TRIGGER filings_no_delete BEFORE DELETE ON filings
BEGIN SELECT RAISE(ABORT, 'filings are never deleted'); END;
CREATE TRIGGER filings_versioned_update BEFORE UPDATE ON filings
WHEN NEW.id IS NOT OLD.id OR NEW.owner IS NOT OLD.owner OR NEW.request_id IS NOT OLD.request_id
  OR NEW.seq IS NOT OLD.seq OR NEW.version IS NOT OLD.version + 1
BEGIN SELECT RAISE(ABORT, 'a filing update keeps id, owner and requestId and bumps the version by one'); END;

CREATE TABLE history (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  filing_id TEXT    NOT NULL REFERENCES filings (id),
  at        TEXT    NOT NULL,
  actor     TEXT    NOT NULL,
  role      TEXT    NOT NULL,
  action    TEXT    NOT NULL,
  entry     TEXT    NOT NULL CHECK (json_valid(entry))
) STRICT;
CREATE INDEX history_filing ON history (filing_id, seq);

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

CREATE TABLE files (
  id           TEXT    PRIMARY KEY,
  owner        TEXT    NOT NULL,
  content_type TEXT    NOT NULL,
  size         INTEGER NOT NULL CHECK (size >= 0),
  sha256       TEXT    NOT NULL,
  created_at   TEXT    NOT NULL
) STRICT;

CREATE TRIGGER files_no_update BEFORE UPDATE ON files
BEGIN SELECT RAISE(ABORT, 'files are never changed'); END;
CREATE TRIGGER files_no_delete BEFORE DELETE ON files
BEGIN SELECT RAISE(ABORT, 'files are never deleted'); END;

CREATE TABLE reminders (
  seq         INTEGER PRIMARY KEY,
  filing_id   TEXT    NOT NULL REFERENCES filings (id),
  owner       TEXT    NOT NULL,
  valid_until TEXT    NOT NULL,
  message     TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  sent_at     TEXT,
  UNIQUE (filing_id, valid_until)
) STRICT;
CREATE INDEX reminders_owner ON reminders (owner, seq);

CREATE TRIGGER reminders_no_delete BEFORE DELETE ON reminders
BEGIN SELECT RAISE(ABORT, 'reminders are never deleted'); END;
-- Only sentAt changes, once.
CREATE TRIGGER reminders_sent_once BEFORE UPDATE ON reminders
WHEN OLD.sent_at IS NOT NULL OR NEW.seq IS NOT OLD.seq OR NEW.filing_id IS NOT OLD.filing_id
  OR NEW.owner IS NOT OLD.owner OR NEW.valid_until IS NOT OLD.valid_until OR NEW.message IS NOT OLD.message
  OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'a reminder changes only once, when it is sent'); END;
`

/**
 * Version 2: the back office at a million filings (bench/admin-million.ts).
 *
 * - Count tables, kept by triggers in the same transaction as every write to `filings` (whoever
 *   writes): filings per group of the list's equality filters (status, category, policy, province,
 *   city, and whether it has an end date; again without the city, and again by the name's first
 *   character), per month filed, and per start date, status and whether it has an end date (with
 *   the bounds of the other dates there). The
 *   dashboard reads them instead of grouping every filing, and the list reads its total from them
 *   when only those filters are set. A count never goes below zero and no row is deleted (a group
 *   that empties keeps n = 0; readers skip it).
 * - One covering index per sort key, each holding every column the filters test (the name too, for
 *   the search box's prefix): a page is read by walking one index in order and testing the filters
 *   in the index, without reading a filing. Each starts with (key, seq) so that the order, ties
 *   included, is the index's own.
 * - filings_groups: the equality filters (status, category, policy, province), then the name, then
 *   the rest — a narrow selection is read by seeking each group (and within it the search box's
 *   name prefix) and sorting only its matches.
 * - filings_by_name: the name prefix of the search box, with every filter column and sort key.
 * - filings_spot_check_due: the 抽查 queue, read without passing every active filing.
 * These replace version 1's one-column filter and sort indexes.
 */
export const SCHEMA_V2 = `
DROP INDEX IF EXISTS filings_status_filed;
DROP INDEX IF EXISTS filings_category_filed;
DROP INDEX IF EXISTS filings_policy_filed;
DROP INDEX IF EXISTS filings_province_filed;
DROP INDEX IF EXISTS filings_place_filed;
DROP INDEX IF EXISTS filings_start_filed;
DROP INDEX IF EXISTS filings_filed_on;
DROP INDEX IF EXISTS filings_valid_until;
DROP INDEX IF EXISTS filings_updated_at;
DROP INDEX IF EXISTS filings_name;

CREATE INDEX IF NOT EXISTS filings_by_filed ON filings
  (filed_on, seq, status, category, policy_id, province_code, city_code, start_date, valid_until, name);
CREATE INDEX IF NOT EXISTS filings_by_updated ON filings
  (updated_at, seq, status, category, policy_id, province_code, city_code, start_date, valid_until, name);
CREATE INDEX IF NOT EXISTS filings_by_start ON filings
  (start_date, seq, status, category, policy_id, province_code, city_code, valid_until, name, filed_on, updated_at);
CREATE INDEX IF NOT EXISTS filings_by_until ON filings
  (valid_until, seq, status, category, policy_id, province_code, city_code, start_date, name, filed_on, updated_at);
CREATE INDEX IF NOT EXISTS filings_groups ON filings
  (status, category, policy_id, province_code, name, city_code, start_date, valid_until, filed_on, updated_at);
CREATE INDEX IF NOT EXISTS filings_by_name ON filings
  (name, status, category, policy_id, province_code, city_code, start_date, valid_until, filed_on, updated_at);

-- The 抽查 queue (sqlite.ts: spotCheckDue): active filings picked for a check and not yet checked.
-- A few hundred at a time: each is read from its row (the condition is in the record).
CREATE INDEX IF NOT EXISTS filings_spot_check_due ON filings (filed_on, seq)
  WHERE status = 'active' AND json_extract(record, '$.spotCheck.state') = 'due';

-- Filings per group of the equality filters. city_code is '' for a province-level destination (a
-- primary key column cannot be null). filing_province_counts is the same without the city: a few
-- thousand rows, read whole by the dashboard and by every list count without a city filter.
CREATE TABLE IF NOT EXISTS filing_counts (
  status        TEXT    NOT NULL,
  category      TEXT    NOT NULL,
  policy_id     TEXT    NOT NULL,
  province_code TEXT    NOT NULL,
  city_code     TEXT    NOT NULL,
  -- 1 when valid_until is NO_END_DATE.
  open_ended    INTEGER NOT NULL CHECK (open_ended IN (0, 1)),
  n             INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (city_code, status, category, policy_id, province_code, open_ended)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS filing_province_counts (
  status        TEXT    NOT NULL,
  category      TEXT    NOT NULL,
  policy_id     TEXT    NOT NULL,
  province_code TEXT    NOT NULL,
  open_ended    INTEGER NOT NULL CHECK (open_ended IN (0, 1)),
  n             INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (status, category, policy_id, province_code, open_ended)
) STRICT, WITHOUT ROWID;

-- The same groups by the first character of the name: the search box's commonest entry is a
-- surname alone (王 is a tenth of all filings), counted here without reading its names.
CREATE TABLE IF NOT EXISTS filing_initial_counts (
  initial       TEXT    NOT NULL,
  status        TEXT    NOT NULL,
  category      TEXT    NOT NULL,
  policy_id     TEXT    NOT NULL,
  province_code TEXT    NOT NULL,
  open_ended    INTEGER NOT NULL CHECK (open_ended IN (0, 1)),
  n             INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (initial, status, category, policy_id, province_code, open_ended)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS filing_month_counts (
  -- substr(filed_on, 1, 7)
  month TEXT    NOT NULL PRIMARY KEY,
  n     INTEGER NOT NULL CHECK (n >= 0)
) STRICT, WITHOUT ROWID;

-- With bounds of the other sort keys over the filings of each row: every filing counted here has
-- filed_on, updated_at and valid_until within them. They only ever widen (a filing that leaves the
-- row leaves them as they were), so they stay true; a list under a start-date range starts its walk
-- of another key's index at them instead of passing every filing outside the range.
CREATE TABLE IF NOT EXISTS filing_start_counts (
  start_date  TEXT    NOT NULL,
  status      TEXT    NOT NULL,
  open_ended  INTEGER NOT NULL CHECK (open_ended IN (0, 1)),
  n           INTEGER NOT NULL CHECK (n >= 0),
  min_filed   TEXT    NOT NULL,
  max_filed   TEXT    NOT NULL,
  min_updated TEXT    NOT NULL,
  max_updated TEXT    NOT NULL,
  min_until   TEXT    NOT NULL,
  max_until   TEXT    NOT NULL,
  PRIMARY KEY (start_date, status, open_ended)
) STRICT, WITHOUT ROWID;

INSERT INTO filing_counts (status, category, policy_id, province_code, city_code, open_ended, n)
  SELECT status, category, policy_id, province_code, coalesce(city_code, ''), valid_until = '${NO_END_DATE}', count(*)
  FROM filings GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO filing_province_counts (status, category, policy_id, province_code, open_ended, n)
  SELECT status, category, policy_id, province_code, valid_until = '${NO_END_DATE}', count(*) FROM filings GROUP BY 1, 2, 3, 4, 5;
INSERT INTO filing_initial_counts (initial, status, category, policy_id, province_code, open_ended, n)
  SELECT substr(name, 1, 1), status, category, policy_id, province_code, valid_until = '${NO_END_DATE}', count(*) FROM filings GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO filing_month_counts (month, n) SELECT substr(filed_on, 1, 7), count(*) FROM filings GROUP BY 1;
INSERT INTO filing_start_counts (start_date, status, open_ended, n, min_filed, max_filed, min_updated, max_updated, min_until, max_until)
  SELECT start_date, status, valid_until = '${NO_END_DATE}', count(*), min(filed_on), max(filed_on), min(updated_at), max(updated_at),
    min(valid_until), max(valid_until)
  FROM filings GROUP BY 1, 2, 3;

CREATE TRIGGER filings_count_insert AFTER INSERT ON filings
BEGIN
  INSERT INTO filing_counts (status, category, policy_id, province_code, city_code, open_ended, n)
    VALUES (NEW.status, NEW.category, NEW.policy_id, NEW.province_code, coalesce(NEW.city_code, ''), NEW.valid_until = '${NO_END_DATE}', 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO filing_province_counts (status, category, policy_id, province_code, open_ended, n)
    VALUES (NEW.status, NEW.category, NEW.policy_id, NEW.province_code, NEW.valid_until = '${NO_END_DATE}', 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO filing_initial_counts (initial, status, category, policy_id, province_code, open_ended, n)
    VALUES (substr(NEW.name, 1, 1), NEW.status, NEW.category, NEW.policy_id, NEW.province_code, NEW.valid_until = '${NO_END_DATE}', 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO filing_month_counts (month, n) VALUES (substr(NEW.filed_on, 1, 7), 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO filing_start_counts (start_date, status, open_ended, n, min_filed, max_filed, min_updated, max_updated, min_until, max_until)
    VALUES (NEW.start_date, NEW.status, NEW.valid_until = '${NO_END_DATE}', 1, NEW.filed_on, NEW.filed_on, NEW.updated_at, NEW.updated_at,
      NEW.valid_until, NEW.valid_until)
    ON CONFLICT DO UPDATE SET n = n + 1, min_filed = min(min_filed, excluded.min_filed), max_filed = max(max_filed, excluded.max_filed),
      min_updated = min(min_updated, excluded.min_updated), max_updated = max(max_updated, excluded.max_updated),
      min_until = min(min_until, excluded.min_until), max_until = max(max_until, excluded.max_until);
END;

CREATE TRIGGER filings_count_update AFTER UPDATE OF status, category, policy_id, province_code, city_code, valid_until ON filings
WHEN NEW.status IS NOT OLD.status OR NEW.category IS NOT OLD.category OR NEW.policy_id IS NOT OLD.policy_id
  OR NEW.province_code IS NOT OLD.province_code OR NEW.city_code IS NOT OLD.city_code
  OR (NEW.valid_until = '${NO_END_DATE}') IS NOT (OLD.valid_until = '${NO_END_DATE}')
BEGIN
  UPDATE filing_counts SET n = n - 1
    WHERE status = OLD.status AND category = OLD.category AND policy_id = OLD.policy_id AND province_code = OLD.province_code
      AND city_code = coalesce(OLD.city_code, '') AND open_ended = (OLD.valid_until = '${NO_END_DATE}');
  INSERT INTO filing_counts (status, category, policy_id, province_code, city_code, open_ended, n)
    VALUES (NEW.status, NEW.category, NEW.policy_id, NEW.province_code, coalesce(NEW.city_code, ''), NEW.valid_until = '${NO_END_DATE}', 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
  UPDATE filing_province_counts SET n = n - 1
    WHERE status = OLD.status AND category = OLD.category AND policy_id = OLD.policy_id AND province_code = OLD.province_code
      AND open_ended = (OLD.valid_until = '${NO_END_DATE}');
  INSERT INTO filing_province_counts (status, category, policy_id, province_code, open_ended, n)
    VALUES (NEW.status, NEW.category, NEW.policy_id, NEW.province_code, NEW.valid_until = '${NO_END_DATE}', 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER filings_initial_count_update AFTER UPDATE OF name, status, category, policy_id, province_code, valid_until ON filings
WHEN substr(NEW.name, 1, 1) IS NOT substr(OLD.name, 1, 1) OR NEW.status IS NOT OLD.status OR NEW.category IS NOT OLD.category
  OR NEW.policy_id IS NOT OLD.policy_id OR NEW.province_code IS NOT OLD.province_code
  OR (NEW.valid_until = '${NO_END_DATE}') IS NOT (OLD.valid_until = '${NO_END_DATE}')
BEGIN
  UPDATE filing_initial_counts SET n = n - 1
    WHERE initial = substr(OLD.name, 1, 1) AND status = OLD.status AND category = OLD.category AND policy_id = OLD.policy_id
      AND province_code = OLD.province_code AND open_ended = (OLD.valid_until = '${NO_END_DATE}');
  INSERT INTO filing_initial_counts (initial, status, category, policy_id, province_code, open_ended, n)
    VALUES (substr(NEW.name, 1, 1), NEW.status, NEW.category, NEW.policy_id, NEW.province_code, NEW.valid_until = '${NO_END_DATE}', 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER filings_month_count_update AFTER UPDATE OF filed_on ON filings
WHEN substr(NEW.filed_on, 1, 7) IS NOT substr(OLD.filed_on, 1, 7)
BEGIN
  UPDATE filing_month_counts SET n = n - 1 WHERE month = substr(OLD.filed_on, 1, 7);
  INSERT INTO filing_month_counts (month, n) VALUES (substr(NEW.filed_on, 1, 7), 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER filings_start_count_update AFTER UPDATE OF start_date, status, valid_until ON filings
WHEN NEW.start_date IS NOT OLD.start_date OR NEW.status IS NOT OLD.status
  OR (NEW.valid_until = '${NO_END_DATE}') IS NOT (OLD.valid_until = '${NO_END_DATE}')
BEGIN
  UPDATE filing_start_counts SET n = n - 1
    WHERE start_date = OLD.start_date AND status = OLD.status AND open_ended = (OLD.valid_until = '${NO_END_DATE}');
  INSERT INTO filing_start_counts (start_date, status, open_ended, n, min_filed, max_filed, min_updated, max_updated, min_until, max_until)
    VALUES (NEW.start_date, NEW.status, NEW.valid_until = '${NO_END_DATE}', 1, NEW.filed_on, NEW.filed_on, NEW.updated_at, NEW.updated_at,
      NEW.valid_until, NEW.valid_until)
    ON CONFLICT DO UPDATE SET n = n + 1, min_filed = min(min_filed, excluded.min_filed), max_filed = max(max_filed, excluded.max_filed),
      min_updated = min(min_updated, excluded.min_updated), max_updated = max(max_updated, excluded.max_updated),
      min_until = min(min_until, excluded.min_until), max_until = max(max_until, excluded.max_until);
END;

-- A filing that stays in its row but changes another key widens the row's bounds.
CREATE TRIGGER filings_start_bounds_update AFTER UPDATE OF filed_on, updated_at, valid_until ON filings
BEGIN
  UPDATE filing_start_counts SET min_filed = min(min_filed, NEW.filed_on), max_filed = max(max_filed, NEW.filed_on),
      min_updated = min(min_updated, NEW.updated_at), max_updated = max(max_updated, NEW.updated_at),
      min_until = min(min_until, NEW.valid_until), max_until = max(max_until, NEW.valid_until)
    WHERE start_date = NEW.start_date AND status = NEW.status AND open_ended = (NEW.valid_until = '${NO_END_DATE}');
END;

CREATE TRIGGER filing_counts_no_delete BEFORE DELETE ON filing_counts
BEGIN SELECT RAISE(ABORT, 'counts are never deleted'); END;
CREATE TRIGGER filing_province_counts_no_delete BEFORE DELETE ON filing_province_counts
BEGIN SELECT RAISE(ABORT, 'counts are never deleted'); END;
CREATE TRIGGER filing_initial_counts_no_delete BEFORE DELETE ON filing_initial_counts
BEGIN SELECT RAISE(ABORT, 'counts are never deleted'); END;
CREATE TRIGGER filing_month_counts_no_delete BEFORE DELETE ON filing_month_counts
BEGIN SELECT RAISE(ABORT, 'counts are never deleted'); END;
CREATE TRIGGER filing_start_counts_no_delete BEFORE DELETE ON filing_start_counts
BEGIN SELECT RAISE(ABORT, 'counts are never deleted'); END;
`

/**
 * Version 3: 实名认证 and 代办.
 * - filings_person: every filing under one ID number, whoever filed it (the insured person's `mine`).
 * - filings_by_agent: the back office's 代办 filter, read without passing every filing.
 * - identities: one row per openid — the verified identity and any face session under way (replaced
 *   by the next verification, so not append-only like the filings).
 * - rate_limits: uses per openid and action in the current fixed window (one row each, overwritten).
 */
export const SCHEMA_V3 = `
CREATE INDEX IF NOT EXISTS filings_person ON filings (id_type, id_number, seq);
CREATE INDEX IF NOT EXISTS filings_by_agent ON filings (filed_on, seq)
  WHERE json_extract(record, '$.agent') IS NOT NULL;

CREATE TABLE IF NOT EXISTS identities (
  openid     TEXT PRIMARY KEY,
  record     TEXT NOT NULL CHECK (json_valid(record)),
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS rate_limits (
  key    TEXT    PRIMARY KEY,
  window TEXT    NOT NULL,
  n      INTEGER NOT NULL CHECK (n >= 1)
) STRICT, WITHOUT ROWID;
`
