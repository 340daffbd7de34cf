import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import { createHttpClient } from '../../src/fetch/http-client.js';
import { ingestOnce } from '../../src/ingest/ingest-once.js';
import type { FeedConfig } from '../../src/model.js';
import { openStore } from '../../src/store/store.js';
import { startFixtureSite, type FixtureSite } from '../fixture-site/index.js';
import { cleanPrefix, ensureBuilt, freshPrefix, makeConfig, REDIS_URL, repoRoot, spawnRun, waitFor, type RunProcess } from './harness.js';

// Crash and scale-out, with real processes: kill -9 mid-batch and restart; Redis
// restarted (empty) mid-run; two extract processes sharing the load. Each time the
// stored articles must equal those of a run without trouble (ingest --once over the
// same fixture site), with no duplicates.

const FEEDS = 8;
const PER_FEED = 20;
const TOTAL = FEEDS * PER_FEED;
// Slow enough (per-host gap) that a batch takes seconds, so "mid-batch" is real.
const SLOW = { http: { per_host_concurrency: 2, per_host_min_gap: '15ms' } };

type Row = [canonicalUrl: string, contentHash: string, title: string, events: number];

function snapshot(dbPath: string): Row[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db
      .prepare('SELECT canonical_url, content_hash, title, (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n FROM articles a ORDER BY canonical_url')
      .raw()
      .all() as Row[];
  } finally {
    db.close();
  }
}

function countArticles(dbPath: string): number {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

function feedsOf(site: FixtureSite) {
  return site.corpus!.feedUrls().map((url, i) => ({ id: `corpus-${i}`, url, interval: '1h' }));
}

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function startRedis(port: number): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
}

async function redisAnswers(port: number): Promise<boolean> {
  const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 1 });
  r.on('error', () => {});
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

async function stop(p: RunProcess): Promise<number | null> {
  p.child.kill('SIGTERM');
  return p.exited;
}

/** Jobs not yet finished in the extract and store queues under `prefix`. */
async function pendingJobs(prefix: string, redisUrl: string): Promise<number> {
  const conn = new Redis(redisUrl, { maxRetriesPerRequest: null });
  conn.on('error', () => {});
  const queues = ['extract', 'store'].map((name) => new Queue(name, { connection: conn, prefix }));
  try {
    const counts = await Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
    return counts.reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0);
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    conn.disconnect();
  }
}

/** Waits until every article is stored and no job is left that could store more; then the count. */
async function settle(dbPath: string, prefix: string, redisUrl: string, timeoutMs: number): Promise<number> {
  await waitFor(`${TOTAL} stored articles in ${dbPath}`, () => countArticles(dbPath) >= TOTAL, timeoutMs, 200);
  await waitFor('the extract and store queues to drain', async () => (await pendingJobs(prefix, redisUrl)) === 0, timeoutMs, 200);
  return countArticles(dbPath);
}

