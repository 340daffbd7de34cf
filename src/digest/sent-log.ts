import Database from 'better-sqlite3';

// Which digests went out, so sending the same day to the same people twice is a no-op.
// Kept in its own table in the store's database file (created here, IF NOT EXISTS),
// behind this small interface so the store's schema stays the store's.

export interface SentRecord {
  date: string;
  recipients: string;
  messageId: string | null;
  events: number;
  sentAt: string;
}

export interface SentLog {
  wasSent(date: string, to: readonly string[]): boolean;
  /**
   * Takes the right to send: false when it was sent, or another sender claimed it less
   * than `staleMs` ago (a claim older than that is a crashed sender's, and is taken over).
   */
  claim(date: string, to: readonly string[], now: Date, staleMs?: number): boolean;
  markSent(date: string, to: readonly string[], rec: { messageId: string | null; events: number }, now: Date): void;
  /** Gives a claim back after a failed send, so the next try can send. */
  release(date: string, to: readonly string[]): void;
  /** Forgets a sent digest, so it can be sent again (`--force`). */
  forget(date: string, to: readonly string[]): void;
  list(): SentRecord[];
  close(): void;
}

/** One key for a recipient list, whatever its order or case. */
export function recipientsKey(to: readonly string[]): string {
  return [...new Set(to.map((a) => a.trim().toLowerCase()).filter(Boolean))].sort().join(',');
}

const SCHEMA = `
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

const DEFAULT_STALE_MS = 15 * 60_000;

export function openSentLog(dbPath: string): SentLog {
  const db = new Database(dbPath);
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const getState = db.prepare<[string, string], { state: string; claimed_at: string }>(
    'SELECT state, claimed_at FROM digests_sent WHERE date = ? AND recipients = ?',
  );
  const insertClaim = db.prepare(
    "INSERT INTO digests_sent (date, recipients, state, claimed_at) VALUES (?, ?, 'sending', ?)",
  );
  const retakeClaim = db.prepare(
    "UPDATE digests_sent SET claimed_at = ? WHERE date = ? AND recipients = ? AND state = 'sending'",
  );
  const setSent = db.prepare(
    `INSERT INTO digests_sent (date, recipients, state, message_id, events, claimed_at, sent_at)
     VALUES (@date, @recipients, 'sent', @messageId, @events, @at, @at)
     ON CONFLICT (date, recipients) DO UPDATE SET state = 'sent', message_id = @messageId, events = @events, sent_at = @at`,
  );
  const dropClaim = db.prepare("DELETE FROM digests_sent WHERE date = ? AND recipients = ? AND state = 'sending'");
  const dropAny = db.prepare('DELETE FROM digests_sent WHERE date = ? AND recipients = ?');
  const all = db.prepare<[], { date: string; recipients: string; message_id: string | null; events: number; sent_at: string }>(
    "SELECT date, recipients, message_id, events, sent_at FROM digests_sent WHERE state = 'sent' ORDER BY date, recipients",
  );

  // IMMEDIATE: two senders checking at once must not both see "free".
  const claimTx = db.transaction((date: string, key: string, now: Date, staleMs: number): boolean => {
    const row = getState.get(date, key);
    if (!row) {
      insertClaim.run(date, key, now.toISOString());
      return true;
    }
    if (row.state === 'sent') return false;
    if (now.getTime() - Date.parse(row.claimed_at) < staleMs) return false;
    retakeClaim.run(now.toISOString(), date, key);
    return true;
  });

  return {
    wasSent: (date, to) => getState.get(date, recipientsKey(to))?.state === 'sent',
    claim: (date, to, now, staleMs = DEFAULT_STALE_MS) => claimTx.immediate(date, recipientsKey(to), now, staleMs),
    markSent: (date, to, rec, now) => {
      setSent.run({ date, recipients: recipientsKey(to), messageId: rec.messageId, events: rec.events, at: now.toISOString() });
    },
    release: (date, to) => {
      dropClaim.run(date, recipientsKey(to));
    },
    forget: (date, to) => {
      dropAny.run(date, recipientsKey(to));
    },
    list: () =>
      all.all().map((r) => ({ date: r.date, recipients: r.recipients, messageId: r.message_id, events: r.events, sentAt: r.sent_at })),
    close: () => db.close(),
  };
}
