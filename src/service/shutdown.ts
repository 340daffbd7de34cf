// Bounded, ordered, idempotent shutdown. BullMQ's worker.close() waits for running jobs
// with no timeout of its own, so every step is raced against a deadline.

export type Outcome = 'done' | 'timeout' | 'error';

/** Resolves with how `work` ended within `ms`; never rejects. */
export async function withDeadline(work: Promise<unknown>, ms: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([work.then(() => 'done' as const, () => 'error' as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Wraps an async close so that a second call returns the first call's promise. */
export function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}
