import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../../src/fetch/types.js';
import { pollFeed } from '../../src/ingest/poll-feed.js';
import type { Store } from '../../src/store/store.js';
import { rssXml, startFixtureSite, type FixtureSite } from '../fixture-site/index.js';
import { feed, httpClient, manualClock, tempStore } from './helpers.js';

// The poll stage alone: real SQLite, real HTTP on loopback, no Redis.

const MIN = 60_000;

describe('pollFeed', () => {
  let site: FixtureSite;
  let store: Store;
  let http: HttpClient;

  beforeAll(async () => {
    site = await startFixtureSite({ seed: 11 });
    store = tempStore();
    http = httpClient();
  });
  afterAll(async () => {
    http?.close();
    store?.close();
    await site?.close();
  });

  it('offers the new items as article jobs, oldest first, and records the feed', async () => {
    const clock = manualClock(new Date().toISOString());
    const out = await pollFeed(feed('atom', `${site.url}/feeds/atom.xml`), { http, store, now: clock.now, maxBackoffMs: 3_600_000 });
    expect(out.ok).toBe(true);
    expect(out.newItems).toHaveLength(5);
    const published = out.newItems.map((j) => j.published ?? '');
    expect(published).toEqual([...published].sort());
    expect(out.newItems.every((j) => j.feedId === 'atom' && j.canonicalUrl.startsWith('https://'))).toBe(true);
    expect(store.getFeed('atom')).toMatchObject({ failureCount: 0, nextCheckAt: new Date(clock.now().getTime() + 15 * MIN).toISOString() });
  });

  it('records the title the feed gives itself; a configured name still wins in the digest', async () => {
    site.setFeed('/feeds/titled.xml', rssXml({ title: '  Chip   Wire Daily ', link: site.url, items: [] }));
    await pollFeed(feed('titled', `${site.url}/feeds/titled.xml`, { name: null }), { http, store, now: () => new Date(), maxBackoffMs: 3_600_000 });
    await pollFeed(feed('named', `${site.url}/feeds/titled.xml`, { name: 'Our Name' }), { http, store, now: () => new Date(), maxBackoffMs: 3_600_000 });
    expect(store.feedNames().get('titled')).toBe('Chip Wire Daily');
    expect(store.feedNames().get('named')).toBe('Our Name');
  });

  it("waits as long as the feed's <ttl> asks when that is longer than the interval", async () => {
    const clock = manualClock(new Date().toISOString());
    // /feeds/rss.xml says <ttl>30</ttl>; the feed is configured for 15 minutes.
    const out = await pollFeed(feed('rss', `${site.url}/feeds/rss.xml`), { http, store, now: clock.now, maxBackoffMs: 3_600_000 });
    expect(out.nextCheckAt).toBe(new Date(clock.now().getTime() + 30 * MIN).toISOString());
  });

  it('spreads the next check by the jitter, never past half the due tolerance', async () => {
    const clock = manualClock(new Date().toISOString());
    site.setFeed('/feeds/jitter.xml', rssXml({ title: 'J', link: site.url, items: [] }));
    const f = feed('jitter', `${site.url}/feeds/jitter.xml`);
    const out = await pollFeed(f, { http, store, now: clock.now, maxBackoffMs: 3_600_000, jitter: { jitterMs: 120_000, random: () => 0.5 } });
    // 15 min interval: tolerance 60 s, so at most 30 s of jitter; half of it here.
    expect(out.nextCheckAt).toBe(new Date(clock.now().getTime() + 15 * MIN + 15_000).toISOString());
  });

  it('a second poll of an unchanged feed is a 304 with no items; an unconditional one sends no validators', async () => {
    const f = feed('atom', `${site.url}/feeds/atom.xml`);
    site.resetLog();
    const again = await pollFeed(f, { http, store, now: () => new Date(), maxBackoffMs: 3_600_000 });
    expect(again).toMatchObject({ ok: true, notModified: true, newItems: [] });
    const forced = await pollFeed(f, { http, store, now: () => new Date(), maxBackoffMs: 3_600_000, unconditional: true });
    expect(forced).toMatchObject({ ok: true, notModified: false });
    expect(forced.newItems).toHaveLength(5); // never stored, so still new
    expect(site.requests.map((r) => [r.status, r.headers['if-none-match'] !== undefined])).toEqual([[304, true], [200, false]]);
  });

  it.each([
    ['a document that is no feed', '/feeds/malformed.xml', /^feed-/],
    ['a server error', '/status/500', /^http-server-error$/],
    ['a missing feed', '/status/404', /^not-found$/],
  ])('%s: a failure value with its kind, counted on the feed, with a backoff', async (_n, path, kind) => {
    const clock = manualClock(new Date().toISOString());
    const id = `bad${path.replace(/\W/g, '-')}`;
    const out = await pollFeed(feed(id, `${site.url}${path}`, { intervalMs: MIN }), { http, store, now: clock.now, maxBackoffMs: 3_600_000 });
    expect(out.ok).toBe(false);
    expect(out.error?.kind).toMatch(kind);
    expect(store.getFeed(id)).toMatchObject({ failureCount: 1, lastErrorKind: out.error?.kind });
    const second = await pollFeed(feed(id, `${site.url}${path}`, { intervalMs: MIN }), { http, store, now: clock.now, maxBackoffMs: 3_600_000 });
    // The second failure in a row waits twice the interval.
    expect(second.nextCheckAt).toBe(new Date(clock.now().getTime() + 2 * MIN).toISOString());
  });

  it("honours Retry-After over a shorter backoff", async () => {
    const clock = manualClock(new Date().toISOString());
    const out = await pollFeed(feed('limited', `${site.url}/status/429?retry-after=600`, { intervalMs: MIN }), { http, store, now: clock.now, maxBackoffMs: 3_600_000 });
    expect(out.error?.kind).toBe('rate-limited');
    expect(out.nextCheckAt).toBe(new Date(clock.now().getTime() + 10 * MIN).toISOString());
  });
});
