import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { FeedParseError, parseFeed, parseFeedBytes, type FeedParseErrorCode } from '../../src/feed/parse-feed.js';
import { expectDeepNestingParses } from './deep-nesting.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'feed');

// Golden files: tests/fixtures/feed/NAME → NAME-result.json. After a deliberate change,
// regenerate with UPDATE_GOLDEN=1 and review the diff.
const goldens: Array<{ name: string; file: string; url?: string }> = [
  { name: 'RSS 2.0: relative links, CDATA, content:encoded, undefined entity, stray &, hash id', file: 'rss2.xml', url: 'https://news.example.com/feeds/ai.xml' },
  { name: 'Atom 1.0: nested xml:base, xhtml/html/text constructs, author, inherited author', file: 'atom.xml' },
  { name: 'RSS 1.0 (RDF): rdf:about id, dc:date, dc:creator', file: 'rdf.xml' },
  { name: 'RSS 0.91 with a DOCTYPE and HTML entities, ISO-8859-1', file: 'rss091-doctype.xml' },
  { name: 'GBK bytes declared encoding="gbk", Chinese date', file: 'gbk.xml' },
];

describe('parseFeedBytes golden files', () => {
  test.each(goldens)('$name ($file)', ({ file, url }) => {
    const feed = parseFeedBytes(readFileSync(path.join(fixtures, file)), url ? { url } : {});
    const golden = path.join(fixtures, `${file}-result.json`);
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, `${JSON.stringify(feed, null, 2)}\n`);
    // A missing golden file fails, rather than being written and passing unread.
    if (!existsSync(golden)) throw new Error(`no golden file ${golden}: run with UPDATE_GOLDEN=1 and review it`);
    expect(feed).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
  });
});

const failures: Array<{ name: string; file: string; code: FeedParseErrorCode; message: RegExp }> = [
  { name: 'truncated inside an item', file: 'truncated.xml', code: 'malformed', message: /ends inside <title>.*truncated/ },
  { name: 'an HTML page', file: 'html-page.html', code: 'not-a-feed', message: /Feed not recognized as RSS.*HTML page/ },
  { name: 'whitespace only', file: 'empty.xml', code: 'empty', message: /empty/ },
  { name: 'a JSON document', file: 'json-feed.json', code: 'not-a-feed', message: /JSON/ },
  { name: 'plain text', file: 'plain-text.txt', code: 'not-a-feed', message: /not XML.*Service Unavailable/ },
];

describe('parseFeedBytes failures', () => {
  test.each(failures)('$name ($file) → $code', ({ file, code, message }) => {
    const bytes = readFileSync(path.join(fixtures, file));
    let caught: unknown;
    try {
      parseFeedBytes(bytes);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FeedParseError);
    expect((caught as FeedParseError).code).toBe(code);
    expect((caught as FeedParseError).message).toMatch(message);
  });
});

const rss = (items: string, channel = '') => `<rss version="2.0"><channel>${channel}${items}</channel></rss>`;

