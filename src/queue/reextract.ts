import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Store } from '../store/store.js';
import { reextractJobId } from './job-ids.js';
import { JOB_NAMES, type ExtractQueueData } from './jobs.js';

// `newsmon reextract`: stored articles' text goes back through the extract queue (no
// refetch), and the store role replaces each article's events in one transaction. The
// store role counts finished articles per run in a Redis hash, for the CLI's progress.

const PAGE = 500;

export function reextractProgressKey(prefix: string, runId: string): string {
  return `${prefix}:newsmon:reextract:${runId}`;
}

/** Called by the store role after each replaced (or vanished) article. */
export async function recordReextract(conn: Redis, prefix: string, runId: string, events: number, missing: boolean): Promise<void> {
  const key = reextractProgressKey(prefix, runId);
  await conn
    .multi()
    .hincrby(key, 'done', 1)
    .hincrby(key, 'events', events)
    .hincrby(key, 'missing', missing ? 1 : 0)
    .expire(key, 7 * 24 * 3_600)
    .exec();
}

export interface ReextractProgress {
  done: number;
  events: number;
  missing: number;
}

export async function readReextractProgress(conn: Redis, prefix: string, runId: string): Promise<ReextractProgress> {
  const h = await conn.hgetall(reextractProgressKey(prefix, runId));
  return { done: Number(h.done ?? 0), events: Number(h.events ?? 0), missing: Number(h.missing ?? 0) };
}

export interface EnqueueReextractOptions {
  store: Pick<Store, 'listArticles'>;
  queue: Pick<Queue<ExtractQueueData>, 'addBulk'>;
  runId: string;
  since?: string;
  onProgress?: (enqueued: number) => void;
}

/** Pages through the stored articles (keyset by id) and adds one reextract job each; returns how many. */
export async function enqueueReextract(o: EnqueueReextractOptions): Promise<number> {
  let afterId: number | undefined;
  let total = 0;
  for (;;) {
    const page = o.store.listArticles({ ...(o.since ? { since: o.since } : {}), ...(afterId !== undefined ? { afterId } : {}), limit: PAGE });
    if (page.length === 0) return total;
    await o.queue.addBulk(
      page.map((a) => ({
        name: JOB_NAMES.reextract,
        data: { runId: o.runId, articleId: a.id, text: a.text, lang: a.lang },
        opts: { jobId: reextractJobId(o.runId, a.id) },
      })),
    );
    total += page.length;
    afterId = page[page.length - 1]!.id;
    o.onProgress?.(total);
    if (page.length < PAGE) return total;
  }
}
