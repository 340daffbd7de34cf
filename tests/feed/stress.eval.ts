import { describe, expect, test } from 'vitest';
import { parseFeed } from '../../src/feed/parse-feed.js';

// Stress cases, slow by design: `npm run eval`. parse-feed.test.ts keeps a 20,000-deep case.

const rss = (items: string) => `<rss version="2.0"><channel><title>x</title>${items}</channel></rss>`;

describe('hostile feeds at full size', () => {
  test('100,000 nested elements neither overflow the stack nor lose the text', () => {
    const deep = '<b>'.repeat(100_000) + 'deep text' + '</b>'.repeat(100_000);
    const feed = parseFeed(rss(`<item><title>t</title><description>${deep}</description></item>`));
    expect(feed.items[0]?.summary).toContain('deep text');
    expect(feed.items[0]?.title).toBe('t');
  });
});
