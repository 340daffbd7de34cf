import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DigestRecipient } from '../../src/config/settings-types.js';
import { deliverDigest, digestMessageId, type DeliverOptions } from '../../src/digest/deliver.js';
import { createMailTransport } from '../../src/digest/mail-transport.js';
import { DigestSendError } from '../../src/digest/send.js';
import { openStore, type Store } from '../../src/store/store.js';
import { closedPort, readMime, startSmtpSink, type SmtpSink } from './smtp-sink.js';
import { sampleDayDb, SAMPLE_DATE } from './store-day.js';

// One recipient's digest from a real SQLite file (the sample day: 40 articles, 18 stories,
// 13 days of history) through a real SMTP server on loopback.

const WATCH = [
  ['moore-threads', 'Moore Threads'], ['metax', 'MetaX'], ['biren', 'Biren'], ['enflame', 'Enflame'],
  ['huawei', 'Huawei'], ['cambricon', 'Cambricon'], ['nvidia', 'Nvidia'],
].map(([id, name]) => ({ id: id!, name: name! }));
const NOW = () => new Date('2026-11-30T23:00:00Z');

const who = (address: string, over: Partial<DigestRecipient> = {}): DigestRecipient => ({
  address, companies: null, tags: null, timezone: 'Asia/Shanghai', time: '07:00', onEmptyDay: 'note', ...over,
});

let dbPath: string;
let store: Store;
let sink: SmtpSink;

beforeAll(async () => {
  dbPath = sampleDayDb();
  store = openStore(dbPath);
  sink = await startSmtpSink({ refuse: (a) => a.startsWith('nobody@') });
});
afterAll(async () => {
  store?.close();
  await sink?.close();
});
beforeEach(() => {
  sink.mails.length = 0;
});

async function deliver(recipient: DigestRecipient, over: Partial<DeliverOptions> = {}, url = sink.url) {
  const transport = createMailTransport(url, { connectionTimeoutMs: 5_000 });
  try {
    return await deliverDigest({
      source: store, ledger: store.digestLedger, transport, from: 'Newsmon <newsmon@example.org>',
      recipient, date: SAMPLE_DATE, watch: WATCH, webBase: 'https://newsmon.example.org', now: NOW, ...over,
    });
  } finally {
    transport.close();
  }
}

function parts(raw: string): { headers: Record<string, string>; text: string; html: string } {
  const m = readMime(raw);
  return {
    headers: m.headers,
    text: m.parts.find((p) => p.headers['content-type']?.startsWith('text/plain'))!.body.replace(/\r\n/g, '\n'),
    html: m.parts.find((p) => p.headers['content-type']?.startsWith('text/html'))!.body,
  };
}

