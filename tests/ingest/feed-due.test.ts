import { describe, expect, it } from 'vitest';
import { dueTolerance, isDue, nextPollAt } from '../../src/ingest/feed-due.js';
import { feed } from './helpers.js';

const now = Date.parse('2025-03-01T12:00:00Z');
const at = (ms: number) => new Date(now + ms).toISOString();
const f = feed('a', 'https://example.com/a.xml');
const cron = feed('c', 'https://example.com/c.xml', { cron: '0 * * * *' });

describe('isDue', () => {
  it.each([
    ['never polled', f, undefined, true],
    ['no next check recorded', f, { nextCheckAt: null, failureCount: 0 }, true],
    ['next check passed', f, { nextCheckAt: at(-1_000), failureCount: 0 }, true],
    ['next check within the tolerance', f, { nextCheckAt: at(dueTolerance(900_000) - 1), failureCount: 0 }, true],
    ['next check just past the tolerance', f, { nextCheckAt: at(dueTolerance(900_000) + 1), failureCount: 0 }, false],
    ['backing off for an hour', f, { nextCheckAt: at(3_600_000), failureCount: 3 }, false],
    ['server asked for an hour', f, { nextCheckAt: at(3_600_000), failureCount: 0 }, false],
    ['an unreadable next check', f, { nextCheckAt: 'soon', failureCount: 0 }, true],
    ['cron feed, healthy: the cron decides', cron, { nextCheckAt: at(3_600_000), failureCount: 0 }, true],
    ['cron feed, backing off', cron, { nextCheckAt: at(3_600_000), failureCount: 2 }, false],
  ])('%s', (_n, feedConfig, state, want) => {
    expect(isDue(feedConfig, state, now)).toBe(want);
  });

  it.each([
    [2_000, 1_000],
    [900_000, 60_000],
    [60_000, 6_000],
  ])('dueTolerance(%i) = %i', (interval, want) => expect(dueTolerance(interval)).toBe(want));
});

describe('nextPollAt', () => {
  const base = { now: new Date(now), failureCount: 0, maxBackoffMs: 6 * 3_600_000 };
  it.each([
    ['the interval', {}, undefined, 900_000],
    ['a longer <ttl>', { ttlMinutes: 60 }, undefined, 3_600_000],
    ['a shorter <ttl> does not poll sooner', { ttlMinutes: 5 }, undefined, 900_000],
    ['jitter, capped at half the tolerance', {}, { jitterMs: 600_000, random: () => 0.999 }, 900_000 + 29_970],
    ['jitter under the cap', {}, { jitterMs: 10_000, random: () => 0.5 }, 900_000 + 5_000],
    ['no jitter asked', {}, { jitterMs: 0, random: () => 0.9 }, 900_000],
    ['third failure: 4 × interval', { failureCount: 3 }, undefined, 3_600_000],
    ['Retry-After over the backoff', { failureCount: 1, retryAfterMs: 7_200_000 }, undefined, 7_200_000],
  ])('%s', (_n, facts, jitter, delay) => {
    expect(nextPollAt(f, { ...base, ...facts }, jitter).getTime() - now).toBe(delay);
  });

  it('a jittered next check still counts as due when the scheduler wakes on the interval', () => {
    const next = nextPollAt(f, base, { jitterMs: 3_600_000, random: () => 0.999_999 });
    expect(isDue(f, { nextCheckAt: next.toISOString(), failureCount: 0 }, now + f.intervalMs)).toBe(true);
  });
});
