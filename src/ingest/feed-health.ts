import type { FeedState } from '../store/types.js';

// What "a failing feed" means, for every view of it (`feeds list`, `status`, the digest,
// the metrics): its last poll failed, i.e. it has at least one failure since its last
// success. The store records the count and since when; this reads them.

export function isFailing(state: Pick<FeedState, 'failureCount'> | null | undefined): boolean {
  return (state?.failureCount ?? 0) > 0;
}

/** The failing feeds among `states`, in the order given. */
export function failingFeeds<T extends Pick<FeedState, 'failureCount'>>(states: readonly T[]): T[] {
  return states.filter((s) => isFailing(s));
}
