import type { Job, Processor } from 'bullmq';
import { articleFailure, describeFailure, storedOutcome } from '../src/ingest/outcome.js';
import type { Clock } from '../src/model.js';
import {
  JOB_NAMES,
  type SkipItemData,
  type StoreArticleData,
  type StoreJobResult,
  type StoreQueueData,
  type StoreReextractData,
} from '../src/queue/jobs.js';
import type { Store } from '../src/store/store.js';
import type { ArticleInput, BatchSaveResult } from '../src/store/types.js';

// Store worker: the one writer of articles. Each job is one SQLite transaction, and the
// database's unique keys (canonical URL, content hash, feed item) make a repeated job —
// after a crash, a stall, a retry — write nothing twice. What a save means is the
// pipeline's rule (storedOutcome): a refusal throws, and BullMQ retries with backoff.

export type StoreWorkerStore = Pick<Store, 'saveArticles' | 'markItemsSeen' | 'getArticle' | 'replaceArticleAnalysis'>;

export interface StoreWorkerDeps {
  store: StoreWorkerStore;
  now: Clock;
  /**
   * Saves an article, possibly batched with others into one commit (StoreBatcher: each
   * article still all-or-nothing); defaults to a batch of one.
   */
  save?: (input: ArticleInput) => Promise<BatchSaveResult>;
  /** Told of each finished job, for metrics and `reextract` progress. */
  onResult?: (name: string, data: StoreQueueData, result: StoreJobResult) => void | Promise<void>;
}

export function storeProcessor(deps: StoreWorkerDeps): Processor<StoreQueueData, StoreJobResult> {
  const save = deps.save ?? ((input: ArticleInput) => Promise.resolve(deps.store.saveArticles([input])[0] as BatchSaveResult));
  return async (job: Job<StoreQueueData, StoreJobResult>) => {
    const result = await write(job.name, job.data, deps, save);
    await deps.onResult?.(job.name, job.data, result);
    return result;
  };
}

async function write(name: string, data: StoreQueueData, deps: StoreWorkerDeps, save: NonNullable<StoreWorkerDeps['save']>): Promise<StoreJobResult> {
  switch (name) {
    case JOB_NAMES.storeArticle: {
      const saved = await save((data as StoreArticleData).input);
      try {
        return storedOutcome(saved);
      } catch (err) {
        throw new Error(describeFailure(articleFailure(err)), { cause: err }); // "retry": BullMQ backs off
      }
    }
    case JOB_NAMES.skip: {
      const d = data as SkipItemData;
      deps.store.markItemsSeen(d.feedId, [{ id: d.itemId, url: d.url }], deps.now().toISOString());
      return { status: 'skipped' };
    }
    case JOB_NAMES.storeReextract: {
      const d = data as StoreReextractData;
      if (!deps.store.getArticle(d.articleId)) return { status: 'missing', articleId: d.articleId };
      const r = deps.store.replaceArticleAnalysis(d.articleId, d.analysis);
      return { status: 'replaced', articleId: d.articleId, events: r.events };
    }
    default:
      throw new Error(`unknown store job "${name}"`);
  }
}
