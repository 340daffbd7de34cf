// The ingest bench's loopback site, run in its own process so that serving (and
// generating) pages does not count against the measured ingest process.
//
//   node bench/ingest-fixture.js [--feeds 200] [--articles 20] [--seed 1] [--lazy]
//
// Prints one JSON line on stdout once listening: { "url", "feedUrls": [...], "pages", "bytes", "prebuildMs" },
// then serves until stdin closes or SIGTERM/SIGINT arrives.
//
// Pages are generated once up front and stored as static resources at their corpus paths
// (stored resources take precedence over the generated routes, and carry an ETag of their
// bytes, so conditional GETs still answer 304). The fixture generates ~400 pages/s on one
// core: generating on demand would make the site, not the ingest, the thing measured.
// --lazy keeps generation on demand (to check the prebuilt copy changes nothing).
import { parseArgs } from 'node:util';
import { articleHtml, startFixtureSite } from '../tests/fixture-site/index.js';

const { values } = parseArgs({
  options: {
    feeds: { type: 'string', default: '200' },
    articles: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    lazy: { type: 'boolean', default: false },
  },
});
const feeds = Number(values.feeds);
const articles = Number(values.articles);

const site = await startFixtureSite({ seed: Number(values.seed), corpus: { feeds, articles }, log: false });
const corpus = site.corpus;
if (!corpus) throw new Error('fixture site started without a corpus');

const t0 = performance.now();
let pages = 0;
let bytes = 0;
if (!values.lazy) {
  for (let f = 0; f < feeds; f++) {
    for (let a = 0; a < corpus.articleCount(f); a++) {
      const url = corpus.articleUrl(f, a);
      // The same call serveArticle makes, so the bytes are those the site would generate.
      const body = Buffer.from(articleHtml(corpus.spec(f, a), { url }));
      site.setResource(new URL(url).pathname, body, { 'content-type': 'text/html; charset=utf-8' });
      pages++;
      bytes += body.length;
    }
  }
}
const prebuildMs = Math.round(performance.now() - t0);

process.stdout.write(`${JSON.stringify({ url: site.url, feedUrls: corpus.feedUrls(), pages, bytes, prebuildMs })}\n`);

let closing = false;
async function stop() {
  if (closing) return;
  closing = true;
  await site.close();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
