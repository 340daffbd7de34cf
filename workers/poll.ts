import type { Job, Processor, Queue } from 'bullmq';
import type { HttpClient } from '../src/fetch/types.js';
import { pollFeed } from '../src/ingest/poll-feed.js';
import type { FeedParser } from '../src/ingest/reader-pool.js';
import type { FeedConfig } from '../src/ingest/types.js';
import type { Clock } from '../src/model.js';
import { isDue } from '../src/service/due.js';
import { handBackOnAbort, isRerun } from '../src/service/hand-back.js';
import { unconditionalHttp } from '../src/service/http-wrappers.js';
import { articleJobId } from '../src/service/job-ids.js';
import { JOB_NAMES, type ArticleQueueData, type PollJobData, type PollJobResult } from '../src/service/jobs.js';
import type { Store } from '../src/store/store.js';

// Poll worker: a poll job → pollFeed → one article job per new item, its id the hash of
// the canonical URL (so an item already queued, by this feed or another, is dropped by
// the queue). "What is due" lives in the database: a feed backing off after failures, or
// asked by its server to wait, is skipped until feeds.next_check_at.

export interface PollWorkerDeps {
  store: Store;
  http: HttpClient;
  now: Clock;
  maxBackoffMs: number;
  /** The feeds as configured now (reloads replace the map). */
  feeds: () => ReadonlyMap<string, FeedConfig>;
  articles: Pick<Queue<ArticleQueueData>, 'addBulk'>;
  /** Where feeds are parsed, as of now (a reader pool with deadlines); this thread when null. */
  parser?: () => FeedParser | null;
}

const ADD_CHUNK = 1_000;

export function pollProcessor(deps: PollWorkerDeps): Processor<PollJobData, PollJobResult> {
  return async (job: Job<PollJobData, PollJobResult>, token?: string, signal?: AbortSignal) => {
    const feed = deps.feeds().get(job.data.feedId);
    if (!feed || !feed.enabled) return { feedId: job.data.feedId, status: 'skipped-unknown-feed', newItems: 0 };
    // A repeat may follow a run that recorded the feed's new validators and then died
    // before its article jobs were queued: only an unconditional GET sees those items again.
    const force = job.data.force === true || isRerun(job);
    if (!force && !isDue(feed, deps.store.getFeed(feed.id), deps.now().getTime())) {
      return { feedId: feed.id, status: 'skipped-not-due', newItems: 0 };
    }
    const http = force ? unconditionalHttp(deps.http) : deps.http;
    const outcome = await handBackOnAbort(job, token, signal, () =>
      pollFeed(feed, { http, store: deps.store, now: deps.now, maxBackoffMs: deps.maxBackoffMs, parser: deps.parser?.() ?? null }),
    );
    for (let i = 0; i < outcome.newItems.length; i += ADD_CHUNK) {
      await deps.articles.addBulk(
        outcome.newItems.slice(i, i + ADD_CHUNK).map((item) => ({
          name: JOB_NAMES.extract,
          data: item,
          opts: { jobId: articleJobId(item.canonicalUrl) },
        })),
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
