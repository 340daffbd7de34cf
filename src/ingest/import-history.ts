import type { TextAnalyzer } from '../extract/extract-document.js';
import type { Clock } from '../model.js';
import type { Store } from '../store/store.js';
import type { ArticleInput } from '../store/types.js';
import { canonicalizeUrl } from './canonical-url.js';
import { readArticle, type ArticleReader, type FetchedPage } from './extract-article.js';
import { StoreBatcher } from './store-batcher.js';
import type { ArticleJob } from './types.js';

// History in (`newsmon import`): one JSON object a line, through the same main-text,
// analysis and store path as an ingested article (readArticle, on reader threads when
// given; StoreBatcher; the store's dedupe by URL and content). A bad line is reported
// with where it is and skipped.

export interface ImportLine {
  /** A file name, or "-" for standard input. */
  source: string;
  /** 1-based. */
  line: number;
  text: string;
}

export interface ImportProblem {
  source: string;
  line: number;
  error: string;
}

export interface ImportSummary {
  lines: number;
  stored: number;
  duplicates: number;
  events: number;
  /** Lines that were not a valid record. */
  bad: number;
  /** Valid records whose reading or saving failed. */
  failed: number;
  /** The first problems (at most MAX_PROBLEMS); `bad + failed` says how many there were. */
  problems: ImportProblem[];
  elapsedMs: number;
  articlesPerSecond: number;
}

export interface ImportDeps {
  store: Store;
  analyzer: TextAnalyzer;
  /** Where main text and analysis run (a ReaderPool); this thread if absent. */
  reader?: ArticleReader;
  now: Clock;
  /** Records read and analysed at once; bounds memory while the store catches up. */
  inFlight?: number;
  onProblem?: (p: ImportProblem) => void;
  onProgress?: (s: ImportSummary) => void;
}

export const MAX_PROBLEMS = 100;

class BadLine extends Error {}

function optionalString(o: Record<string, unknown>, key: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new BadLine(`"${key}" must be a string, got ${typeof v}`);
  return v;
}

/** A record as a job and its page, as if a feed had listed it and it had been fetched. Throws BadLine. */
export function recordOf(text: string): { job: ArticleJob; page: FetchedPage; feed: string | null } {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (err) {
    throw new BadLine(`not JSON: ${(err as Error).message}`);
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new BadLine('must be a JSON object');
  const rec = o as Record<string, unknown>;
  const url = optionalString(rec, 'url');
  if (!url) throw new BadLine('"url" is required');
  const canonical = /^https?:\/\//i.test(url) ? canonicalizeUrl(url) : null;
  if (!canonical) throw new BadLine(`"url" must be an http(s) URL, got ${JSON.stringify(url.slice(0, 200))}`);
  const html = optionalString(rec, 'html');
  const body = optionalString(rec, 'text');
  if ((html === null) === (body === null)) throw new BadLine('exactly one of "text" and "html" is required');
  const published = optionalString(rec, 'published');
  if (published !== null && !Number.isFinite(Date.parse(published))) throw new BadLine(`"published" is not a date: ${JSON.stringify(published.slice(0, 64))}`);
  const feed = optionalString(rec, 'feed');
  const job: ArticleJob = {
    feedId: feed ?? '', itemId: '', url, canonicalUrl: canonical, title: optionalString(rec, 'title'),
    published: published === null ? null : new Date(Date.parse(published)).toISOString(), author: null, feedContent: null, summary: null,
  };
  const page: FetchedPage = html !== null
    ? { bytes: Buffer.from(html, 'utf8'), contentType: 'text/html; charset=utf-8', url }
    : { bytes: Buffer.from(body as string, 'utf8'), contentType: 'text/plain; charset=utf-8', url, kind: 'text' };
  return { job, page, feed };
}

/** Imports every line; resolves with the summary once all are stored. Never throws for a bad line. */
export async function importHistory(lines: AsyncIterable<ImportLine>, deps: ImportDeps): Promise<ImportSummary> {
  const started = deps.now().getTime();
  const s: ImportSummary = { lines: 0, stored: 0, duplicates: 0, events: 0, bad: 0, failed: 0, problems: [], elapsedMs: 0, articlesPerSecond: 0 };
  // Batches fill to 200 rather than wait out a short timer: fewer commits write far fewer
  // index pages (see ArticleLane in ingest-once.ts).
  // Any date order: the articles dated far from the batch get their stories at the end (settleStories).
  const saver = new StoreBatcher(deps.store, 200, 500, false);
  const problem = (where: ImportLine, error: string, bad: boolean): void => {
    if (bad) s.bad++;
    else s.failed++;
    const p = { source: where.source, line: where.line, error };
    if (s.problems.length < MAX_PROBLEMS) s.problems.push(p);
    deps.onProblem?.(p);
  };
  const read = (job: ArticleJob, page: FetchedPage, at: string): Promise<ArticleInput> =>
    deps.reader ? deps.reader.read(job, page, at) : Promise.resolve().then(() => readArticle(job, page, deps.analyzer, at));

  const limit = deps.inFlight ?? 256;
  const running = new Set<Promise<void>>();
  // Lines are read in parallel but handed to the saver in line order, so which copy of a
  // duplicate is kept does not depend on thread timing: the first line wins.
  let previousHandedOver: Promise<void> = Promise.resolve();
  for await (const where of lines) {
    if (where.text.trim() === '') continue;
    s.lines++;
    let rec: ReturnType<typeof recordOf>;
    try {
      rec = recordOf(where.text);
    } catch (err) {
      if (!(err instanceof BadLine)) throw err;
      problem(where, err.message, true);
      continue;
    }
    const myTurn = previousHandedOver;
    let handOver = (): void => undefined;
    previousHandedOver = new Promise<void>((resolve) => (handOver = resolve));
    const task = (async (): Promise<void> => {
      try {
        // Not a feed item: nothing to mark seen, and `feed` names the source as given.
        const read$ = read(rec.job, rec.page, deps.now().toISOString());
        read$.catch(() => undefined); // handled below, once it is this line's turn
        await myTurn;
        const input = { ...(await read$), feedId: rec.feed, feedItemId: null };
        const saving = saver.save(input);
        handOver();
        const saved = await saving;
        if (saved.status === 'inserted') {
          s.stored++;
          s.events += saved.events;
        } else if (saved.status === 'duplicate') s.duplicates++;
        else problem(where, `not stored: ${saved.error}`, false);
      } catch (err) {
        problem(where, err instanceof Error ? err.message : String(err), false);
      } finally {
        handOver();
      }
      deps.onProgress?.(s);
    })();
    running.add(task);
    void task.finally(() => running.delete(task));
    // Backpressure: reading waits while `limit` records are being read or saved (the
    // saver's timer writes a partial batch, so this always moves).
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running).then(() => deps.store.settleStories());
  s.elapsedMs = deps.now().getTime() - started;
  s.articlesPerSecond = s.elapsedMs > 0 ? Math.round(((s.stored + s.duplicates) * 1000) / s.elapsedMs) : 0;
  return s;
}
