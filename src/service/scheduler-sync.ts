import type { Queue } from 'bullmq';
import { DIGEST_SCHEDULER_ID } from '../queue/job-ids.js';
import { JOB_NAMES, type DigestJobData, type PollJobData } from '../queue/jobs.js';
import { diffSchedules, digestPattern, type ExistingSchedule, type FeedSchedule, type ScheduleDiff } from './schedules.js';

// Makes Redis's job schedulers match the plan: upsert what is new or changed, remove the
// schedulers of feeds no longer configured. Safe to run at every boot, on every reload,
// and from several processes at once (upsert and remove are idempotent).

async function existingSchedules(queue: Queue<PollJobData>): Promise<ExistingSchedule[]> {
  const list = await queue.getJobSchedulers(0, -1, true);
  return list.map((s) => ({
    key: s.key,
    every: s.every,
    pattern: s.pattern,
    tz: s.tz,
    offset: s.offset,
    feedId: s.template?.data?.feedId,
  }));
}

export async function upsertFeedSchedule(queue: Queue<PollJobData>, s: FeedSchedule): Promise<void> {
  const repeat = s.every !== null ? { every: s.every, offset: s.offset } : { pattern: s.pattern as string, tz: s.tz ?? 'UTC' };
  await queue.upsertJobScheduler(s.schedulerId, repeat, {
    name: JOB_NAMES.poll,
    data: { feedId: s.feedId, reason: 'schedule' },
  });
}

export interface SyncResult extends ScheduleDiff {
  /** Schedules the queue refused (e.g. a cron pattern it cannot read); the others were made. */
  failed: Array<{ feedId: string; error: string }>;
}

/** Redis being down is not a schedule's fault: only errors that name the pattern are per feed. */
function isConnectionError(err: unknown): boolean {
  const msg = err instanceof Error ? err.message : String(err);
  return /ECONNREFUSED|ECONNRESET|Connection is closed|ETIMEDOUT|EPIPE|max retries/i.test(msg);
}

export async function syncFeedSchedulers(queue: Queue<PollJobData>, desired: readonly FeedSchedule[]): Promise<SyncResult> {
  const diff = diffSchedules(await existingSchedules(queue), desired);
  const failed: SyncResult['failed'] = [];
  for (const s of [...diff.add, ...diff.update]) {
    try {
      await upsertFeedSchedule(queue, s);
    } catch (err) {
      if (isConnectionError(err)) throw err;
      failed.push({ feedId: s.feedId, error: err instanceof Error ? err.message : String(err) });
    }
  }
  for (const key of diff.remove) await queue.removeJobScheduler(key);
  return { ...diff, failed };
}

/** The daily digest at HH:MM in the zone; removed when `enabled` is false (no SMTP or no recipients). */
export async function syncDigestScheduler(
  queue: Queue<DigestJobData>,
  digest: { time: string; timezone: string },
  enabled: boolean,
): Promise<'scheduled' | 'removed'> {
  if (!enabled) {
    await queue.removeJobScheduler(DIGEST_SCHEDULER_ID);
    return 'removed';
  }
  const pattern = digestPattern(digest.time);
  const current = (await queue.getJobSchedulers(0, -1, true)).find((s) => s.key === DIGEST_SCHEDULER_ID);
  if (current?.pattern === pattern && current.tz === digest.timezone) return 'scheduled';
  await queue.upsertJobScheduler(DIGEST_SCHEDULER_ID, { pattern, tz: digest.timezone }, { name: JOB_NAMES.digest, data: {} });
  return 'scheduled';
}
