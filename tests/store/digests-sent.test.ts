import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, recipientsKey, type Store } from '../../src/store/store.js';

let dir: string;
let store: Store;
let log: Store['digestsSent'];
const T0 = new Date('2025-03-02T07:00:00Z');
const later = (ms: number): Date => new Date(T0.getTime() + ms);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsmon-sentlog-'));
  store = openStore(join(dir, 'newsmon.db'));
  log = store.digestsSent;
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('recipientsKey', () => {
  it.each([
    { name: 'order and case do not matter', a: ['B@x.org', 'a@x.org'], b: ['a@x.org', 'b@X.org'] },
    { name: 'duplicates and spaces do not matter', a: [' a@x.org', 'a@x.org'], b: ['a@x.org'] },
  ])('$name', ({ a, b }) => {
    expect(recipientsKey(a)).toBe(recipientsKey(b));
  });
});

describe('sent log', () => {
  const to = ['analyst@example.com'];

  it('claims once, then refuses until released', () => {
    expect(log.wasSent('2025-03-01', to)).toBe(false);
    expect(log.claim('2025-03-01', to, T0)).toBe(true);
    expect(log.claim('2025-03-01', to, later(1000))).toBe(false);
    log.release('2025-03-01', to);
    expect(log.claim('2025-03-01', to, later(2000))).toBe(true);
  });

  it('a sent digest stays sent, for that day and those recipients only', () => {
    expect(log.claim('2025-03-01', to, T0)).toBe(true);
    log.markSent('2025-03-01', to, { messageId: '<m1@x>', events: 4 }, later(500));
    expect(log.wasSent('2025-03-01', to)).toBe(true);
    expect(log.claim('2025-03-01', to, later(3_600_000))).toBe(false);
    expect(log.claim('2025-03-02', to, T0)).toBe(true);
    expect(log.claim('2025-03-01', ['other@example.com'], T0)).toBe(true);
    expect(log.list()).toEqual([
      { date: '2025-03-01', recipients: 'analyst@example.com', messageId: '<m1@x>', events: 4, sentAt: '2025-03-02T07:00:00.500Z' },
    ]);
  });

  it('takes over a claim left by a sender that crashed', () => {
    expect(log.claim('2025-03-01', to, T0)).toBe(true);
    expect(log.claim('2025-03-01', to, later(14 * 60_000))).toBe(false);
    expect(log.claim('2025-03-01', to, later(16 * 60_000))).toBe(true);
  });

  it('forget lets a day be sent again', () => {
    log.claim('2025-03-01', to, T0);
    log.markSent('2025-03-01', to, { messageId: null, events: 0 }, T0);
    log.forget('2025-03-01', to);
    expect(log.wasSent('2025-03-01', to)).toBe(false);
  });

  it('survives reopening the file', () => {
    log.markSent('2025-03-01', to, { messageId: '<m@x>', events: 1 }, T0);
    store.close();
    store = openStore(join(dir, 'newsmon.db'));
    log = store.digestsSent;
    expect(log.wasSent('2025-03-01', to)).toBe(true);
  });

  it('two connections cannot both claim', () => {
    const otherStore = openStore(join(dir, 'newsmon.db'));
    const other = otherStore.digestsSent;
    try {
      expect(log.claim('2025-03-01', to, T0)).toBe(true);
      expect(other.claim('2025-03-01', to, T0)).toBe(false);
    } finally {
      otherStore.close();
    }
  });
});
