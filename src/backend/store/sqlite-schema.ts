// The SQLite store's schema. Each filing is kept whole as JSON (`record`) beside the columns that the
// filters, sorts and the one-long-term-filing rule need; those columns are derived from the record on
// every write (sqlite.ts, `columnsOf`) and never read back into it.
//
// Nothing is deleted: triggers refuse DELETE on every table, UPDATE on history and files, and any
// update of a filing that does not bump its version by exactly one.

/** Bumped with each change below; `migrate` in sqlite.ts refuses a database from a newer build. */
export const SCHEMA_VERSION = 1

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
