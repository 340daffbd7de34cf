import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeHtml, escapeText } from '../../src/text/html-escape.js';

const sample = `<a href="x">'&'</a>`;

describe('HTML escaping', () => {
  it('escapeHtml escapes the five HTML specials', () => {
    expect(escapeHtml(sample)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
  it('escapeText leaves quotes literal, as serializers write text content', () => {
    expect(escapeText(sample)).toBe(`&lt;a href="x"&gt;'&amp;'&lt;/a&gt;`);
  });
  it('escapeAttribute escapes the double quote that would end the value', () => {
    expect(escapeAttribute(sample)).toBe(`&lt;a href=&quot;x&quot;&gt;'&amp;'&lt;/a&gt;`);
  });
  it('leaves plain text alone', () => {
    expect(escapeHtml('华为 Ascend 910C')).toBe('华为 Ascend 910C');
  });
});