describe('service processes: crash, Redis restart, scale-out', () => {
  let site: FixtureSite;
  let reference: Row[];
  const prefixes: string[] = [];
  const running: RunProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    site = await startFixtureSite({ seed: 5, log: false, corpus: { feeds: FEEDS, articles: PER_FEED, minBytes: 20_000, maxBytes: 60_000 } });
    // The no-trouble run: ingest --once's stage functions in-process.
    const dbPath = join(mkdtempSync(join(tmpdir(), 'newsmon-ref-')), 'ref.db');
    const store = openStore(dbPath);
    const http = createHttpClient({ userAgent: 't', timeoutMs: 5_000, connectTimeoutMs: 1_000, maxBytes: 5e6, maxRedirects: 5, perHostConcurrency: 8, perHostMinGapMs: 0, allowPrivateNetwork: true });
    const feeds: FeedConfig[] = feedsOf(site).map((f) => ({ id: f.id, url: f.url, name: null, intervalMs: 3_600_000, cron: null, enabled: true, maxBytes: null, fullText: 'auto', timezone: null }));
    await ingestOnce(feeds, { http, store, analyzer: loadAnalyzer(join(repoRoot, 'config')), now: () => new Date(), maxBackoffMs: 60_000 });
    http.close();
    store.close();
    reference = snapshot(dbPath);
  }, 60_000);

  afterAll(async () => {
    for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await site?.close();
    for (const p of prefixes) await cleanPrefix(p);
  });

  function runArgs(cfg: ReturnType<typeof makeConfig>, prefix: string, roles: string, redisUrl = REDIS_URL): string[] {
    return ['--roles', roles, '--config', cfg.configDir, '--db', cfg.dbPath, '--redis', redisUrl, '--queue-prefix', prefix, '--stall-timeout', '2s', '--shutdown-timeout', '3s'];
  }

  it('the reference run stored every article', () => {
    expect(reference.length).toBe(TOTAL);
    expect(reference.some(([, , , n]) => n > 0)).toBe(true);
  });

  it('kill -9 mid-batch, restart: the same articles, none twice', async () => {
    const cfg = makeConfig(feedsOf(site), SLOW);
    const prefix = freshPrefix();
    prefixes.push(prefix);
    const first = spawnRun(runArgs(cfg, prefix, 'poll,extract,store'));
    running.push(first);
    await waitFor('some articles stored', () => countArticles(cfg.dbPath) >= 15, 30_000, 50).catch((err) => {
      throw new Error(`${err.message}\n${first.output()}`);
    });
    first.child.kill('SIGKILL');
    await first.exited;
    const partial = countArticles(cfg.dbPath);
    expect(partial).toBeLessThan(TOTAL);

    const second = spawnRun(runArgs(cfg, prefix, 'poll,extract,store'));
    running.push(second);
    expect(await settle(cfg.dbPath, prefix, REDIS_URL, 60_000)).toBe(TOTAL);
    expect(await stop(second)).toBe(0);
    expect(snapshot(cfg.dbPath)).toEqual(reference);
  }, 120_000);

  it.skipIf(!hasRedisServer)('Redis restarted (empty) mid-run: reconnects, re-polls, the same articles, none twice', async () => {
    const port = await freePort();
    let redis = startRedis(port);
    await waitFor('private redis-server', () => redisAnswers(port), 10_000);
    const url = `redis://127.0.0.1:${port}`;
    const cfg = makeConfig(feedsOf(site), SLOW);
    const prefix = freshPrefix();
    const svc = spawnRun(runArgs(cfg, prefix, 'poll,extract,store', url));
    running.push(svc);
    try {
      await waitFor('some articles stored', () => countArticles(cfg.dbPath) >= 15, 30_000, 50);
      redis.kill('SIGKILL');
      await new Promise((r) => redis.once('exit', r));
      await waitFor('the service to notice Redis is gone', () => /lost the connection to Redis/.test(svc.output()), 10_000);
      redis = startRedis(port);
      await waitFor('redis-server back', () => redisAnswers(port), 10_000);
      await waitFor('the service to see its data gone', () => /Redis came back without our data/.test(svc.output()), 20_000);
      expect(await settle(cfg.dbPath, prefix, url, 60_000)).toBe(TOTAL);
      expect(await stop(svc)).toBe(0);
      expect(snapshot(cfg.dbPath)).toEqual(reference);
    } finally {
      if (svc.child.exitCode === null) svc.child.kill('SIGKILL');
      redis.kill('SIGKILL');
    }
  }, 120_000);

  it('two extract processes share the load', async () => {
    // Slower still, so a process that starts a second late still finds work.
    // Also the faster paths: store jobs batched per commit, reader threads in the extract processes.
    const cfg = makeConfig(feedsOf(site), { http: { per_host_concurrency: 2, per_host_min_gap: '40ms' }, concurrency: { store: 8 } });
    const prefix = freshPrefix();
    prefixes.push(prefix);
    const owner = spawnRun(runArgs(cfg, prefix, 'poll,store'));
    const ex1 = spawnRun([...runArgs(cfg, prefix, 'extract'), '--threads', '2']);
    const ex2 = spawnRun([...runArgs(cfg, prefix, 'extract'), '--threads', '2']);
    running.push(owner, ex1, ex2);
    expect(await settle(cfg.dbPath, prefix, REDIS_URL, 60_000)).toBe(TOTAL);
    const q = new Queue('extract', { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix });
    q.on('error', () => {});
    try {
      const done = await q.getJobs(['completed'], 0, -1);
      const byWorker = new Map<string, number>();
      for (const j of done) byWorker.set(j.processedBy ?? '?', (byWorker.get(j.processedBy ?? '?') ?? 0) + 1);
      expect(byWorker.size).toBe(2);
      for (const n of byWorker.values()) expect(n).toBeGreaterThan(TOTAL / 20);
    } finally {
      await q.close();
      (q.opts.connection as Redis).disconnect();
    }
    expect(await Promise.all([stop(ex1), stop(ex2), stop(owner)])).toEqual([0, 0, 0]);
    expect(snapshot(cfg.dbPath)).toEqual(reference);
  }, 120_000);
});
