import type Database from 'better-sqlite3';

// Which digests went out, so sending the same day to the same people twice is a no-op
// (table digests_sent, migration 002). A send claims the row first ('sending'), then
// marks it 'sent'; a claim left by a crashed sender goes stale and can be taken over.

export interface SentRecord {
  date: string;
  recipients: string;
  messageId: string | null;
  events: number;
  sentAt: string;
}

/** One key for a recipient list, whatever its order or case. */
export function recipientsKey(to: readonly string[]): string {
  return [...new Set(to.map((a) => a.trim().toLowerCase()).filter(Boolean))].sort().join(',');
}

const DEFAULT_STALE_MS = 15 * 60_000;

interface SentRow {
  date: string;
  recipients: string;
  message_id: string | null;
  events: number;
  sent_at: string;
}

export class DigestsSentTable {
  private readonly getState: Database.Statement<[string, string], { state: string; claimed_at: string }>;
  private readonly insertClaim: Database.Statement<[string, string, string]>;
  private readonly retakeClaim: Database.Statement<[string, string, string]>;
  private readonly setSent: Database.Statement<[{ date: string; recipients: string; messageId: string | null; events: number; at: string }]>;
  private readonly dropClaim: Database.Statement<[string, string]>;
  private readonly dropAny: Database.Statement<[string, string]>;
  private readonly all: Database.Statement<[], SentRow>;
  // IMMEDIATE: two senders checking at once must not both see "free".
  private readonly claimTx: Database.Transaction<(date: string, key: string, now: Date, staleMs: number) => boolean>;

  constructor(db: Database.Database) {
    this.getState = db.prepare('SELECT state, claimed_at FROM digests_sent WHERE date = ? AND recipients = ?');
    this.insertClaim = db.prepare("INSERT INTO digests_sent (date, recipients, state, claimed_at) VALUES (?, ?, 'sending', ?)");
    this.retakeClaim = db.prepare("UPDATE digests_sent SET claimed_at = ? WHERE date = ? AND recipients = ? AND state = 'sending'");
    this.setSent = db.prepare(
      `INSERT INTO digests_sent (date, recipients, state, message_id, events, claimed_at, sent_at)
       VALUES (@date, @recipients, 'sent', @messageId, @events, @at, @at)
       ON CONFLICT (date, recipients) DO UPDATE SET state = 'sent', message_id = @messageId, events = @events, sent_at = @at`,
    );
    this.dropClaim = db.prepare("DELETE FROM digests_sent WHERE date = ? AND recipients = ? AND state = 'sending'");
    this.dropAny = db.prepare('DELETE FROM digests_sent WHERE date = ? AND recipients = ?');
    this.all = db.prepare("SELECT date, recipients, message_id, events, sent_at FROM digests_sent WHERE state = 'sent' ORDER BY date, recipients");
    this.claimTx = db.transaction((date: string, key: string, now: Date, staleMs: number): boolean => {
      const row = this.getState.get(date, key);
      if (!row) {
        this.insertClaim.run(date, key, now.toISOString());
        return true;
      }
      if (row.state === 'sent') return false;
      if (now.getTime() - Date.parse(row.claimed_at) < staleMs) return false;
      this.retakeClaim.run(now.toISOString(), date, key);
      return true;
    });
  }

  wasSent(date: string, to: readonly string[]): boolean {
    return this.getState.get(date, recipientsKey(to))?.state === 'sent';
  }

  /**
   * Takes the right to send: false when it was sent, or another sender claimed it less
   * than `staleMs` ago (a claim older than that is a crashed sender's, and is taken over).
   */
  claim(date: string, to: readonly string[], now: Date, staleMs = DEFAULT_STALE_MS): boolean {
    return this.claimTx.immediate(date, recipientsKey(to), now, staleMs);
  }

  markSent(date: string, to: readonly string[], rec: { messageId: string | null; events: number }, now: Date): void {
    this.setSent.run({ date, recipients: recipientsKey(to), messageId: rec.messageId, events: rec.events, at: now.toISOString() });
  }

  /** Gives a claim back after a failed send, so the next try can send. */
  release(date: string, to: readonly string[]): void {
    this.dropClaim.run(date, recipientsKey(to));
  }

  /** Forgets a sent digest, so it can be sent again (`--force`). */
  forget(date: string, to: readonly string[]): void {
    this.dropAny.run(date, recipientsKey(to));
  }

  list(): SentRecord[] {
    return this.all.all().map((r) => ({ date: r.date, recipients: r.recipients, messageId: r.message_id, events: r.events, sentAt: r.sent_at }));
  }
}
