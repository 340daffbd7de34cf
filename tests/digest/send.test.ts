import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMailTransport } from '../../src/digest/mail-transport.js';
import { DigestSendError, sendDigest } from '../../src/digest/send.js';
import { openStore, type Store } from '../../src/store/store.js';
import { filledDb, type FilledDb } from '../api/store-fixture.js';
import { closedPort, readMime, startSmtpSink, type SmtpSink } from './smtp-sink.js';
import { digestEntities } from '../../src/digest/watch-list.js';

// The repository's watch-list (config/entities.yaml): its order and names.
const entities = digestEntities(join(import.meta.dirname, '..', '..', 'config'));

const settings = { digest: { to: ['analyst@example.com'], from: 'newsmon@example.org', time: '07:00', timezone: 'Asia/Shanghai' } };
const NOW = () => new Date('2025-03-02T07:00:00Z');

let db: FilledDb;
let store: Store;
let sink: SmtpSink;
let writer: Store;
let log: Store['digestsSent'];

beforeAll(async () => {
  db = filledDb();
  store = openStore(db.dbPath, { readonly: true });
  sink = await startSmtpSink({ refuse: (a) => a.startsWith('nobody@') });
});
afterAll(async () => {
  store.close();
  await sink.close();
  db.cleanup();
});
beforeEach(() => {
  sink.mails.length = 0;
  writer = openStore(db.dbPath);
  log = writer.digestsSent;
});
afterEach(() => {
  for (const r of log.list()) log.forget(r.date, r.recipients.split(','));
  writer.close();
});

describe('sendDigest over real SMTP', () => {
  it('mails the day as text and HTML, with the counts in the subject', async () => {
    const transport = createMailTransport(sink.url);
    const r = await sendDigest({ entities, store, transport, settings, date: '2025-03-01', sentLog: log, now: NOW });
    transport.close();

    expect(r).toMatchObject({ status: 'sent', events: 4, to: ['analyst@example.com'], rejected: [] });
    expect(r.messageId).toMatch(/^<.+@.+>$/);
    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0]!;
    expect(mail.from).toBe('newsmon@example.org');
    expect(mail.to).toEqual(['analyst@example.com']);

    const { headers, parts } = readMime(mail.raw);
    expect(headers.subject).toBe('newsmon digest 2025-03-01 — 4 events: Huawei 2, Cambricon 1, Nvidia 1 (1 feed failing)');
    expect(headers['x-newsmon-digest-date']).toBe('2025-03-01');
    expect(headers['message-id']).toBe(r.messageId);
    expect(headers['content-type']).toMatch(/^multipart\/alternative/);
    const text = parts.find((p) => p.headers['content-type']?.startsWith('text/plain'))!.body;
    const html = parts.find((p) => p.headers['content-type']?.startsWith('text/html'))!.body;
    expect(text).toContain('== Huawei (2 events, 1 article) ==');
    expect(text).toContain('寒武纪发布了新一代思元芯片，功耗为350瓦。');
    expect(text).toContain('== Feeds failing (1) ==');
    expect(html).toContain('<a href="https://news.example.com/huawei-ascend?utm=x"');
    expect(html).toContain('<span style="background:#fff3c4;font-weight:bold">2.5 GW</span>');
    expect(log.wasSent('2025-03-01', ['analyst@example.com'])).toBe(true);
  });

  it('sends a day once per recipient list; --force sends it again', async () => {
    const transport = createMailTransport(sink.url);
    try {
      const first = await sendDigest({ entities, store, transport, settings, date: '2025-03-01', sentLog: log, now: NOW });
      const again = await sendDigest({ entities, store, transport, settings, date: '2025-03-01', sentLog: log, now: NOW });
      const otherDay = await sendDigest({ entities, store, transport, settings, date: '2025-02-28', sentLog: log, now: NOW });
      const otherPeople = await sendDigest({ entities, store, transport, settings, date: '2025-03-01', to: ['boss@example.com'], sentLog: log, now: NOW });
      const forced = await sendDigest({ entities, store, transport, settings, date: '2025-03-01', sentLog: log, force: true, now: NOW });
      expect([first, again, otherDay, otherPeople, forced].map((r) => r.status)).toEqual(['sent', 'already-sent', 'sent', 'sent', 'sent']);
      expect(again.messageId).toBeNull();
      expect(sink.mails.map((m) => m.to.join())).toEqual(['analyst@example.com', 'analyst@example.com', 'boss@example.com', 'analyst@example.com']);
    } finally {
      transport.close();
    }
  });

  it('reports recipients refused while others were accepted', async () => {
    const transport = createMailTransport(sink.url);
    const r = await sendDigest({ entities, store, transport, settings, date: '2025-03-01', to: ['analyst@example.com', 'nobody@example.com'], sentLog: log, now: NOW });
    transport.close();
    expect(r.status).toBe('sent');
    expect(r.rejected).toEqual(['nobody@example.com']);
    expect(sink.mails[0]!.to).toEqual(['analyst@example.com']);
  });
});

describe('sendDigest failures', () => {
  const cases = [
    {
      name: 'the server refuses the only recipient',
      url: async () => sink.url,
      to: ['nobody@example.com'],
      message: /^the SMTP server refused the recipient nobody@example\.com: 550 .*no such user/,
    },
    {
      name: 'nothing listens on the SMTP port',
      url: async () => `smtp://127.0.0.1:${await closedPort()}`,
      to: ['analyst@example.com'],
      message: /^cannot reach the SMTP server \(.*ECONNREFUSED/,
    },
  ];
  it.each(cases)('$name: a clear error, nothing marked sent, and the next try can send', async ({ url, to, message }) => {
    const transport = createMailTransport(await url(), { connectionTimeoutMs: 5000 });
    try {
      const err = await sendDigest({ entities, store, transport, settings, date: '2025-03-01', to, sentLog: log, now: NOW }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DigestSendError);
      expect((err as Error).message).toMatch(message);
      expect(log.wasSent('2025-03-01', to)).toBe(false);
      expect(log.claim('2025-03-01', to, NOW())).toBe(true);
    } finally {
      transport.close();
    }
  });

  it('no recipients is an error before anything is read or sent', async () => {
    const transport = createMailTransport(sink.url);
    await expect(
      sendDigest({ entities, store, transport, settings: { digest: { ...settings.digest, to: [] } }, date: '2025-03-01', sentLog: log }),
    ).rejects.toThrow(/no recipients: set digest.to/);
    transport.close();
    expect(sink.mails).toHaveLength(0);
  });

  it.each(['http://mail.example.com', 'not a url'])('refuses SMTP_URL %j', (url) => {
    expect(() => createMailTransport(url)).toThrow(/SMTP_URL/);
  });
});
