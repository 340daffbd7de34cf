import { describe, expect, it } from 'vitest';
import { HostScheduler } from '../../src/fetch/host-scheduler.js';
import type { Release, SchedulerTimers } from '../../src/fetch/host-scheduler.js';

/** A clock that moves only when told, firing due timers in order. */
function manualTimers(): SchedulerTimers & { advance(ms: number): Promise<void> } {
  let t = 0;
  let pending: Array<{ at: number; fn: () => void; id: number }> = [];
  let ids = 0;
  return {
    now: () => t,
    setTimer(fn, ms) {
      const id = ++ids;
      pending.push({ at: t + ms, fn, id });
      return () => {
        pending = pending.filter((p) => p.id !== id);
      };
    },
    async advance(ms) {
      const end = t + ms;
      for (;;) {
        pending.sort((a, b) => a.at - b.at);
        const next = pending[0];
        if (!next || next.at > end) break;
        pending.shift();
        t = next.at;
        next.fn();
        await flush();
      }
      t = end;
      await flush();
    },
  };
}

const flush = () => new Promise<void>((r) => setImmediate(r));

/** Start `n` acquisitions for `host`, recording when each is granted. */
function requestSlots(s: HostScheduler, timers: SchedulerTimers, host: string, n: number, log: Array<{ id: string; at: number }>) {
  const releases: Record<string, Release> = {};
  for (let i = 0; i < n; i++) {
    const id = `${host}#${i}`;
    void s.acquire(host).then((release) => {
      log.push({ id, at: timers.now() });
      releases[id] = release;
    });
  }
  return releases;
}

describe('HostScheduler', () => {
  it('concurrency 1, no gap: one at a time, in order', async () => {
    const timers = manualTimers();
    const s = new HostScheduler(1, 0, timers);
    const log: Array<{ id: string; at: number }> = [];
    const rel = requestSlots(s, timers, 'a', 3, log);
    await flush();
    expect(log.map((l) => l.id)).toEqual(['a#0']);
    rel['a#0']?.();
    await flush();
    expect(log.map((l) => l.id)).toEqual(['a#0', 'a#1']);
    rel['a#1']?.();
    rel['a#1']?.(); // a second release must not free a second slot
    await flush();
    expect(log.map((l) => l.id)).toEqual(['a#0', 'a#1', 'a#2']);
    expect(s.snapshot().a).toEqual({ active: 1, waiting: 0 });
  });

  it('minimum gap between starts, even with free slots', async () => {
    const timers = manualTimers();
    const s = new HostScheduler(4, 100, timers);
    const log: Array<{ id: string; at: number }> = [];
    requestSlots(s, timers, 'a', 3, log);
    await timers.advance(0);
    expect(log).toEqual([{ id: 'a#0', at: 0 }]);
    await timers.advance(99);
    expect(log).toHaveLength(1);
    await timers.advance(1);
    await timers.advance(100);
    expect(log).toEqual([
      { id: 'a#0', at: 0 },
      { id: 'a#1', at: 100 },
      { id: 'a#2', at: 200 },
    ]);
  });

  it('hosts do not wait for each other', async () => {
    const timers = manualTimers();
    const s = new HostScheduler(1, 1000, timers);
    const log: Array<{ id: string; at: number }> = [];
    requestSlots(s, timers, 'a', 2, log);
    requestSlots(s, timers, 'b', 1, log);
    await timers.advance(0);
    expect(log.map((l) => l.id).sort()).toEqual(['a#0', 'b#0']);
  });

  it('gap counts from the previous start, not its end', async () => {
    const timers = manualTimers();
    const s = new HostScheduler(1, 100, timers);
    const log: Array<{ id: string; at: number }> = [];
    const rel = requestSlots(s, timers, 'a', 2, log);
    await timers.advance(0);
    await timers.advance(250);
    rel['a#0']?.(); // a long request: the next may start at once
    await flush();
    expect(log).toEqual([
      { id: 'a#0', at: 0 },
      { id: 'a#1', at: 250 },
    ]);
  });

  it('forgets idle hosts once past their gap', async () => {
    const timers = manualTimers();
    const s = new HostScheduler(1, 10, timers);
    const log: Array<{ id: string; at: number }> = [];
    const rel = requestSlots(s, timers, 'a', 1, log);
    await timers.advance(0);
    expect(s.snapshot()).toEqual({ a: { active: 1, waiting: 0 } });
    await timers.advance(20);
    rel['a#0']?.();
    expect(s.snapshot()).toEqual({});
  });

  it('cancelAll rejects waiters', async () => {
    const timers = manualTimers();
    const s = new HostScheduler(1, 0, timers);
    await s.acquire('a');
    const waiting = s.acquire('a');
    s.cancelAll(new Error('closed'));
    await expect(waiting).rejects.toThrow('closed');
  });

  it.each([
    ['zero concurrency', 0, 0],
    ['fractional concurrency', 1.5, 0],
    ['negative gap', 1, -1],
  ])('rejects %s', (_n, c, g) => expect(() => new HostScheduler(c, g)).toThrow(RangeError));
});
