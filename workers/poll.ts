import type { Job, Processor, Queue } from 'bullmq';
import type { HttpClient } from '../src/fetch/types.js';
import { isDue, type Jitter } from '../src/ingest/feed-due.js';
import { pollFeed } from '../src/ingest/poll-feed.js';
import type { FeedParser } from '../src/ingest/reader-pool.js';
import type { Clock, FeedConfig } from '../src/model.js';
import { handBackOnAbort, isRerun } from '../src/queue/hand-back.js';
import { articleJobId } from '../src/queue/job-ids.js';
import { JOB_NAMES, type ExtractQueueData, type PollJobData, type PollJobResult } from '../src/queue/jobs.js';
import type { Store } from '../src/store/store.js';

// Poll worker: a poll job → pollFeed → one extract job per new item, its id the hash of
// the canonical URL (so an item already queued, by this feed or another, is dropped by
// the queue). Whether the wake-up becomes a fetch is the pipeline's rule (isDue).

export interface PollWorkerDeps {
  store: Store;
  http: HttpClient;
  now: Clock;
  maxBackoffMs: number;
  jitter?: Jitter;
  /** The feeds as configured now (reloads replace the map). */
  feeds: () => ReadonlyMap<string, FeedConfig>;
  extract: Pick<Queue<ExtractQueueData>, 'addBulk'>;
  /** Where feeds are parsed, as of now (a reader pool with deadlines); this thread when null. */
  parser?: () => FeedParser | null;
}

const ADD_CHUNK = 1_000;

export function pollProcessor(deps: PollWorkerDeps): Processor<PollJobData, PollJobResult> {
  return async (job: Job<PollJobData, PollJobResult>, token?: string, signal?: AbortSignal) => {
    const feed = deps.feeds().get(job.data.feedId);
    if (!feed || !feed.enabled) return { feedId: job.data.feedId, status: 'skipped-unknown-feed', newItems: 0 };
    // A repeat may follow a run that recorded the feed's new validators and then died
    // before its extract jobs were queued: only an unconditional GET sees those items again.
    const force = job.data.force === true || isRerun(job);
    if (!force && !isDue(feed, deps.store.getFeed(feed.id), deps.now().getTime())) {
      return { feedId: feed.id, status: 'skipped-not-due', newItems: 0 };
    }
    const { store, http, now, maxBackoffMs, jitter } = deps;
    const outcome = await handBackOnAbort(job, token, signal, () =>
      pollFeed(feed, { http, store, now, maxBackoffMs, ...(jitter ? { jitter } : {}), unconditional: force, parser: deps.parser?.() ?? null }),
    );
    for (let i = 0; i < outcome.newItems.length; i += ADD_CHUNK) {
      await deps.extract.addBulk(
        outcome.newItems.slice(i, i + ADD_CHUNK).map((item) => ({ name: JOB_NAMES.extract, data: item, opts: { jobId: articleJobId(item.canonicalUrl) } })),
      );
    }
    const status = !outcome.ok ? 'failed' : outcome.notModified ? 'not-modified' : 'polled';
    return {
      feedId: feed.id,
      status,
      newItems: outcome.newItems.length,
      ...(outcome.error ? { error: `${outcome.error.kind}: ${outcome.error.message}` } : {}),
    };
  };
}
