import { withDeadline } from './shutdown.js';

// The service's one undo stack: everything opened is pushed as it is opened, and closed
// in reverse order — on shutdown, or when start-up fails half-way. Each step is raced
// against a deadline (a close that hangs must not hold the others back), and closing
// twice returns the first close's promise.

export type Closer = () => unknown;

export interface LifecycleOptions {
  /** How long one step may take before the next one starts anyway. */
  stepDeadlineMs?: number;
  /** Told of a step that failed or ran out of time. */
  onStepTrouble?: (name: string, outcome: 'timeout' | 'error') => void;
}

export class Lifecycle {
  private readonly stack: Array<{ name: string; close: Closer }> = [];
  private closing: Promise<void> | null = null;

  constructor(private readonly o: LifecycleOptions = {}) {}

  /** Registers what closes a resource just opened. After close() has begun, the resource is closed at once. */
  push(name: string, close: Closer): void {
    if (this.closing) {
      void this.step({ name, close });
      return;
    }
    this.stack.push({ name, close });
  }

  get closed(): boolean {
    return this.closing !== null;
  }

  /** Closes everything, last opened first. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const s of this.stack.splice(0).reverse()) await this.step(s);
    })();
    return this.closing;
  }

  private async step(s: { name: string; close: Closer }): Promise<void> {
    const outcome = await withDeadline(Promise.resolve().then(s.close), this.o.stepDeadlineMs ?? 3_000);
    if (outcome !== 'done') this.o.onStepTrouble?.(s.name, outcome);
  }
}
