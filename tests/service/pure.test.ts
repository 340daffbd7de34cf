import { describe, expect, it } from 'vitest';
import { parseRoles } from '../../src/cli/run.js';
import { dueTolerance, isDue } from '../../src/service/due.js';
import {
  articleJobId,
  feedSchedulerId,
  idPart,
  isValidCustomJobId,
  pollJobId,
  pollSlot,
  reanalysisStoreJobId,
  reanalyzeJobId,
  skipJobId,
  storeJobId,
} from '../../src/service/job-ids.js';
import { MetricsRegistry } from '../../src/service/metrics.js';
import { reconnectDelay } from '../../src/service/redis.js';
import { diffSchedules, digestPattern, feedOffsetMs, planFeedSchedules, type FeedSchedule } from '../../src/service/schedules.js';
import { once, withDeadline } from '../../src/service/shutdown.js';
import type { FeedConfig } from '../../src/ingest/types.js';

function feed(id: string, over: Partial<FeedConfig> = {}): FeedConfig {
  return { id, url: `https://example.com/${id}.xml`, name: null, intervalMs: 900_000, cron: null, enabled: true, maxBytes: null, fullText: 'auto', timezone: null, ...over };
}

describe('job ids', () => {
  const art = articleJobId('https://example.com/a');
  const cases: Array<[string, string]> = [
    ['poll, plain feed id', pollJobId('aicnbc-com-1f0c9a2e', 1234)],
    ['poll, feed id with a colon', pollJobId('weird:id', 7)],
    ['poll, digits-only feed id', pollJobId('12345', 0)],
    ['article', art],
    ['store', storeJobId(art)],
    ['skip', skipJobId(art)],
    ['reanalyze', reanalyzeJobId('r1', 42)],
    ['analysis', reanalysisStoreJobId('r1', 42)],
    ['scheduler', feedSchedulerId('a:b')],
  ];
  it.each(cases)('%s: %s is a valid custom id (no ":", not digits only)', (_name, id) => {
    expect(isValidCustomJobId(id)).toBe(true);
  });

  it('are deterministic, and differ where the input differs', () => {
    expect(articleJobId('https://example.com/a')).toBe(art);
    expect(articleJobId('https://example.com/b')).not.toBe(art);
    expect(pollJobId('f', 1)).not.toBe(pollJobId('f', 2));
    expect(idPart('ok-id_1.2')).toBe('ok-id_1.2');
    expect(idPart('a:b')).toMatch(/^h[0-9a-f]{24}$/);
  });

  it.each([
    ['start of a slot', 900_000 * 10, 900_000, 10],
    ['just before the next', 900_000 * 11 - 1, 900_000, 10],
    ['a zero interval is taken as 1 ms', 5, 0, 5],
  ])('pollSlot: %s', (_n, now, interval, slot) => {
    expect(pollSlot(now, interval)).toBe(slot);
  });
});

describe('schedules', () => {
  it.each([
    ['15 min interval, 30 s jitter', 'a', 900_000, 30_000],
    ['2 s interval, 30 s jitter (capped by the interval)', 'b', 2_000, 30_000],
    ['no jitter', 'c', 60_000, 0],
  ])('feedOffsetMs: %s stays in [1, min(interval, jitter)]', (_n, id, every, jitter) => {
    const o = feedOffsetMs(id, every, jitter);
    expect(o).toBe(feedOffsetMs(id, every, jitter));
    expect(o).toBeGreaterThanOrEqual(1);
    expect(o).toBeLessThanOrEqual(Math.max(1, Math.min(every - 1, jitter)));
  });

  it('spreads 500 feeds on one interval over the jitter window', () => {
    const offsets = Array.from({ length: 500 }, (_, i) => feedOffsetMs(`feed-${i}`, 900_000, 30_000));
    const seconds = new Set(offsets.map((o) => Math.floor(o / 1000)));
    expect(seconds.size).toBeGreaterThan(25);
  });

  it('plans one scheduler per enabled feed, every or cron', () => {
    const plan = planFeedSchedules([feed('a'), feed('b', { enabled: false }), feed('c', { cron: '*/20 * * * *' })], 30_000);
    expect(plan.map((p) => [p.schedulerId, p.every, p.pattern, p.tz])).toEqual([
      ['feed-a', 900_000, null, null],
      ['feed-c', null, '*/20 * * * *', 'UTC'],
    ]);
  });

  it.each([
    ['07:00', '0 7 * * *'],
    ['23:05', '5 23 * * *'],
  ])('digestPattern(%s) = %s', (t, p) => expect(digestPattern(t)).toBe(p));

  const a: FeedSchedule = { schedulerId: 'feed-a', feedId: 'a', every: 60_000, pattern: null, tz: null, offset: 5 };
  const c: FeedSchedule = { schedulerId: 'feed-c', feedId: 'c', every: null, pattern: '0 * * * *', tz: 'UTC', offset: 0 };
  it.each([
    ['nothing yet: add all', [], [a, c], { add: ['feed-a', 'feed-c'], update: [], remove: [], unchanged: 0 }],
    ['same: nothing to do', [{ key: 'feed-a', every: 60_000, offset: 5, feedId: 'a' }], [a], { add: [], update: [], remove: [], unchanged: 1 }],
    ['interval changed', [{ key: 'feed-a', every: 30_000, offset: 5, feedId: 'a' }], [a], { add: [], update: ['feed-a'], remove: [], unchanged: 0 }],
    ['every → cron', [{ key: 'feed-c', every: 60_000, offset: 5, feedId: 'c' }], [c], { add: [], update: ['feed-c'], remove: [], unchanged: 0 }],
    ['feed removed', [{ key: 'feed-a', every: 60_000, offset: 5, feedId: 'a' }, { key: 'feed-x', every: 1, feedId: 'x' }], [a], { add: [], update: [], remove: ['feed-x'], unchanged: 1 }],
    ['other schedulers untouched', [{ key: 'digest-daily', pattern: '0 7 * * *' }], [], { add: [], update: [], remove: [], unchanged: 0 }],
  ])('diffSchedules: %s', (_n, existing, desired, want) => {
    const d = diffSchedules(existing, desired as FeedSchedule[]);
    expect({ add: d.add.map((s) => s.schedulerId), update: d.update.map((s) => s.schedulerId), remove: d.remove, unchanged: d.unchanged }).toEqual(want);
  });
});

