import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/service/logger.js';
import type { Service } from '../../src/service/service.js';
import { sentDays } from '../digest/smtp-sink.js';
import { sampleDayDb } from '../digest/store-day.js';
import { digestRoleEnv, startDigestRole } from './digest-role-env.js';
import { ensureBuilt, makeConfig, REDIS_URL, spawnRun, waitFor } from './harness.js';

// SIGHUP re-reads config/newsmon.yaml's digest section in a running service: real Redis
// (a fresh prefix), a real SQLite file (the sample day), a real SMTP server and a real
// config file edited between reloads. In-process through service.reload() (what the
// signal handler calls, with an injected clock), then through a real SIGHUP to a child
// `newsmon run --roles digest`.

// 08:00 on 1 Dec in Shanghai: the 07:00 digest of 30 Nov is due.
const NOW = () => new Date('2026-12-01T00:00:00Z');

interface R { address: string; time?: string; timezone?: string; companies?: string }
const yaml = (smtp: string, recipients: readonly R[], extra = ''): string => `smtp_url: ${smtp}
log:
  level: info
${extra}digest:
  from: newsmon@example.org
  timezone: Asia/Shanghai
  recipients:
${recipients.map((r) => `    - address: ${r.address}\n${r.time ? `      time: "${r.time}"\n` : ''}${r.timezone ? `      timezone: ${r.timezone}\n` : ''}${r.companies ? `      companies: ${r.companies}\n` : ''}`).join('')}`;

const DESK = { address: 'desk@example.com', time: '07:00' };
const NY = { address: 'ny@example.com', timezone: 'America/New_York', time: '08:15', companies: '[nvidia]' };

function setup(text: string): { configDir: string; dbPath: string; write(text: string): void } {
  const cfg = makeConfig([]);
  const write = (t: string) => writeFileSync(join(cfg.configDir, 'newsmon.yaml'), t);
  write(text);
  copyFileSync(sampleDayDb(), cfg.dbPath);
  return { configDir: cfg.configDir, dbPath: cfg.dbPath, write };
}

const schedulers = async (q: Queue): Promise<string[]> =>
  (await q.getJobSchedulers(0, -1, true)).map((s) => `${s.template?.data?.recipient} ${s.pattern} ${s.tz}`).sort();
const delayedFor = async (q: Queue): Promise<string[]> => (await q.getDelayed()).map((j) => String(j.data.recipient)).sort();

