import { createHash } from 'node:crypto';

// Deterministic BullMQ job ids: the queue drops an add whose id already exists, so a
// repeated poll, a re-run after a crash or two feeds carrying the same story enqueue
// nothing twice. BullMQ forbids ':' in custom ids and reads digits-only ids as its own
// counters, so every id here starts with a letter prefix and keeps to [A-Za-z0-9._-].

const SAFE = /^[A-Za-z0-9._-]{1,80}$/;

/** A feed id as a job-id part: as is when it is already safe, else a short hash of it. */
export function idPart(value: string): string {
  return SAFE.test(value) ? value : `h${createHash('sha256').update(value).digest('hex').slice(0, 24)}`;
}

/** The poll slot a moment falls in: whole intervals since the epoch. */
export function pollSlot(nowMs: number, intervalMs: number): number {
  return Math.floor(nowMs / Math.max(1, intervalMs));
}

/** One poll per feed per slot, for the polls added outside the schedulers (boot catch-up, reload, recovery). */
export function pollJobId(feedId: string, slot: number): string {
  return `poll-${idPart(feedId)}-${slot}`;
}

/** The article (extract) job of one canonical URL. */
export function articleJobId(canonicalUrl: string): string {
  return `art-${createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 40)}`;
}

/** The store job that follows an article job: derived from it, so a re-run extract adds the same one. */
export function storeJobId(articleJobIdValue: string): string {
  return `store-${articleJobIdValue}`;
}

/** The article job a store job follows (the inverse of storeJobId); null for other ids. */
export function articleJobIdOfStore(storeJobIdValue: string): string | null {
  return storeJobIdValue.startsWith('store-art-') ? storeJobIdValue.slice('store-'.length) : null;
}

/** The "mark this item seen, it cannot be fetched" job that replaces a store job. */
export function skipJobId(articleJobIdValue: string): string {
  return `skip-${articleJobIdValue}`;
}

/** The "this item failed for good, for a reason a retry can fix; poll its feed in full again" job. */
export function retryLaterJobId(articleJobIdValue: string): string {
  return `retry-${articleJobIdValue}`;
}

/** Re-extraction of one stored article within one `newsmon reextract` run. */
export function reextractJobId(runId: string, articleId: number): string {
  return `reextract-${idPart(runId)}-${articleId}`;
}

/** The store job of a re-extraction. */
export function reextractStoreJobId(runId: string, articleId: number): string {
  return `store-reextract-${idPart(runId)}-${articleId}`;
}

/** The scheduler of one feed's polls. */
export function feedSchedulerId(feedId: string): string {
  return `feed-${idPart(feedId)}`;
}

/** The scheduler of the old single daily digest (removed at boot since recipients have their own). */
export const DIGEST_SCHEDULER_ID = 'digest-daily';

/** The daily scheduler of one digest recipient. */
export function digestSchedulerId(address: string): string {
  return `digest-${idPart(address.trim().toLowerCase())}`;
}

/** A catch-up of one recipient's day, added at boot when its send time passed unsent. */
export function digestCatchUpJobId(address: string, date: string): string {
  return `digest-catchup-${idPart(address.trim().toLowerCase())}-${date}`;
}

/** Job ids BullMQ accepts as custom ids (what the tests check every builder against). */
export function isValidCustomJobId(id: string): boolean {
  return id.length > 0 && !id.includes(':') && !/^\d+$/.test(id);
}
