import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addFeed, feedsFilePath, loadFeeds } from '../../src/config/feeds.js';
import { selectorProblem, siteRulesFromFlags } from '../../src/config/site-rules.js';
import { ConfigError } from '../../src/config/yaml-source.js';

// feeds.yaml `content` and `remove`: read, checked by cheerio at load, and every mistake a
// ConfigError that names file, line, key and what was expected.

function configDir(yaml: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsmon-rules-'));
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

describe('site rules in feeds.yaml', () => {
  it('reads content and a remove list; a feed without rules has none', () => {
    const feeds = loadFeeds(configDir(`feeds:
  - url: https://plain.example/feed
  - url: https://wire.example/feed
    content: "article .entry-content .rich-text"
    remove:
      - .ad-wrapper
      - ".inline-related, .newsletter-signup"
  - url: https://portal.example/rss
    remove: .show_author
`));
    expect(feeds[0]).not.toHaveProperty('siteRules');
    expect(feeds[1]?.siteRules).toEqual({ content: 'article .entry-content .rich-text', remove: ['.ad-wrapper', '.inline-related, .newsletter-signup'] });
    expect(feeds[2]?.siteRules).toEqual({ content: null, remove: ['.show_author'] });
  });

  const bad: Array<{ name: string; yaml: string; line: number; key: string; expected: RegExp }> = [
    {
      name: 'a content selector cheerio cannot read',
      yaml: 'feeds:\n  - url: https://a.example/feed\n  - url: https://b.example/feed\n    content: "div.body["\n',
      line: 4,
      key: 'feeds.1.content',
      expected: /expected a CSS selector cheerio can read, got "div\.body\["/,
    },
    {
      name: 'the second remove selector, unreadable',
      yaml: 'feeds:\n  - url: https://a.example/feed\n    remove:\n      - .share\n      - "p:nth-child(odd-ish)"\n',
      line: 5,
      key: 'feeds.0.remove.1',
      expected: /expected a CSS selector cheerio can read, got "p:nth-child\(odd-ish\)"/,
    },
    {
      name: 'a pseudo-element, which selects nothing in a document',
      yaml: 'feeds:\n  - url: https://a.example/feed\n    content: "p::first-line"\n',
      line: 3,
      key: 'feeds.0.content',
      expected: /Pseudo-elements are not supported/,
    },
    {
      name: 'an empty content selector',
      yaml: 'feeds:\n  - url: https://a.example/feed\n    content: ""\n',
      line: 3,
      key: 'feeds.0.content',
      expected: /expected a CSS selector \(a non-empty string\)/,
    },
    {
      name: 'remove as a mapping',
      yaml: 'feeds:\n  - url: https://a.example/feed\n    remove:\n      ads: .ad\n',
      line: 3,
      key: 'feeds.0.remove',
      expected: /expected a list of CSS selectors/,
    },
    {
      name: 'a number in the remove list',
      yaml: 'feeds:\n  - url: https://a.example/feed\n    remove: [".ad", 42]\n',
      line: 3,
      key: 'feeds.0.remove.1',
      expected: /expected a CSS selector \(a non-empty string\), got 42/,
    },
    {
      name: 'a misspelt key',
      yaml: 'feeds:\n  - url: https://a.example/feed\n    contnet: .body\n',
      line: 3,
      key: 'feeds.0.contnet',
      expected: /unknown key \(did you mean "content"\?\)/,
    },
  ];

  it.each(bad)('$name: file, line, key and what was expected', ({ yaml, line, key, expected }) => {
    const err = loadError(yaml);
    expect(err.file).toMatch(/feeds\.yaml$/);
    expect(err.line).toBe(line);
    expect(err.key).toBe(key);
    expect(err.expected).toMatch(expected);
    expect(err.message).toContain(`feeds.yaml:${line}: ${key}: `);
  });
});

describe('selectors from flags', () => {
  it('accepts what cheerio reads, jQuery extensions included', () => {
    for (const s of ['.a .b > p', '#artibody', 'p:contains(华为)', 'article p:not(.x)', 'li:first', 'div:has(> p)']) expect(selectorProblem(s)).toBeNull();
  });

  it('names the flag of a bad selector', () => {
    expect(() => siteRulesFromFlags('div[', undefined)).toThrow(/^--content: expected a CSS selector/);
    expect(() => siteRulesFromFlags(undefined, ['.ok', '}'])).toThrow(/^--remove: expected a CSS selector cheerio can read, got "}"/);
    expect(siteRulesFromFlags(undefined, undefined)).toBeNull();
    expect(siteRulesFromFlags('.body', undefined)).toEqual({ content: '.body', remove: [] });
  });
});

describe('feeds add with site rules', () => {
  it('writes content and remove, keeps the comments, and reads them back', () => {
    const dir = configDir('# my feeds\nfeeds:\n  - url: https://a.example/feed # keep me\n');
    const feed = addFeed(dir, { url: 'https://wire.example/feed', siteRules: { content: '.rich-text', remove: ['.ad-wrapper', '.share'] } });
    expect(feed.siteRules).toEqual({ content: '.rich-text', remove: ['.ad-wrapper', '.share'] });
    const text = readFileSync(feedsFilePath(dir), 'utf8');
    expect(text).toContain('# keep me');
    expect(text).toMatch(/content: \.rich-text/);
    expect(loadFeeds(dir)[1]?.siteRules).toEqual(feed.siteRules);
  });
});
