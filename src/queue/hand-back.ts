import { WaitingError, type Job } from 'bullmq';

// On a shutdown past its deadline the service cancels the jobs still running
// (Worker.cancelAllJobs → the processor's AbortSignal). A cancelled job is handed back
// to the wait list untouched, not failed: another worker, or this one after a restart,
// runs it again, and every stage is safe to repeat.

class Cancelled extends Error {}

/** Runs `work`; if `signal` aborts first, moves the job back to waiting and ends the processor. */
export async function handBackOnAbort<T>(job: Job, token: string | undefined, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  if (!signal) return work();
  if (signal.aborted) return handBack(job, token);
  let onAbort: () => void = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const running = work();
  // Once handed back, the abandoned run's late failure (e.g. a closed database) is moot.
  running.catch(() => {});
  try {
    return await Promise.race([running, aborted]);
  } catch (err) {
    if (err instanceof Cancelled) return handBack(job, token);
    throw err;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

async function handBack(job: Job, token: string | undefined): Promise<never> {
  await job.moveToWait(token);
  throw new WaitingError();
}

/** Whether this run of the job is a repeat: a retry, a stalled job picked up again, or one handed back. */
export function isRerun(job: Pick<Job, 'attemptsMade' | 'attemptsStarted' | 'stalledCounter'>): boolean {
  return job.attemptsMade > 0 || (job.attemptsStarted ?? 1) > 1 || (job.stalledCounter ?? 0) > 0;
}
