import type Database from 'better-sqlite3';
import type { PowerFigure } from '../model.js';
import { cardEntityCounts, type ArticleCard } from './article-cards.js';
import { lowestKeyAt } from './sort-key.js';

/**
 * An article of the day with its card (article-cards.ts), as lean as ranking needs (its lists
 * may be shared with other cards: read-only): its site
 * (scheme and host of its URL: the outlet when its feed has no name) and no title or URL,
 * which articleLinks() gives for the few a mail shows. The per-event labels as JSON, read
 * only for a reader who filters.
 */
export interface DayCard extends Omit<ArticleCard, 'labels' | 'terms' | 'titleTerms'> {
  article: { id: number; site: string; published: string | null; feed: string | null };
  /** Its story, given as it was stored (the id of the story's first article; story-assigner.ts). */
  story: number;
  /** '' when not asked for. */
  labelsJson: string;
}

/** One of an article's event sentences, in sentence order. */
export interface ArticleSentence {
  sentence: number;
  text: string;
  entities: string[];
  tags: string[];
  powerFigures: PowerFigure[];
}

type CardRow = [
  id: number, site: string, published: string | null, feed: string | null,
  story: number | null, entities: string, tags: string, figures: string, labels?: string,
];

/** What a mail shows of an article beside its card. */
export interface ArticleLink {
  url: string;
  title: string;
}

// What the digest reads: one day's article cards, row by row (a busy day is not
// paged with OFFSET, nor held twice), the article counts per company in 15-minute buckets
// for its trend and spike (one grouped query; every zone's offset is a whole number of
// quarter hours, so the caller can sum buckets into any zone's local days), and the
// feeds' display names.


export interface EntityBucket {
  entity: string;
  /** Unix seconds of the bucket's start. */
  at: number;
  /** Distinct articles naming the entity in the bucket. */
  articles: number;
}

export const BUCKET_SECONDS = 900;

const NO_FIGURES: DayCard['figures'] = [];

export class DigestReads {
  private readonly cards: Database.Statement<{ lo: number; hi: number }>;
  private readonly labelledCards: Database.Statement<{ lo: number; hi: number }>;
  private readonly link: Database.Statement<[number], ArticleLink>;
  private readonly sentences: Database.Statement<[number], { sentence: number; text: string; entities: string; tags: string; figures: string }>;
  private readonly counts: Database.Statement<{ lo: number; hi: number }, EntityBucket>;
  private readonly countsByTag = new Map<string, Database.Statement>();
  private readonly names: Database.Statement<[], { id: string; name: string | null; title: string | null }>;
  private readonly setTitle: Database.Statement<[{ id: string; title: string }]>;

  constructor(private readonly db: Database.Database) {
    // The site in SQL: a busy day's 28,500 URLs and titles as strings were a third of the read (bench/digest-store.bench.js).
    const site = "CASE WHEN instr(substr(url, 9), '/') > 0 THEN substr(url, 1, instr(substr(url, 9), '/') + 7) ELSE url END";
    const columns = `article_id AS id, ${site} AS site, published, feed_id, story, entities, tags, figures`;
    this.link = db.prepare('SELECT url, title FROM article_cards WHERE article_id = ?');
    this.cards = db.prepare(`SELECT ${columns} FROM article_cards WHERE k >= @lo AND k < @hi`).raw(true);
    this.labelledCards = db.prepare(`SELECT ${columns}, labels FROM article_cards WHERE k >= @lo AND k < @hi`).raw(true);
    this.sentences = db.prepare('SELECT sentence, text, entities, tags, figures FROM events WHERE article_id = ? ORDER BY sentence');
    this.counts = db.prepare(`SELECT substr(x.key, 3) AS entity, ((x.k >> 20) / ${BUCKET_SECONDS}) * ${BUCKET_SECONDS} AS at, count(DISTINCT e.article_id) AS articles
      FROM event_keys x JOIN events e ON e.id = x.event_id
      WHERE x.key >= 'e:' AND x.key < 'e;' AND x.k >= @lo AND x.k < @hi GROUP BY entity, at`);
    this.names = db.prepare('SELECT id, name, title FROM feeds');
    this.setTitle = db.prepare('UPDATE feeds SET title = @title WHERE id = @id AND title IS NOT @title');
  }

