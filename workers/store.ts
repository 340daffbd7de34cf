import type { Job, Processor } from 'bullmq';
import { storeArticle } from '../src/ingest/store-article.js';
import type { Clock } from '../src/model.js';
import {
  JOB_NAMES,
  type SkipItemData,
  type StoreAnalysisData,
  type StoreArticleData,
  type StoreJobResult,
  type StoreQueueData,
} from '../src/service/jobs.js';
import type { Store } from '../src/store/store.js';
import type { ArticleInput, BatchSaveResult } from '../src/store/types.js';

// Store worker: the one writer of articles. Each job is one SQLite transaction, and the
// database's unique keys (canonical URL, content hash, feed item) make a repeated job —
// after a crash, a stall, a retry — write nothing twice.

export interface StoreWorkerDeps {
  store: Store;
  now: Clock;
  /**
   * Saves an article, possibly batched with others into one commit (StoreBatcher: each
   * article still all-or-nothing); defaults to one commit per article.
   */
  save?: (input: ArticleInput) => Promise<BatchSaveResult>;
  /** Told of each finished job, for metrics and `reextract` progress. */
  onResult?: (name: string, data: StoreQueueData, result: StoreJobResult) => void | Promise<void>;
}

export function storeProcessor(deps: StoreWorkerDeps): Processor<StoreQueueData, StoreJobResult> {
  return async (job: Job<StoreQueueData, StoreJobResult>) => {
    const result = job.name === JOB_NAMES.storeArticle && deps.save ? await saveBatched((job.data as StoreArticleData).input, deps.save) : write(job.name, job.data, deps);
    await deps.onResult?.(job.name, job.data, result);
    return result;
  };
}

async function saveBatched(input: ArticleInput, save: (input: ArticleInput) => Promise<BatchSaveResult>): Promise<StoreJobResult> {
  const saved = await save(input);
  if (saved.status === 'failed') throw new Error(`store-error: ${saved.error}`); // retried with backoff
  return saved.status === 'inserted'
    ? { status: 'inserted', articleId: saved.articleId, events: saved.events }
    : { status: 'duplicate', articleId: saved.articleId };
}

function write(name: string, data: StoreQueueData, deps: StoreWorkerDeps): StoreJobResult {
  switch (name) {
    case JOB_NAMES.storeArticle: {
      const saved = storeArticle(deps.store, (data as StoreArticleData).input);
      return saved.status === 'inserted'
        ? { status: 'inserted', articleId: saved.articleId, events: saved.events }
        : { status: 'duplicate', articleId: saved.articleId };
    }
    case JOB_NAMES.skip: {
      const d = data as SkipItemData;
      deps.store.markItemsSeen(d.feedId, [{ id: d.itemId, url: d.url }], deps.now().toISOString());
      return { status: 'skipped' };
    }
    case JOB_NAMES.analysis: {
      const d = data as StoreAnalysisData;
      if (!deps.store.getArticle(d.articleId)) return { status: 'missing', articleId: d.articleId };
      const r = deps.store.replaceArticleAnalysis(d.articleId, d.analysis);
      return { status: 'replaced', articleId: d.articleId, events: r.events };
    }
    default:
      throw new Error(`unknown store job "${name}"`);
  }
}
