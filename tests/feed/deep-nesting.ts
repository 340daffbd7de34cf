import { expect } from 'vitest';
import { parseFeed } from '../../src/feed/parse-feed.js';

/** A feed whose one item's description nests `depth` elements: parses without overflowing the stack, text kept. */
export function expectDeepNestingParses(depth: number): void {
  const deep = '<b>'.repeat(depth) + 'deep text' + '</b>'.repeat(depth);
  const feed = parseFeed(`<rss version="2.0"><channel><item><title>t</title><description>${deep}</description></item></channel></rss>`);
  expect(feed.items[0]?.summary).toContain('deep text');
  expect(feed.items[0]?.title).toBe('t');
}
