import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feed/parse-feed.js';
import { articleSpec, atomXml, rssXml } from '../fixture-site/index.js';

// Differential test: on well-formed feeds that rss-parser reads correctly, newsmon's parser
// must agree with it on what matters for ingestion (items, titles, links, ids, dates).
// newsmon does not parse with rss-parser (see README, "Choices worth knowing"); it keeps
// it as the reference implementation here.

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'feed');
const parser = new Parser();

function generated(kind: 'rss' | 'atom', seed: number): string {
  const items = Array.from({ length: 6 }, (_, i) => {
    const spec = articleSpec(seed * 10 + i);
    return { title: spec.title, link: `https://news.example.com/a/${seed}-${i}.html`, guid: `id-${seed}-${i}`, published: spec.published, summary: spec.summary, author: spec.author };
  });
  const feed = { title: `Feed ${seed}`, link: 'https://news.example.com/', items };
  return kind === 'rss' ? rssXml(feed) : atomXml(feed);
}

// The hand-written fixtures in tests/fixtures/feed are deliberately hostile (undefined
// entities, HTML titles) and rss-parser rejects or mangles them, so they are not cases here.
const cases: Array<[name: string, xml: string]> = [
  ['generated RSS 2.0', generated('rss', 1)],
  ['generated Atom 1.0', generated('atom', 2)],
  ['generated RSS 2.0, other items', generated('rss', 3)],
  ['generated Atom 1.0, other items', generated('atom', 4)],
  ['a plain RSS 2.0 with a CDATA title and RFC 822 dates', readFileSync(join(fixtures, 'oracle-plain.rss'), 'utf8')],
];

describe('agrees with rss-parser on well-formed feeds', () => {
  it.each(cases)('%s', async (_name, xml) => {
    const theirs = await parser.parseString(xml);
    const ours = parseFeed(xml, { url: 'https://news.example.com/feed' });
    expect(ours.title).toBe(theirs.title ?? null);
    expect(ours.items.map((i) => i.title)).toEqual(theirs.items.map((i) => i.title ?? null));
    expect(ours.items.map((i) => i.link)).toEqual(theirs.items.map((i) => (i.link ? new URL(i.link, 'https://news.example.com/feed').href : null)));
    expect(ours.items.map((i) => i.id)).toEqual(theirs.items.map((i) => i.guid ?? (i as { id?: string }).id ?? i.link));
    const theirDates = theirs.items.map((i) => (i.isoDate ? new Date(i.isoDate).toISOString().replace('.000Z', 'Z') : null));
    expect(ours.items.map((i) => i.published ?? i.updated)).toEqual(theirDates);
  });
});
