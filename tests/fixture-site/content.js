// Deterministic content for the fixture site: article pages the size and shape of real
// news pages (navigation, related lists, inline scripts, footer around 8-30 article
// paragraphs), and RSS 2.0 / Atom feeds listing them. The same seed always gives the
// same bytes, so tests can assert on what the pipeline stores. Dependency-free ESM, typed
// by content.d.ts, so vitest (TS) and bench/ (plain node) both import it.

/** FNV-1a, 32-bit: a stable seed from any string. */
export function hashSeed(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough to vary test content. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
  };
}

export function escapeXml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Watch-list entities with names and products as the press writes them, in both languages.
const COMPANIES = [
  { id: 'huawei', en: 'Huawei', zh: '华为', products: [['Ascend 910C', '昇腾910C'], ['Ascend 910B', '昇腾910B']] },
  { id: 'nvidia', en: 'Nvidia', zh: '英伟达', products: [['H20', 'H20'], ['H100', 'H100'], ['B200', 'B200']] },
  { id: 'moore-threads', en: 'Moore Threads', zh: '摩尔线程', products: [['MTT S4000', 'MTT S4000']] },
  { id: 'cambricon', en: 'Cambricon', zh: '寒武纪', products: [['Siyuan 590', '思元590']] },
  { id: 'metax', en: 'MetaX', zh: '沐曦', products: [['C500', '曦云C500']] },
  { id: 'biren', en: 'Biren', zh: '壁仞科技', products: [['BR100', 'BR100']] },
  { id: 'enflame', en: 'Enflame', zh: '燧原科技', products: [['Cloudblazer T20', '云燧T20']] },
];

// Power and energy figures: [English text, Chinese text].
const CHIP_POWER = [['700 W', '700瓦'], ['400 W', '400瓦'], ['350 W', '350瓦'], ['1,000 W', '1000瓦'], ['550 watts', '550瓦']];
const SITE_POWER = [['2.5 GW', '2.5吉瓦'], ['300 MW', '30万千瓦'], ['1.2 GW', '120万千瓦'], ['150 megawatts', '15万千瓦'], ['5 GW', '500万千瓦']];
const ENERGY = [['10 billion kWh', '100亿千瓦时'], ['1.8 TWh', '18亿千瓦时'], ['600 GWh', '6亿千瓦时'], ['45 million kWh', '4500万千瓦时']];
const PLACES = [['Inner Mongolia', '内蒙古'], ['Guizhou', '贵州'], ['Ningxia', '宁夏'], ['Gansu', '甘肃'], ['Qinghai', '青海']];

const EN_MENTIONS = [
  (c, p, r) => `${c.en} said its ${p[0]} accelerator draws about ${r.pick(CHIP_POWER)[0]} under full load.`,
  (c, p) => `Engineers who tested the ${p[0]} say ${c.en} has closed much of the gap on training throughput.`,
  (c, p, r) => `Orders for the ${p[0]} rose ${r.int(10, 80)}% in the quarter, according to two people familiar with ${c.en}'s plans.`,
  (c) => `Shares of ${c.en} moved sharply after the announcement, as investors weighed the outlook for domestic AI chips.`,
  (c, p, r) => `A cluster of ${r.int(2, 64) * 1024} ${p[0]} chips would need roughly ${r.pick(SITE_POWER)[0]} of power, the company estimated.`,
];
const EN_SITES = [
  (r) => `The new data centre campus in ${r.pick(PLACES)[0]} will need ${r.pick(SITE_POWER)[0]} of generation capacity once fully built.`,
  (r) => `Analysts estimate the facility will consume ${r.pick(ENERGY)[0]} of electricity a year.`,
  (r) => `Grid operators in ${r.pick(PLACES)[0]} have approved a ${r.pick(SITE_POWER)[0]} connection for the computing hub.`,
];
const EN_FILLER = [
  'Export controls have reshaped procurement across the industry over the past two years.',
  'The ministry did not respond to a request for comment.',
  'Supply of advanced packaging capacity remains the main bottleneck, executives said.',
  'Several provinces are competing to host large computing clusters, offering cheap land and electricity.',
  'The figures could not be independently verified.',
  'Industry groups expect demand for inference chips to outpace training chips by next year.',
  'Local governments have set up funds to back domestic semiconductor start-ups.',
  'Developers say software compatibility still determines which accelerators they buy.',
];
const ZH_MENTIONS = [
  (c, p, r) => `${c.zh}表示，其${p[1]}芯片满载功耗约为${r.pick(CHIP_POWER)[1]}。`,
  (c, p) => `多位测试过${p[1]}的工程师表示，${c.zh}在训练性能上已大幅缩小差距。`,
  (c, p, r) => `据知情人士透露，${p[1]}本季度订单增长${r.int(10, 80)}%。`,
  (c) => `消息公布后，${c.zh}股价大幅波动，投资者正在评估国产AI芯片的前景。`,
];
const ZH_SITES = [
  (r) => `位于${r.pick(PLACES)[1]}的新数据中心园区全面建成后需要${r.pick(SITE_POWER)[1]}的发电装机容量。`,
  (r) => `分析人士估计，该设施每年耗电量将达${r.pick(ENERGY)[1]}。`,
];
const ZH_FILLER = [
  '过去两年，出口管制重塑了整个行业的采购格局。',
  '有关部门未回应置评请求。',
  '高管们表示，先进封装产能仍是主要瓶颈。',
  '多个省份正在争夺大型算力集群落地，并提供廉价土地和电力。',
  '上述数据无法得到独立核实。',
];

