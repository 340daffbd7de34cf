import type { ArticleEvent, PowerFigure } from '../../src/model.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { ArticleInput, StoredEvent } from '../../src/store/types.js';
import { addDays } from '../../src/time/zoned-day.js';
import { sampleCompanies, sampleEvents, SAMPLE_DATE, SAMPLE_FEED_NAMES } from '../fixtures/digest/sample-day/index.js';
import { tempDbPath } from '../store/make-article.js';

// The sample day (2026-11-30, Asia/Shanghai: 40 articles in 18 stories) written into a real
// SQLite file through the store's own writes, with the 13 days of per-company history
// before it as filler articles, and feeds: most with a configured name, some known only
// by the title their feed document gives (as a poll records it), two by neither.

/** Feeds whose name comes from their own feed title, not the configuration. */
export const TITLED_ONLY = new Set(['reuters', 'sina', 'dcd']);

/** One article's events → the store's input. */
export function articleInput(events: readonly StoredEvent[], over: Partial<ArticleInput> = {}): ArticleInput {
  const a = events[0]!.article;
  const text = events.map((e) => e.text).join(' ');
  const figures: PowerFigure[] = events.flatMap((e) => e.powerFigures);
  return {
    url: a.url,
    canonicalUrl: a.url,
    feedId: a.feed,
    feedItemId: `item-${a.id}`,
    title: a.title,
    author: null,
    published: a.published,
    fetchedAt: a.fetchedAt,
    lang: /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en',
    text: `${text} (${a.url})`,
    contentHash: `h${a.id}-${a.url}`.padEnd(64, 'x').slice(0, 64),
    mentions: [],
    powerFigures: figures,
    events: events.map((e): ArticleEvent => ({ sentence: e.sentence, text: e.text, entities: [...e.entities], tags: [...e.tags], powerFigures: e.powerFigures })),
    ...over,
  };
}

/** Groups events by article, in order. */
export function byArticle(events: readonly StoredEvent[]): StoredEvent[][] {
  const groups = new Map<number, StoredEvent[]>();
  for (const e of events) (groups.get(e.article.id) ?? groups.set(e.article.id, []).get(e.article.id)!).push(e);
  return [...groups.values()];
}

/** A filler article naming `entity` on a day before the sample date (local noon in Shanghai). */
function filler(entity: string, date: string, i: number): ArticleInput {
  const url = `https://history.example.com/${entity}/${date}/${i}`;
  return articleInput(
    [{ id: 0, text: `Background note ${i} on ${entity} for ${date}.`, sentence: 0, entities: [entity], tags: [], powerFigures: [], article: { id: 0, url, title: `Older ${entity} ${date} ${i}`, published: `${date}T04:00:00.000Z`, feed: null, fetchedAt: `${date}T04:00:00.000Z` } }],
    { contentHash: `fill-${entity}-${date}-${i}`.padEnd(64, 'x') },
  );
}

export function writeSampleDay(store: Store): void {
  for (const [id, name] of SAMPLE_FEED_NAMES) {
    store.upsertFeed({ id, url: `https://${id}.example.com/feed`, name: TITLED_ONLY.has(id) ? null : name });
    if (TITLED_ONLY.has(id)) store.setFeedTitle(id, name);
  }
  // One feed failing, with a token in its URL that must not reach the mail.
  store.upsertFeed({ id: 'wire-pro', url: 'https://wire.example.com/feed?token=S3CRET', name: 'Wire Pro' });
  for (const at of ['2026-11-30T01:00:00Z', '2026-11-30T02:00:00Z']) {
    store.recordFeedFetch('wire-pro', { ok: false, at, error: 'HTTP 503 Service Unavailable', errorKind: 'http_5xx', nextCheckAt: '2026-11-30T03:00:00Z' });
  }
  store.saveArticles(byArticle(sampleEvents()).map((g) => articleInput(g)));
  const history: ArticleInput[] = [];
  for (const c of sampleCompanies(addDays)) {
    for (const h of c.history) for (let i = 0; i < h.count; i++) history.push(filler(c.id, h.date, i));
  }
  store.saveArticles(history);
}

/** A fresh database file holding the sample day. */
export function sampleDayDb(): string {
  const path = tempDbPath();
  const store = openStore(path);
  try {
    writeSampleDay(store);
  } finally {
    store.close();
  }
  return path;
}

export { SAMPLE_DATE };
