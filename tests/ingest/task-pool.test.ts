import { describe, expect, it } from 'vitest';
import { TaskPool } from '../../src/ingest/task-pool.js';

describe('TaskPool', () => {
  it('never runs more than its size at once and drains everything, including tasks pushed by tasks', async () => {
    const pool = new TaskPool(3);
    let inFlight = 0;
    let peak = 0;
    const done: number[] = [];
    const task = (n: number) => async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      done.push(n);
      if (n < 5) pool.push(task(n + 100));
    };
    for (let i = 0; i < 10; i++) pool.push(task(i));
    await pool.drain();
    expect(peak).toBe(3);
    expect(done).toHaveLength(15);
  });

  it('a failing task does not stop the others', async () => {
    const pool = new TaskPool(2);
    const done: number[] = [];
    pool.push(async () => { throw new Error('boom'); });
    pool.push(async () => { done.push(1); });
    await pool.drain();
    expect(done).toEqual([1]);
  });

  it('drain on an empty pool resolves at once', async () => {
    await expect(new TaskPool(1).drain()).resolves.toBeUndefined();
  });

  it('rejects a nonsense size', () => {
    expect(() => new TaskPool(0)).toThrow(RangeError);
  });
});
