import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { digestSchedulerId } from '../../src/queue/job-ids.js';
import type { Service, startService } from '../../src/service/service.js';
import { openStore } from '../../src/store/store.js';
import { sentDays, startSmtpSink } from '../digest/smtp-sink.js';
import { sampleDayDb, SAMPLE_DATE } from '../digest/store-day.js';
import { digestRoleEnv, startDigestRole } from './digest-role-env.js';
import { makeConfig, REDIS_URL, waitFor } from './harness.js';

// The digest role over real Redis, a real SQLite file (the sample day) and a real SMTP
// server: a scheduler per recipient at its local time; the day whose send time passed is
// caught up at boot; restarts, a second service and retries send each day once; a
// refusing server leaves the day unsent with its error recorded until a retry gets through.

// 08:00 on 1 Dec in Shanghai: the 07:00 digest of 30 Nov is due.
const NOW = () => new Date('2026-12-01T00:00:00Z');

const YAML = (smtp: string): string => `smtp_url: ${smtp}
log:
  level: warn
digest:
  from: newsmon@example.org
  timezone: Asia/Shanghai
  web_base: https://newsmon.example.org
  recipients:
    - address: desk@example.com
      time: "07:00"
    - address: ny@example.com
      companies: [nvidia]
      timezone: America/New_York
      time: "08:15"
`;

function setup(smtpUrl: string): { configDir: string; dbPath: string } {
  const cfg = makeConfig([]);
  writeFileSync(join(cfg.configDir, 'newsmon.yaml'), YAML(smtpUrl));
  copyFileSync(sampleDayDb(), cfg.dbPath);
  return { configDir: cfg.configDir, dbPath: cfg.dbPath };
}

const start = (cfg: { configDir: string; dbPath: string }, prefix: string, extra: Partial<Parameters<typeof startService>[0]> = {}) => startDigestRole(cfg, prefix, NOW, extra);

describe('the digest role', () => {
  const env = digestRoleEnv();
  const { fresh } = env;

  it('one scheduler per recipient at its local time; the old single scheduler is removed', async () => {
    const cfg = setup(env.sink.url);
    const prefix = fresh();
    const conn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const q = new Queue('digest', { connection: conn, prefix });
    await q.upsertJobScheduler('digest-daily', { pattern: '0 7 * * *', tz: 'UTC' }, { name: 'daily', data: {} });
    const service = await start(cfg, prefix);
    try {
      const s = (await service.queues.digest.getJobSchedulers(0, -1, true)).map((x) => [x.key, x.pattern, x.tz, x.template?.data?.recipient]).sort();
      expect(s).toEqual([
        [digestSchedulerId('desk@example.com'), '0 7 * * *', 'Asia/Shanghai', 'desk@example.com'],
        [digestSchedulerId('ny@example.com'), '15 8 * * *', 'America/New_York', 'ny@example.com'],
      ].sort());
    } finally {
      await service.close();
      await q.close();
      conn.disconnect();
    }
  });

  it('catches up the due day at boot, once across a restart, a lost Redis and a second service', async () => {
    env.sink.mails.length = 0;
    const cfg = setup(env.sink.url);
    const prefix = fresh();
    const first = await start(cfg, prefix);
    // Shanghai's 07:00 has passed (30 Nov is due); New York's 08:15 on 30 Nov has too (29 Nov is due).
    await waitFor('both catch-up mails', () => env.sink.mails.length >= 2, 20_000);
    await first.close();
    // A restart on the same Redis, one on an empty Redis, and two services at once: nothing more.
    const again = await start(cfg, prefix);
    await again.queues.digest.add('daily', { recipient: 'desk@example.com', date: SAMPLE_DATE });
    const lost = await start(cfg, fresh());
    const other = await start(cfg, fresh());
    await new Promise((r) => setTimeout(r, 2_000));
    await Promise.all([again.close(), lost.close(), other.close()]);
    expect(sentDays(env.sink)).toEqual(['desk@example.com 2026-11-30', 'ny@example.com 2026-11-29']);
    const store = openStore(cfg.dbPath, { readonly: true });
    try {
      expect(store.digestLedger.get('desk@example.com', SAMPLE_DATE)).toMatchObject({ state: 'sent', attempts: 1 });
    } finally {
      store.close();
    }
  });

  it('a refusing SMTP server: not sent, the error recorded, retried with backoff, then sent once', async () => {
    let refusals = 0;
    const picky = await startSmtpSink({ refuse: (a) => a === 'desk@example.com' && refusals++ < 1 });
    const cfg = setup(picky.url);
    const store = openStore(cfg.dbPath);
    // Only the desk's day is left to send.
    store.digestLedger.claim('ny@example.com', '2026-11-29', NOW());
    store.digestLedger.markSent('ny@example.com', '2026-11-29', { messageId: null, stories: 0 }, NOW());
    const service: Service = await start(cfg, fresh(), { jobDefaults: { digest: { attempts: 3, backoff: { type: 'fixed', delay: 1_500 } } } });
    try {
      const failed = await waitFor('the failed first try', () => {
        const e = store.digestLedger.get('desk@example.com', SAMPLE_DATE);
        return e?.state === 'failed' ? e : null;
      }, 15_000, 20);
      expect(failed.lastError).toMatch(/^the SMTP server refused the recipient desk@example\.com: 550/);
      expect(picky.mails).toHaveLength(0);
      await waitFor('the retry', () => store.digestLedger.get('desk@example.com', SAMPLE_DATE)?.state === 'sent', 15_000);
      expect(store.digestLedger.get('desk@example.com', SAMPLE_DATE)).toMatchObject({ attempts: 2, lastError: null });
      expect(picky.mails.map((m) => m.to.join())).toEqual(['desk@example.com']);
    } finally {
      await service.close();
      store.close();
      await picky.close();
    }
  });
});
