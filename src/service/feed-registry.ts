import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { recordScheduleFailure } from '../ingest/schedule-failure.js';
import type { FeedConfig } from '../model.js';
import type { Store } from '../store/store.js';
import { isDue } from '../ingest/feed-due.js';
import { pollJobId, pollSlot } from '../queue/job-ids.js';
import { JOB_NAMES, type PollJobData } from '../queue/jobs.js';
import { syncFeedSchedulers } from './scheduler-sync.js';
import { planFeedSchedules, type FeedSchedule } from './schedules.js';

// The poll role's view of config/feeds.yaml: the feeds in memory (what poll jobs read),
// their schedulers in Redis, and the polls that catch up on what is due at boot, on a
// reload, or after Redis lost its data.

export interface FeedRegistryOptions {
  load: () => FeedConfig[];
  queue: Queue<PollJobData>;
  store: Store;
  jitterMs: number;
  now: () => Date;
  log: Logger;
}

export interface SyncSummary {
  feeds: number;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  polled: number;
  /** Feeds whose schedule could not be made: recorded as failing, not polled. */
  failed: number;
}

export class FeedRegistry {
  private feeds = new Map<string, FeedConfig>();
  private plan: FeedSchedule[] = [];

  constructor(private readonly o: FeedRegistryOptions) {}

  /** The configured feeds by id, as of the last good load. */
  map(): ReadonlyMap<string, FeedConfig> {
    return this.feeds;
  }

  /** Reads the feeds file; throws its located ConfigError, leaving the previous feeds in place. */
  load(): FeedConfig[] {
    const list = this.o.load();
    this.feeds = new Map(list.map((f) => [f.id, f]));
    this.plan = planFeedSchedules(list, this.o.jitterMs);
    return list;
  }

  /** Schedulers to match the feeds; then a poll now for every enabled feed that is due (or all, with `force`). */
  async sync(reason: 'boot' | 'reload' | 'recovery'): Promise<SyncSummary> {
    const diff = await syncFeedSchedulers(this.o.queue, this.plan);
    const unscheduled = this.recordUnscheduled(diff.failed);
    const polled = await this.pollDue(reason, reason === 'recovery', unscheduled);
    const summary = {
      feeds: this.plan.length,
      added: diff.add.length,
      updated: diff.update.length,
      removed: diff.remove.length,
      unchanged: diff.unchanged,
      polled,
      failed: diff.failed.length,
    };
    this.o.log.info({ ...summary, reason }, `feed schedules synced: ${summary.feeds} feeds`);
    return summary;
  }

  /** Records each feed the queue would not schedule as failing; the rest go on. Returns their ids. */
  private recordUnscheduled(failed: ReadonlyArray<{ feedId: string; error: string }>): Set<string> {
    for (const f of failed) {
      const feed = this.feeds.get(f.feedId);
      this.o.log.error({ feedId: f.feedId, error: f.error }, 'feed cannot be scheduled; the other feeds go on');
      if (feed) recordScheduleFailure(this.o.store, feed, f.error, this.o.now());
    }
    return new Set(failed.map((f) => f.feedId));
  }

  private async pollDue(reason: PollJobData['reason'], force: boolean, skip: ReadonlySet<string>): Promise<number> {
    const nowMs = this.o.now().getTime();
    const jobs = [];
    for (const s of this.plan) {
      const feed = this.feeds.get(s.feedId);
      if (!feed || skip.has(feed.id)) continue;
      if (!force && !isDue(feed, this.o.store.getFeed(feed.id), nowMs)) continue;
      // One per feed per slot: a reload storm or a second process adds nothing more. The
      // feed's offset spreads the catch-up of many feeds like the schedulers spread the rest.
      const slot = pollSlot(nowMs, feed.intervalMs);
      jobs.push({
        name: JOB_NAMES.poll,
        data: { feedId: feed.id, reason, ...(force ? { force: true } : {}) },
        opts: { jobId: `${pollJobId(feed.id, slot)}${force ? '-r' : ''}`, delay: s.offset },
      });
    }
    for (let i = 0; i < jobs.length; i += 1_000) await this.o.queue.addBulk(jobs.slice(i, i + 1_000));
    return jobs.length;
  }
}
