import type { Job, Processor } from 'bullmq';
import type { HeldValidators } from '../src/ingest/held-validators.js';
import { articleFailure, describeFailure, storedOutcome } from '../src/ingest/outcome.js';
import type { Clock } from '../src/model.js';
import { isFinalAttempt } from '../src/queue/hand-back.js';
import { articleJobIdOfStore } from '../src/queue/job-ids.js';
import {
  JOB_NAMES,
  type RetryItemData,
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
  /** This process's held validators (shared with the poll processor): told when an item is done or must be offered again. */
  held?: Pick<HeldValidators, 'done' | 'retryLater'>;
  /**
   * Removes the finished article (extract) job `id`, so that the item, offered again by
   * its feed's next poll, is read and stored anew instead of being dropped as a repeat.
   */
  forgetArticleJob?: (id: string) => Promise<void>;
}

export function storeProcessor(deps: StoreWorkerDeps): Processor<StoreQueueData, StoreJobResult> {
  const save = deps.save ?? ((input: ArticleInput) => Promise.resolve(deps.store.saveArticles([input])[0] as BatchSaveResult));
  return async (job: Job<StoreQueueData, StoreJobResult>) => {
    const result = await write(job, deps, save);
    await deps.onResult?.(job.name, job.data, result);
    return result;
  };
}

/**
 * A save refused (the database broken for minutes) on the job's last try: the item stays
 * unseen, its feed is fetched in full next time (held validators, as for an article job
 * that failed for good), and the finished article job goes so that offer takes effect.
 */
async function giveUp(job: Job<StoreQueueData, StoreJobResult>, feedId: string | null, deps: StoreWorkerDeps): Promise<void> {
  if (feedId !== null) {
    deps.held?.retryLater(feedId);
    deps.held?.done(feedId);
  }
  const articleJob = job.id === undefined ? null : articleJobIdOfStore(job.id);
  if (articleJob !== null) await deps.forgetArticleJob?.(articleJob);
}

async function write(job: Job<StoreQueueData, StoreJobResult>, deps: StoreWorkerDeps, save: NonNullable<StoreWorkerDeps['save']>): Promise<StoreJobResult> {
  const data = job.data;
  switch (job.name) {
    case JOB_NAMES.storeArticle: {
      const { input } = data as StoreArticleData;
      try {
        const outcome = storedOutcome(await save(input));
        if (input.feedId !== null) deps.held?.done(input.feedId);
        return outcome;
      } catch (err) {
        if (isFinalAttempt(job)) await giveUp(job, input.feedId, deps);
        throw new Error(describeFailure(articleFailure(err)), { cause: err }); // "retry": BullMQ backs off
      }
    }
    case JOB_NAMES.skip: {
      const d = data as SkipItemData;
      deps.store.markItemsSeen(d.feedId, [{ id: d.itemId, url: d.url }], deps.now().toISOString());
      deps.held?.done(d.feedId);
      return { status: 'skipped' };
    }
    case JOB_NAMES.retryLater: {
      // Not marked seen: the feed's validators stay cleared, its next poll offers the item again.
      const d = data as RetryItemData;
      deps.held?.retryLater(d.feedId);
      deps.held?.done(d.feedId);
      return { status: 'held' };
    }
    case JOB_NAMES.storeReextract: {
      const d = data as StoreReextractData;
      if (!deps.store.getArticle(d.articleId)) return { status: 'missing', articleId: d.articleId };
      const r = deps.store.replaceArticleAnalysis(d.articleId, d.analysis);
      return { status: 'replaced', articleId: d.articleId, events: r.events };
    }
    default:
      throw new Error(`unknown store job "${job.name}"`);
  }
}
