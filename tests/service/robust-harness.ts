import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import { createHttpClient } from '../../src/fetch/http-client.js';
import { ingestOnce } from '../../src/ingest/ingest-once.js';
import type { FeedConfig } from '../../src/model.js';
import { openStore } from '../../src/store/store.js';
import type { FixtureSite } from '../fixture-site/index.js';
import { rng } from '../fixture-site/content.js';
import { repoRoot, waitFor, type FeedEntry } from './harness.js';

// What the robustness tests share: the stored state as comparable rows, a reference run
// without trouble (ingest --once's stage functions in-process), and a private
// redis-server on a free port for the tests that stop or flush Redis (never the shared one).

/** Per article: canonical URL, content hash, title, and its events in full. */
export type ArticleRow = [canonicalUrl: string, contentHash: string, title: string, events: string];

export function snapshot(dbPath: string): ArticleRow[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT a.canonical_url, a.content_hash, a.title,
           (SELECT coalesce(json_group_array(json_array(e.sentence, e.text, e.entities, e.tags, e.figures)), '[]')
              FROM (SELECT * FROM events WHERE article_id = a.id ORDER BY sentence) e) AS events
         FROM articles a ORDER BY a.canonical_url`,
      )
      .raw()
      .all() as ArticleRow[];
  } finally {
    db.close();
  }
}

export function eventCount(rows: readonly ArticleRow[]): number {
  return rows.reduce((n, r) => n + (JSON.parse(r[3]) as unknown[]).length, 0);
}

export function countArticles(dbPath: string): number {
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

export function corpusFeeds(site: FixtureSite): FeedEntry[] {
  return site.corpus!.feedUrls().map((url, i) => ({ id: `corpus-${i}`, url, interval: '1h' }));
}

/** The no-trouble run: ingest --once's stage functions over the same feeds, in this process. */
export async function referenceRun(feeds: readonly FeedEntry[]): Promise<ArticleRow[]> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'newsmon-ref-')), 'ref.db');
  const store = openStore(dbPath);
  const http = createHttpClient({ userAgent: 't', timeoutMs: 10_000, connectTimeoutMs: 2_000, maxBytes: 5e6, maxRedirects: 5, perHostConcurrency: 8, perHostMinGapMs: 0, allowPrivateNetwork: true });
  const configs: FeedConfig[] = feeds.map((f) => ({ id: f.id, url: f.url, name: null, intervalMs: 3_600_000, cron: null, enabled: true, maxBytes: null, fullText: 'auto', timezone: null }));
  try {
    await ingestOnce(configs, { http, store, analyzer: loadAnalyzer(join(repoRoot, 'config')), now: () => new Date(), maxBackoffMs: 60_000 });
  } finally {
    http.close();
    store.close();
  }
  return snapshot(dbPath);
}

export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function redisAnswers(port: number): Promise<boolean> {
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

/** A redis-server of this test's own. With `dir`, it keeps its data on disk (AOF) across a stop and start. */
export async function startPrivateRedis(port: number, dir?: string): Promise<ChildProcess> {
  const persist = dir ? ['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persist], { stdio: 'ignore' });
  await waitFor(`redis-server on ${port}`, () => redisAnswers(port), 15_000);
  return child;
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await gone;
}

/** A seeded generator, so a failing run can be repeated (the seed is in the failure message). */
export function seeded(seed: number): () => number {
  return rng(seed).next;
}
