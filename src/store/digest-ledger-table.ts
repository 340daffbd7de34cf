import type Database from 'better-sqlite3';

// Which digest went to whom (table digest_ledger, migration 004): one row per recipient and
// local day. A sender claims the row first ('sending', in an IMMEDIATE transaction, so two
// services or two workers cannot both win), then marks it 'sent', 'skipped' (an empty day
// configured to send nothing) or 'failed' (with the error; the next try may claim it again).
// A 'sending' claim older than the stale limit is a crashed sender's and is taken over.

export type LedgerState = 'sending' | 'sent' | 'failed' | 'skipped';

export interface LedgerEntry {
  recipient: string;
  date: string;
  state: LedgerState;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  stories: number;
  claimedAt: string;
  updatedAt: string;
  sentAt: string | null;
}

/** 'claimed': send now. 'done': sent or skipped already. 'busy': another sender holds a fresh claim. */
export type ClaimResult = 'claimed' | 'done' | 'busy';

interface Row {
  recipient: string;
  date: string;
  state: LedgerState;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  stories: number;
  claimed_at: string;
  updated_at: string;
  sent_at: string | null;
}

const toEntry = (r: Row): LedgerEntry => ({
  recipient: r.recipient,
  date: r.date,
  state: r.state,
  attempts: r.attempts,
  lastError: r.last_error,
  messageId: r.message_id,
  stories: r.stories,
  claimedAt: r.claimed_at,
  updatedAt: r.updated_at,
  sentAt: r.sent_at,
});

/** One key per address, whatever its case. */
export const ledgerKey = (address: string): string => address.trim().toLowerCase();

export const DEFAULT_STALE_MS = 15 * 60_000;

export class DigestLedgerTable {
  private readonly getRow: Database.Statement<[string, string], Row>;
  private readonly insertClaim: Database.Statement<[{ r: string; d: string; at: string }]>;
  private readonly retake: Database.Statement<[{ r: string; d: string; at: string }]>;
  private readonly finish: Database.Statement<[{ r: string; d: string; state: LedgerState; error: string | null; messageId: string | null; stories: number; at: string }]>;
  private readonly drop: Database.Statement<[string, string]>;
  private readonly recentRows: Database.Statement<[number], Row>;
  private readonly failedRows: Database.Statement<[string, string], { date: string }>;
  private readonly claimTx: Database.Transaction<(r: string, d: string, now: Date, staleMs: number) => ClaimResult>;

  constructor(db: Database.Database) {
    this.getRow = db.prepare('SELECT * FROM digest_ledger WHERE recipient = ? AND date = ?');
    this.insertClaim = db.prepare("INSERT INTO digest_ledger (recipient, date, state, attempts, claimed_at, updated_at) VALUES (@r, @d, 'sending', 1, @at, @at)");
    this.retake = db.prepare("UPDATE digest_ledger SET state = 'sending', attempts = attempts + 1, claimed_at = @at, updated_at = @at WHERE recipient = @r AND date = @d");
    this.finish = db.prepare(`UPDATE digest_ledger SET state = @state, last_error = @error, message_id = coalesce(@messageId, message_id),
      stories = @stories, updated_at = @at, sent_at = CASE WHEN @state = 'sent' THEN @at ELSE sent_at END
      WHERE recipient = @r AND date = @d AND state = 'sending'`);
    this.drop = db.prepare('DELETE FROM digest_ledger WHERE recipient = ? AND date = ?');
    this.recentRows = db.prepare('SELECT * FROM digest_ledger ORDER BY updated_at DESC, recipient LIMIT ?');
    this.failedRows = db.prepare("SELECT date FROM digest_ledger WHERE recipient = ? AND state = 'failed' AND date >= ? ORDER BY date");
    this.claimTx = db.transaction((r: string, d: string, now: Date, staleMs: number): ClaimResult => {
      const row = this.getRow.get(r, d);
      const at = now.toISOString();
      if (!row) {
        this.insertClaim.run({ r, d, at });
        return 'claimed';
      }
      if (row.state === 'sent' || row.state === 'skipped') return 'done';
      if (row.state === 'sending' && now.getTime() - Date.parse(row.claimed_at) < staleMs) return 'busy';
      this.retake.run({ r, d, at });
      return 'claimed';
    });
  }

  /** Takes the right to send `date` to `address` (see ClaimResult). */
  claim(address: string, date: string, now: Date, staleMs = DEFAULT_STALE_MS): ClaimResult {
    return this.claimTx.immediate(ledgerKey(address), date, now, staleMs);
  }

  markSent(address: string, date: string, rec: { messageId: string | null; stories: number }, now: Date): void {
    this.finish.run({ r: ledgerKey(address), d: date, state: 'sent', error: null, messageId: rec.messageId, stories: rec.stories, at: now.toISOString() });
  }

  /** Nothing to send, and the recipient asked for no mail on such a day: done, not retried. */
  markSkipped(address: string, date: string, now: Date): void {
    this.finish.run({ r: ledgerKey(address), d: date, state: 'skipped', error: null, messageId: null, stories: 0, at: now.toISOString() });
  }

  /** The send failed: the claim is released with the error, so a later try can claim it. */
  markFailed(address: string, date: string, error: string, now: Date): void {
    this.finish.run({ r: ledgerKey(address), d: date, state: 'failed', error, messageId: null, stories: 0, at: now.toISOString() });
  }

  get(address: string, date: string): LedgerEntry | undefined {
    const row = this.getRow.get(ledgerKey(address), date);
    return row ? toEntry(row) : undefined;
  }

  /** Forgets a day for a recipient, so it can be sent again (`newsmon digest --send --force`). */
  forget(address: string, date: string): void {
    this.drop.run(ledgerKey(address), date);
  }

  /** The days from `since` (YYYY-MM-DD) on whose digest to `address` failed and was not sent since, oldest first. */
  failedDays(address: string, since: string): string[] {
    return this.failedRows.all(ledgerKey(address), since).map((r) => r.date);
  }

  /** The most recently changed rows, newest first (for `newsmon status`). */
  recent(limit = 20): LedgerEntry[] {
    return this.recentRows.all(limit).map(toEntry);
  }
}
