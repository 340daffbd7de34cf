import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addFeed, addFeeds, feedFromUrl, feedIdFor, feedsFilePath, feedUrlKey, loadFeeds, removeFeed } from '../../src/config/feeds.js';
import { loadSettings } from '../../src/config/settings.js';
import { ConfigError } from '../../src/config/yaml-source.js';

const repoRoot = join(import.meta.dirname, '..', '..');

function configDir(yaml: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsmon-feeds-'));
  if (yaml !== null) writeFileSync(feedsFilePath(dir), yaml);
  return dir;
}

function loadError(yaml: string): ConfigError {
  try {
    loadFeeds(configDir(yaml));
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadFeeds', () => {
  it('reads the shipped config/feeds.yaml, aicnbc.com included', () => {
    const feeds = loadFeeds(join(repoRoot, 'config'));
    expect(feeds.length).toBeGreaterThanOrEqual(5);
    expect(feeds.find((f) => f.url === 'https://www.aicnbc.com/feed')).toMatchObject({ name: 'AI CNBC', intervalMs: 15 * 60_000, enabled: true, fullText: 'auto' });
    expect(feeds.some((f) => !f.enabled)).toBe(true);
    for (const f of feeds) expect(f.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('no file: no feeds', () => {
    expect(loadFeeds(configDir(null))).toEqual([]);
  });

  it('applies defaults: caller, then the file, then the feed', () => {
    const yaml = `defaults:
  interval: 1h
  max_bytes: 2MB
  full_text: never
feeds:
  - url: https://a.example/feed
  - url: https://b.example/feed
    id: bee
    name: Bee
    interval: 90s
    max_bytes: 512KiB
    full_text: always
    enabled: false
  - url: https://c.example/feed
    cron: "*/20 * * * *"
`;
    const [a, b, c] = loadFeeds(configDir(yaml), { defaultIntervalMs: 5000 });
    expect(a).toEqual({ id: feedIdFor('https://a.example/feed'), url: 'https://a.example/feed', name: null, intervalMs: 3_600_000, cron: null, enabled: true, maxBytes: 2_000_000, fullText: 'never', timezone: null });
    expect(b).toEqual({ id: 'bee', url: 'https://b.example/feed', name: 'Bee', intervalMs: 90_000, cron: null, enabled: false, maxBytes: 524_288, fullText: 'always', timezone: null });
    expect(c?.cron).toBe('*/20 * * * *');
  });

  it.each(['*/20 * * * *', '0 9 * * MON-FRI', '0 0 L * *', '0 0 * * 5#3', '30 */5 * * * *', '0 0 * * 7', '0 0 ? * *'])('accepts the cron pattern %j', (cron) => {
    expect(loadFeeds(configDir(`feeds:\n  - url: https://a.example/feed\n    cron: "${cron}"\n`))[0]?.cron).toBe(cron);
    expect(loadFeeds(configDir('feeds:\n  - url: https://a.example/feed\n'), { defaultIntervalMs: 5000 })[0]?.intervalMs).toBe(5000);
  });

  it('reads timezone per feed and from defaults, as canonical IANA names', () => {
    const yaml = `defaults:
  timezone: Europe/Berlin
feeds:
  - url: https://a.example/feed
  - url: https://b.example/feed
    timezone: asia/shanghai
  - url: https://c.example/feed
    timezone: UTC
`;
    expect(loadFeeds(configDir(yaml)).map((f) => f.timezone)).toEqual(['Europe/Berlin', 'Asia/Shanghai', 'UTC']);
    // Unset: null, so the feed's language decides when it is parsed.
    expect(loadFeeds(configDir('feeds:\n  - url: https://a.example/feed\n'))[0]?.timezone).toBeNull();
  });

  const bad: Array<[name: string, yaml: string, line: number | null, key: string | null, says: RegExp]> = [
    ['typo in a feed key', 'feeds:\n  - url: https://a.example/feed\n    intervall: 5m\n', 3, 'feeds.0.intervall', /did you mean "interval"/],
    ['typo in a top key', 'feed:\n  - url: https://a.example/feed\n', 1, 'feed', /did you mean "feeds"/],
    ['typo in defaults', 'defaults:\n  full_txt: auto\nfeeds: []\n', 2, 'defaults.full_txt', /did you mean "full_text"/],
    ['bad interval', 'feeds:\n  - url: https://a.example/feed\n  - url: https://b.example/feed\n    interval: often\n', 4, 'feeds.1.interval', /duration/],
    ['interval under a second', 'feeds:\n  - url: https://a.example/feed\n    interval: 10ms\n', 3, 'feeds.0.interval', /at least 1s/],
    ['bad URL', 'feeds:\n  - url: not a url\n', 2, 'feeds.0.url', /absolute http\(s\) URL/],
    ['non-http URL', 'feeds:\n  - url: ftp://a.example/feed\n', 2, 'feeds.0.url', /absolute http\(s\) URL/],
    ['missing URL', 'feeds:\n  - name: Nameless\n', 2, 'feeds.0', /needs a "url"/],
    ['duplicate URL (www, scheme, slash)', 'feeds:\n  - url: https://a.example/feed\n  - url: http://www.a.example/feed/\n', 3, 'feeds.1.url', /duplicate feed/],
    ['duplicate id', 'feeds:\n  - url: https://a.example/feed\n    id: x\n  - url: https://b.example/feed\n    id: x\n', 5, 'feeds.1.id', /duplicate feed id "x"/],
    ['id digits only', 'feeds:\n  - url: https://a.example/feed\n    id: "123"\n', 3, 'feeds.0.id', /not digits only/],
    ['id with a colon', 'feeds:\n  - url: https://a.example/feed\n    id: "a:b"\n', 3, 'feeds.0.id', /letters, digits/],
    ['bad full_text', 'feeds:\n  - url: https://a.example/feed\n    full_text: sometimes\n', 3, 'feeds.0.full_text', /auto, always, never/],
    ['bad enabled', 'feeds:\n  - url: https://a.example/feed\n    enabled: "yes"\n', 3, 'feeds.0.enabled', /true or false/],
    ['bad max_bytes', 'feeds:\n  - url: https://a.example/feed\n    max_bytes: huge\n', 3, 'feeds.0.max_bytes', /size/],
    ['bad cron', 'feeds:\n  - url: https://a.example/feed\n    cron: every day\n', 3, 'feeds.0.cron', /cron pattern/],
    ['cron minute out of range', 'feeds:\n  - url: https://a.example/feed\n    cron: "99 * * * *"\n', 3, 'feeds.0.cron', /minute field "99": .*0-59/],
    ['cron hour out of range', 'feeds:\n  - url: https://a.example/feed\n  - url: https://b.example/feed\n    cron: "0 24 * * *"\n', 4, 'feeds.1.cron', /hour field "24": .*0-23/],
    ['cron seconds out of range', 'feeds:\n  - url: https://a.example/feed\n    cron: "60 0 * * * *"\n', 3, 'feeds.0.cron', /second field "60"/],
    ['cron step of zero', 'feeds:\n  - url: https://a.example/feed\n    cron: "*/0 * * * *"\n', 3, 'feeds.0.cron', /minute field "\*\/0"/],
    ['cron reversed range', 'feeds:\n  - url: https://a.example/feed\n    cron: "0 0 * * 5-1"\n', 3, 'feeds.0.cron', /day of week field "5-1"/],
    ['cron month 13', 'feeds:\n  - url: https://a.example/feed\n    cron: "0 0 1 13 *"\n', 3, 'feeds.0.cron', /month field "13": .*1-12/],
    ['cron that never fires (31 February)', 'feeds:\n  - url: https://a.example/feed\n    cron: "0 0 31 2 *"\n', 3, 'feeds.0.cron', /never match/],
    ['cron with 4 fields', 'feeds:\n  - url: https://a.example/feed\n    cron: "0 0 * *"\n', 3, 'feeds.0.cron', /5 or 6 fields/],
    ['name with a newline', 'feeds:\n  - url: https://a.example/feed\n    name: "Evil\\n* fake digest line"\n', 3, 'feeds.0.name', /control characters/],
    ['name with an escape sequence', 'feeds:\n  - url: https://a.example/feed\n    name: "Red\\e[31m"\n', 3, 'feeds.0.name', /control characters/],
    ['interval and cron', 'feeds:\n  - url: https://a.example/feed\n    interval: 5m\n    cron: "* * * * *"\n', 4, 'feeds.0.cron', /not both/],
    ['feeds not a list', 'feeds:\n  url: https://a.example/feed\n', 1, 'feeds', /list of feeds/],
    ['feed not a mapping', 'feeds:\n  - https://a.example/feed\n', 2, 'feeds.0', /mapping/],
    ['invalid YAML', 'feeds:\n  - url: [unclosed\n', null, null, /invalid YAML/],
    ['unknown time zone', 'feeds:\n  - url: https://a.example/feed\n    timezone: Asia/Beijing\n', 3, 'feeds.0.timezone', /IANA time zone name like "Asia\/Shanghai"/],
    ['offset instead of a zone', 'feeds:\n  - url: https://a.example/feed\n    timezone: "+08:00"\n', 3, 'feeds.0.timezone', /IANA time zone/],
    ['abbreviation instead of a zone', 'feeds:\n  - url: https://a.example/feed\n    timezone: CST\n', 3, 'feeds.0.timezone', /IANA time zone/],
    ['time zone not a string', 'feeds:\n  - url: https://a.example/feed\n    timezone: 8\n', 3, 'feeds.0.timezone', /IANA time zone/],
    ['bad default time zone', 'defaults:\n  timezone: Mars/Olympus_Mons\nfeeds: []\n', 2, 'defaults.timezone', /IANA time zone/],
  ];
  it.each(bad)('%s: names file, line and key', (_name, yaml, line, key, says) => {
    const err = loadError(yaml);
    expect(err.file).toMatch(/feeds\.yaml$/);
    if (line !== null) expect(err.line).toBe(line);
    expect(err.key).toBe(key);
    expect(err.message).toMatch(says);
    expect(err.message).toContain('feeds.yaml');
  });
});

describe('a YAML alias bomb', () => {
  const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    .concat('bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`))
    .join('\n');
  it('in feeds.yaml is refused with a message naming the file and the line of the first alias', () => {
    const dir = configDir(`${bomb}\nfeeds: [*g]\n`);
    let err: unknown;
    try {
      loadFeeds(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toMatch(/feeds\.yaml:2: refused: .*alias/i);
  });
  it('in newsmon.yaml too', () => {
    const dir = configDir(null);
    writeFileSync(join(dir, 'newsmon.yaml'), `${bomb}\n`);
    expect(() => loadSettings({ configDir: dir }, {})).toThrow(/newsmon\.yaml:2: refused: .*alias/i);
  });
});

describe('feed ids', () => {
  it.each([
    ['same feed, other spelling', 'https://www.aicnbc.com/feed', 'http://aicnbc.com/feed/', true],
    ['fragment ignored', 'https://a.example/feed#top', 'https://a.example/feed', true],
    ['query kept', 'https://a.example/?feed=rss2', 'https://a.example/?feed=atom', false],
    ['other path', 'https://a.example/feed', 'https://a.example/rss', false],
  ])('%s', (_name, a, b, same) => {
    expect(feedIdFor(a) === feedIdFor(b)).toBe(same);
    expect(feedUrlKey(a) === feedUrlKey(b)).toBe(same);
  });

  it('are short, readable, and safe as job ids', () => {
    for (const url of ['https://www.aicnbc.com/feed', 'http://127.0.0.1:8080/rss', 'https://xn--fiqs8s.example/', 'https://1234.example/feed']) {
      const id = feedIdFor(url);
      expect(id).toMatch(/^[a-z0-9-]+-[0-9a-f]{8}$/);
      expect(id).not.toContain(':');
      expect(id).not.toMatch(/^\d+$/);
      expect(id.length).toBeLessThanOrEqual(49);
    }
    expect(feedIdFor('https://www.aicnbc.com/feed')).toMatch(/^aicnbc-com-/);
    expect(() => feedIdFor('nope')).toThrow(TypeError);
  });

  it('feedFromUrl gives defaults and refuses a bad URL', () => {
    expect(feedFromUrl('https://a.example/feed', 60_000)).toEqual({ id: feedIdFor('https://a.example/feed'), url: 'https://a.example/feed', name: null, intervalMs: 60_000, cron: null, enabled: true, maxBytes: null, fullText: 'auto', timezone: null });
    expect(() => feedFromUrl('javascript:alert(1)')).toThrow(ConfigError);
  });
});

describe('editing feeds.yaml', () => {
  const commented = `# Header comment: keep me.
defaults:
  interval: 20m # inline comment on defaults

feeds:
  # About A.
  - url: https://a.example/feed
    name: A

  # About B.
  - url: https://b.example/feed # B's inline comment

  # About C.
  - url: https://c.example/feed
    enabled: false
`;

  it('adds a feed and keeps every comment', () => {
    const dir = configDir(commented);
    const added = addFeed(dir, { url: 'https://d.example/feed', name: 'Dee', interval: '45m' });
    expect(added).toMatchObject({ url: 'https://d.example/feed', name: 'Dee', intervalMs: 45 * 60_000, id: feedIdFor('https://d.example/feed') });
    const text = readFileSync(feedsFilePath(dir), 'utf8');
    for (const c of ['# Header comment: keep me.', '# inline comment on defaults', '# About A.', '# About B.', "# B's inline comment", '# About C.']) expect(text).toContain(c);
    expect(text).toMatch(/enabled: false\n\n {2}- url: https:\/\/d\.example\/feed\n {4}name: Dee\n {4}interval: 45m\n$/);
    expect(loadFeeds(dir).map((f) => f.url)).toEqual(['https://a.example/feed', 'https://b.example/feed', 'https://c.example/feed', 'https://d.example/feed']);
  });

  it('a feed added without interval takes the file default', () => {
    const dir = configDir(commented);
    expect(addFeed(dir, { url: 'https://d.example/feed' }).intervalMs).toBe(20 * 60_000);
  });

  it('removes a feed by URL or id and keeps the other comments', () => {
    const dir = configDir(commented);
    expect(removeFeed(dir, 'http://www.b.example/feed/').url).toBe('https://b.example/feed');
    const text = readFileSync(feedsFilePath(dir), 'utf8');
    expect(text).not.toContain('b.example');
    for (const c of ['# Header comment: keep me.', '# About A.', '# About C.']) expect(text).toContain(c);
    expect(removeFeed(dir, feedIdFor('https://c.example/feed')).url).toBe('https://c.example/feed');
    expect(loadFeeds(dir).map((f) => f.url)).toEqual(['https://a.example/feed']);
  });

  const refused: Array<[name: string, entry: Parameters<typeof addFeed>[1], says: RegExp]> = [
    ['a duplicate URL', { url: 'http://www.a.example/feed/' }, /already in the feeds file/],
    ['an invalid URL', { url: 'a.example/feed' }, /not an absolute http\(s\) URL/],
    ['a bad interval', { url: 'https://d.example/feed', interval: 'hourly' }, /not a duration/],
  ];
  it.each(refused)('refuses %s and leaves the file alone', (_name, entry, says) => {
    const dir = configDir(commented);
    expect(() => addFeed(dir, entry)).toThrow(says);
    expect(readFileSync(feedsFilePath(dir), 'utf8')).toBe(commented);
  });

  it('refuses to remove an unknown feed, and to edit a broken file', () => {
    expect(() => removeFeed(configDir(commented), 'https://zzz.example/feed')).toThrow(/no feed with id or URL/);
    const broken = configDir('feeds:\n  - url: https://a.example/feed\n    intervall: 5m\n');
    expect(() => addFeed(broken, { url: 'https://d.example/feed' })).toThrow(/did you mean "interval"/);
  });

  it('creates the file when there is none, and adds in bulk skipping what is known', () => {
    const dir = configDir(null);
    const res = addFeeds(dir, [{ url: 'https://a.example/feed' }, { url: 'https://a.example/feed/' }, { url: 'mailto:x@y' }, { url: 'https://b.example/feed', name: 'B' }]);
    expect(res.added.map((f) => f.url)).toEqual(['https://a.example/feed', 'https://b.example/feed']);
    expect(res.skipped.map((s) => s.reason)).toEqual(['already in the feeds file', 'not an absolute http(s) URL']);
    const text = readFileSync(feedsFilePath(dir), 'utf8');
    expect(text).toMatch(/^# Feeds newsmon polls/);
    expect(text).toContain('- url: https://a.example/feed\n');
    expect(loadFeeds(dir)).toHaveLength(2);
  });

  it('a name with line breaks (OPML import, --name) is added as one line', () => {
    const dir = configDir(null);
    const res = addFeeds(dir, [{ url: 'https://a.example/feed', name: 'Evil\r\n* forged line\u001b[2J\u2028end' }]);
    expect(res.added[0]?.name).toBe('Evil * forged line [2J end');
    expect(loadFeeds(dir)[0]?.name).toBe('Evil * forged line [2J end');
  });
});
