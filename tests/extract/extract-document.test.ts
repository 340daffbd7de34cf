import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractDocument, mainContentOf, type TextAnalyzer } from '../../src/extract/extract-document.js';

const fixtures = resolve(import.meta.dirname, '..', 'fixtures', 'extract');

/** Records what it was asked, so the test sees what extraction hands to the analysis stage. */
function recordingAnalyzer(): TextAnalyzer & { calls: { text: string; lang: string | undefined }[] } {
  const calls: { text: string; lang: string | undefined }[] = [];
  return {
    calls,
    analyze(text, opts) {
      calls.push({ text, lang: opts?.lang });
      return { mentions: [], powerFigures: [], events: [] };
    },
  };
}

describe('extractDocument', () => {
  it('decodes a GBK page by its meta charset', () => {
    const source = readFileSync(join(fixtures, 'zh-news.gbk-source.html'), 'utf8');
    const bytes = iconv.encode(source, 'gbk');
    expect(bytes.includes(Buffer.from('华为', 'utf8'))).toBe(false); // really not UTF-8
    const analyzer = recordingAnalyzer();
    const got = extractDocument({ bytes }, analyzer);
    expect(got.title).toBe('国产算力芯片企业密集冲刺上市');
    expect(got.lang).toBe('zh');
    expect(got.text).toContain('华为昇腾和寒武纪的出货量明显增长');
    expect(got.text).not.toContain('相关新闻');
    expect(got.text).not.toContain('英伟达发布新一代Blackwell芯片');
    expect(analyzer.calls).toEqual([{ text: got.text, lang: 'zh' }]);
  });

  it('prefers the Content-Type charset over the page', () => {
    const bytes = iconv.encode('<html><head><meta charset="utf-8"></head><body><p>Ünïcödé façade, naïve café, enough text here to count.</p></body></html>', 'latin1');
    expect(mainContentOf({ bytes, contentType: 'text/html; charset=ISO-8859-1' }).text).toBe('Ünïcödé façade, naïve café, enough text here to count.');
  });

  it.each([
    { name: 'paragraph per line, blank lines dropped', input: 'First line.\n\n  Second   line,\twith tabs.\r\nThird.', text: 'First line.\nSecond line, with tabs.\nThird.', lang: 'en' },
    { name: 'Chinese text', input: '华为发布新一代昇腾芯片。\n寒武纪营收增长。', text: '华为发布新一代昇腾芯片。\n寒武纪营收增长。', lang: 'zh' },
    { name: 'empty', input: '', text: '', lang: 'und' },
    { name: 'markup is not parsed', input: '<p>kept as is</p>', text: '<p>kept as is</p>', lang: 'en' },
  ])('--text: $name', ({ input, text, lang }) => {
    const got = mainContentOf({ bytes: Buffer.from(input, 'utf8'), kind: 'text' });
    expect(got).toEqual({ title: '', text, lang, published: null, author: null, canonicalUrl: null });
  });

  it('resolves a relative canonical link against the given URL', () => {
    const bytes = Buffer.from('<html><head><link rel="canonical" href="/a/1?x=2"></head><body></body></html>');
    expect(mainContentOf({ bytes, url: 'https://example.com/feed/item' }).canonicalUrl).toBe('https://example.com/a/1?x=2');
    expect(mainContentOf({ bytes }).canonicalUrl).toBeNull();
  });
});