const EN_HEADLINE = [
  (c, p) => `${c.en} unveils ${p[0]} as demand for domestic AI chips grows`,
  (c) => `${c.en} expands production amid tight supply of AI accelerators`,
  (c, p) => `Inside the race to build clusters of ${c.en} ${p[0]} chips`,
  (c) => `Power demand from AI data centres tests grids as ${c.en} ramps up`,
];
const ZH_HEADLINE = [
  (c, p) => `${c.zh}发布${p[1]}，国产AI芯片需求持续升温`,
  (c) => `${c.zh}扩产，AI加速器供应依然紧张`,
  (c) => `AI数据中心用电激增，${c.zh}加快布局`,
];

function firstSentence(p, zh) {
  const end = zh ? p.indexOf('。') + 1 : p.indexOf('. ') + 1;
  return end > 0 ? p.slice(0, end) : p;
}

const BASE_DATE = Date.UTC(2025, 5, 1, 8, 0, 0);

/**
 * The facts of one generated article: title, paragraphs and what they mention.
 * @param {number} seed
 * @param {{ lang?: 'en' | 'zh', minBytes?: number, maxBytes?: number }} [opts]
 */
export function articleSpec(seed, opts = {}) {
  const r = rng(seed);
  const lang = opts.lang ?? (r.next() < 0.2 ? 'zh' : 'en');
  const zh = lang === 'zh';
  const main = r.pick(COMPANIES);
  const product = r.pick(main.products);
  const title = r.pick(zh ? ZH_HEADLINE : EN_HEADLINE)(main, product);
  const entities = new Set([main.id]);
  const figures = [];
  const paragraphs = [];
  const nPara = r.int(8, 24);
  for (let i = 0; i < nPara; i++) {
    const sentences = [];
    const nSent = r.int(2, 5);
    for (let j = 0; j < nSent; j++) {
      const roll = r.next();
      let s;
      if (roll < 0.3 || (i === 0 && j === 0)) {
        const c = i === 0 && j === 0 ? main : r.pick(COMPANIES);
        entities.add(c.id);
        s = r.pick(zh ? ZH_MENTIONS : EN_MENTIONS)(c, r.pick(c.products), r);
      } else if (roll < 0.45) {
        s = r.pick(zh ? ZH_SITES : EN_SITES)(r);
      } else {
        s = r.pick(zh ? ZH_FILLER : EN_FILLER);
      }
      for (const list of [CHIP_POWER, SITE_POWER, ENERGY]) {
        for (const f of list) if (s.includes(f[zh ? 1 : 0])) figures.push(f[zh ? 1 : 0]);
      }
      sentences.push(s);
    }
    paragraphs.push(sentences.join(zh ? '' : ' '));
  }
  const minBytes = opts.minBytes ?? 50_000;
  const maxBytes = opts.maxBytes ?? 150_000;
  return {
    seed,
    lang,
    title,
    author: zh ? r.pick(['李明', '王芳', '张伟']) : r.pick(['Jane Chen', 'Wei Zhang', 'Laura Smith', 'Tom Becker']),
    published: new Date(BASE_DATE - r.int(0, 30 * 24 * 60) * 60_000).toISOString(),
    summary: firstSentence(paragraphs[0], zh),
    paragraphs,
    entities: [...entities].sort(),
    figures,
    targetBytes: r.int(minBytes, maxBytes),
  };
}

