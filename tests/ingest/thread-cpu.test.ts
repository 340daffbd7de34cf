import { describe, expect, it } from 'vitest';
import { currentThreadId, threadCpuMs } from '../../src/ingest/thread-cpu.js';

describe.skipIf(process.platform !== 'linux')('thread CPU time (Linux /proc)', () => {
  it('counts the CPU a thread used, not the time it waited', async () => {
    const tid = currentThreadId();
    expect(tid).toBeGreaterThan(0);
    const before = threadCpuMs(tid!)!;
    await new Promise((r) => setTimeout(r, 300));
    const idle = threadCpuMs(tid!)! - before;
    const t = Date.now();
    let x = 0;
    while (Date.now() - t < 300) x += Math.sqrt(x + 1);
    const busy = threadCpuMs(tid!)! - before - idle;
    expect(x).toBeGreaterThan(0);
    expect(idle).toBeLessThan(150);
    // 300 ms of spinning is at most 300 ms of CPU, and at least some of it on a loaded machine.
    expect(busy).toBeGreaterThan(0);
    expect(busy).toBeLessThanOrEqual(320);
    expect(threadCpuMs(2 ** 31 - 1)).toBeNull();
  });
});
