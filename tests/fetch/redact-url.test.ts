import { describe, expect, it } from 'vitest';
import { redactUrl, redactUrlsIn } from '../../src/text/redact-url.js';

describe('redactUrl', () => {
  it.each([
    ['user and password', 'https://alice:s3cret@feeds.example.com/rss', 'https://***@feeds.example.com/rss'],
    ['user only', 'https://alice@feeds.example.com/rss', 'https://***@feeds.example.com/rss'],
    ['password with an @ in it', 'https://alice:p@ss@feeds.example.com/rss?x=1', 'https://***@feeds.example.com/rss?x=1'],
    ['token param', 'https://e.com/feed?token=abc123&format=rss', 'https://e.com/feed?token=***&format=rss'],
    ['api_key param, other case', 'https://e.com/feed?API_KEY=abc', 'https://e.com/feed?API_KEY=***'],
    ['access-token, encoded name', 'https://e.com/f?access%5Ftoken=abc', 'https://e.com/f?access%5Ftoken=***'],
    ['suffix match: feed_token', 'https://e.com/f?private_feed_token=abc', 'https://e.com/f?private_feed_token=***'],
    ['signed S3 URL', 'https://b.s3.amazonaws.com/f.xml?X-Amz-Credential=AK%2F1&X-Amz-Signature=deadbeef&X-Amz-Date=20250101', 'https://b.s3.amazonaws.com/f.xml?X-Amz-Credential=***&X-Amz-Signature=***&X-Amz-Date=20250101'],
    ['JWT under any name', 'https://e.com/f?u=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', 'https://e.com/f?u=***'],
    ['long hex key under any name', 'https://e.com/f?k2=0123456789abcdef0123456789abcdef', 'https://e.com/f?k2=***'],
    ['ordinary params kept', 'https://e.com/?feed=rss2&cat=12&lang=zh-CN', 'https://e.com/?feed=rss2&cat=12&lang=zh-CN'],
    ['nothing to hide', 'http://127.0.0.1:8080/feeds/rss.xml', 'http://127.0.0.1:8080/feeds/rss.xml'],
    ['fragment kept', 'https://e.com/f?token=x#top', 'https://e.com/f?token=***#top'],
    ['not a URL', 'feeds.example.com/rss', 'feeds.example.com/rss'],
  ])('%s', (_name, url, shown) => expect(redactUrl(url)).toBe(shown));
});

describe('redactUrlsIn', () => {
  it('redacts every URL in a message and leaves the words', () => {
    expect(redactUrlsIn('HTTP 500 from https://a:b@e.com/rss?token=t (redirect from "http://x:y@o.com/")')).toBe(
      'HTTP 500 from https://***@e.com/rss?token=*** (redirect from "http://***@o.com/")',
    );
    expect(redactUrlsIn('no url here')).toBe('no url here');
  });
});