describe('a recipient\'s digest over real SMTP', () => {
  it('headers, a plain-text part that reads alone, and the HTML part', async () => {
    const r = await deliver(who('analyst@example.com'));
    expect(r).toMatchObject({ status: 'sent', stories: 18, messageId: digestMessageId('analyst@example.com', SAMPLE_DATE, 'newsmon@example.org') });
    expect(sink.mails).toHaveLength(1);
    const { headers, text, html } = parts(sink.mails[0]!.raw);
    expect(headers.from).toBe('Newsmon <newsmon@example.org>');
    expect(headers.to).toBe('analyst@example.com');
    expect(headers['message-id']).toBe(r.messageId);
    expect(headers['x-newsmon-digest-date']).toBe(SAMPLE_DATE);
    expect(headers['x-newsmon-digest-zone']).toBe('Asia/Shanghai');
    expect(headers.subject).toMatch(/^newsmon 2026-11-30 — Moore Threads soars 425% .* \(spike: Moore Threads\)$/);
    expect(headers['content-type']).toMatch(/^multipart\/alternative/);
    // The text part: a numbered head with every outlet's link, trends with numbers, no markup.
    expect(text).toMatch(/^WHAT HAPPENED — 2026-11-30 \(Asia\/Shanghai\)\n40 articles · 18 stories/);
    expect(text).toMatch(/^1\. Moore Threads soars 425%/m);
    expect(text).toContain('   - Nikkei Asia: https://nikkei.example.com/news/moore-debut-6');
    expect(text).not.toMatch(/<(a|td|p|div|span|table)\b/i);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('data-section="head"');
  });

  it('names feeds by configured name, else by their own title; never by id', async () => {
    await deliver(who('names@example.com'));
    const { text, html } = parts(sink.mails[0]!.raw);
    // "reuters" and "sina" have no configured name: their feed titles stand in.
    expect(text).toContain('   - Reuters: https://reuters.example.com/news/moore-debut-1');
    expect(text).toContain('   - 新浪财经: https://sina.example.com/news/moore-debut-zh-1');
    expect(html).toContain('>Reuters</a>');
    // Feeds known by neither fall back to the site's host.
    expect(text).toContain('servethehome.com');
    // A failing feed is listed last, its URL's token hidden.
    expect(text.trimEnd()).toMatch(/\nFEEDS FAILING \(1\)\n\n\* Wire Pro <https:\/\/wire\.example\.com\/feed\?token=\*\*\*> — 2 failures in a row: http_5xx: HTTP 503 Service Unavailable; never succeeded$/);
    expect(html).toContain('data-section="failing-feeds"');
    expect(html).not.toContain('S3CRET');
  });

  it('the wire story carried by six outlets is one item, with every outlet linked', async () => {
    await deliver(who('wire@example.com'));
    const { text, html } = parts(sink.mails[0]!.raw);
    const head = text.slice(0, text.indexOf('COMPANIES'));
    expect(head.match(/moore-debut-\d/g)).toEqual(['moore-debut-1', 'moore-debut-2', 'moore-debut-3', 'moore-debut-4', 'moore-debut-5', 'moore-debut-6']);
    // Copies' own headlines are not items of their own.
    expect(text).not.toContain('China GPU maker Moore Threads jumps fivefold');
    for (let k = 1; k <= 6; k++) expect(html).toContain(`/news/moore-debut-${k}"`);
  });

  it('ranks the head best first, the same in both parts, and calls out the one spike', async () => {
    await deliver(who('rank@example.com'));
    const { text, html } = parts(sink.mails[0]!.raw);
    const textTitles = [...text.matchAll(/^\d\. (.+)$/gm)].map((m) => m[1]);
    expect(textTitles).toHaveLength(5);
    expect(textTitles[0]).toMatch(/^Moore Threads soars 425%/);
    const htmlIds = [...html.matchAll(/data-story="(s\d+)"/g)].map((m) => m[1]);
    expect(htmlIds).toHaveLength(5);
    // A single-outlet story with no tag never outranks the six-outlet IPO story.
    expect(textTitles).not.toContain('Nvidia’s “AI factory” pitch');
    expect([...html.matchAll(/data-spike="([^"]+)"/g)].map((m) => m[1])).toEqual(['moore-threads']);
    expect(text).toMatch(/^Moore Threads +\S+ +12 today · 7-day avg 1\.6 · SPIKE: 7\.6× ITS 7-DAY AVERAGE$/m);
    expect(text).toMatch(/^Huawei +\S+ +9 today · 7-day avg 7\.9$/m);
  });

  it('escapes hostile article text in both parts', async () => {
    await deliver(who('escape@example.com', { companies: ['nvidia'] }));
    const { html } = parts(sink.mails[0]!.raw);
    expect(html).not.toMatch(/<script|<b>AI factories/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Nvidia');
  });

  it('filters by the companies and tags a recipient follows', async () => {
    await deliver(who('huawei-desk@example.com', { companies: ['huawei'] }));
    await deliver(who('earnings@example.com', { tags: ['earnings'] }));
    const huawei = parts(sink.mails[0]!.raw);
    expect(huawei.text).toContain('Huawei lays out Ascend 950');
    expect(huawei.text).not.toMatch(/Moore Threads|Cambricon/);
    expect([...huawei.html.matchAll(/data-company="([^"]+)"/g)].map((m) => m[1])).toEqual(['huawei']);
    const earnings = parts(sink.mails[1]!.raw);
    expect([...earnings.text.matchAll(/^\d\. (.+)$/gm)].map((m) => m[1])).toEqual(['Nvidia revenue rises to $57 billion as data-centre sales climb 66%', '寒武纪前三季度营收同比大增']);
  });

  it('an empty day sends a short note, or nothing when the recipient says skip', async () => {
    const note = await deliver(who('quiet@example.com', { companies: ['enflame'], tags: ['earnings'] }));
    expect(note).toMatchObject({ status: 'sent', stories: 0 });
    expect(parts(sink.mails[0]!.raw).text.trimEnd()).toBe(
      `Nothing new on your watch-list on 2026-11-30 (Asia/Shanghai).\nFollowed: Enflame.\nThe day in newsmon: https://newsmon.example.org/?since=2026-11-29T16%3A00%3A00.000Z&until=2026-11-30T16%3A00%3A00.000Z`,
    );
    const skip = await deliver(who('skip@example.com', { companies: ['enflame'], tags: ['earnings'], onEmptyDay: 'skip' }));
    expect(skip.status).toBe('skipped');
    expect(await deliver(who('skip@example.com', { onEmptyDay: 'skip' }))).toMatchObject({ status: 'already-sent' });
    expect(sink.mails).toHaveLength(1);
    expect(store.digestLedger.get('skip@example.com', SAMPLE_DATE)).toMatchObject({ state: 'skipped' });
  });
});

describe('exactly once per recipient and day', () => {
  it('a second delivery of the same day sends nothing; another day or --force sends', async () => {
    const r = who('once@example.com');
    expect((await deliver(r)).status).toBe('sent');
    expect((await deliver(r)).status).toBe('already-sent');
    expect((await deliver(r, { date: '2026-11-29' })).status).toBe('sent');
    expect((await deliver(r, { force: true })).status).toBe('sent');
    expect(sink.mails.map((m) => readMime(m.raw).headers['x-newsmon-digest-date'])).toEqual([SAMPLE_DATE, '2026-11-29', SAMPLE_DATE]);
  });

  it('two senders on two connections to one file at once: one mail', async () => {
    const other = openStore(dbPath);
    const t1 = createMailTransport(sink.url);
    const t2 = createMailTransport(sink.url);
    const base = { recipient: who('race@example.com'), date: SAMPLE_DATE, watch: WATCH, webBase: null, now: NOW, from: 'newsmon@example.org' };
    try {
      const results = await Promise.all([
        deliverDigest({ ...base, source: store, ledger: store.digestLedger, transport: t1 }),
        deliverDigest({ ...base, source: other, ledger: other.digestLedger, transport: t2 }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['in-progress', 'sent']);
      expect(sink.mails).toHaveLength(1);
      expect(other.digestLedger.get('RACE@example.com', SAMPLE_DATE)).toMatchObject({ state: 'sent', attempts: 1 });
    } finally {
      t1.close();
      t2.close();
      other.close();
    }
  });
});

describe('SMTP failures', () => {
  const cases = [
    { name: 'the server refuses the recipient', address: 'nobody@example.com', url: async () => sink.url, message: /^the SMTP server refused the recipient nobody@example\.com: 550 .*no such user/ },
    { name: 'nothing listens on the SMTP port', address: 'down@example.com', url: async () => `smtp://127.0.0.1:${await closedPort()}`, message: /^cannot reach the SMTP server \(.*ECONNREFUSED/ },
  ];
  it.each(cases)('$name: not marked sent, the error recorded, and a later try sends', async ({ address, url, message }) => {
    const err = await deliver(who(address), {}, await url()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DigestSendError);
    expect((err as Error).message).toMatch(message);
    expect(sink.mails).toHaveLength(0);
    expect(store.digestLedger.get(address, SAMPLE_DATE)).toMatchObject({ state: 'failed', attempts: 1, lastError: expect.stringMatching(message), sentAt: null });
    // The server comes back (or the address is fixed on its side): the retry claims the failed row and sends.
    const fixed = await startSmtpSink();
    try {
      expect((await deliver(who(address), {}, fixed.url)).status).toBe('sent');
      expect(fixed.mails).toHaveLength(1);
    } finally {
      await fixed.close();
    }
    expect(store.digestLedger.get(address, SAMPLE_DATE)).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
  });
});
