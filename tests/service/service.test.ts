import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { silentLogger } from '../../src/service/logger.js';
import { startService, type Service } from '../../src/service/service.js';
import { openStore, type Store } from '../../src/store/store.js';
import { articleSpec, rssXml, startFixtureSite, type FixtureSite } from '../fixture-site/index.js';
import { cleanPrefix, ensureBuilt, freshPrefix, makeConfig, REDIS_URL, runCli, waitFor, type TestConfig } from './harness.js';

// The whole service in this process against the real Redis and the loopback fixture
// site: schedules fire, a feed changed while it runs shows up as events, the config
// reload adds and removes schedulers, /metrics and /healthz answer, close is idempotent.

function liveFeed(site: FixtureSite, n: number): string {
  const items = Array.from({ length: n }, (_, i) => {
    const spec = articleSpec(1000 + i);
    return { title: spec.title, link: `${site.url}/articles/live-${i}.html`, published: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(), summary: spec.summary };
  });
  return rssXml({ title: 'Live', link: site.url, items });
}

describe('newsmon service (in-process, all roles)', () => {
  let site: FixtureSite;
  let cfg: TestConfig;
  let prefix: string;
  let service: Service;
  let store: Store;

  beforeAll(async () => {
    ensureBuilt();
    site = await startFixtureSite({ seed: 11 });
    site.setFeed('/feeds/live.xml', liveFeed(site, 2));
    cfg = makeConfig([{ id: 'live', url: `${site.url}/feeds/live.xml`, interval: '2s' }], { api: { port: 0 }, concurrency: { extract: 4 } });
    prefix = freshPrefix();
    const settings = loadSettings({ configDir: cfg.configDir, dbPath: cfg.dbPath, redisUrl: REDIS_URL }, {});
    service = await startService({ settings, prefix, log: silentLogger(), lockDurationMs: 5_000, shutdownTimeoutMs: 3_000, sampleIntervalMs: 300 });
    store = openStore(cfg.dbPath, { readonly: true });
  });

  afterAll(async () => {
    await service?.close();
    store?.close();
    await site?.close();
    await cleanPrefix(prefix);
  });

  it('polls on schedule and stores the feed\'s articles with events', async () => {
    await waitFor('2 stored articles', () => store.stats().articles === 2, 20_000);
    expect(store.stats().events).toBeGreaterThan(0);
  });

  it('picks up a feed updated while it runs, within its interval', async () => {
    site.setFeed('/feeds/live.xml', liveFeed(site, 3));
    await waitFor('the new article', () => store.stats().articles === 3, 15_000);
    const urls = store.listArticles({}).map((a) => a.url);
    expect(urls).toContain(`${site.url}/articles/live-2.html`);
  });

  it('answers /healthz and /metrics with queue and worker series', async () => {
    const health = await fetch(`${service.apiUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', redis: 'ok' });
    await waitFor('sampled metrics', () => service.metrics.jobsCompleted.get({ queue: 'store' }) >= 3, 5_000);
    const text = await (await fetch(`${service.apiUrl}/metrics`)).text();
    for (const series of ['newsmon_queue_jobs{queue="extract",state="waiting"}', 'newsmon_jobs_completed_total{queue="store"}', 'newsmon_fetch_duration_seconds_bucket', 'newsmon_articles_stored_total', 'newsmon_workers{queue="poll"}']) {
      expect(text).toContain(series);
    }
  });

  it('applies a feeds.yaml change without a restart: new schedulers added, removed feeds\' schedulers removed', async () => {
    site.setFeed('/feeds/other.xml', rssXml({ title: 'Other', link: site.url, items: [{ title: 'x', link: `${site.url}/articles/other-1.html`, published: '2025-02-01T00:00:00Z' }] }));
    cfg.writeFeeds([{ id: 'other', url: `${site.url}/feeds/other.xml`, interval: '1h' }]);
    const keys = async () => (await service.queues.poll.getJobSchedulers()).map((s) => s.key).sort().join(',');
    await waitFor('schedulers = [feed-other]', async () => (await keys()) === 'feed-other', 10_000);
    // A new feed is polled at once (catch-up), not an hour later.
    await waitFor('the other feed\'s article', () => store.listArticles({ feed: 'other' }).length === 1, 15_000);
  });

  it('newsmon status shows the queues, the workers and the schedules', async () => {
    const r = await runCli(['status', '--json', '--queue-prefix', prefix, '--db', cfg.dbPath, '--config', cfg.configDir, '--redis', REDIS_URL]);
    expect(r.code, r.stderr).toBe(0);
    const status = JSON.parse(r.stdout);
    expect(status.queues.map((q: { name: string }) => q.name)).toEqual(['poll', 'extract', 'store', 'digest']);
    for (const q of status.queues) expect(q.workers.length, q.name).toBe(1);
    expect(status.schedules.feeds).toBe(1);
    const text = await runCli(['status', '--queue-prefix', prefix, '--db', cfg.dbPath, '--config', cfg.configDir, '--redis', REDIS_URL]);
    expect(text.stdout).toMatch(/^extract\s+0\s+0\s+0\s+0\s+\d+/m);
  });

  it('reextract re-runs the analysis over stored text after the watch-list changes, replacing events', async () => {
    const before = store.queryEvents({ limit: 1000 });
    const entities = [...new Set(before.flatMap((e) => e.entities))].sort();
    expect(entities.length).toBeGreaterThan(1);
    const keep = entities[0]!;
    const file = join(cfg.configDir, 'entities.yaml');
    const all = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, stringify({ [keep]: all[keep] }));
    await service.reload();
    const r = await runCli(['reextract', '--json', '--queue-prefix', prefix, '--db', cfg.dbPath, '--config', cfg.configDir, '--redis', REDIS_URL]);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ queued: store.stats().articles, done: store.stats().articles });
    const after = store.queryEvents({ limit: 1000 });
    expect(after.length).toBe(result.events);
    expect(new Set(after.flatMap((e) => e.entities))).toEqual(new Set([keep]));
  });

  it('closes cleanly, and a second close is the same close', async () => {
    const a = service.close();
    const b = service.close();
    expect(a).toBe(b);
    await a;
    expect(service.health()).toMatchObject({ workers: { poll: 'stopped' } });
  });
});
