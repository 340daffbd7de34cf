import type Database from 'better-sqlite3';
import { HOLD_SECONDS, StoryIndex, subjectOfCounts } from '../text/story-index.js';
import { blobTerms, cardEntityCounts } from './article-cards.js';
import { SLOTS } from './sort-key.js';

// The writer's side of story assignment (text/story-index.ts): each card written gets the
// story of the articles stored around its date. The index holds the cards dated within
// [lo, hi) in memory; what it needs and lacks is read back from the file, so a restarted
// service or a second run of `ingest --once` carries on the stories already stored. Cards
// written by another process after they were read are not seen (a copy then starts its own
// story; nothing is lost but a merge).
//
// An article dated far from what the writer holds (an archive imported in any order, a new
// feed's backlog of last month) is written without a story rather than have the window
// moved for it: moving it means reading days of cards back, per article. settleStories()
// gives those their stories afterwards, in date order, so the window slides forward once
// over them (`import` at its end, the batcher after a batch).

type LoadRow = [articleId: number, k: number, terms: Buffer, entities: string, story: number | null];

// How often the window is trimmed (cards written), and how far beyond what an article
// needs it is read ahead, so a live service reads the file rarely.
const TRIM_EVERY = 1024;
const READ_AHEAD = 2 * HOLD_SECONDS;

export class StoryAssigner {
  private index = new StoryIndex();
  private lo = 0;
  private hi = 0;
  private newest = 0;
  private written = 0;
  private readonly load: Database.Statement<[number, number]>;

  constructor(db: Database.Database) {
    this.load = db.prepare('SELECT article_id, k, terms, entities, story FROM article_cards WHERE k >= ? AND k < ? ORDER BY k').raw(true);
  }

  /** assign() when the article is dated near what is held (or nothing is held yet); null when far: settleStories() gives it one. */
  assignNear(articleId: number, second: number, terms: Int32Array, entities: ReadonlyArray<readonly [string, number]>): number | null {
    const holding = this.hi > this.lo;
    if (holding && !(second - HOLD_SECONDS >= this.lo - READ_AHEAD && second + HOLD_SECONDS <= this.hi + READ_AHEAD)) return null;
    return this.assign(articleId, second, terms, entities);
  }

  /** The story of an article (its id, or an earlier one's) dated `second`, from its card's terms and entity counts. */
  assign(articleId: number, second: number, terms: Int32Array, entities: ReadonlyArray<readonly [string, number]>): number {
    this.cover(second);
    const story = this.index.assign({ id: articleId, at: second, terms, subject: subjectOfCounts(entities) });
    if (second > this.newest) this.newest = second;
    if (++this.written % TRIM_EVERY === 0 && this.newest - 2 * HOLD_SECONDS > this.lo) {
      this.lo = this.newest - 2 * HOLD_SECONDS;
      this.index.forgetBefore(this.lo);
    }
    return story;
  }

  /** Makes sure the index holds every stored card within HOLD_SECONDS of `t`. */
  private cover(t: number): void {
    const from = t - HOLD_SECONDS;
    const to = t + HOLD_SECONDS;
    if (this.hi > this.lo) {
      if (from >= this.lo && to <= this.hi) return;
      // Close to what is held: read only the missing part.
      if (from >= this.lo - READ_AHEAD && to <= this.hi + READ_AHEAD) {
        if (from < this.lo) this.read(from, this.lo);
        if (to > this.hi) this.read(this.hi, to + READ_AHEAD);
        this.lo = Math.min(this.lo, from);
        this.hi = Math.max(this.hi, to + READ_AHEAD);
        return;
      }
    }
    // Far from it (an import of another month, say): start over around t.
    this.index = new StoryIndex();
    this.newest = t;
    this.read(from, to + READ_AHEAD);
    this.lo = from;
    this.hi = to + READ_AHEAD;
  }

  /** Holds the stored cards dated in [from, to) (unix seconds). */
  private read(from: number, to: number): void {
    const cards = [];
    for (const [id, k, terms, entities, story] of this.load.iterate(Math.max(0, from) * SLOTS, Math.max(0, to) * SLOTS) as IterableIterator<LoadRow>) {
      if (story === null || this.index.has(id)) continue;
      const card = { id, at: Math.floor(k / SLOTS), terms: blobTerms(terms), subject: subjectOfCounts(cardEntityCounts(entities)) };
      cards.push({ card, story });
    }
    this.index.restore(cards);
  }
}

type Unsettled = [k: number, articleId: number, terms: Buffer, entities: string];

// better-sqlite3 cannot write while a statement is being iterated: cards are read in chunks (keyset on k).
const CHUNK = 2000;

/** Gives every card written without a story its story, in date order (the caller's transaction); returns how many. */
export function settleStories(db: Database.Database, stories: StoryAssigner): number {
  const chunk = db.prepare(`SELECT k, article_id, terms, entities FROM article_cards WHERE story IS NULL AND k > ? ORDER BY k LIMIT ${CHUNK}`).raw(true);
  const set = db.prepare('UPDATE article_cards SET story = ? WHERE k = ?');
  let settled = 0;
  for (let after = -1; ; ) {
    const rows = chunk.all(after) as Unsettled[];
    if (rows.length === 0) return settled;
    for (const [k, id, terms, entities] of rows) set.run(stories.assign(id, Math.floor(k / SLOTS), blobTerms(terms), cardEntityCounts(entities)), k);
    settled += rows.length;
    after = rows[rows.length - 1]![0];
  }
}
