import type Database from 'better-sqlite3';
import type { ArticleEvent, PowerFigure } from '../model.js';
import { CardWriter, type CardArticle } from './article-cards.js';
import { eventKeys } from './event-keys.js';
import { ftsIndexText } from './fts.js';
import { StoryAssigner, settleStories } from './story-assigner.js';
import { SLOTS, secondOf } from './sort-key.js';
import type { ArticleAnalysis } from './types.js';

// An article's analysis as rows: mentions, events (with their sort keys), event_keys,
// event_figures, power_figures, and the sentence index (events_fts). See migrations/003.
//
// Two things keep a write cheap (measured in bench/ingest-ab.js):
// - events_fts rows are handed back rather than written here, and written together in
//   ascending rowid order once per transaction (writeText). FTS5 flushes its pending
//   terms to a new segment whenever a rowid is not above the previous one, and on every
//   savepoint; an article's keys descend and the batch's articles are in any date order,
//   so writing as we go made a segment (and later merges) per sentence.
// - store_counts is bumped once per article by code (bumpCounts), not once per row by
//   triggers (migration 006 drops the insert triggers; the delete triggers stay, so a
//   cascade or re-extraction still counts down).

/** An events_fts row waiting for writeText: rowid (the event's k) and indexed text. */
export type TextRow = [k: number, text: string];

/** What one write added, for store_counts and the caller. */
export interface WrittenAnalysis {
  events: number;
  mentions: number;
  figures: number;
  text: TextRow[];
}

function figureKey(f: PowerFigure): string {
  return `${f.sentence}\u0000${f.start}\u0000${f.end}\u0000${f.text}`;
}

/** One event per sentence (the table's unique key): a repeated sentence merges into the first. */
function eventsBySentence(events: ArticleEvent[]): ArticleEvent[] {
  const bySentence = new Map<number, ArticleEvent>();
  for (const e of events) {
    const prev = bySentence.get(e.sentence);
    if (!prev) bySentence.set(e.sentence, { ...e, entities: [...e.entities], tags: [...e.tags], powerFigures: [...e.powerFigures] });
    else {
      prev.entities.push(...e.entities);
      prev.tags.push(...e.tags);
      prev.powerFigures.push(...e.powerFigures);
    }
  }
  return [...bySentence.values()];
}

/** Where an article's analysis goes: its date (sort keys), feed and language (filter keys), what its card shows. */
export interface ArticleAt {
  sortAt: string;
  feedId: string | null;
  lang: string;
  article: CardArticle;
}

export class AnalysisWriter {
  private readonly insertEvent: Database.Statement;
  private readonly maxKey: Database.Statement<[number, number], { m: number | null }>;
  private readonly insertKey: Database.Statement;
  private readonly insertEventFigure: Database.Statement;
  private readonly insertEventText: Database.Statement;
  private readonly oldEvents: Database.Statement<[number], { k: number; entities: string; tags: string; feed_id: string | null; lang: string }>;
  private readonly deleteKey: Database.Statement;
  private readonly deleteEventFigures: Database.Statement;
  private readonly deleteEventText: Database.Statement;
  private readonly insertFigure: Database.Statement;
  private readonly insertMention: Database.Statement;
  private readonly deleteRows: Database.Statement[];
  private readonly counts: Database.Statement;
  private readonly countEntity: Database.Statement<[string, number]>;
  private readonly cards: CardWriter;
  private looked = false;

