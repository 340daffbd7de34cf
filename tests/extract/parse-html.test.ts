import { describe, expect, it } from 'vitest';
import { limitDepth, parseHtml, stripNonContent } from '../../src/extract/parse-html.js';
import { rawText } from '../../src/extract/dom.js';

describe('stripNonContent', () => {
  it.each([
    { name: 'script and style go', html: '<p>a</p><script>if (a < b) x("</p>")</script><style>p{}</style><p>b</p>', want: '<p>a</p><p>b</p>' },
    { name: 'JSON-LD stays', html: '<script type="application/ld+json">{"a":1}</script><p>x</p>', want: '<script type="application/ld+json">{"a":1}</script><p>x</p>' },
    { name: 'comments go', html: '<p>a<!-- <script>not a script</script> --></p>', want: '<p>a</p>' },
    { name: 'upper-case tags', html: '<SCRIPT>x</SCRIPT><p>a</p>', want: '<p>a</p>' },
    { name: 'a tag that only starts like one', html: '<scripts>x</scripts>', want: '<scripts>x</scripts>' },
    { name: 'unclosed script keeps the rest', html: '<p>a</p><script>var s = "', want: '<p>a</p><script>var s = "' },
    { name: 'nothing to strip', html: '<p>plain</p>', want: '<p>plain</p>' },
    { name: 'nav and footer go', html: '<nav><a>Home</a></nav><p>body text that is long enough</p><footer>(c) Site</footer>', want: '<p>body text that is long enough</p>' },
    { name: 'nested nav goes whole', html: '<nav class=a><nav><a>x</a></nav><a>y</a></NAV><p>body text that is long enough here, longer than the menu</p>', want: '<p>body text that is long enough here, longer than the menu</p>' },
    { name: 'a nav spanning most of the page stays', html: '<nav><p>The whole article is inside the nav element.</p></nav><p>x</p>', want: '<nav><p>The whole article is inside the nav element.</p></nav><p>x</p>' },
    { name: '<navbar> is another tag', html: '<navbar>menu</navbar><p>x</p>', want: '<navbar>menu</navbar><p>x</p>' },
    { name: 'unclosed nav stays', html: '<p>body text</p><nav><a>x</a>', want: '<p>body text</p><nav><a>x</a>' },
  ])('$name', ({ html, want }) => {
    expect(stripNonContent(html)).toBe(want);
  });
});

describe('depth limit', () => {
  it('removes tags beyond the limit and their end tags, keeping the text', () => {
    expect(limitDepth('<div><div><div>x</div></div></div><p>y</p>', 2)).toBe('<div><div>x</div></div><p>y</p>');
  });

  it('parses 100k nested elements into a tree no deeper than the cap', () => {
    const doc = parseHtml(`${'<div>'.repeat(100_000)}deep text${'</div>'.repeat(100_000)}<p>after</p>`);
    expect(rawText(doc)).toContain('deep text');
    expect(rawText(doc)).toContain('after');
    let depth = 0;
    let node = doc.children[0];
    while (node && 'children' in node && node.children.length > 0) {
      depth++;
      node = node.children[0];
    }
    expect(depth).toBeLessThanOrEqual(2048);
  }, 60_000);
});
