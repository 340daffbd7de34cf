import type Database from 'better-sqlite3';
import type { PowerFigure } from '../model.js';
import { TermInterner } from '../text/story-tokens.js';
import { SLOTS } from './sort-key.js';

// An article's card: what the morning digest needs of it, kept beside it as it is written
// (migration 007), so a busy day's digest reads one small row per article instead of
// re-reading and re-tokenizing every event sentence (100,000 of them on a busy day):
//
// - terms: the story terms (text/story-tokens.ts) of the title, then of the first
//   LEDE_SENTENCES event sentences, as 32-bit hashes (termHash) — what the digest compares
//   articles on;
// - entities and tags: the events' watch-list entities (with counts) and tags — what the
//   digest counts and ranks by, as plain space-separated text (read for every article);
// - labels: each event's entities and tags, in sentence order — read only for a recipient
//   who follows some companies or tags;
// - the article's URL, title, dates and feed, so a day is one range of one table;
// - figures: the events stating power figures, with their text — the power table.
//
// The sentences themselves are read only for the few hundred stories a mail can show.

/** The title and this many first event sentences tell which story an article is (the pair set's documents are leads of this length). */
export const LEDE_SENTENCES = 3;

export interface CardEvent {
  sentence: number;
  text: string;
  entities: readonly string[];
  tags: readonly string[];
  powerFigures: readonly PowerFigure[];
}

export interface FigureEvent {
  /** Index of the event in `labels`. */
  event: number;
  text: string;
  entities: string[];
  tags: string[];
  powerFigures: PowerFigure[];
}

export interface ArticleCard {
  terms: Int32Array;
  /** How many of `terms` come from the title. */
  titleTerms: number;
  /** Per event, in sentence order: its entities and its tags. */
  labels: EventLabels[];
  /** Events per entity, in order of first mention (the labels summed: what a reader following everything counts). */
  entities: Array<[entity: string, events: number]>;
  /** The events' tags, each once. */
  tags: string[];
  figures: FigureEvent[];
}

export type EventLabels = [entities: string[], tags: string[]];

/** An article's card from its title and its events (any order; each sentence once). Pure but for the interner's cache. */
export function articleCard(title: string, events: readonly CardEvent[], interner: TermInterner): ArticleCard {
  const ordered = [...events].sort((a, b) => a.sentence - b.sentence);
  const terms: number[] = [];
  interner.hashedTokens(title, terms);
  const titleTerms = terms.length;
  for (const e of ordered.slice(0, LEDE_SENTENCES)) interner.hashedTokens(e.text, terms);
  const labels = ordered.map((e): EventLabels => [[...new Set(e.entities)], [...new Set(e.tags)]]);
  const figures: FigureEvent[] = [];
  ordered.forEach((e, i) => {
    if (e.powerFigures.length) figures.push({ event: i, text: e.text, entities: labels[i]![0], tags: labels[i]![1], powerFigures: [...e.powerFigures] });
  });
  const entities = new Map<string, number>();
  for (const [ids] of labels) for (const id of ids) entities.set(id, (entities.get(id) ?? 0) + 1);
  return { terms: Int32Array.from(terms), titleTerms, labels, entities: [...entities], tags: [...new Set(labels.flatMap(([, t]) => t))], figures };
}

/** Int32 terms as a BLOB, little-endian whatever the machine (a file may move between machines). */
export function termsBlob(terms: Int32Array): Buffer {
  const b = Buffer.allocUnsafe(terms.length * 4);
  for (let i = 0; i < terms.length; i++) b.writeInt32LE(terms[i]!, i * 4);
  return b;
}

/** "huawei:3 nvidia:1" (the entities column) → [id, count] in order (ids are slugs: no spaces, no colons). */
export function cardEntityCounts(s: string): Array<[string, number]> {
  if (!s) return [];
  return s.split(' ').map((x) => {
    const at = x.lastIndexOf(':');
    return [x.slice(0, at), Number(x.slice(at + 1))];
  });
}

const LITTLE_ENDIAN = new Uint8Array(Int32Array.of(1).buffer)[0] === 1;

