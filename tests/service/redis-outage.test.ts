import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../fixture-site/index.js';
import { ensureBuilt, freshPrefix, makeConfig, spawnRun, waitFor, type RunProcess } from './harness.js';
import { corpusFeeds, countArticles, freePort, hasRedisServer, referenceRun, snapshot, startPrivateRedis, stopProcess, type ArticleRow } from './robust-harness.js';

// Redis trouble in the middle of a `newsmon run`, on a redis-server of this test's own
// (the shared one at 6379 is never stopped or flushed):
//   - stopped for 30 s (NEWSMON_REDIS_OUTAGE_SECONDS), then started again with its data;
//   - flushed (FLUSHALL) while the service is connected to it.
// Either way the service keeps running, recovers by itself, and ends with exactly the
// articles and events of a run without trouble.

const FEEDS = 10;
const PER_FEED = 20;
const TOTAL = FEEDS * PER_FEED;
const OUTAGE_MS = Number(process.env.NEWSMON_REDIS_OUTAGE_SECONDS || 30) * 1000;
const SLOW = { http: { per_host_concurrency: 2, per_host_min_gap: '20ms' } };

describe.skipIf(!hasRedisServer)('Redis stopped and flushed mid-run (private redis-server)', () => {
  let site: FixtureSite;
  let reference: ArticleRow[];
  const running: RunProcess[] = [];
  const servers: ChildProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    site = await startFixtureSite({ seed: 13, log: false, corpus: { feeds: FEEDS, articles: PER_FEED, minBytes: 6_000, maxBytes: 16_000 } });
    reference = await referenceRun(corpusFeeds(site));
  }, 120_000);

  afterAll(async () => {
    for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    for (const s of servers) s.kill('SIGKILL');
    await site?.close();
  });

  function start(redisPort: number) {
    const cfg = makeConfig(corpusFeeds(site), SLOW);
    const p = spawnRun(['--roles', 'poll,extract,store', '--config', cfg.configDir, '--db', cfg.dbPath, '--redis', `redis://127.0.0.1:${redisPort}`, '--queue-prefix', freshPrefix(), '--stall-timeout', '2s', '--shutdown-timeout', '3s']);
    running.push(p);
    return { cfg, p };
  }

  async function finish(p: RunProcess, dbPath: string): Promise<void> {
    await waitFor(`${TOTAL} stored`, () => countArticles(dbPath) >= TOTAL || p.child.exitCode !== null, 120_000, 200);
    expect(p.child.exitCode, p.output()).toBeNull();
    await new Promise((r) => setTimeout(r, 1_500));
    p.child.kill('SIGTERM');
    expect(await p.exited, p.output()).toBe(0);
    expect(snapshot(dbPath)).toEqual(reference);
  }

  it(`stopped for ${OUTAGE_MS / 1000} s: the service waits, reconnects, loses nothing`, async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'newsmon-redis-'));
    let redis = await startPrivateRedis(port, dir);
    servers.push(redis);
    const { cfg, p } = start(port);
    await waitFor('some articles stored', () => countArticles(cfg.dbPath) >= 20, 60_000, 50);
    await stopProcess(redis);
    const during = countArticles(cfg.dbPath);
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    expect(p.child.exitCode, `the service exited while Redis was down:\n${p.output()}`).toBeNull();
    expect(countArticles(cfg.dbPath)).toBeLessThan(TOTAL);
    redis = await startPrivateRedis(port, dir);
    servers.push(redis);
    await finish(p, cfg.dbPath);
    expect(p.output()).toMatch(/lost the connection to Redis/);
    expect(during).toBeLessThan(TOTAL);
  }, 240_000);

  it('flushed while connected: notices, re-creates schedules, re-polls, loses nothing', async () => {
    const port = await freePort();
    servers.push(await startPrivateRedis(port));
    const { cfg, p } = start(port);
    await waitFor('some articles stored', () => countArticles(cfg.dbPath) >= 20, 60_000, 50);
    const admin = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
    try {
      await admin.flushall();
    } finally {
      admin.disconnect();
    }
    expect(countArticles(cfg.dbPath)).toBeLessThan(TOTAL);
    await finish(p, cfg.dbPath);
    expect(p.output()).toMatch(/Redis came back without our data|Redis lost our data/);
  }, 240_000);
});
