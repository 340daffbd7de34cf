import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';

// Shared set-up for the service tests: a config folder of their own (the repo's
// watch-list and tagger, a feeds file and settings written per test), a fresh queue
// prefix cleaned afterwards, and child `newsmon run` processes from dist/.

export const repoRoot = join(import.meta.dirname, '..', '..');
export const REDIS_URL = 'redis://127.0.0.1:6379';

export interface FeedEntry {
  id: string;
  url: string;
  interval?: string;
  cron?: string;
}

export function feedsYaml(feeds: readonly FeedEntry[]): string {
  if (feeds.length === 0) return 'feeds: []\n';
  return `feeds:\n${feeds
    .map((f) => `  - id: ${f.id}\n    url: "${f.url}"\n${f.cron ? `    cron: "${f.cron}"\n` : `    interval: ${f.interval ?? '2s'}\n`}`)
    .join('')}`;
}

export interface TestConfig {
  dir: string;
  configDir: string;
  dbPath: string;
  writeFeeds(feeds: readonly FeedEntry[]): void;
}

/** A temp folder with config/ (entities, tagger, feeds.yaml, newsmon.yaml) and a database path. */
export type SettingsOverrides = Record<string, Record<string, string | number | boolean>>;

export function makeConfig(feeds: readonly FeedEntry[], overrides: SettingsOverrides = {}): TestConfig {
  const dir = mkdtempSync(join(tmpdir(), 'newsmon-svc-'));
  const configDir = join(dir, 'config');
  mkdirSync(configDir);
  cpSync(join(repoRoot, 'config', 'entities.yaml'), join(configDir, 'entities.yaml'));
  cpSync(join(repoRoot, 'config', 'tagger'), join(configDir, 'tagger'), { recursive: true });
  const base: SettingsOverrides = {
    http: { allow_private_network: true, per_host_concurrency: 16, per_host_min_gap: '0s', timeout: '5s' },
    poll: { jitter: '200ms', max_backoff: '1m' },
    log: { level: 'warn' },
  };
  for (const [k, v] of Object.entries(overrides)) base[k] = { ...base[k], ...v };
  writeFileSync(join(configDir, 'newsmon.yaml'), stringify(base));
  const writeFeeds = (list: readonly FeedEntry[]) => writeFileSync(join(configDir, 'feeds.yaml'), feedsYaml(list));
  writeFeeds(feeds);
  return { dir, configDir, dbPath: join(dir, 'newsmon.db'), writeFeeds };
}

export function freshPrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

/** Deletes every key under the prefix. */
export async function cleanPrefix(prefix: string, url = REDIS_URL): Promise<void> {
  const r = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true });
  r.on('error', () => {});
  try {
    await r.connect();
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } catch {
    // Redis gone: nothing to clean
  } finally {
    r.disconnect();
  }
}

export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs: number, everyMs = 100): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** dist/ must hold the current sources for child processes: build once when it is older than them. */
export function ensureBuilt(): void {
  const out = join(repoRoot, 'dist', 'src', 'service', 'service.js');
  const newest = ['src/service/service.ts', 'workers/poll.ts', 'workers/extract.ts', 'workers/store.ts', 'src/cli/run.ts', 'src/ingest/poll-feed.ts']
    .map((f) => statSync(join(repoRoot, f)).mtimeMs)
    .reduce((a, b) => Math.max(a, b), 0);
  if (existsSync(out) && statSync(out).mtimeMs >= newest) return;
  spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'ignore' });
  if (!existsSync(out)) throw new Error('dist/ is missing: run "npm run build"');
}

export interface RunProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `node bin/newsmon.js run ARGS` with a clean environment (no NEWSMON_* from the caller). */
export function spawnRun(args: string[], env: Record<string, string> = {}): RunProcess {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NEWSMON_') && k !== 'REDIS_URL' && k !== 'SMTP_URL'));
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'newsmon.js'), 'run', ...args], {
    cwd: repoRoot,
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** `node bin/newsmon.js ARGS` to completion, without blocking this process's event loop. */
export function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'newsmon.js'), ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
