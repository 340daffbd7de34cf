import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS_LIMITS } from '../../src/analyze/analyzer.js';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import { extractDocument } from '../../src/extract/extract-document.js';
import { readArticle } from '../../src/ingest/extract-article.js';
import { repeatedEventPage } from './cases.js';

// Issue 11 item 6: one 2.5 MB page of "Huawei said 5 GW." stored 120,000 events (38 MB).
// 200 KB of it here (11,112 sentences, over every cap): sentence splitting costs ~0.4 ms
// a sentence, so the full page is the bench's (bench/hostile.bench.js).

const config = join(resolve(import.meta.dirname, '..', '..'), 'config');
const analyzer = loadAnalyzer(config);

describe('caps per article', () => {
  it('a 200 KB page of one event sentence keeps the first events, mentions and figures, and says it was cut', () => {
    const doc = extractDocument({ bytes: Buffer.from(repeatedEventPage(200_000)), url: 'http://site.test/a' }, analyzer);
    const { maxEvents, maxMentions, maxPowerFigures } = DEFAULT_ANALYSIS_LIMITS;
    expect(doc.events).toHaveLength(maxEvents);
    expect(doc.mentions.length).toBeLessThanOrEqual(maxMentions);
    expect(doc.powerFigures).toHaveLength(maxPowerFigures);
    expect(doc.events[0]).toMatchObject({ sentence: 0, text: 'Huawei said 5 GW.', entities: ['huawei'] });
    expect(doc.events.map((e) => e.sentence)).toEqual([...Array(maxEvents).keys()]);
    const n = Math.ceil(200_000 / 'Huawei said 5 GW. '.length);
    expect(doc.truncated).toEqual({ mentions: n, powerFigures: n, events: maxMentions });
    expect(JSON.stringify([doc.events, doc.mentions, doc.powerFigures]).length).toBeLessThan(1_500_000);
  });

  it('the caps are settable, and an article under them is not marked', () => {
    const small = loadAnalyzer(config, { maxMentions: 3, maxPowerFigures: 2, maxEvents: 2 });
    const text = 'Huawei said 5 GW. Nvidia said 6 GW. Huawei said 7 GW. Biren said nothing.';
    const r = small.analyze(text);
    expect(r.events.map((e) => e.text)).toEqual(['Huawei said 5 GW.', 'Nvidia said 6 GW.']);
    expect(r.mentions.map((m) => m.entity)).toEqual(['huawei', 'nvidia', 'huawei']);
    expect(r.truncated).toEqual({ mentions: 4, powerFigures: 3, events: 3 });
    expect(analyzer.analyze(text).truncated).toBeUndefined();
  });

  it('an article cut at the caps says so in what the drivers get (ingest counts it, the extract job records it)', () => {
    const job = { feedId: 'f', itemId: 'i', url: 'http://site.test/a', canonicalUrl: 'http://site.test/a', title: null, published: null, author: null, feedContent: null, summary: null };
    const page = { bytes: Buffer.from(repeatedEventPage(200_000)), contentType: 'text/html', url: job.url };
    const article = readArticle(job, page, analyzer, '2025-06-01T00:00:00Z');
    expect(article.events).toHaveLength(DEFAULT_ANALYSIS_LIMITS.maxEvents);
    expect(article.analysisTruncated).toMatchObject({ events: DEFAULT_ANALYSIS_LIMITS.maxMentions });
  });
});
