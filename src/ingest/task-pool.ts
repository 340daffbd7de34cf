/**
 * Runs async tasks with at most `size` in flight; `drain()` resolves when every task
 * pushed so far (and every task those pushed) has settled. Task errors are the task's
 * business: a task must catch its own, so one bad item never stops the pass.
 */
export class TaskPool {
  private running = 0;
  private readonly queue: Array<() => Promise<void>> = [];
  private idle: Array<() => void> = [];

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a positive integer, got ${size}`);
  }

  push(task: () => Promise<void>): void {
    this.queue.push(task);
    this.pump();
  }

  drain(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.running < this.size && this.queue.length > 0) {
      const task = this.queue.shift() as () => Promise<void>;
      this.running++;
      void task()
        .catch(() => undefined)
        .finally(() => {
          this.running--;
          this.pump();
          if (this.running === 0 && this.queue.length === 0) {
            const waiters = this.idle;
            this.idle = [];
            for (const w of waiters) w();
          }
        });
    }
  }
}
