import { describe, expect, it } from 'vitest';
import type { FeedConfig } from '../../src/model.js';
import { diffSchedules, digestPattern, feedOffsetMs, planFeedSchedules, type FeedSchedule } from '../../src/service/schedules.js';

function feed(id: string, over: Partial<FeedConfig> = {}): FeedConfig {
  return { id, url: `https://example.com/${id}.xml`, name: null, intervalMs: 900_000, cron: null, enabled: true, maxBytes: null, fullText: 'auto', timezone: null, ...over };
}

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