// [name, document, options, what to read from the result, expected]
type Pick = (f: ReturnType<typeof parseFeed>) => unknown;
const behaviours: Array<[string, string, { url?: string; contentLocation?: string }, Pick, unknown]> = [
  ['HTML named entity in a title', rss('', '<title>Caf&eacute; &hearts; &nbsp;x</title>'), {}, (f) => f.title, 'Café ♥ x'],
  ['entity spelled out twice stays one level', rss('<item><title>AT&amp;amp;T</title></item>'), {}, (f) => f.items[0]?.title, 'AT&T'],
  ['stray & in a link', rss('<item><link>http://x.test/?a=1&b=2</link></item>'), {}, (f) => f.items[0]?.link, 'http://x.test/?a=1&b=2'],
  ['unknown entity kept literally', rss('<item><title>a &bogus; b</title></item>'), {}, (f) => f.items[0]?.title, 'a &bogus; b'],
  ['DOCTYPE internal entity', '<!DOCTYPE rss [<!ENTITY co "Cambricon">]>' + rss('<item><title>&co; Q1</title></item>'), {}, (f) => f.items[0]?.title, 'Cambricon Q1'],
  ['DOCTYPE entities are not expanded recursively', '<!DOCTYPE rss [<!ENTITY a "x"><!ENTITY b "&a;&a;">]>' + rss('<item><title>&b;</title></item>'), {}, (f) => f.items[0]?.title, '&a;&a;'],
  ['unclosed <br> inside a description', rss('<item><description>one<br>two</description><title>T</title></item>'), {}, (f) => [f.items[0]?.summary, f.items[0]?.title], ['one<br />two', 'T']],
  ['cut-off closing root tag is accepted', '<rss version="2.0"><channel><title>x</title></channel></rss', {}, (f) => f.title, 'x'],
  ['permalink guid stands in for a missing link', rss('<item><guid>https://x.test/1</guid></item>'), {}, (f) => f.items[0]?.link, 'https://x.test/1'],
  ['guid isPermaLink=false is not a link', rss('<item><guid isPermaLink="false">https://x.test/1</guid></item>'), {}, (f) => [f.items[0]?.id, f.items[0]?.link], ['https://x.test/1', null]],
  ['id falls back to the link', rss('<item><link>https://x.test/2</link></item>'), {}, (f) => f.items[0]?.id, 'https://x.test/2'],
  ['relative link resolved against the URL', rss('<item><link>../a.html</link></item>'), { url: 'https://x.test/feeds/rss.xml' }, (f) => f.items[0]?.link, 'https://x.test/a.html'],
  ['xml:base beats the URL', '<rss xml:base="https://base.test/dir/">' + rss('<item><link>a.html</link></item>').slice(5), { url: 'https://x.test/' }, (f) => f.items[0]?.link, 'https://base.test/dir/a.html'],
  ['Content-Location beats the URL', rss('<item><link>a.html</link></item>'), { url: 'https://x.test/f/', contentLocation: 'https://cl.test/g/' }, (f) => f.items[0]?.link, 'https://cl.test/g/a.html'],
  ['javascript: Content-Location is ignored', rss('<item><link>a.html</link></item>'), { url: 'https://x.test/f/', contentLocation: 'javascript:alert(1)' }, (f) => f.items[0]?.link, 'https://x.test/f/a.html'],
  ['relative link without any base stays relative', rss('<item><link> /a.html </link></item>'), {}, (f) => f.items[0]?.link, '/a.html'],
  ['Atom base64 content', '<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="application/octet-stream">PGI+aGk8L2I+</content></entry></feed>', {}, (f) => f.items[0]?.content, '<b>hi</b>'],
  ['Atom 0.3 escaped HTML summary', '<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><summary type="text/html" mode="escaped">&lt;i&gt;x&lt;/i&gt;</summary></entry></feed>', {}, (f) => f.items[0]?.summary, '<i>x</i>'],
  ['Atom text summary is escaped into HTML', '<feed xmlns="http://www.w3.org/2005/Atom"><entry><summary>1 &lt; 2 &amp; 3</summary></entry></feed>', {}, (f) => f.items[0]?.summary, '1 &lt; 2 &amp; 3'],
  ['Atom link without rel is the alternate', '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="self" href="https://x.test/s"/><link href="https://x.test/a"/></entry></feed>', {}, (f) => f.items[0]?.link, 'https://x.test/a'],
  ['Atom author name and email', '<feed xmlns="http://www.w3.org/2005/Atom"><entry><author><name>A B</name><email>a@b.test</email></author></entry></feed>', {}, (f) => f.items[0]?.author, 'A B (a@b.test)'],
  ['prefix bound to another namespace does not match', rss('<item xmlns:x="http://other.test/"><x:title>wrong</x:title><title>right</title></item>'), {}, (f) => f.items[0]?.title, 'right'],
  ['undeclared dc: prefix still means Dublin Core', rss('<item><dc:creator>Zhang San</dc:creator></item>'), {}, (f) => f.items[0]?.author, 'Zhang San'],
  ['element names that are Object.prototype keys', '<rss xmlns:constructor="constructor"><channel><constructor:title>x</constructor:title><__proto__>y</__proto__><title>ok</title></channel></rss>', {}, (f) => f.title, 'ok'],
  ['C1 control characters read as Windows-1252', rss('<item><title>don\u0092t</title></item>'), {}, (f) => f.items[0]?.title, 'don’t'],
  ['double-encoded UTF-8 repaired', rss('<item><description>&#226;&#128;&#166;</description></item>'), {}, (f) => f.items[0]?.summary, '…'],
  ['dates: pubDate is published, dc:date is updated', rss('<item><pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate><dc:date>2004-01-02T00:00:00+01:00</dc:date></item>'), {}, (f) => [f.items[0]?.published, f.items[0]?.updated], ['2004-01-01T19:48:21Z', '2004-01-01T23:00:00Z']],
  ['unreadable date is null', rss('<item><pubDate>soon</pubDate></item>'), {}, (f) => f.items[0]?.published, null],
];

describe('parseFeed behaviours', () => {
  test.each(behaviours)('%s', (_name, xml, opts, pick, expected) => {
    expect(pick(parseFeed(xml, opts))).toEqual(expected);
  });
});

describe('item ids', () => {
  const noIds = rss('<item><title>One</title><description>x</description></item><item><title>Two</title><description>x</description></item>');

  test('a hash id is stable across parses and differs between items', () => {
    const a = parseFeed(noIds).items.map((i) => i.id);
    const b = parseFeed(noIds).items.map((i) => i.id);
    expect(a).toEqual(b);
    expect(a[0]).not.toEqual(a[1]);
    for (const id of a) expect(id).toMatch(/^sha256-[0-9a-f]{32}$/);
  });

  test('a hash id does not depend on the base URL', () => {
    expect(parseFeed(noIds, { url: 'https://a.test/' }).items[0]?.id).toBe(parseFeed(noIds).items[0]?.id);
  });
});

