import type { Migration } from '../migrate.js';

// The digest's sent log: which day's digest went to which recipients, so a digest is
// mailed once. Before this migration the digest code created this very table itself
// (CREATE TABLE IF NOT EXISTS, same columns) in the same database file; IF NOT EXISTS
// adopts that table and its rows as they are, and creates it in a file that never sent
// a digest. Not STRICT, so that both kinds of file end up with the same schema.
export const digestsSent: Migration = {
  version: 2,
  name: 'digests-sent',
  sql: `
CREATE TABLE IF NOT EXISTS digests_sent (
  date        TEXT NOT NULL,
  recipients  TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('sending', 'sent')),
  message_id  TEXT,
  events      INTEGER NOT NULL DEFAULT 0,
  claimed_at  TEXT NOT NULL,
  sent_at     TEXT,
  PRIMARY KEY (date, recipients)
);
`,
};