  constructor(private readonly db: Database.Database) {
    this.cards = new CardWriter(db, new StoryAssigner(db));
    this.insertEvent = db.prepare('INSERT INTO events (article_id, sentence, text, entities, tags, figures, k) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.maxKey = db.prepare('SELECT max(k) AS m FROM events WHERE k >= ? AND k < ?');
    this.insertKey = db.prepare('INSERT OR IGNORE INTO event_keys (key, k, event_id) VALUES (?, ?, ?)');
    this.insertEventFigure = db.prepare('INSERT OR IGNORE INTO event_figures (scope, kind, k, si, event_id) VALUES (?, ?, ?, ?, ?)');
    this.insertEventText = db.prepare('INSERT INTO events_fts (rowid, text) VALUES (?, ?)');
    this.oldEvents = db.prepare('SELECT e.k, e.entities, e.tags, a.feed_id, a.lang FROM events e JOIN articles a ON a.id = e.article_id WHERE e.article_id = ?');
    this.countEntity = db.prepare('INSERT INTO entity_counts (entity, events) VALUES (?, ?) ON CONFLICT (entity) DO UPDATE SET events = events + excluded.events');
    this.deleteKey = db.prepare('DELETE FROM event_keys WHERE key = ? AND k = ?');
    this.deleteEventFigures = db.prepare("DELETE FROM event_figures WHERE scope = ? AND kind IN ('power', 'energy') AND k = ?");
    this.deleteEventText = db.prepare('DELETE FROM events_fts WHERE rowid = ?');
    this.insertFigure = db.prepare(`INSERT INTO power_figures (article_id, seq, event_id, sentence, start, "end", text, value, unit, kind, si)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertMention = db.prepare('INSERT INTO mentions (article_id, seq, entity, alias, sentence, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.deleteRows = ['DELETE FROM power_figures WHERE article_id = ?', 'DELETE FROM mentions WHERE article_id = ?', 'DELETE FROM events WHERE article_id = ?'].map((sql) =>
      db.prepare(sql),
    );
    this.counts = db.prepare(`UPDATE store_counts SET articles = articles + @articles, events = events + @events, mentions = mentions + @mentions,
      power_figures = power_figures + @figures,
      last_fetched_at = CASE WHEN @fetchedAt IS NOT NULL AND (last_fetched_at IS NULL OR @fetchedAt > last_fetched_at) THEN @fetchedAt ELSE last_fetched_at END
      WHERE id = 1`);
  }

  /**
   * Gives their stories to the cards written without one (story-assigner.ts), in the
   * caller's transaction. Looks at the file the first time (a run cut short may have left
   * some), then only after writes that left some. A fresh assigner each time: the cards
   * around them may have changed since.
   */
  settleStories(): number {
    if (this.cards.takeUnsettled() === 0 && this.looked) return 0;
    this.looked = true;
    return settleStories(this.db, new StoryAssigner(this.db));
  }

  /** Adds to store_counts what a write added (an article, when fetchedAt is given). */
  bumpCounts(w: Pick<WrittenAnalysis, 'events' | 'mentions' | 'figures'>, fetchedAt: string | null): void {
    this.counts.run({ articles: fetchedAt === null ? 0 : 1, events: w.events, mentions: w.mentions, figures: w.figures, fetchedAt });
  }

  /** Writes events_fts rows in ascending rowid order (see the note at the top): once per transaction. */
  writeText(rows: TextRow[]): void {
    rows.sort((a, b) => a[0] - b[0]);
    for (const [k, text] of rows) this.insertEventText.run(k, text);
  }

  /** Deletes an article's analysis and its index rows (re-extraction); the delete triggers count down. */
  deleteFor(articleId: number): void {
    const counts = new Map<string, number>();
    for (const old of this.oldEvents.all(articleId)) {
      const entities = JSON.parse(old.entities) as string[];
      for (const key of eventKeys(entities, JSON.parse(old.tags) as string[], old.feed_id, old.lang)) this.deleteKey.run(key, old.k);
      for (const scope of ['', ...entities]) this.deleteEventFigures.run(scope, old.k);
      this.deleteEventText.run(old.k);
      for (const e of entities) counts.set(e, (counts.get(e) ?? 0) - 1);
    }
    for (const [entity, n] of counts) this.countEntity.run(entity, n);
    for (const stmt of this.deleteRows) stmt.run(articleId);
    this.cards.delete(articleId);
  }

  /**
   * Sort keys for `n` events of an article dated `sortAt`: above every key already in
   * that second, the first sentence highest (sort-key.ts).
   */
  private allocateKeys(sortAt: string, n: number): number[] {
    const lo = secondOf(sortAt) * SLOTS;
    const hi = lo + SLOTS;
    const top = this.maxKey.get(lo, hi)?.m;
    const base = top === null || top === undefined ? lo : top + 1;
    if (base + n > hi) throw new Error(`more than ${SLOTS} events dated within the second of ${sortAt}`);
    return Array.from({ length: n }, (_, i) => base + n - 1 - i);
  }

  /** Writes mentions, events (with their index rows), figures and the article's card; the sentence index rows are returned for writeText. */
  write(articleId: number, a: ArticleAnalysis, at: ArticleAt): WrittenAnalysis {
    const { sortAt, feedId, lang } = at;
    a.mentions.forEach((m, i) => this.insertMention.run(articleId, i, m.entity, m.alias, m.sentence, m.start, m.end));

    // A figure belongs to the event that lists it; one no event lists is kept for the article.
    const figureEvent = new Map<string, number>();
    const figures = new Map<string, PowerFigure>();
    for (const f of a.powerFigures) figures.set(figureKey(f), f);
    const events = eventsBySentence(a.events).sort((x, y) => x.sentence - y.sentence);
    const keys = this.allocateKeys(sortAt, events.length);
    const text: TextRow[] = [];
    // Events per entity (migration 005): one upsert per entity of the article, not per event.
    const counts = new Map<string, number>();
    events.forEach((e, i) => {
      const k = keys[i] as number;
      const entities = [...new Set(e.entities)];
      const tags = [...new Set(e.tags)];
      const eventId = Number(
        this.insertEvent.run(articleId, e.sentence, e.text, JSON.stringify(entities), JSON.stringify(tags), JSON.stringify(e.powerFigures), k).lastInsertRowid,
      );
      for (const key of eventKeys(entities, tags, feedId, lang)) this.insertKey.run(key, k, eventId);
      for (const entity of entities) counts.set(entity, (counts.get(entity) ?? 0) + 1);
      text.push([k, ftsIndexText(e.text)]);
      for (const f of e.powerFigures) {
        if (Number.isFinite(f.si) && (f.kind === 'power' || f.kind === 'energy')) {
          for (const scope of ['', ...entities]) this.insertEventFigure.run(scope, f.kind, k, f.si, eventId);
        }
        const key = figureKey(f);
        if (!figureEvent.has(key)) figureEvent.set(key, eventId);
        if (!figures.has(key)) figures.set(key, f);
      }
    });
    for (const [entity, n] of counts) this.countEntity.run(entity, n);
    if (events.length) this.cards.write(articleId, keys[0]!, at.article, events);
    let seq = 0;
    for (const [key, f] of figures) {
      // A figure without a finite value says nothing; storing it would fail the article.
      if (!Number.isFinite(f.value) || !Number.isFinite(f.si)) continue;
      this.insertFigure.run(articleId, seq++, figureEvent.get(key) ?? null, f.sentence, f.start, f.end, f.text, f.value, f.unit, f.kind, f.si);
    }
    return { events: events.length, mentions: a.mentions.length, figures: seq, text };
  }
}
