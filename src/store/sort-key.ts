// The sort key of an event: one integer that orders events newest first and is unique,
// so a page is "the next N keys below the last one seen" (keyset paging) and every
// index below can be read in that order without sorting.
//
//   key = second(article date) × 2^20 + slot
//
// The second is the article's published time (else its fetch time), clamped to
// 1970…2106. The slot orders events within one second: an article stored later gets
// higher slots (so newer stored first, as the id order did), and within one article the
// first sentence gets the highest slot (so a page reads in sentence order). Time filters
// therefore work to the second. 2^32 × 2^20 = 2^52, so a key is exact in a JS number.

export const SLOT_BITS = 20;
export const SLOTS = 2 ** SLOT_BITS;
const MAX_SECOND = 2 ** 32 - 1;

/** The whole second of an ISO date, clamped to what a key can hold; 0 when unreadable. */
export function secondOf(iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return 0;
  return Math.min(MAX_SECOND, Math.max(0, Math.floor(ms / 1000)));
}

/** Keys of events at or after `iso` are >= this. */
export function lowestKeyAt(iso: string): number {
  return secondOf(iso) * SLOTS;
}

/** Keys of events before `iso` (exclusive) are < this; a fraction of a second counts as the whole second. */
export function keyBelow(iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return 0;
  const s = Math.min(MAX_SECOND + 1, Math.max(0, Math.ceil(ms / 1000)));
  return s * SLOTS;
}

/** Above every key. */
export const KEY_CEILING = (MAX_SECOND + 1) * SLOTS;

/** The same formula in SQL, for the migration; `at` an expression giving an ISO date. */
export function secondSql(at: string): string {
  return `min(${MAX_SECOND}, max(0, coalesce(unixepoch(${at}), 0)))`;
}
