import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, normalizeCharset } from '../../src/text/charset.js';

// Decoding without the network (tests/fetch/http-client.test.ts covers bytes as served).
const gbk = (s: string): Uint8Array => iconv.encode(s, 'gbk');
const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');

describe('decodeBytes', () => {
  it.each([
    { name: 'UTF-8 BOM wins over a wrong header', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('<p>华为</p>')]), contentType: 'text/html; charset=gbk', kind: 'html' as const, source: 'bom', text: '华为' },
    { name: 'HTTP charset', bytes: gbk('<p>华为昇腾</p>'), contentType: 'text/html; charset=GBK', kind: 'html' as const, source: 'header', text: '华为昇腾' },
    { name: 'XML declaration', bytes: gbk('<?xml version="1.0" encoding="gb2312"?><rss><title>寒武纪</title></rss>'), contentType: null, kind: 'xml' as const, source: 'xml-declaration', text: '寒武纪' },
    { name: 'meta charset', bytes: gbk('<html><head><meta charset="gbk"></head><body>摩尔线程</body></html>'), contentType: 'text/html', kind: 'html' as const, source: 'meta', text: '摩尔线程' },
    { name: 'plain UTF-8', bytes: utf8('<p>Nvidia</p>'), contentType: null, kind: 'html' as const, source: 'default', text: 'Nvidia' },
  ])('$name', ({ bytes, contentType, kind, source, text }) => {
    const got = decodeBytes(bytes, { contentType, kind });
    expect(got.source).toBe(source);
    expect(got.text).toContain(text);
    expect(got.text).not.toContain('\uFFFD');
  });

  it('declared UTF-8 with broken bytes: each bad sequence one U+FFFD, nothing else lost (as iconv-lite and browsers decode it)', () => {
    const bytes = Buffer.concat([utf8('<meta charset="utf-8"><p>华为 '), Buffer.from([0xe5, 0x8d]), utf8(' Ascend '), Buffer.from([0xff]), utf8(' 昇腾</p>')]);
    for (const contentType of ['text/html; charset=utf-8', null]) {
      const got = decodeBytes(bytes, { contentType, kind: 'html' });
      expect(got.text).toBe(iconv.decode(Buffer.from(bytes), 'utf-8'));
      expect(got.text).toContain('华为 \uFFFD Ascend \uFFFD 昇腾');
    }
  });

  it.each([
    ['GBK', 'gb18030'], ['x-gbk', 'gb18030'], ['ISO-8859-1', 'windows-1252'], ['utf8', 'utf-8'], ['no-such-charset', null],
  ])('normalizeCharset(%j) = %j', (label, want) => {
    expect(normalizeCharset(label)).toBe(want);
  });
});
