import type { Migration } from '../migrate.js';

// The digest becomes one mail per recipient and local day (issue 10), so its sent log is
// keyed by (recipient, date) and records failures: state 'failed' with the SMTP error and
// the number of attempts, so `newsmon status` can show it and the next try can take it.
// The rows of digests_sent (one per date and recipient list) carry over as one sent row
// per address; claims in flight ('sending') are dropped: their sender retries. Feeds also
// keep their own title, so a digest can name a feed that has no configured name.
export const digestLedger: Migration = {
  version: 4,
  name: 'digest-ledger',
  sql: `
CREATE TABLE digest_ledger (
  recipient  TEXT NOT NULL,
  date       TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'skipped')),
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  message_id TEXT,
  stories    INTEGER NOT NULL DEFAULT 0,
  claimed_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at    TEXT,
  PRIMARY KEY (recipient, date)
) STRICT;
CREATE INDEX digest_ledger_updated ON digest_ledger(updated_at);

WITH RECURSIVE split(date, rest, addr, message_id, events, claimed_at, sent_at) AS (
  SELECT date, recipients || ',', NULL, message_id, events, claimed_at, sent_at FROM digests_sent WHERE state = 'sent'
  UNION ALL
  SELECT date, substr(rest, instr(rest, ',') + 1), trim(substr(rest, 1, instr(rest, ',') - 1)), message_id, events, claimed_at, sent_at
  FROM split WHERE rest <> '')
INSERT OR IGNORE INTO digest_ledger (recipient, date, state, attempts, message_id, stories, claimed_at, updated_at, sent_at)
  SELECT lower(addr), date, 'sent', 1, message_id, events, claimed_at, coalesce(sent_at, claimed_at), sent_at
  FROM split WHERE addr IS NOT NULL AND addr <> '';
DROP TABLE digests_sent;

ALTER TABLE feeds ADD COLUMN title TEXT;
`,
};
