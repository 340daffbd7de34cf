import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrate.js';
import { initial } from '../../src/store/migrations/001-initial.js';
import { openStore, type Store } from '../../src/store/store.js';
import { article, tempDbPath } from './make-article.js';

// Migration 002 on database files as newsmon left them before it: schema 1, and, when a
// digest was ever sent, the digests_sent table the digest code used to create itself.

// The table exactly as the digest's own sent log created it before migration 002.
const OLD_SENT_LOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS digests_sent (
  date        TEXT NOT NULL,
  recipients  TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('sending', 'sent')),
  message_id  TEXT,
  events      INTEGER NOT NULL DEFAULT 0,
  claimed_at  TEXT NOT NULL,
  sent_at     TEXT,
  PRIMARY KEY (date, recipients)
)`;

/** A schema-1 file with one article, and the old sent log's rows when `sentLog` is set. */
function v1File(sentLog: boolean): string {
  const path = tempDbPath();
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  migrate(db, path, [initial]);
  db.close();
  const s1 = new Database(path);
  // Through schema 1's own tables: the store code of that version is gone, so plain SQL.
  s1.prepare("INSERT INTO feeds (id, url) VALUES ('f', 'https://f.example/feed')").run();
  if (sentLog) {
    s1.exec(OLD_SENT_LOG_SCHEMA);
    s1.prepare("INSERT INTO digests_sent VALUES ('2025-03-01', 'a@x.org,b@x.org', 'sent', '<m1@x>', 7, '2025-03-02T07:00:00.000Z', '2025-03-02T07:00:01.000Z')").run();
    s1.prepare("INSERT INTO digests_sent VALUES ('2025-03-02', 'a@x.org', 'sending', NULL, 0, '2025-03-03T07:00:00.000Z', NULL)").run();
  }
  s1.close();
  return path;
}

const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

describe('migrations 002 and 004: the digest sent log becomes the per-recipient ledger', () => {
  it('a v1 file with the old sent log: each address of a sent list is sent; claims in flight are dropped', () => {
    const path = v1File(true);
    const store = openStore(path);
    open.push(store);
    expect(store.stats().schemaVersion).toBeGreaterThanOrEqual(4);
    expect(store.listFeeds().map((f) => f.id)).toEqual(['f']);
    for (const a of ['a@x.org', 'B@x.org']) {
      expect(store.digestLedger.get(a, '2025-03-01')).toMatchObject({ state: 'sent', messageId: '<m1@x>', stories: 7, sentAt: '2025-03-02T07:00:01.000Z' });
      expect(store.digestLedger.claim(a, '2025-03-01', new Date('2025-03-05T00:00:00Z'))).toBe('done');
    }
    // The old 'sending' row's sender retries under the new ledger.
    expect(store.digestLedger.get('a@x.org', '2025-03-02')).toBeUndefined();
    expect(store.digestLedger.claim('a@x.org', '2025-03-02', new Date('2025-03-03T07:05:00Z'))).toBe('claimed');
  });

  it('a v1 file that never sent a digest gets the table', () => {
    const path = v1File(false);
    const store = openStore(path);
    open.push(store);
    expect(store.digestLedger.recent()).toEqual([]);
    expect(store.digestLedger.claim('a@x.org', '2025-03-01', new Date('2025-03-02T07:00:00Z'))).toBe('claimed');
    store.digestLedger.markSent('a@x.org', '2025-03-01', { messageId: null, stories: 1 }, new Date('2025-03-02T07:00:01Z'));
    expect(store.digestLedger.get('a@x.org', '2025-03-01')?.state).toBe('sent');
    store.saveArticle(article(1));
    expect(store.stats().articles).toBe(1);
  });

  it('records the migration once, and a read-only open of a v1 file says to migrate', () => {
    const path = v1File(true);
    expect(() => openStore(path, { readonly: true })).toThrow(/schema version 1 is older than this newsmon needs/);
    openStore(path).close();
    openStore(path).close();
    const db = new Database(path, { readonly: true });
    try {
      const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as Array<{ version: number; name: string }>;
      expect(rows.slice(0, 2).map((r) => [r.version, r.name])).toEqual([[1, 'initial'], [2, 'digests-sent']]);
      expect((db.prepare('SELECT count(*) AS n FROM digest_ledger').get() as { n: number }).n).toBe(2);
    } finally {
      db.close();
    }
    const ro = openStore(path, { readonly: true });
    open.push(ro);
    expect(ro.digestLedger.get('b@x.org', '2025-03-01')?.state).toBe('sent');
  });
});
