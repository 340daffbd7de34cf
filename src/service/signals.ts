// One way for `newsmon run` and `newsmon serve` to stop on SIGTERM/SIGINT: the first
// signal closes gracefully, a second exits at once, and so does a close that outlives
// its deadline. SIGHUP reloads where the caller can.

export interface SignalHandlingOptions {
  /** Graceful stop; resolves when everything is closed. */
  stop: () => Promise<unknown>;
  /** SIGHUP; ignored when absent. */
  reload?: () => unknown;
  /** Where signals come from: the process, or a test's emitter. */
  signals?: NodeJS.EventEmitter;
  /** Past this, a stop still running exits the process (open sockets would keep it alive). */
  deadlineMs?: number;
  /** Says what happens, one line each. */
  say: (event: 'stopping' | 'second-signal' | 'deadline' | 'reloading' | 'stop-failed', detail: string) => void;
  /** How to leave at once (process.exit; a test passes its own). */
  exit?: (code: number) => void;
}

/** Resolves with the exit code once a signal has stopped everything: 0, or 1 when stopping failed. */
export function untilStopSignal(o: SignalHandlingOptions): Promise<number> {
  const signals = o.signals ?? process;
  const exit = o.exit ?? ((code: number) => process.exit(code));
  return new Promise((resolve) => {
    let stopping = false;
    const onHup = (): void => {
      o.say('reloading', 'SIGHUP');
      void o.reload?.();
    };
    const finish = (code: number, deadline: NodeJS.Timeout | undefined): void => {
      clearTimeout(deadline);
      signals.off('SIGTERM', onStop);
      signals.off('SIGINT', onStop);
      signals.off('SIGHUP', onHup);
      resolve(code);
    };
    function onStop(signal: NodeJS.Signals): void {
      if (stopping) {
        o.say('second-signal', signal);
        exit(1);
        return;
      }
      stopping = true;
      o.say('stopping', signal);
      const deadline = o.deadlineMs === undefined ? undefined : setTimeout(() => {
        o.say('deadline', `${o.deadlineMs} ms`);
        exit(1);
      }, o.deadlineMs);
      deadline?.unref();
      o.stop().then(
        () => finish(0, deadline),
        (err: unknown) => {
          o.say('stop-failed', err instanceof Error ? err.message : String(err));
          finish(1, deadline);
        },
      );
    }
    signals.on('SIGTERM', onStop);
    signals.on('SIGINT', onStop);
    if (o.reload) signals.on('SIGHUP', onHup);
  });
}
