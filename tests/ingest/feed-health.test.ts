import { describe, expect, it } from 'vitest';
import { failingFeeds, isFailing } from '../../src/ingest/feed-health.js';

describe('what a failing feed is', () => {
  it.each([
    ['never polled', undefined, false],
    ['healthy', { failureCount: 0 }, false],
    ['one failure since the last success', { failureCount: 1 }, true],
    ['many', { failureCount: 9 }, true],
  ])('%s', (_n, state, want) => expect(isFailing(state)).toBe(want));

  it('failingFeeds keeps the failing ones in order', () => {
    const states = [{ id: 'a', failureCount: 2 }, { id: 'b', failureCount: 0 }, { id: 'c', failureCount: 1 }];
    expect(failingFeeds(states).map((s) => s.id)).toEqual(['a', 'c']);
  });
});
