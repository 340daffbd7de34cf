import { describe, expect, it } from 'vitest';
import {
  articleJobId,
  feedSchedulerId,
  idPart,
  isValidCustomJobId,
  pollJobId,
  pollSlot,
  reextractJobId,
  reextractStoreJobId,
  skipJobId,
  storeJobId,
} from '../../src/queue/job-ids.js';

describe('job ids', () => {
  const art = articleJobId('https://example.com/a');
  const cases: Array<[string, string]> = [
    ['poll, plain feed id', pollJobId('aicnbc-com-1f0c9a2e', 1234)],
    ['poll, feed id with a colon', pollJobId('weird:id', 7)],
    ['poll, digits-only feed id', pollJobId('12345', 0)],
    ['article', art],
    ['store', storeJobId(art)],
    ['skip', skipJobId(art)],
    ['reextract', reextractJobId('r1', 42)],
    ['store of a reextract', reextractStoreJobId('r1', 42)],
    ['scheduler', feedSchedulerId('a:b')],
  ];
  it.each(cases)('%s: %s is a valid custom id (no ":", not digits only)', (_name, id) => {
    expect(isValidCustomJobId(id)).toBe(true);
  });

  it('are deterministic, and differ where the input differs', () => {
    expect(articleJobId('https://example.com/a')).toBe(art);
    expect(articleJobId('https://example.com/b')).not.toBe(art);
    expect(pollJobId('f', 1)).not.toBe(pollJobId('f', 2));
    expect(idPart('ok-id_1.2')).toBe('ok-id_1.2');
    expect(idPart('a:b')).toMatch(/^h[0-9a-f]{24}$/);
  });

  it.each([
    ['start of a slot', 900_000 * 10, 900_000, 10],
    ['just before the next', 900_000 * 11 - 1, 900_000, 10],
    ['a zero interval is taken as 1 ms', 5, 0, 5],
  ])('pollSlot: %s', (_n, now, interval, slot) => {
    expect(pollSlot(now, interval)).toBe(slot);
  });
});
