import { createHash } from 'node:crypto';

/**
 * A fingerprint of a story's words: the same text republished under a new URL, with other
 * whitespace, punctuation, quotes or letter case, hashes the same.
 */
export function contentHash(text: string): string {
  const words = text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return createHash('sha256').update(words.join(' ')).digest('hex');
}
