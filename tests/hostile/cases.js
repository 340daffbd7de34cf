// Hostile documents from issue 11, shared by tests/hostile/ and bench/hostile.bench.js.
// Each builder takes a scale so the quadratic baselines can be shown at sizes that finish.

/** An RSS feed whose first item's description nests `depth` elements (issue 11 item 1); its items link to `base`/a/1 and /a/2. */
export function deepFeed(depth, base = 'http://feed.test') {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>deep</title><link>${base}/</link>` +
    `<item><title>deep item</title><link>${base}/a/1</link><description>${'<b>'.repeat(depth)}deep text${'</b>'.repeat(depth)}</description></item>` +
    `<item><title>next</title><link>${base}/a/2</link></item></channel></rss>`;
}

/** Deep nesting, then end tags that close nothing: each one made htmlparser2 scan its stack. */
export function strayEndTags(depth, strays) {
  return `<rss version="2.0"><channel><title>stray</title><item><title>t</title><link>http://feed.test/a/1</link><description>` +
    `${'<b>'.repeat(depth)}${'</zz>'.repeat(strays)}${'</b>'.repeat(depth)}</description></item></channel></rss>`;
}

/** `items` minimal items (issue 11: a million-item feed). */
export function manyItemsFeed(items) {
  const parts = ['<rss version="2.0"><channel><title>many</title><link>http://feed.test/</link>'];
  for (let i = 0; i < items; i++) parts.push(`<item><link>http://feed.test/a/${i}</link></item>`);
  parts.push('</channel></rss>');
  return parts.join('');
}

/** `divs` nested divs, then `textareas` empty textareas (issue 11 item 2: 2,100 and tens of thousands). */
export function deepDivsTextareas(divs, textareas) {
  return `<html><head><title>t</title></head><body>${'<div>'.repeat(divs)}${'<textarea></textarea>'.repeat(textareas)}<p>end</p></body></html>`;
}

/** One page of one repeated event sentence (issue 11 item 6: 2.5 MB of "Huawei said 5 GW."). */
export function repeatedEventPage(bytes) {
  const sentence = 'Huawei said 5 GW. ';
  return `<html><head><title>Huawei</title></head><body><article><p>${sentence.repeat(Math.ceil(bytes / sentence.length))}</p></article></body></html>`;
}

/** One item whose description is `repeats` runs of entity-laden text (~17 bytes each): CPU-heavy for its size, yet linear. */
export function entityHeavyFeed(repeats) {
  return `<rss version="2.0"><channel><title>entities</title><item><link>http://feed.test/a/1</link><description>${'a &lt; b &amp; c '.repeat(repeats)}</description></item></channel></rss>`;
}
