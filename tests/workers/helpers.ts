import type { Job } from 'bullmq';

// The processors are plain functions of a job: these stand in for what BullMQ hands them
// (the fields they read) and record what they add to the next queue — the narrow
// interfaces the processors take, not a Redis.

export function jobOf<D>(name: string, data: D, over: { id?: string; attemptsMade?: number } = {}): Job<D> {
  return { name, data, id: over.id ?? `${name}-1`, attemptsMade: over.attemptsMade ?? 0, attemptsStarted: (over.attemptsMade ?? 0) + 1, stalledCounter: 0 } as unknown as Job<D>;
}

export interface Added<D> {
  name: string;
  data: D;
  jobId: string | undefined;
}

/** Records `add` / `addBulk` calls the way a Queue would receive them. */
export function recordingQueue<D>(): { added: Added<D>[]; add: (name: string, data: D, opts?: { jobId?: string }) => Promise<Job<D>>; addBulk: (jobs: Array<{ name: string; data: D; opts?: { jobId?: string } }>) => Promise<Job<D>[]> } {
  const added: Added<D>[] = [];
  return {
    added,
    async add(name, data, opts) {
      added.push({ name, data, jobId: opts?.jobId });
      return jobOf(name, data);
    },
    async addBulk(jobs) {
      for (const j of jobs) added.push({ name: j.name, data: j.data, jobId: j.opts?.jobId });
      return jobs.map((j) => jobOf(j.name, j.data));
    },
  };
}
