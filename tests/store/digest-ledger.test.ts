import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/store.js';

// The digest ledger (migration 004): one row per recipient and local day, claimed in an
// IMMEDIATE transaction before sending, then sent, skipped or failed with its error.

let dir: string;
let store: Store;
let ledger: Store['digestLedger'];
const T0 = new Date('2025-03-02T07:00:00Z');
const later = (ms: number): Date => new Date(T0.getTime() + ms);
const A = 'analyst@example.com';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsmon-ledger-'));
  store = openStore(join(dir, 'newsmon.db'));
  ledger = store.digestLedger;
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('digest ledger', () => {
  it('claims once; a fresh claim is busy; a sent day is done, for that recipient and day only', () => {
    expect(ledger.claim(A, '2025-03-01', T0)).toBe('claimed');
    expect(ledger.claim(A.toUpperCase(), '2025-03-01', later(1000))).toBe('busy');
    ledger.markSent(A, '2025-03-01', { messageId: '<m1@x>', stories: 4 }, later(500));
    expect(ledger.claim(A, '2025-03-01', later(3_600_000))).toBe('done');
    expect(ledger.claim(A, '2025-03-02', T0)).toBe('claimed');
    expect(ledger.claim('other@example.com', '2025-03-01', T0)).toBe('claimed');
    expect(ledger.get(A, '2025-03-01')).toEqual({
      recipient: A, date: '2025-03-01', state: 'sent', attempts: 1, lastError: null, messageId: '<m1@x>', stories: 4,
      claimedAt: T0.toISOString(), updatedAt: later(500).toISOString(), sentAt: later(500).toISOString(),
    });
  });

  it('a failure keeps the error and frees the day for the next try, which counts as a second attempt', () => {
    ledger.claim(A, '2025-03-01', T0);
    ledger.markFailed(A, '2025-03-01', 'the SMTP server refused the recipient', later(100));
    expect(ledger.get(A, '2025-03-01')).toMatchObject({ state: 'failed', attempts: 1, lastError: 'the SMTP server refused the recipient', sentAt: null });
    expect(ledger.recent().map((e) => [e.recipient, e.state])).toEqual([[A, 'failed']]);
    expect(ledger.failedDays(A, '2025-03-01')).toEqual(['2025-03-01']);
    expect(ledger.failedDays(A, '2025-03-02')).toEqual([]);
    expect(ledger.claim(A, '2025-03-01', later(60_000))).toBe('claimed');
    ledger.markSent(A, '2025-03-01', { messageId: '<m2@x>', stories: 2 }, later(61_000));
    expect(ledger.get(A, '2025-03-01')).toMatchObject({ state: 'sent', attempts: 2, lastError: null, messageId: '<m2@x>' });
  });

  it('a skipped day is done; a claim left by a crashed sender is taken over once stale', () => {
    ledger.claim(A, '2025-03-01', T0);
    ledger.markSkipped(A, '2025-03-01', T0);
    expect(ledger.claim(A, '2025-03-01', later(1))).toBe('done');
    expect(ledger.claim(A, '2025-03-02', T0)).toBe('claimed');
    expect(ledger.claim(A, '2025-03-02', later(14 * 60_000))).toBe('busy');
    expect(ledger.claim(A, '2025-03-02', later(16 * 60_000))).toBe('claimed');
  });

  it('forget lets a day be sent again; marks without a claim change nothing', () => {
    ledger.claim(A, '2025-03-01', T0);
    ledger.markSent(A, '2025-03-01', { messageId: null, stories: 0 }, T0);
    ledger.markFailed(A, '2025-03-01', 'late failure from another sender', T0);
    expect(ledger.get(A, '2025-03-01')?.state).toBe('sent');
    ledger.forget(A, '2025-03-01');
    expect(ledger.claim(A, '2025-03-01', T0)).toBe('claimed');
  });

  it('survives reopening, and two connections cannot both claim', () => {
    ledger.claim(A, '2025-03-01', T0);
    ledger.markSent(A, '2025-03-01', { messageId: '<m@x>', stories: 1 }, T0);
    store.close();
    store = openStore(join(dir, 'newsmon.db'));
    ledger = store.digestLedger;
    expect(ledger.claim(A, '2025-03-01', later(1))).toBe('done');
    const other = openStore(join(dir, 'newsmon.db'));
    try {
      expect(ledger.claim(A, '2025-03-05', T0)).toBe('claimed');
      expect(other.digestLedger.claim(A, '2025-03-05', T0)).toBe('busy');
    } finally {
      other.close();
    }
  });
});
