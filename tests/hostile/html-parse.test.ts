import { describe, expect, it } from 'vitest';
import { rawText } from '../../src/extract/dom.js';
import { limitDepth, parseHtml } from '../../src/extract/parse-html.js';
import { deepDivsTextareas } from './cases.js';

// Issue 11 item 2: pages that made the depth-limit fallback quadratic. The deadlines are
// ~50x what the parse takes on a loaded machine; before the fix the first took ~90 s.

function seconds(f: () => void): number {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
}

describe('hostile pages', () => {
  it('2,100 nested divs, then 80,000 textareas (1.7 MB): linear, and the text after them kept', () => {
    const html = deepDivsTextareas(2_100, 80_000);
    let text = '';
    expect(seconds(() => (text = rawText(parseHtml(html))))).toBeLessThan(15);
    expect(text).toContain('end');
  });

  it('raw-text end tags are found in any case, once each', () => {
    const html = `${'<div>'.repeat(3)}<SCRIPT>if (a<b) x()</Script><p>kept</p>${'</div>'.repeat(3)}`;
    expect(limitDepth(html, 2)).toBe('<div><div>kept</div></div>');
  });

  it('half a million "<a" with no ">" after deep nesting: linear', () => {
    const html = `<html><body>${'<div>'.repeat(2_100)}text${'<a'.repeat(500_000)}`;
    let text = '';
    expect(seconds(() => (text = rawText(parseHtml(html))))).toBeLessThan(15);
    expect(text).toContain('text');
  });
});
