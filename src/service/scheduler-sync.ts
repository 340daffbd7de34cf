import type { Queue } from 'bullmq';
import { digestSchedulerId } from '../queue/job-ids.js';
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

/**
 * One daily scheduler per digest recipient, at its HH:MM in its zone; schedulers of
 * recipients no longer configured (and the old single 'digest-daily') are removed, and
 * all of them when `enabled` is false (no SMTP server). Returns the ids kept.
 */
export async function syncDigestSchedulers(
  queue: Queue<DigestJobData>,
  recipients: ReadonlyArray<{ address: string; time: string; timezone: string }>,
  enabled: boolean,
): Promise<string[]> {
  const desired = new Map(enabled ? recipients.map((r) => [digestSchedulerId(r.address), r] as const) : []);
  const existing = await queue.getJobSchedulers(0, -1, true);
  for (const s of existing) if (!desired.has(s.key)) await queue.removeJobScheduler(s.key);
  for (const [id, r] of desired) {
    const pattern = digestPattern(r.time);
    const current = existing.find((s) => s.key === id);
    if (current?.pattern === pattern && current.tz === r.timezone && current.template?.data?.recipient === r.address) continue;
    await queue.upsertJobScheduler(id, { pattern, tz: r.timezone }, { name: JOB_NAMES.digest, data: { recipient: r.address } });
  }
  return [...desired.keys()];
}