  /** The cards of the articles dated in [since, until) (article-cards.ts), in no order; with their per-event labels when `labels`. */
  *dayCards(since: string, until: string, labels = false): Generator<DayCard> {
    // Rows as arrays, in the SELECT's column order: a busy day has tens of thousands, and
    // an object per row with a dozen named properties is most of the reading's garbage.
    const stmt = labels ? this.labelledCards : this.cards;
    // A day repeats a few hundred entity and tag lists over thousands of cards: each is
    // parsed once and shared (read-only), so the cards held for the day are that much smaller.
    const entityLists = new Map<string, DayCard['entities']>();
    const tagLists = new Map<string, string[]>();
    const sites = new Map<string, string>();
    for (const r of stmt.iterate({ lo: lowestKeyAt(since), hi: lowestKeyAt(until) }) as IterableIterator<CardRow>) {
      const [id, site, published, feed, story, entities, tags, figures, labelsJson] = r;
      let e = entityLists.get(entities);
      if (!e) entityLists.set(entities, (e = cardEntityCounts(entities)));
      let t = tagLists.get(tags);
      if (!t) tagLists.set(tags, (t = tags ? tags.split(' ') : []));
      let s = sites.get(site);
      if (s === undefined) sites.set(site, (s = site));
      yield {
        article: { id, site: s, published, feed },
        // A card written before its story was known has none: a story of its own.
        story: story ?? id,
        entities: e,
        tags: t,
        labelsJson: labelsJson ?? '',
        figures: figures ? (JSON.parse(figures) as DayCard['figures']) : NO_FIGURES,
      };
    }
  }

  /** The URL and title of each article (that has a card), for the stories a mail shows. */
  articleLinks(ids: Iterable<number>): Map<number, ArticleLink> {
    const out = new Map<number, ArticleLink>();
    for (const id of ids) {
      const l = this.link.get(id);
      if (l) out.set(id, l);
    }
    return out;
  }

  /** An article's event sentences in sentence order (for the stories a mail shows). */
  articleSentences(articleId: number): ArticleSentence[] {
    return this.sentences.all(articleId).map((r) => ({
      sentence: r.sentence,
      text: r.text,
      entities: JSON.parse(r.entities) as string[],
      tags: JSON.parse(r.tags) as string[],
      powerFigures: JSON.parse(r.figures) as PowerFigure[],
    }));
  }

  /**
   * Articles per entity per 15-minute bucket in [since, until). With `tags`, only articles
   * with an event naming the entity and carrying one of them (the entity–tag index).
   */
  entityBuckets(since: string, until: string, tags: readonly string[] | null = null): EntityBucket[] {
    const range = { lo: lowestKeyAt(since), hi: lowestKeyAt(until) };
    if (!tags) return this.counts.all(range);
    const suffixes = [...new Set(tags)].sort();
    const sql = `SELECT substr(x.key, 4, instr(x.key, char(31)) - 4) AS entity, ((x.k >> 20) / ${BUCKET_SECONDS}) * ${BUCKET_SECONDS} AS at,
        count(DISTINCT e.article_id) AS articles
      FROM event_keys x JOIN events e ON e.id = x.event_id
      WHERE x.key >= 'et:' AND x.key < 'et;' AND x.k >= @lo AND x.k < @hi
        AND substr(x.key, instr(x.key, char(31)) + 1) IN (${suffixes.map((_, i) => `@t${i}`).join(', ')})
      GROUP BY entity, at`;
    let stmt = this.countsByTag.get(sql);
    if (!stmt) this.countsByTag.set(sql, (stmt = this.db.prepare(sql)));
    return stmt.all({ ...range, ...Object.fromEntries(suffixes.map((t, i) => [`t${i}`, t])) }) as EntityBucket[];
  }

  /** Per feed id: its configured name, else the title its feed document gives. */
  feedNames(): Map<string, string> {
    const out = new Map<string, string>();
    for (const f of this.names.all()) {
      const name = f.name?.trim() || f.title?.trim();
      if (name) out.set(f.id, name);
    }
    return out;
  }

  /** Records the title a feed document gives itself (written only when it changed). */
  setFeedTitle(feedId: string, title: string): void {
    this.setTitle.run({ id: feedId, title: title.replace(/\s+/g, ' ').trim().slice(0, 200) });
  }
}
