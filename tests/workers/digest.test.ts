import { UnrecoverableError, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { DigestRecipient, DigestSettings } from '../../src/config/settings-types.js';
import type { DigestJobData } from '../../src/queue/jobs.js';
import { digestProcessor, dueAt, type DigestJobResult } from '../../workers/digest.js';
import { readMime } from '../digest/smtp-sink.js';
import { digestWorkerEnv } from './digest-worker-env.js';
import { jobOf } from './helpers.js';

// The digest processor with a real SQLite file (the sample day) and a real SMTP server; no Redis.

const WATCH = [{ id: 'huawei', name: 'Huawei (configured name)' }, { id: 'moore-threads', name: 'Moore Threads' }];
const shanghai = (address: string, over: Partial<DigestRecipient> = {}): DigestRecipient => ({
  address, companies: null, tags: null, timezone: 'Asia/Shanghai', time: '07:00', onEmptyDay: 'note', ...over,
});
const digest = (over: Partial<DigestSettings> = {}): DigestSettings => ({
  to: ['legacy@example.com'], from: 'newsmon@example.org', time: '07:00', timezone: 'UTC', onEmptyDay: 'note',
  recipients: [shanghai('desk@example.com', { companies: ['huawei'] })], webBase: 'https://newsmon.example.org', ...over,
});
const api = { host: '127.0.0.1', port: 8787 };
// Due at 07:00 on 1 Dec in Shanghai (23:00Z on 30 Nov); run much later, as after an outage.
const DUE = Date.parse('2026-11-30T23:00:00Z');
const now = () => new Date('2026-12-01T09:00:00Z');
const scheduled = (data: DigestJobData): Job<DigestJobData> => Object.assign(jobOf<DigestJobData>('daily', data), { timestamp: DUE - 60_000, delay: 60_000 });

describe('digestProcessor', () => {
  const env = digestWorkerEnv();
  const run = (d: DigestSettings = digest()) =>
    digestProcessor({ source: env.store, ledger: env.store.digestLedger, transport: () => env.transport, settings: () => ({ digest: d, api }), entities: () => WATCH, now });

  it('a late job still covers the day it was due for: the recipient\'s local yesterday then', () => {
    expect(dueAt({ timestamp: DUE - 60_000, delay: 60_000 }, now()).toISOString()).toBe('2026-11-30T23:00:00.000Z');
  });

  it('mails one recipient\'s day once, with that recipient\'s filter and the configured names', async () => {
    const first = (await run()(scheduled({ recipient: 'DESK@example.com' }))) as DigestJobResult;
    expect(first.results).toEqual([{ address: 'desk@example.com', date: '2026-11-30', status: 'sent', stories: expect.any(Number), messageId: expect.stringMatching(/^<digest\.2026-11-30\./) }]);
    const text = readMime(env.sink.mails[0]!.raw).parts.map((p) => p.body).join('\n');
    expect(text).toContain('Huawei (configured name)');
    expect(text).not.toContain('Moore Threads soars');
    const again = (await run()(scheduled({ recipient: 'desk@example.com' }))) as DigestJobResult;
    expect(again.results[0]!.status).toBe('already-sent');
    expect(env.sink.mails).toHaveLength(1);
  });

  it('without a recipient, every recipient: the configured ones and the old digest.to, each in its zone', async () => {
    env.sink.mails.length = 0;
    const r = (await run()(scheduled({}))) as DigestJobResult;
    expect(r.results.map((x) => [x.address, x.date, x.status])).toEqual([
      ['desk@example.com', '2026-11-30', 'already-sent'],
      ['legacy@example.com', '2026-11-29', 'sent'],
    ]);
  });

  it('a scheduled run also retries the days of the last week whose digest failed, oldest first', async () => {
    env.sink.mails.length = 0;
    const t = now();
    for (const date of ['2026-11-20', '2026-11-27']) {
      env.store.digestLedger.claim('desk@example.com', date, t);
      env.store.digestLedger.markFailed('desk@example.com', date, 'cannot reach the SMTP server (ECONNREFUSED)', t);
    }
    const r = (await run()(scheduled({ recipient: 'desk@example.com' }))) as DigestJobResult;
    // 20 Nov is more than a week before 30 Nov: left to `newsmon digest --send`.
    expect(r.results.map((x) => [x.date, x.status])).toEqual([['2026-11-27', 'sent'], ['2026-11-30', 'already-sent']]);
    expect(env.store.digestLedger.get('desk@example.com', '2026-11-27')).toMatchObject({ state: 'sent', attempts: 2 });
    expect(env.store.digestLedger.get('desk@example.com', '2026-11-20')?.state).toBe('failed');
    expect(env.sink.mails).toHaveLength(1);
  });

  it('fails for good on what a retry cannot fix', async () => {
    await expect(run(digest({ to: [], recipients: [] }))(scheduled({}))).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(run()(scheduled({ recipient: 'gone@example.com' }))).rejects.toThrow(/gone@example.com is no longer a digest recipient/);
    await expect(run(digest({ recipients: [shanghai('x@example.com', { companies: ['acme'] })] }))(scheduled({ recipient: 'x@example.com' }))).rejects.toThrow(/follows "acme", which config\/entities.yaml does not list/);
    await expect(run(digest({ recipients: [shanghai('x@example.com', { tags: ['export-controls'] })] }))(scheduled({ recipient: 'x@example.com' }))).rejects.toThrow(/follows the tag "export-controls", which newsmon does not give/);
  });
});
