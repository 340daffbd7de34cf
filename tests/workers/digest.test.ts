import { UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailTransport } from '../../src/digest/mail-transport.js';
import type { SentLog } from '../../src/digest/sent-log.js';
import type { DigestJobData } from '../../src/queue/jobs.js';
import type { Store } from '../../src/store/store.js';
import { digestDay, digestProcessor, type DigestJobResult } from '../../workers/digest.js';
import { readMime, startSmtpSink, type SmtpSink } from '../digest/smtp-sink.js';
import { tempStore } from '../ingest/helpers.js';
import { article } from '../store/make-article.js';
import { jobOf } from './helpers.js';

// The digest processor with a real SQLite file and a real SMTP server; no Redis.

describe('digestProcessor', () => {
  let sink: SmtpSink;
  let store: Store;
  let sentLog: SentLog;
  let transport: ReturnType<typeof createMailTransport>;
  const digest = { to: ['analyst@example.com'], from: 'newsmon@example.org', time: '07:00', timezone: 'Asia/Shanghai' };
  const now = () => new Date('2025-03-01T23:30:00Z'); // 07:30 on 2 March in Shanghai

  beforeAll(async () => {
    sink = await startSmtpSink();
    store = tempStore();
    store.saveArticles([article(0, { published: '2025-03-01T02:00:00Z' })]);
    sentLog = store.digestsSent;
    transport = createMailTransport(sink.url);
  });
  afterAll(async () => {
    transport?.close();
    store?.close();
    await sink?.close();
  });

  it('the day is yesterday in the digest\'s zone', () => {
    expect(digestDay(now(), 'Asia/Shanghai')).toBe('2025-03-01');
    expect(digestDay(now(), 'UTC')).toBe('2025-02-28');
  });

  it('mails the last complete day once, with the watch-list it is given', async () => {
    const entities = [{ id: 'huawei', name: 'Huawei (configured name)' }];
    const run = digestProcessor({ store, transport: () => transport, sentLog, settings: { digest }, entities: () => entities, now });
    const first = (await run(jobOf<DigestJobData>('daily', {}))) as DigestJobResult;
    expect(first).toMatchObject({ date: '2025-03-01', status: 'sent', events: 2 });
    expect(sink.mails).toHaveLength(1);
    expect(readMime(sink.mails[0]!.raw).parts.map((p) => p.body).join('\n')).toContain('Huawei (configured name)');
    expect(((await run(jobOf<DigestJobData>('daily', {}))) as DigestJobResult).status).toBe('already-sent');
    expect(sink.mails).toHaveLength(1);
  });

  it('no recipients: fails for good, nothing sent', async () => {
    const run = digestProcessor({ store, transport: () => transport, sentLog, settings: { digest: { ...digest, to: [] } }, entities: () => [], now });
    await expect(run(jobOf<DigestJobData>('daily', { date: '2025-02-27' }))).rejects.toBeInstanceOf(UnrecoverableError);
  });
});
