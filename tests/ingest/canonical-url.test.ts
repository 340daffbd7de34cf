import { describe, expect, it } from 'vitest';
import { canonicalizeUrl } from '../../src/ingest/canonical-url.js';
import { contentHash } from '../../src/ingest/content-hash.js';

describe('canonicalizeUrl', () => {
  const cases: Array<[name: string, input: string, expected: string | null]> = [
    ['drops utm parameters', 'https://www.aicnbc.com/a/1?utm_source=rss&utm_medium=feed', 'https://aicnbc.com/a/1'],
    ['drops fbclid and keeps real params', 'https://ex.com/story?id=7&fbclid=abc', 'https://ex.com/story?id=7'],
    ['http and https are one story', 'http://ex.com/a', 'https://ex.com/a'],
    ['host case and www', 'https://WWW.Ex.COM/Path', 'https://ex.com/Path'],
    ['fragment dropped', 'https://ex.com/a#comments', 'https://ex.com/a'],
    ['query order does not matter', 'https://ex.com/a?b=2&a=1', 'https://ex.com/a?a=1&b=2'],
    ['default port dropped', 'https://ex.com:443/a', 'https://ex.com/a'],
    ['other port kept', 'http://127.0.0.1:8080/a', 'https://127.0.0.1:8080/a'],
    ['trailing slash on a path', 'https://ex.com/a/b/', 'https://ex.com/a/b'],
    ['root keeps its slash', 'https://ex.com', 'https://ex.com/'],
    ['chinese path percent-encoded', 'https://ex.cn/新闻/1', 'https://ex.cn/%E6%96%B0%E9%97%BB/1'],
    ['not http', 'mailto:a@b.c', null],
    ['garbage', 'not a url', null],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it('resolves relative links against a base', () => {
    expect(canonicalizeUrl('/a?utm_campaign=x', 'https://ex.com/feed')).toBe('https://ex.com/a');
  });
});

describe('contentHash', () => {
  it('ignores case, whitespace and punctuation', () => {
    expect(contentHash('Huawei’s Ascend 910C,  shipped.\nNvidia too')).toBe(contentHash('huawei s ascend 910c shipped nvidia too'));
  });
  it('differs when the words differ', () => {
    expect(contentHash('Huawei shipped')).not.toBe(contentHash('Nvidia shipped'));
  });
});