function relatedHeadline(r, zh) {
  const c = r.pick(COMPANIES);
  return r.pick(zh ? ZH_HEADLINE : EN_HEADLINE)(c, r.pick(c.products));
}

function navLinks(r, n, prefix) {
  const words = ['World', 'China', 'Tech', 'Markets', 'Energy', 'Semiconductors', 'Policy', 'Opinion', 'Video', 'Podcasts', 'Data', 'Asia', 'Europe', 'Autos', 'Science'];
  const out = [];
  for (let i = 0; i < n; i++) {
    const w = r.pick(words);
    out.push(`<li class="${prefix}-item"><a href="/${w.toLowerCase()}/${r.int(1, 999)}" data-track="${prefix}-${i}">${w}</a></li>`);
  }
  return out.join('\n');
}

/**
 * A whole HTML page for an article spec, padded with page furniture to spec.targetBytes.
 * @param {ReturnType<typeof articleSpec>} spec
 * @param {{ url?: string, siteName?: string, charset?: string }} [opts]
 */
export function articleHtml(spec, opts = {}) {
  const r = rng(spec.seed ^ 0x5bd1e995);
  const zh = spec.lang === 'zh';
  const site = opts.siteName ?? 'Fixture News';
  const url = opts.url ?? `https://news.example/${spec.seed}.html`;
  const charset = opts.charset ?? 'utf-8';
  const head = `<!DOCTYPE html>
<html lang="${zh ? 'zh-CN' : 'en'}">
<head>
<meta charset="${charset}">
<title>${escapeXml(spec.title)} | ${site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${escapeXml(spec.summary)}">
<meta property="og:title" content="${escapeXml(spec.title)}">
<meta property="og:type" content="article">
<meta property="og:url" content="${escapeXml(url)}">
<meta property="article:published_time" content="${spec.published}">
<meta name="author" content="${escapeXml(spec.author)}">
<link rel="canonical" href="${escapeXml(url)}">
<link rel="stylesheet" href="/static/css/main.${(spec.seed % 9973).toString(16)}.css">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":${JSON.stringify(spec.title)},"datePublished":"${spec.published}","author":{"@type":"Person","name":${JSON.stringify(spec.author)}}}</script>
<style>.nav-item{display:inline-block;margin:0 8px}.related li{margin:4px 0}.footer-col{float:left;width:20%}</style>
</head>
<body class="article-page">
<header class="site-header"><a class="logo" href="/">${site}</a>
<nav class="main-nav"><ul>
${navLinks(r, r.int(25, 45), 'nav')}
</ul></nav>
<div class="ticker">${Array.from({ length: 8 }, () => `<span class="tick">${escapeXml(relatedHeadline(r, zh))}</span>`).join(' ')}</div>
</header>
<div class="ad-slot" id="ad-top" data-ad-unit="top-${spec.seed % 97}"></div>
<main>
<article class="story">
<h1 class="headline">${escapeXml(spec.title)}</h1>
<div class="byline">${zh ? '作者' : 'By'} <span class="author">${escapeXml(spec.author)}</span> <time datetime="${spec.published}">${spec.published.slice(0, 10)}</time></div>
<div class="story-body">
${spec.paragraphs.map((p, i) => (i === 3 ? `<div class="inline-promo"><a href="/newsletter">${zh ? '订阅我们的通讯' : 'Sign up for our newsletter'}</a></div>\n` : '') + `<p>${escapeXml(p)}</p>`).join('\n')}
</div>
</article>
<aside class="related"><h2>${zh ? '相关新闻' : 'Related news'}</h2><ul>
`;
  const tail = `
<footer class="site-footer">
${Array.from({ length: 5 }, (_, i) => `<div class="footer-col"><h3>Section ${i + 1}</h3><ul>${navLinks(r, 16, 'footer')}</ul></div>`).join('\n')}
<p class="copyright">&copy; 2025 ${site}. All rights reserved.</p>
</footer>
</body>
</html>
`;
  const parts = [head];
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail) + 80;
  // Related-news items, then an inline state blob: the furniture real pages carry.
  const nRelated = r.int(20, 40);
  for (let i = 0; i < nRelated && size < spec.targetBytes; i++) {
    const li = `<li><a href="/news/${r.int(100000, 999999)}.html">${escapeXml(relatedHeadline(r, zh))}</a> <span class="time">${r.int(1, 59)} min ago</span></li>\n`;
    parts.push(li);
    size += Buffer.byteLength(li);
  }
  parts.push('</ul></aside>\n</main>\n<script>window.__INITIAL_STATE__={"articles":[');
  let first = true;
  while (size < spec.targetBytes - 40) {
    const entry = `${first ? '' : ','}{"id":${r.int(1, 9999999)},"headline":${JSON.stringify(relatedHeadline(r, zh))},"views":${r.int(0, 99999)},"section":"tech"}`;
    first = false;
    parts.push(entry);
    size += Buffer.byteLength(entry);
  }
  parts.push(']};</script>');
  parts.push(tail);
  return parts.join('');
}