describe('isDue', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');
  const at = (ms: number) => new Date(now + ms).toISOString();
  it.each([
    ['never polled', feed('a'), undefined, true],
    ['no next check recorded', feed('a'), { nextCheckAt: null, failureCount: 0 }, true],
    ['next check passed', feed('a'), { nextCheckAt: at(-1_000), failureCount: 0 }, true],
    ['next check within the tolerance', feed('a'), { nextCheckAt: at(dueTolerance(900_000) - 1), failureCount: 0 }, true],
    ['backing off for an hour', feed('a'), { nextCheckAt: at(3_600_000), failureCount: 3 }, false],
    ['server asked for an hour', feed('a'), { nextCheckAt: at(3_600_000), failureCount: 0 }, false],
    ['cron feed, healthy: the cron decides', feed('a', { cron: '0 * * * *' }), { nextCheckAt: at(3_600_000), failureCount: 0 }, true],
    ['cron feed, backing off', feed('a', { cron: '0 * * * *' }), { nextCheckAt: at(3_600_000), failureCount: 2 }, false],
  ])('%s', (_n, f, state, want) => {
    expect(isDue(f, state, now)).toBe(want);
  });
});

describe('metrics registry', () => {
  it('renders counters, gauges and histograms in the Prometheus text format', () => {
    const r = new MetricsRegistry();
    const c = r.counter('x_total', 'Things.');
    const g = r.gauge('depth', 'Depth.');
    const h = r.histogram('lat_seconds', 'Latency.', [0.1, 1]);
    r.gauge('unused', 'Never set.');
    c.inc({ queue: 'poll' });
    c.inc({ queue: 'poll' }, 2);
    g.set({ queue: 'a"b' }, 4);
    h.observe({ target: 'feed' }, 0.05);
    h.observe({ target: 'feed' }, 0.5);
    h.observe({ target: 'feed' }, 5);
    expect(r.render()).toBe(
      [
        '# HELP x_total Things.',
        '# TYPE x_total counter',
        'x_total{queue="poll"} 3',
        '# HELP depth Depth.',
        '# TYPE depth gauge',
        'depth{queue="a\\"b"} 4',
        '# HELP lat_seconds Latency.',
        '# TYPE lat_seconds histogram',
        'lat_seconds_bucket{target="feed",le="0.1"} 1',
        'lat_seconds_bucket{target="feed",le="1"} 2',
        'lat_seconds_bucket{target="feed",le="+Inf"} 3',
        'lat_seconds_sum{target="feed"} 5.55',
        'lat_seconds_count{target="feed"} 3',
        '',
      ].join('\n'),
    );
  });
});

describe('shutdown helpers', () => {
  it.each([
    ['work that finishes', () => new Promise((r) => setTimeout(r, 5)), 'done'],
    ['work that fails', () => Promise.reject(new Error('x')), 'error'],
    ['work that never ends', () => new Promise(() => {}), 'timeout'],
  ])('withDeadline: %s', async (_n, work, want) => {
    expect(await withDeadline(work(), 50)).toBe(want);
  });

  it('once: a second call gets the first call\'s promise', async () => {
    let n = 0;
    const f = once(async () => ++n);
    expect(f()).toBe(f());
    expect(await f()).toBe(1);
  });
});

describe('run flags and reconnects', () => {
  it.each([
    [undefined, ['poll', 'extract', 'store', 'digest', 'api']],
    ['extract', ['extract']],
    ['poll, store,poll', ['poll', 'store']],
  ])('parseRoles(%s)', (text, want) => expect(parseRoles(text)).toEqual(want));

  it.each(['', 'poll,scrape'])('parseRoles rejects %j', (text) => expect(() => parseRoles(text)).toThrow(/--roles/));

  it('reconnect delay doubles from 0.5 s and stops at 10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(reconnectDelay)).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000]);
  });
});
