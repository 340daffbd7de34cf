import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedFromUrl } from '../../src/config/feeds.js';
import { exportOpml, MAX_OPML_DEPTH, parseOpml } from '../../src/config/opml.js';
import { ConfigError } from '../../src/config/yaml-source.js';

const fixture = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'store', 'subscriptions.opml'), 'utf8');

describe('parseOpml', () => {
  it('reads nested outlines, folders as categories, any attribute case, entities decoded', () => {
    expect(parseOpml(fixture)).toEqual([
      { url: 'https://www.aicnbc.com/feed', htmlUrl: 'https://www.aicnbc.com/', title: 'AI CNBC', category: ['Chips'] },
      { url: 'https://www.ithome.com/rss/', htmlUrl: null, title: 'IT之家', category: ['Chips', 'China'] },
      { url: 'https://www.scmp.com/rss/36/feed?a=1&b=2', htmlUrl: null, title: 'SCMP & Tech', category: ['Chips', 'China'] },
      { url: 'https://example.org/atom.xml', htmlUrl: null, title: 'Loose feed', category: [] },
      // Kept as written: whether a URL is usable is for the importer to say.
      { url: 'feed://example.org/x', htmlUrl: null, title: 'Not a URL', category: [] },
    ]);
  });

  it.each([
    ['an empty body', '<opml version="2.0"><head/><body/></opml>', 0],
    ['no XML declaration, OPML 1.0', '<opml><body><outline xmlUrl="https://a.example/feed"/></body></opml>', 1],
    ['unclosed tags', '<opml><body><outline xmlUrl="https://a.example/feed">', 1],
  ])('tolerates %s', (_name, text, n) => {
    expect(parseOpml(text)).toHaveLength(n);
  });

  it('20,000 nested outlines: a located error, not a stack overflow', () => {
    const n = 20_000;
    const text = `<opml version="2.0"><body>\n${'<outline text="f">\n'.repeat(n)}<outline xmlUrl="https://a.example/feed"/>${'</outline>'.repeat(n)}</body></opml>`;
    let err: unknown;
    try {
      parseOpml(text, 'deep.opml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toMatch(new RegExp(`^deep\\.opml:${MAX_OPML_DEPTH}: outlines nested more than ${MAX_OPML_DEPTH} levels`));
  });

  it('folders nested up to the cap are read, with their whole path', () => {
    const folders = MAX_OPML_DEPTH - 3; // opml, body and the feed's own outline are levels too
    const text = `<opml><body>${'<outline text="f">'.repeat(folders)}<outline xmlUrl="https://a.example/feed"/>${'</outline>'.repeat(folders)}</body></opml>`;
    const [feed] = parseOpml(text);
    expect(feed?.category).toHaveLength(folders);
  });

  it('refuses what is not OPML', () => {
    expect(() => parseOpml('<html><body>hi</body></html>', 'page.html')).toThrow(ConfigError);
    expect(() => parseOpml('not xml at all', 'x.opml')).toThrow(/x\.opml: not an OPML document/);
  });
});

describe('exportOpml', () => {
  it('round-trips through parseOpml, names and special characters included', () => {
    const feeds = [
      { ...feedFromUrl('https://www.aicnbc.com/feed'), name: 'AI CNBC' },
      { ...feedFromUrl('https://a.example/feed?x=1&y="2"'), name: 'Tom\'s <Hardware> & "more"' },
      feedFromUrl('https://b.example/rss'),
    ];
    const opml = exportOpml(feeds, { title: 'Mine & yours', dateCreated: new Date('2025-03-01T00:00:00Z') });
    expect(opml).toContain('<title>Mine &amp; yours</title>');
    expect(opml).toContain('<dateCreated>Sat, 01 Mar 2025 00:00:00 GMT</dateCreated>');
    expect(parseOpml(opml).map((f) => [f.url, f.title])).toEqual([
      ['https://www.aicnbc.com/feed', 'AI CNBC'],
      ['https://a.example/feed?x=1&y="2"', 'Tom\'s <Hardware> & "more"'],
      ['https://b.example/rss', 'https://b.example/rss'],
    ]);
  });

  it('is deterministic without a date', () => {
    const feeds = [feedFromUrl('https://a.example/feed')];
    expect(exportOpml(feeds)).toBe(exportOpml(feeds));
    expect(exportOpml(feeds)).not.toContain('dateCreated');
  });
});