function rfc822(iso) {
  return new Date(iso).toUTCString().replace('GMT', '+0000');
}

/**
 * RSS 2.0 for a list of items.
 * @param {{ title: string, link: string, description?: string, ttlMinutes?: number, encoding?: string,
 *   items: Array<{ title: string, link: string, guid?: string, published: string, summary?: string, author?: string }> }} feed
 */
export function rssXml(feed) {
  const items = feed.items
    .map(
      (it) => `  <item>
    <title>${escapeXml(it.title)}</title>
    <link>${escapeXml(it.link)}</link>
    <guid isPermaLink="${it.guid ? 'false' : 'true'}">${escapeXml(it.guid ?? it.link)}</guid>
    <pubDate>${rfc822(it.published)}</pubDate>${it.author ? `\n    <author>${escapeXml(it.author)}</author>` : ''}
    <description>${escapeXml(it.summary ?? '')}</description>
  </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="${feed.encoding ?? 'UTF-8'}"?>
<rss version="2.0">
<channel>
  <title>${escapeXml(feed.title)}</title>
  <link>${escapeXml(feed.link)}</link>
  <description>${escapeXml(feed.description ?? feed.title)}</description>${feed.ttlMinutes ? `\n  <ttl>${feed.ttlMinutes}</ttl>` : ''}
${items}
</channel>
</rss>
`;
}

/**
 * Atom 1.0 for a list of entries; `base` sets xml:base so relative hrefs resolve against it.
 * @param {{ title: string, link: string, id?: string, base?: string,
 *   items: Array<{ title: string, link: string, guid?: string, published: string, summary?: string, author?: string }> }} feed
 */
export function atomXml(feed) {
  const updated = feed.items.reduce((m, it) => (it.published > m ? it.published : m), '1970-01-01T00:00:00.000Z');
  const entries = feed.items
    .map(
      (it) => `  <entry>
    <title>${escapeXml(it.title)}</title>
    <link rel="alternate" href="${escapeXml(it.link)}"/>
    <id>${escapeXml(it.guid ?? it.link)}</id>
    <published>${it.published}</published>
    <updated>${it.published}</updated>${it.author ? `\n    <author><name>${escapeXml(it.author)}</name></author>` : ''}
    <summary>${escapeXml(it.summary ?? '')}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"${feed.base ? ` xml:base="${escapeXml(feed.base)}"` : ''}>
  <title>${escapeXml(feed.title)}</title>
  <link rel="alternate" href="${escapeXml(feed.link)}"/>
  <id>${escapeXml(feed.id ?? feed.link)}</id>
  <updated>${updated}</updated>
${entries}
</feed>
`;
}