export function blobTerms(b: Buffer): Int32Array {
  if (LITTLE_ENDIAN) {
    // A view when the Buffer starts on a 4-byte boundary (SQLite's BLOBs arrive in their own memory), else an aligned copy.
    if (b.byteOffset % 4 === 0) return new Int32Array(b.buffer, b.byteOffset, b.length >> 2);
    return new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + (b.length & ~3)));
  }
  const out = new Int32Array(b.length >> 2);
  for (let i = 0; i < out.length; i++) out[i] = b.readInt32LE(i * 4);
  return out;
}

// A long-running writer meets new words every day; the cache of stemmed words is dropped
// past this many terms rather than grown for months (rebuilding it costs a few ms).
const INTERNER_LIMIT = 400_000;

/** What the card keeps of its article, so a day is read without touching the articles table. */
export interface CardArticle {
  url: string;
  title: string;
  published: string | null;
  fetchedAt: string;
  feedId: string | null;
}

/** Gives a card its story as it is written (store/story-assigner.ts). */
export interface CardStories {
  /** The card's story, or null for one settled later. */
  assignNear(articleId: number, second: number, terms: Int32Array, entities: ReadonlyArray<readonly [string, number]>): number | null;
}

/** Writes cards (the caller's transaction); with `stories`, each with its story (migration 008), else without (migration 007's own backfill). */
export class CardWriter {
  private readonly insert: Database.Statement;
  private readonly remove: Database.Statement<[number]>;
  private readonly storyOf: Database.Statement<[number], { story: number | null }> | null;
  /** Stories of the cards deleted for re-analysis, kept by the cards that replace them. */
  private readonly previous = new Map<number, number>();
  private interner = new TermInterner();
  /** Cards written without a story since the count was last taken (takeUnsettled). */
  private unsettled = 0;

  constructor(
    db: Database.Database,
    private readonly stories: CardStories | null,
  ) {
    const story = stories ? ['story, ', '@story, '] : ['', ''];
    this.insert = db.prepare(`INSERT OR REPLACE INTO article_cards (${story[0]}k, article_id, url, title, published, fetched_at, feed_id, terms, title_terms, entities, tags, labels, figures)
      VALUES (${story[1]}@k, @id, @url, @title, @published, @fetchedAt, @feedId, @terms, @titleTerms, @entities, @tags, @labels, @figures)`);
    this.remove = db.prepare('DELETE FROM article_cards WHERE article_id = ?');
    this.storyOf = stories ? db.prepare('SELECT story FROM article_cards WHERE article_id = ?') : null;
  }

  /** The card of an article whose events were just written; `k` is its first event's sort key. None without events. */
  write(articleId: number, k: number, article: CardArticle, events: readonly CardEvent[]): void {
    const kept = this.previous.get(articleId);
    this.previous.delete(articleId);
    if (events.length === 0) return;
    if (this.interner.size > INTERNER_LIMIT) this.interner = new TermInterner();
    const card = articleCard(article.title, events, this.interner);
    // A re-analysed article keeps its story (re-extracting a year need not move every window).
    const story = this.stories ? { story: kept ?? this.stories.assignNear(articleId, Math.floor(k / SLOTS), card.terms, card.entities) } : {};
    if (story.story === null) this.unsettled++;
    this.insert.run({
      ...story, k, id: articleId, ...article, terms: termsBlob(card.terms), titleTerms: card.titleTerms,
      entities: card.entities.map(([id, n]) => `${id}:${n}`).join(' '), tags: card.tags.join(' '), labels: JSON.stringify(card.labels),
      figures: card.figures.length ? JSON.stringify(card.figures) : '',
    });
  }

  /** How many cards were written without a story since the last call. */
  takeUnsettled(): number {
    const n = this.unsettled;
    this.unsettled = 0;
    return n;
  }

  /** Deletes an article's card before its analysis is written again (its story is kept for the new card). */
  delete(articleId: number): void {
    const old = this.storyOf?.get(articleId)?.story;
    if (old !== null && old !== undefined) this.previous.set(articleId, old);
    this.remove.run(articleId);
  }
}
