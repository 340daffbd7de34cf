import { UnrecoverableError, type Job, type Processor, type Queue } from 'bullmq';
import type { Analyzer } from '../src/analyze/analyzer.js';
import { FetchError } from '../src/fetch/fetch-error.js';
import type { HttpClient } from '../src/fetch/types.js';
import { extractArticle, type ArticleReader } from '../src/ingest/extract-article.js';
import type { Clock } from '../src/model.js';
import { handBackOnAbort } from '../src/service/hand-back.js';
import { reanalysisStoreJobId, skipJobId, storeJobId } from '../src/service/job-ids.js';
import {
  JOB_NAMES,
  type ArticleQueueData,
  type ExtractJobData,
  type ExtractJobResult,
  type ReanalyzeJobData,
  type StoreQueueData,
} from '../src/service/jobs.js';

// Extract worker: stateless (no database), so it can run on other machines against the
// same Redis. An article job → extractArticle → a store job carrying the compact result.
// A fetch failure a retry can fix is thrown for BullMQ's backoff; any other failure ends
// the job at once (UnrecoverableError) and asks the store role to remember the item as
// seen, so the feed's next poll does not offer it again.

export interface ExtractWorkerDeps {
  http: HttpClient;
  /** The analyzer as loaded now (SIGHUP reloads the watch-list). */
  analyzer: () => Analyzer;
  /** Where main text and analysis run (a pool of threads), as of now; this thread when null. */
  reader?: () => ArticleReader | null;
  now: Clock;
  store: Pick<Queue<StoreQueueData>, 'add'>;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function extractProcessor(deps: ExtractWorkerDeps): Processor<ArticleQueueData, ExtractJobResult> {
  return async (job: Job<ArticleQueueData, ExtractJobResult>, token?: string, signal?: AbortSignal) => {
    if (job.name === JOB_NAMES.reanalyze) return reanalyze(job.data as ReanalyzeJobData, deps);
    const data = job.data as ExtractJobData;
    const id = job.id as string;
    let input;
    try {
      const reader = deps.reader?.() ?? null;
      input = await handBackOnAbort(job, token, signal, () =>
        extractArticle(data, { http: deps.http, analyzer: deps.analyzer(), now: deps.now, ...(reader ? { reader } : {}) }),
      );
    } catch (err) {
      // Retried with backoff by BullMQ; the kind leads the message kept on the failed job.
      if (err instanceof FetchError && err.retryable) throw new Error(`${err.kind}: ${err.message}`, { cause: err });
      if (err instanceof Error && err.name === 'WaitingError') throw err;
      const kind = err instanceof FetchError ? err.kind : 'extract-error';
      await deps.store.add(JOB_NAMES.skip, { feedId: data.feedId, itemId: data.itemId, url: data.url, error: `${kind}: ${describe(err)}` }, { jobId: skipJobId(id) });
      throw new UnrecoverableError(`${kind}: ${describe(err)}`);
    }
    await deps.store.add(JOB_NAMES.storeArticle, { input }, { jobId: storeJobId(id) });
    return { next: 'store', events: input.events.length, ...(input.siteRule?.fallback ? { siteRuleFallback: input.siteRule.fallback } : {}) };
  };
}

async function reanalyze(data: ReanalyzeJobData, deps: ExtractWorkerDeps): Promise<ExtractJobResult> {
  const result = deps.analyzer().analyze(data.text, { lang: data.lang });
  const analysis = { mentions: result.mentions, powerFigures: result.powerFigures, events: result.events };
  await deps.store.add(JOB_NAMES.analysis, { runId: data.runId, articleId: data.articleId, analysis }, { jobId: reanalysisStoreJobId(data.runId, data.articleId) });
  return { next: 'analysis', events: analysis.events.length };
}
