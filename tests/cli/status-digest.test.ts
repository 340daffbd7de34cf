import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/status.js';
import { openStore } from '../../src/store/store.js';
import { closedPort } from '../digest/smtp-sink.js';

// `newsmon status` shows digests that failed (from the database's ledger), with the SMTP
// error, even when Redis is down.

async function status(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  try {
    return { code: await run(args), out };
  } finally {
    o.mockRestore();
  }
}

describe('newsmon status and the digest ledger', () => {
  it('lists a failed digest with its error; a sent one is not a problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmon-status-'));
    const db = join(dir, 'newsmon.db');
    const store = openStore(db);
    const t = new Date('2026-12-01T00:00:00Z');
    store.digestLedger.claim('desk@example.com', '2026-11-30', t);
    store.digestLedger.markFailed('desk@example.com', '2026-11-30', 'the SMTP server refused the recipient desk@example.com: 550 no such user', t);
    store.digestLedger.claim('ok@example.com', '2026-11-30', t);
    store.digestLedger.markSent('ok@example.com', '2026-11-30', { messageId: '<m@x>', stories: 3 }, t);
    store.close();
    const redis = `redis://127.0.0.1:${await closedPort()}`;
    const text = await status(['--db', db, '--config', dir, '--redis', redis]);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/Digests not sent[^\n]*\n +RECIPIENT +DAY +STATE +TRIES +WHEN +ERROR\n +desk@example\.com +2026-11-30 +failed +1 +2026-12-01T00:00:00\.000Z +the SMTP server refused the recipient/);
    expect(text.out).not.toContain('ok@example.com');
    const json = JSON.parse((await status(['--db', db, '--config', dir, '--redis', redis, '--json'])).out) as { digestProblems: Array<{ recipient: string; lastError: string }> };
    expect(json.digestProblems.map((d) => [d.recipient, d.lastError])).toEqual([['desk@example.com', 'the SMTP server refused the recipient desk@example.com: 550 no such user']]);
  });
});
