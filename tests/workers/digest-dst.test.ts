import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { DigestSettings } from '../../src/config/settings-types.js';
import type { DigestJobData } from '../../src/queue/jobs.js';
import { digestProcessor, type DigestJobResult } from '../../workers/digest.js';
import { readMime } from '../digest/smtp-sink.js';
import { digestWorkerEnv } from './digest-worker-env.js';
import { jobOf } from './helpers.js';

// The digest processor on the days New York's clocks change, with a real SQLite ledger and
// a real SMTP server. newsmon's schedulers run once on each (tests/queue/digest-repeat
// .test.ts); these are the runs a second scheduler, an older newsmon's cron-parser
// schedule or a retry would add: each local day is still mailed once.

const WATCH = [{ id: 'nvidia', name: 'Nvidia' }];
const digest = (time: string): DigestSettings => ({
  to: [], from: 'newsmon@example.org', time, timezone: 'America/New_York', onEmptyDay: 'note',
  recipients: [{ address: 'ny@example.com', companies: null, tags: null, timezone: 'America/New_York', time, onEmptyDay: 'note' }], webBase: null,
});
const api = { host: '127.0.0.1', port: 8787 };
const dueAt = (iso: string): Job<DigestJobData> => Object.assign(jobOf<DigestJobData>('daily', { recipient: 'ny@example.com' }), { timestamp: Date.parse(iso) - 60_000, delay: 60_000 });

describe('digest runs on DST days', () => {
  const env = digestWorkerEnv();
  const run = (time: string, job: Job<DigestJobData>, nowIso: string) =>
    digestProcessor({ source: env.store, ledger: env.store.digestLedger, transport: () => env.transport, settings: () => ({ digest: digest(time), api }), entities: () => WATCH, now: () => new Date(nowIso) })(job) as Promise<DigestJobResult>;
  const sent = (): string[] => env.sink.mails.map((m) => `${m.to.join()} ${readMime(m.raw).headers['x-newsmon-digest-date']}`);

  it('02:30 on the spring-forward day: the run at 03:00 EDT mails 13 Mar; one at 03:30 (cron-parser\'s time) mails nothing', async () => {
    env.sink.mails.length = 0;
    const first = await run('02:30', dueAt('2027-03-14T07:00:00Z'), '2027-03-14T07:00:01Z');
    expect(first.results.map((r) => [r.date, r.status])).toEqual([['2027-03-13', 'sent']]);
    const second = await run('02:30', dueAt('2027-03-14T07:30:00Z'), '2027-03-14T07:30:01Z');
    expect(second.results.map((r) => [r.date, r.status])).toEqual([['2027-03-13', 'already-sent']]);
    expect(sent()).toEqual(['ny@example.com 2027-03-13']);
  });

  it('01:30 on the fall-back day: the first 01:30 (EDT) mails 6 Nov; the second (EST) mails nothing', async () => {
    env.sink.mails.length = 0;
    const first = await run('01:30', dueAt('2027-11-07T05:30:00Z'), '2027-11-07T05:30:01Z');
    expect(first.results.map((r) => [r.date, r.status])).toEqual([['2027-11-06', 'sent']]);
    const second = await run('01:30', dueAt('2027-11-07T06:30:00Z'), '2027-11-07T06:30:01Z');
    expect(second.results.map((r) => [r.date, r.status])).toEqual([['2027-11-06', 'already-sent']]);
    expect(sent()).toEqual(['ny@example.com 2027-11-06']);
    expect(env.store.digestLedger.get('ny@example.com', '2027-11-06')).toMatchObject({ state: 'sent', attempts: 1 });
  });
});
