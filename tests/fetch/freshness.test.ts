import { describe, expect, it } from 'vitest';
import { freshnessLifetimeMs, MAX_FRESHNESS_MS, MAX_RETRY_AFTER_MS, nextCheckAt } from '../../src/fetch/freshness.js';
import type { NextCheckInput } from '../../src/fetch/freshness.js';

const NOW = new Date('2025-06-01T12:00:00Z');
const MIN = 60_000;
const H = 60 * MIN;
const base: NextCheckInput = { now: NOW, intervalMs: 15 * MIN, failureCount: 0, maxBackoffMs: 6 * H };

const cases: Array<[name: string, input: Partial<NextCheckInput>, delayMs: number]> = [
  ['success, no headers: the interval', {}, 15 * MIN],
  ['max-age longer than the interval wins', { headers: { 'cache-control': 'public, max-age=3600' } }, H],
  ['max-age shorter than the interval: the interval', { headers: { 'cache-control': 'max-age=60' } }, 15 * MIN],
  ['max-age capped at 24 h', { headers: { 'cache-control': 'max-age=9999999' } }, MAX_FRESHNESS_MS],
  ['no-cache: the interval', { headers: { 'cache-control': 'no-cache, max-age=7200' } }, 15 * MIN],
  ['Expires against the Date header', { headers: { date: 'Sun, 01 Jun 2025 11:00:00 GMT', expires: 'Sun, 01 Jun 2025 13:00:00 GMT' } }, 2 * H],
  ['Expires against now without Date', { headers: { expires: 'Sun, 01 Jun 2025 14:00:00 GMT' } }, 2 * H],
  ['max-age beats Expires', { headers: { 'cache-control': 'max-age=1800', expires: 'Sun, 01 Jun 2025 18:00:00 GMT' } }, 30 * MIN],
  ['invalid Expires: the interval', { headers: { expires: '0' } }, 15 * MIN],
  ['header names in any case', { headers: { 'Cache-Control': 'max-age=3600' } }, H],
  ['RSS ttl longer than the interval', { ttlMinutes: 60 }, H],
  ['RSS ttl capped', { ttlMinutes: 100_000 }, MAX_FRESHNESS_MS],
  ['interval beyond the cap is kept', { intervalMs: 48 * H, headers: { 'cache-control': 'max-age=60' } }, 48 * H],
  ['jitter added', { jitter: 1234 }, 15 * MIN + 1234],
  ['1st failure: the interval', { failureCount: 1 }, 15 * MIN],
  ['2nd failure: doubled', { failureCount: 2 }, 30 * MIN],
  ['4th failure: x8', { failureCount: 4 }, 120 * MIN],
  ['6th failure: capped at maxBackoff', { failureCount: 6 }, 6 * H],
  ['1000th failure: capped, finite', { failureCount: 1000 }, 6 * H],
  ['failure ignores cache headers', { failureCount: 1, headers: { 'cache-control': 'max-age=36000' } }, 15 * MIN],
  ['Retry-After longer than the backoff', { failureCount: 1, retryAfterMs: 2 * H }, 2 * H],
  ['Retry-After shorter than the backoff', { failureCount: 3, retryAfterMs: 60_000 }, 60 * MIN],
  ['absurd Retry-After capped', { failureCount: 1, retryAfterMs: 365 * 24 * H }, MAX_RETRY_AFTER_MS],
  ['maxBackoff below the interval: never sooner than the interval', { failureCount: 3, maxBackoffMs: MIN }, 15 * MIN],
  ['failure with jitter', { failureCount: 2, jitter: 500 }, 30 * MIN + 500],
  ['NaN failure count treated as success', { failureCount: Number.NaN }, 15 * MIN],
];

describe('nextCheckAt', () => {
  it.each(cases)('%s', (_name, input, delayMs) => {
    expect(nextCheckAt({ ...base, ...input }).getTime() - NOW.getTime()).toBe(delayMs);
  });

  it('does not read the clock: same input, same answer', () => {
    const a = nextCheckAt({ ...base, failureCount: 3 });
    const b = nextCheckAt({ ...base, failureCount: 3 });
    expect(a.toISOString()).toBe(b.toISOString());
  });
});

describe('freshnessLifetimeMs', () => {
  it.each<[string, Record<string, string> | undefined, number | null]>([
    ['none', undefined, null],
    ['max-age', { 'cache-control': 'max-age=10' }, 10_000],
    ['quoted max-age', { 'cache-control': 'max-age="10"' }, 10_000],
    ['no-store', { 'cache-control': 'no-store' }, null],
    ['past Expires', { expires: 'Sun, 01 Jun 2025 11:00:00 GMT' }, 0],
  ])('%s', (_n, headers, ms) => expect(freshnessLifetimeMs(headers, NOW.getTime())).toBe(ms));
});
