import { UnrecoverableError, type Job, type Processor, type Queue } from 'bullmq';
import type { ArticleAnalysis } from '../src/model.js';
import type { TextAnalyzer } from '../src/extract/extract-document.js';
import type { HttpClient } from '../src/fetch/types.js';
import { extractArticle, type ArticleReader } from '../src/ingest/extract-article.js';
import { articleFailure, describeFailure } from '../src/ingest/outcome.js';
import type { Clock } from '../src/model.js';
import { handBackOnAbort, isFinalAttempt } from '../src/queue/hand-back.js';
import { reextractStoreJobId, retryLaterJobId, skipJobId, storeJobId } from '../src/queue/job-ids.js';
import { dropFailedJobs, type ReOfferQueue } from '../src/queue/re-offer.js';
import {
  JOB_NAMES,
  type ExtractJobData,
  type ExtractJobResult,
  type ExtractQueueData,
  type ReextractJobData,
  type StoreQueueData,
} from '../src/queue/jobs.js';

// Extract worker: stateless (no database), so it can run on other machines against the
// same Redis. An extract job → extractArticle → a store job carrying the compact result.
// What a failure means is the pipeline's rule (articleFailure): "retry" is thrown for
// BullMQ's backoff; "mark-seen" ends the job at once (UnrecoverableError) and asks the
// store role to remember the item as seen, so the feed's next poll does not offer it again.
// A "retry" on the last try tells the store role the item stays unseen (HeldValidators):
// its feed is fetched in full next time and offers it again.

export interface ExtractWorkerDeps {
  http: HttpClient;
  /** The analyzer as loaded now (SIGHUP reloads the watch-list). */
  analyzer: () => TextAnalyzer;
  /** Where main text and analysis run (a pool of threads), as of now; this thread when null. Re-analysis runs there too when it can. */
  reader?: () => (ArticleReader & Partial<ThreadAnalyzer>) | null;
  now: Clock;
  store: Pick<Queue<StoreQueueData>, 'add'> & ReOfferQueue;
}

/** Analysis of stored text off this thread, under a time limit (ReaderPool.analyze). */
export interface ThreadAnalyzer {
  analyze(text: string, opts: { lang?: string }): Promise<ArticleAnalysis>;
}

export function extractProcessor(deps: ExtractWorkerDeps): Processor<ExtractQueueData, ExtractJobResult> {
  return async (job: Job<ExtractQueueData, ExtractJobResult>, token?: string, signal?: AbortSignal) => {
    if (job.name === JOB_NAMES.reextract) return reextract(job.data as ReextractJobData, deps);
    const data = job.data as ExtractJobData;
    const id = job.id as string;
    let input;
    try {
      const reader = deps.reader?.() ?? null;
      input = await handBackOnAbort(job, token, signal, () =>
        extractArticle(data, { http: deps.http, analyzer: deps.analyzer(), now: deps.now, ...(reader ? { reader } : {}) }),
      );
    } catch (err) {
      if (err instanceof Error && err.name === 'WaitingError') throw err; // handed back, not failed
      const f = articleFailure(err);
      if (f.then === 'retry') {
        if (isFinalAttempt(job)) await deps.store.add(JOB_NAMES.retryLater, { feedId: data.feedId, itemId: data.itemId, url: data.url, error: describeFailure(f) }, { jobId: retryLaterJobId(id) });
        throw new Error(describeFailure(f), { cause: err });
      }
      await deps.store.add(JOB_NAMES.skip, { feedId: data.feedId, itemId: data.itemId, url: data.url, error: describeFailure(f) }, { jobId: skipJobId(id) });
      throw new UnrecoverableError(describeFailure(f));
    }
    // A store job of this id that failed for good (its item offered again since) would make the add a no-op.
    await dropFailedJobs(deps.store, [storeJobId(id)]);
    await deps.store.add(JOB_NAMES.storeArticle, { input }, { jobId: storeJobId(id) });
    return {
      next: 'store',
      events: input.events.length,
      ...(input.analysisTruncated ? { truncated: true } : {}),
      ...(input.siteRule?.fallback ? { siteRuleFallback: input.siteRule.fallback } : {}),
    };
  };
}

async function reextract(data: ReextractJobData, deps: ExtractWorkerDeps): Promise<ExtractJobResult> {
  // On the reader threads when there are any: a long text must not hold this thread's
  // event loop (BullMQ's lock renewals run on it).
  const reader = deps.reader?.() ?? null;
  const { mentions, powerFigures, events } = reader?.analyze
    ? await reader.analyze(data.text, { lang: data.lang })
    : deps.analyzer().analyze(data.text, { lang: data.lang });
  const analysis = { mentions, powerFigures, events };
  await deps.store.add(JOB_NAMES.storeReextract, { runId: data.runId, articleId: data.articleId, analysis }, { jobId: reextractStoreJobId(data.runId, data.articleId) });
  return { next: 'reextract', events: analysis.events.length };
}
