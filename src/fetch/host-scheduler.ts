// Per-host politeness: at most `concurrency` requests in flight to one host, and request
// starts to one host at least `minGapMs` apart. Pure queueing logic; the clock and the
// timer are injected so tests drive it step by step.

export interface SchedulerTimers {
  now(): number;
  /** Calls `fn` after `ms`; returns a cancel function. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const realTimers: SchedulerTimers = {
  now: () => performance.now(),
  setTimer: (fn, ms) => {
    // Not unref'd: the timer only exists while a request waits its turn, and that request
    // must keep the process alive (an unref'd one let `ingest --once` exit mid-pass).
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

/** Call once when the request to the host is over (body read or failed). Safe to call twice. */
export type Release = () => void;

interface Waiter {
  grant: (release: Release) => void;
  fail: (err: Error) => void;
}

interface HostState {
  active: number;
  /** When the last request to this host was let through (timers.now()). */
  lastStart: number;
  queue: Waiter[];
  cancelTimer: (() => void) | null;
}

/** Above this many remembered hosts, idle ones are swept on the next acquire. */
const SWEEP_ABOVE = 512;

export class HostScheduler {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly concurrency: number,
    private readonly minGapMs: number,
    private readonly timers: SchedulerTimers = realTimers,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`per-host concurrency must be a positive integer, got ${concurrency}`);
    if (!(minGapMs >= 0)) throw new RangeError(`per-host minimum gap must be >= 0 ms, got ${minGapMs}`);
  }

  /** Waits for a slot for `host`, FIFO per host. */
  acquire(host: string): Promise<Release> {
    if (this.hosts.size > SWEEP_ABOVE) this.sweep();
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, lastStart: Number.NEGATIVE_INFINITY, queue: [], cancelTimer: null };
      this.hosts.set(host, state);
    }
    const s = state;
    return new Promise<Release>((grant, fail) => {
      s.queue.push({ grant, fail });
      this.pump(host, s);
    });
  }

  /** Requests in flight and waiting, per host (for tests and progress). */
  snapshot(): Record<string, { active: number; waiting: number }> {
    const out: Record<string, { active: number; waiting: number }> = {};
    for (const [host, s] of this.hosts) out[host] = { active: s.active, waiting: s.queue.length };
    return out;
  }

  /** Rejects every waiter (on client close); requests in flight are the caller's to abort. */
  cancelAll(err: Error): void {
    for (const s of this.hosts.values()) {
      s.cancelTimer?.();
      s.cancelTimer = null;
      for (const w of s.queue.splice(0)) w.fail(err);
    }
  }

  private pump(host: string, s: HostState): void {
    while (s.queue.length > 0 && s.active < this.concurrency) {
      const wait = s.lastStart + this.minGapMs - this.timers.now();
      if (wait > 0) {
        if (!s.cancelTimer) {
          s.cancelTimer = this.timers.setTimer(() => {
            s.cancelTimer = null;
            this.pump(host, s);
          }, wait);
        }
        return;
      }
      const w = s.queue.shift() as Waiter;
      s.active++;
      s.lastStart = this.timers.now();
      let released = false;
      w.grant(() => {
        if (released) return;
        released = true;
        s.active--;
        this.pump(host, s);
        this.forgetIfIdle(host, s);
      });
    }
  }

  private sweep(): void {
    for (const [host, s] of this.hosts) this.forgetIfIdle(host, s);
  }

  // Thousands of feed hosts must not leave state behind; a host may be forgotten once
  // idle and past its gap, since a fresh state then behaves the same.
  private forgetIfIdle(host: string, s: HostState): void {
    if (s.active === 0 && s.queue.length === 0 && !s.cancelTimer && this.timers.now() - s.lastStart >= this.minGapMs) {
      this.hosts.delete(host);
    }
  }
}