describe('reloading the digest recipients', () => {
  const env = digestRoleEnv();
  const { fresh } = env;

  it('adds, moves and removes schedulers; never mails a day the ledger has; a bad file changes nothing', async () => {
    env.sink.mails.length = 0;
    const cfg = setup(yaml(env.sink.url, [DESK, NY]));
    const lines: string[] = [];
    const log = createLogger('info', { write: (l: string) => void lines.push(l) });
    const service: Service = await startDigestRole(cfg, fresh(), NOW, { log });
    const q = service.queues.digest;
    const logged = (re: RegExp) => lines.filter((l) => re.test(l));
    try {
      await waitFor('both catch-up mails', () => env.sink.mails.length >= 2, 20_000);
      // desk moves to Tokyo 05:00 (passed at NOW: its due day is 30 Nov, already sent); ny leaves; new joins.
      cfg.write(yaml(env.sink.url, [{ address: 'desk@example.com', time: '05:00', timezone: 'Asia/Tokyo' }, { address: 'new@example.com' }]));
      await service.reload();
      expect(await schedulers(q)).toEqual(['desk@example.com 0 5 * * * Asia/Tokyo', 'new@example.com 0 7 * * * Asia/Shanghai']);
      expect(await delayedFor(q)).toEqual(['desk@example.com', 'new@example.com']);
      await waitFor('the new recipient\'s due day', () => env.sink.mails.length >= 3, 20_000);
      expect(logged(/digest settings reloaded/).map((l) => JSON.parse(l) as Record<string, unknown>)[0]).toMatchObject({
        added: ['new@example.com'], removed: ['ny@example.com'], changed: ['desk@example.com'],
      });

      // Each mistake: one located error, and the schedulers as they were.
      const before = await schedulers(q);
      const bad: Array<[string, RegExp]> = [
        [yaml(env.sink.url, [{ address: 'desk@example.com', time: '25:00' }]), /newsmon\.yaml:9: digest\.recipients\.0\.time: expected a time of day "HH:MM", got "25:00"/],
        [yaml(env.sink.url, [DESK, { address: 'x@example.com', companies: '[nvidai]' }]), /newsmon\.yaml:11: digest\.recipients\.1\.companies: "nvidai" is not a company of config\/entities\.yaml/],
        [yaml(env.sink.url, [DESK]).replace('  recipients:', '  recipient:'), /newsmon\.yaml:7: digest\.recipient: unknown key \(did you mean "recipients"\?\)/],
        [`${yaml(env.sink.url, [DESK])}  - [unclosed\n`, /newsmon\.yaml:\d+: invalid YAML/],
      ];
      for (const [text, want] of bad) {
        cfg.write(text);
        await service.reload();
        const errors = logged(/config\/newsmon\.yaml not reloaded/).map((l) => (JSON.parse(l) as { err: string }).err);
        expect(errors.at(-1)).toMatch(want);
        expect(await schedulers(q)).toEqual(before);
      }
      expect(logged(/config\/newsmon\.yaml not reloaded/)).toHaveLength(bad.length);

      // Fixed again, with a setting that needs a restart: the digest part applies, the rest is named.
      cfg.write(yaml(env.sink.url, [{ address: 'desk@example.com', time: '05:00', timezone: 'Asia/Tokyo' }], 'poll:\n  jitter: 5s\n'));
      await service.reload();
      expect(await schedulers(q)).toEqual(['desk@example.com 0 5 * * * Asia/Tokyo']);
      expect(await delayedFor(q)).toEqual(['desk@example.com']);
      expect(logged(/take effect only at a restart/).map((l) => (JSON.parse(l) as { keys: string[] }).keys)).toEqual([['poll']]);
    } finally {
      await service.close();
    }
    expect(sentDays(env.sink)).toEqual(['desk@example.com 2026-11-30', 'new@example.com 2026-11-30', 'ny@example.com 2026-11-29']);
  });

  it('a real SIGHUP to `newsmon run`: the edited file is applied, a broken one is refused and logged', async () => {
    ensureBuilt();
    env.sink.mails.length = 0;
    const cfg = setup(yaml(env.sink.url, [DESK]));
    const prefix = fresh();
    const conn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const q = new Queue('digest', { connection: conn, prefix });
    const p = spawnRun(['--config', cfg.configDir, '--db', cfg.dbPath, '--queue-prefix', prefix, '--roles', 'digest']);
    const until = (what: string, probe: () => Promise<boolean> | boolean) => waitFor(what, probe, 20_000, 100);
    try {
      await until('the first scheduler', async () => (await schedulers(q)).length === 1);
      cfg.write(yaml(env.sink.url, [{ ...DESK, time: '06:45' }, { address: 'ops@example.com', timezone: 'Europe/Paris', time: '06:00' }]));
      p.child.kill('SIGHUP');
      await until('the edited schedulers', async () => (await schedulers(q)).join() === 'desk@example.com 45 6 * * * Asia/Shanghai,ops@example.com 0 6 * * * Europe/Paris');
      cfg.write(yaml(env.sink.url, [DESK, { address: 'ops@example.com', timezone: 'Mars/Olympus_Mons' }]));
      p.child.kill('SIGHUP');
      await until('the error line', () => /newsmon\.yaml:\d+: digest\.recipients\.1\.timezone: expected an IANA time zone/.test(p.output()));
      expect(await schedulers(q)).toEqual(['desk@example.com 45 6 * * * Asia/Shanghai', 'ops@example.com 0 6 * * * Europe/Paris']);
      cfg.write(yaml(env.sink.url, [DESK]));
      p.child.kill('SIGHUP');
      await until('ops removed', async () => (await schedulers(q)).join() === 'desk@example.com 0 7 * * * Asia/Shanghai');
      expect(await delayedFor(q)).toEqual(['desk@example.com']);
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    } finally {
      if (p.child.exitCode === null) p.child.kill('SIGKILL');
      await q.close();
      conn.disconnect();
    }
    // Whatever days the real clock made due at each reload, none was mailed twice.
    const mails = sentDays(env.sink);
    expect(mails.length).toBeGreaterThan(0);
    expect(new Set(mails).size).toBe(mails.length);
  });
});
