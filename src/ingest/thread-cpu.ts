import { readFileSync, readlinkSync } from 'node:fs';

// CPU time of one thread, so a document's budget counts the time it used the CPU, not the
// time it waited for one on a loaded machine. Linux exposes per-thread times under /proc;
// Node has no API for a worker thread's CPU time. Elsewhere the budget is wall-clock time.

/** Clock ticks per second of /proc times (USER_HZ: 100 on every Linux architecture Node runs on). */
const TICKS_PER_SECOND = 100;

/** The calling thread's id, for threadCpuMs; null where /proc is not Linux's. */
export function currentThreadId(): number | null {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null;
  }
}

/** User + system CPU time of a thread of this process, in ms (10 ms resolution); null if unknown. */
export function threadCpuMs(tid: number): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields are counted after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}
