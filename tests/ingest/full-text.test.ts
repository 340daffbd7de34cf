import { describe, expect, it } from 'vitest';
import { fragmentText, isFullText } from '../../src/ingest/full-text.js';

const para = '<p>Huawei said its Ascend 910C cluster draws 2.5 GW at full load, and Nvidia disagreed.</p>';

describe('isFullText', () => {
  const cases: Array<[string, string | null, boolean]> = [
    ['no content', null, false],
    ['short summary', '<p>Huawei unveils a new chip.</p>', false],
    ['long article body', para.repeat(25), true],
    ['long but truncated with an ellipsis', `${para.repeat(25)}<p>And then…</p>`, false],
    ['long but ends with read more', `${para.repeat(25)}<a href="/x">Read more</a>`, false],
    ['long Chinese body ending in 阅读全文', `${'<p>华为昇腾910C芯片的功耗为700瓦。</p>'.repeat(120)}阅读全文`, false],
  ];
  it.each(cases)('%s', (_name, html, expected) => expect(isFullText(html)).toBe(expected));
});

describe('fragmentText', () => {
  it('drops tags, scripts and decodes entities', () => {
    expect(fragmentText('<p>A &amp; B</p><script>x()</script><p>C&eacute;</p>')).toBe('A & B Cé');
  });
});
