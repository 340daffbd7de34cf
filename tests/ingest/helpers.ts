import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpClient } from '../../src/fetch/http-client.js';
import type { HttpClient } from '../../src/fetch/types.js';
import type { FeedConfig } from '../../src/model.js';
import { openStore, type Store } from '../../src/store/store.js';

// Real parts for the pipeline tests: a SQLite file of its own, the HTTP client against
// the loopback fixture site.

export const repoRoot = join(import.meta.dirname, '..', '..');

export function feed(id: string, url: string, over: Partial<FeedConfig> = {}): FeedConfig {
  return { id, url, name: id, intervalMs: 900_000, cron: null, enabled: true, maxBytes: null, fullText: 'auto', timezone: null, ...over };
}

export function tempStore(): Store {
  return openStore(join(mkdtempSync(join(tmpdir(), 'newsmon-ingest-')), 'newsmon.db'));
}

export function httpClient(timeoutMs = 2_000): HttpClient {
  return createHttpClient({
    userAgent: 'newsmon-test', timeoutMs, connectTimeoutMs: 1_000, maxBytes: 5 * 1024 * 1024,
    maxRedirects: 5, perHostConcurrency: 8, perHostMinGapMs: 0, allowPrivateNetwork: true,
  });
}

/** A clock that stands still at `at` until moved. */
export function manualClock(at: string): { now: () => Date; advance(ms: number): void } {
  let t = Date.parse(at);
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}