describe('not a feed', () => {
  test.each([
    ['an OPML file', '<opml version="2.0"><body/></opml>', /root element is <opml>/],
    ['an HTML fragment without <html>', '<head><title>Moved</title></head><body>x</body>', /HTML page/],
    ['a comment only', '<!-- nothing here -->', /no elements/],
  ])('%s', (_name, xml, message) => {
    expect(() => parseFeed(xml)).toThrow(message);
  });
});

describe('hostile documents', () => {
  // 20,000 is past the default stack's depth for a recursive walk; 100,000 is in tests/feed/stress.eval.ts.
  test('20,000 nested elements neither overflow the stack nor lose the text', () => {
    expectDeepNestingParses(20_000);
  });

  test('a large entity used many times is expanded only up to a budget', () => {
    const big = 'x'.repeat(4000);
    const uses = '&e;'.repeat(5000); // 20 MB if all expanded
    const feed = parseFeed(`<!DOCTYPE rss [<!ENTITY e "${big}">]>` + rss(`<item><title>${uses}</title></item>`));
    const title = feed.items[0]?.title ?? '';
    expect(title.length).toBeLessThan(1.2 * (1 << 20));
    expect(title.endsWith('&e;')).toBe(true);
  });

  test('an external entity is never read', () => {
    const feed = parseFeed('<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + rss('<item><title>a&x;b</title></item>'));
    expect(feed.items[0]?.title).toBe('a&x;b');
  });

  test('many unterminated processing instructions before a DOCTYPE are skipped in one pass', () => {
    const xml = '<?a '.repeat(20_000) + '<!DOCTYPE rss>' + rss('<item><title>t</title></item>');
    expect(parseFeed(xml).items[0]?.title).toBe('t');
  });
});

describe('dates without a zone follow the feed (feeds.yaml timezone, else its language)', () => {
  const item = (date: string, title = 'Item') => `<item><title>${title}</title><link>https://n.example/a</link><pubDate>${date}</pubDate></item>`;
  const cases: Array<[name: string, xml: string, timezone: string | undefined, language: string | null, published: string]> = [
    ['a zh feed (declared): Asia/Shanghai', rss(item('2024-05-01 10:30:00'), '<language>zh-cn</language>'), undefined, 'zh', '2024-05-01T02:30:00Z'],
    ['a zh feed (declared) with a 年月日 date', rss(item('2024年5月1日 10:30'), '<language>zh-CN</language>'), undefined, 'zh', '2024-05-01T02:30:00Z'],
    ['a feed that declares nothing but titles in Chinese', rss(item('2024-05-01 10:30:00', '摩尔线程发布新一代GPU，功耗450瓦')), undefined, 'zh', '2024-05-01T02:30:00Z'],
    ['dc:language on the channel', `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><dc:language>zh</dc:language>${item('2024-05-01 10:30')}</channel></rss>`, undefined, 'zh', '2024-05-01T02:30:00Z'],
    ['Atom xml:lang', `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-Hans"><entry><title>t</title><updated>2024-05-01T10:30:00</updated></entry></feed>`, undefined, 'zh', '2024-05-01T02:30:00Z'],
    ['an English feed: UTC', rss(item('2024-05-01 10:30:00'), '<language>en-us</language>'), undefined, 'en', '2024-05-01T10:30:00Z'],
    ['a Japanese feed is not read as Chinese', rss(item('2024-05-01 10:30:00', 'エヌビディアは新しいチップを発表しました')), undefined, 'ja', '2024-05-01T10:30:00Z'],
    ['timezone set in feeds.yaml wins over the language', rss(item('2024年5月1日 10:30'), '<language>zh-cn</language>'), 'Europe/Berlin', 'zh', '2024-05-01T08:30:00Z'],
    ['timezone set for an English feed, with DST', rss(item('Mon, 15 Jul 2024 12:00:00'), '<language>en</language>'), 'America/New_York', 'en', '2024-07-15T16:00:00Z'],
    ['a stated offset is kept in a zh feed', rss(item('Wed, 01 May 2024 10:30:00 +0000'), '<language>zh-cn</language>'), undefined, 'zh', '2024-05-01T10:30:00Z'],
    ['a stated offset is kept whatever timezone is set', rss(item('2024-05-01T10:30:00-04:00')), 'Asia/Shanghai', null, '2024-05-01T14:30:00Z'],
  ];
  test.each(cases)('%s', (_name, xml, timezone, language, published) => {
    const feed = parseFeed(xml, timezone ? { timezone } : {});
    expect(feed.language).toBe(language);
    const first = feed.items[0];
    expect(first?.published ?? first?.updated).toBe(published);
  });
});
