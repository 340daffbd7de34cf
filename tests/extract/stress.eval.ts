import { describe, expect, it } from 'vitest';
import { extractMainContent } from '../../src/extract/main-content.js';

// Stress cases, slow by design (seconds each): `npm run eval`. The quick hostile-input
// cases stay in main-content.test.ts.

const PARA = '<p>Prose with a comma, several words, and enough length to count as a paragraph of an article.</p>\n';

describe('main text of very large pages', () => {
  it('a 20 MB page: the article is found whole, the 1,000-link menu left out', () => {
    const html = `<html><body><nav>${'<a href="/x">Section</a>'.repeat(1000)}</nav><article>${PARA.repeat(Math.ceil(20e6 / PARA.length))}</article></body></html>`;
    const got = extractMainContent(html);
    expect(got.text.startsWith('Prose with a comma')).toBe(true);
    expect(got.text.split('\n')).toHaveLength(Math.ceil(20e6 / PARA.length));
    expect(got.text).not.toContain('Section');
  });
});
