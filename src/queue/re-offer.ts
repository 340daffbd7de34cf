import type { Queue } from 'bullmq';

// The queue drops an add whose job id exists, and a failed article job keeps its id for
// a day (removeOnFail). An item whose job failed for good for a reason a retry can fix
// stays unseen, so its feed's next poll offers it again; for that offer to take effect,
// the failed job must go first. Only failed jobs are removed: one waiting, active or
// delayed is still being worked on, and one completed was handed on to the store.

export type ReOfferQueue = Pick<Queue, 'getJobState' | 'remove'>;

/**
 * Removes job `id` when it has finished (completed or failed), so an add with its id runs
 * again; one still waiting or at work is left alone. True when it went.
 */
export async function dropFinishedJob(queue: ReOfferQueue, id: string): Promise<boolean> {
  const state = await queue.getJobState(id);
  if (state !== 'completed' && state !== 'failed') return false;
  return (await queue.remove(id)) === 1;
}

/** Removes the jobs among `ids` that are in the failed set; returns how many went. */
export async function dropFailedJobs(queue: ReOfferQueue, ids: readonly string[]): Promise<number> {
  const states = await Promise.all(ids.map((id) => queue.getJobState(id)));
  const failed = ids.filter((_, i) => states[i] === 'failed');
  const removed = await Promise.all(failed.map((id) => queue.remove(id)));
  return removed.filter((n) => n === 1).length;
}
