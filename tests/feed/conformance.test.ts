import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { FeedParseError, parseFeedBytes } from '../../src/feed/parse-feed.js';
import type { NormalizedFeed } from '../../src/model.js';
import { asText, byTopic, feedsDir, haveShared, loadCases, runCases } from './conformance-harness.js';

// The shared conformance corpus (../shared/conformance/feeds, see its README): feedparser's
// converted expectations, every test file, and rss-parser's captured real-world feeds.

const TARGET = 0.95;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe.skipIf(!haveShared)('feedparser conformance (cases.json outside wellformed/sanitize)', () => {
  test(`at least ${TARGET * 100}% of the checks pass`, () => {
    const cases = loadCases();
    const results = runCases(cases);
    const failed = results.filter((r) => !r.pass);
    const rate = (results.length - failed.length) / results.length;
    const topics = byTopic(results).map((t) => `${t.topic} ${t.passed}/${t.checks}`);
    const listing = failed.map((f) => `${f.file} ${f.path}: expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.actual)}${f.error ? ` (${f.error})` : ''}`);
    expect(rate, `pass rate ${(rate * 100).toFixed(1)}% (${results.length - failed.length}/${results.length} checks, ${cases.length} cases)\n${topics.join('\n')}\nfailures:\n${listing.join('\n')}`).toBeGreaterThanOrEqual(TARGET);
  });

  test('no file in files/ crashes the parser: each parses or gives a FeedParseError', () => {
    const crashes: string[] = [];
    let parsed = 0;
    for (const file of walk(path.join(feedsDir, 'files'))) {
      try {
        parseFeedBytes(readFileSync(file));
        parsed++;
      } catch (err) {
        if (!(err instanceof FeedParseError)) crashes.push(`${path.relative(feedsDir, file)}: ${String(err)}`);
      }
    }
    expect(crashes).toEqual([]);
    expect(parsed).toBeGreaterThan(2000);
  });

  test('UTF-16 and UTF-32 files, with and without a BOM, decode to clean text', () => {
    const dir = path.join(feedsDir, 'files', 'encoding');
    const files = readdirSync(dir).filter((n) => /^(utf[-_]?(16|32)|u16)/.test(n));
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const name of files) {
      const feed = parseFeedBytes(readFileSync(path.join(dir, name)));
      const text = JSON.stringify(feed);
      expect(text, name).not.toMatch(/\\u0000|\uFFFD/);
    }
  });

  test('undeclared legacy charsets: GB2312 bytes without a declaration read as Chinese', () => {
    const feed = parseFeedBytes(readFileSync(path.join(feedsDir, 'files', 'illformed', 'chardet', 'gb2312.xml')));
    expect(JSON.stringify(feed)).toMatch(/[\u4e00-\u9fff]{2}/);
  });
});

interface ManifestEntry {
  input: string;
  expected: string | null;
}

interface GoldenItem {
  title?: string;
  link?: string;
  guid?: string;
  id?: string;
  isoDate?: string;
  creator?: unknown;
  author?: unknown;
}

describe.skipIf(!haveShared)('rss-parser real-world fixtures', () => {
  const dir = path.join(feedsDir, 'rss-parser-fixtures');
  const manifest = haveShared ? (JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as ManifestEntry[]) : [];
  // encoding.rss was served as Latin-1 over HTTP in rss-parser's own test.
  const optsFor = (input: string) => (input.endsWith('encoding.rss') ? { contentType: 'text/xml; charset=latin1' } : {});
  const parse = (input: string): NormalizedFeed => parseFeedBytes(readFileSync(path.join(dir, input)), optsFor(input));

  test('every captured feed parses, except the HTML page, which is not-a-feed', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(31);
    for (const m of manifest) {
      if (m.input.endsWith('unrecognized.rss')) {
        expect(() => parse(m.input)).toThrow(/Feed not recognized as RSS/);
        try {
          parse(m.input);
        } catch (err) {
          expect((err as FeedParseError).code).toBe('not-a-feed');
        }
        continue;
      }
      const feed = parse(m.input);
      expect(feed.items.length, m.input).toBeGreaterThan(0);
    }
  });

  // rss-parser's goldens as an oracle for the fields it reads reliably. Bodies are not
  // compared: xml2js reorders mixed content (inline XHTML, naked markup), so its text is
  // wrong there; and uolNoticias' golden read Latin-1 bytes as UTF-8 (U+FFFD).
  test.each(manifest.filter((m) => m.expected))('agrees with rss-parser on items, titles, links, ids, dates: $input', (m) => {
    const golden = JSON.parse(readFileSync(path.join(dir, m.expected ?? ''), m.input.endsWith('encoding.rss') ? 'latin1' : 'utf8')) as { feed: { title?: string; items: GoldenItem[] } };
    const feed = parse(m.input);
    expect(feed.items.length).toBe(golden.feed.items.length);
    golden.feed.items.forEach((g, i) => {
      const ours = feed.items[i];
      if (!ours) return;
      if (g.title && !g.title.includes('\uFFFD')) expect(ours.title, `item ${i} title`).toBe(asText(g.title));
      if (g.link) expect(ours.link, `item ${i} link`).toBe(g.link.trim());
      const id = g.guid ?? g.id;
      if (id) expect(ours.id, `item ${i} id`).toBe(id.trim());
      if (g.isoDate) expect([ours.published, ours.updated], `item ${i} date`).toContain(g.isoDate.replace(/\.\d{3}Z$/, 'Z'));
      // rss-parser keeps the bare name; ours is feedparser's "Name (email)" display form.
      const names = [g.creator, g.author].filter((a): a is string => typeof a === 'string').map(asText).filter(Boolean);
      if (names.length) expect(names.some((n) => ours.author?.startsWith(n)), `item ${i} author ${ours.author} vs ${names.join(' | ')}`).toBe(true);
    });
  });
});
