import type { Job } from 'bullmq';

// The processors are plain functions of a job: these stand in for what BullMQ hands them
// (the fields they read) and record what they add to the next queue — the narrow
// interfaces the processors take, not a Redis.

export function jobOf<D>(name: string, data: D, over: { id?: string; attemptsMade?: number; attempts?: number } = {}): Job<D> {
  const opts = { attempts: over.attempts ?? 4 };
  return { name, data, opts, id: over.id ?? `${name}-1`, attemptsMade: over.attemptsMade ?? 0, attemptsStarted: (over.attemptsMade ?? 0) + 1, stalledCounter: 0 } as unknown as Job<D>;
}

export interface Added<D> {
  name: string;
  data: D;
  jobId: string | undefined;
}

export interface RecordingQueue<D> {
  added: Added<D>[];
  /** What `getJobState` answers per job id ("unknown" when absent); `remove` deletes the entry. */
  states: Map<string, string>;
  add: (name: string, data: D, opts?: { jobId?: string }) => Promise<Job<D>>;
  addBulk: (jobs: Array<{ name: string; data: D; opts?: { jobId?: string } }>) => Promise<Job<D>[]>;
  getJobState: (id: string) => Promise<'unknown'>;
  remove: (id: string) => Promise<number>;
}

/** Records `add` / `addBulk` calls the way a Queue would receive them. */
export function recordingQueue<D>(): RecordingQueue<D> {
  const added: Added<D>[] = [];
  const states = new Map<string, string>();
  return {
    added,
    states,
    // The recorded state, typed as BullMQ's union (the caller compares it to 'failed').
    getJobState: async (id) => (states.get(id) ?? 'unknown') as 'unknown',
    remove: async (id) => (states.delete(id) ? 1 : 0),
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

/** Waits until `ok` holds, polling every 25 ms; fails naming `what` after `ms`. */
export async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
