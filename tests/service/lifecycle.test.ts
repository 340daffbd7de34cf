import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Lifecycle } from '../../src/service/lifecycle.js';
import { untilStopSignal } from '../../src/service/signals.js';

describe('Lifecycle', () => {
  it('closes last opened first, once, however often close is called', async () => {
    const order: string[] = [];
    const life = new Lifecycle();
    for (const name of ['redis', 'queues', 'database', 'api']) life.push(name, () => void order.push(name));
    await Promise.all([life.close(), life.close()]);
    await life.close();
    expect(order).toEqual(['api', 'database', 'queues', 'redis']);
  });

  it('a step that hangs or throws does not hold back the others, and is reported', async () => {
    const order: string[] = [];
    const trouble: Array<[string, string]> = [];
    const life = new Lifecycle({ stepDeadlineMs: 50, onStepTrouble: (n, o) => void trouble.push([n, o]) });
    life.push('first', () => void order.push('first'));
    life.push('hangs', () => new Promise(() => {}));
    life.push('throws', () => {
      throw new Error('boom');
    });
    await life.close();
    expect(order).toEqual(['first']);
    expect(trouble).toEqual([['throws', 'error'], ['hangs', 'timeout']]);
  });

  it('what is opened after close began is closed at once', async () => {
    const life = new Lifecycle();
    const closing = life.close();
    let closed = false;
    life.push('late', () => void (closed = true));
    await closing;
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(true);
  });
});

describe('untilStopSignal', () => {
  it('the first signal stops gracefully and resolves 0; SIGHUP reloads', async () => {
    const signals = new EventEmitter();
    let reloads = 0;
    let stops = 0;
    const said: string[] = [];
    const code = untilStopSignal({ signals, stop: async () => void stops++, reload: () => void reloads++, say: (e) => void said.push(e), exit: () => expect.fail('must not exit') });
    signals.emit('SIGHUP');
    signals.emit('SIGTERM', 'SIGTERM');
    expect(await code).toBe(0);
    expect([reloads, stops]).toEqual([1, 1]);
    expect(said).toEqual(['reloading', 'stopping']);
    expect(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT') + signals.listenerCount('SIGHUP')).toBe(0);
  });

  it('a second signal while stopping exits at once with 1', async () => {
    const signals = new EventEmitter();
    const exits: number[] = [];
    let finish: () => void = () => {};
    const code = untilStopSignal({ signals, stop: () => new Promise<void>((r) => (finish = r)), say: () => {}, exit: (c) => void exits.push(c) });
    signals.emit('SIGINT', 'SIGINT');
    signals.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([1]);
    finish();
    expect(await code).toBe(0);
  });

  it('a stop past its deadline exits with 1; a failed stop resolves 1', async () => {
    const signals = new EventEmitter();
    const exited = new Promise<number>((resolve) => {
      void untilStopSignal({ signals, stop: () => new Promise(() => {}), deadlineMs: 20, say: () => {}, exit: resolve });
    });
    signals.emit('SIGTERM', 'SIGTERM');
    expect(await exited).toBe(1);

    const other = new EventEmitter();
    const code = untilStopSignal({ signals: other, stop: () => Promise.reject(new Error('x')), say: () => {}, exit: () => expect.fail('must not exit') });
    other.emit('SIGTERM', 'SIGTERM');
    expect(await code).toBe(1);
  });
});
