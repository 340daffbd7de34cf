import { describe, expect, it } from 'vitest';
import { once, withDeadline } from '../../src/service/shutdown.js';

describe('shutdown helpers', () => {
  it.each([
    ['work that finishes', () => new Promise((r) => setTimeout(r, 5)), 'done'],
    ['work that fails', () => Promise.reject(new Error('x')), 'error'],
    ['work that never ends', () => new Promise(() => {}), 'timeout'],
  ])('withDeadline: %s', async (_n, work, want) => {
    expect(await withDeadline(work(), 50)).toBe(want);
  });

  it('once: a second call gets the first call\'s promise', async () => {
    let n = 0;
    const f = once(async () => ++n);
    expect(f()).toBe(f());
    expect(await f()).toBe(1);
  });
});
