import type { Store } from '../store/store.js';
import type { ArticleInput, BatchSaveResult } from '../store/types.js';

/**
 * Groups article saves into one commit per batch (each article still all-or-nothing, see
 * Store.saveArticles): a commit costs more than the rows it writes, so a burst of
 * articles saved one commit each spends most of its time committing. A batch is written
 * when it is full or `maxDelayMs` after its first article, whichever comes first.
 */
export class StoreBatcher {
  private batch: Array<{ input: ArticleInput; resolve: (r: BatchSaveResult) => void; reject: (e: Error) => void }> = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly maxBatch = 50,
    private readonly maxDelayMs = 25,
    /** Settle the batch's stories after it (Store.settleStories); an import of any order does it once at its end instead. */
    private readonly settleEachBatch = true,
  ) {}

  save(input: ArticleInput): Promise<BatchSaveResult> {
    return new Promise((resolve, reject) => {
      this.batch.push({ input, resolve, reject });
      if (this.batch.length >= this.maxBatch) this.flush();
      else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.maxDelayMs);
    });
  }

  /** Write what is waiting now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0) return;
    let results: BatchSaveResult[];
    try {
      results = this.store.saveArticles(batch.map((b) => b.input));
      if (this.settleEachBatch) this.store.settleStories();
    } catch (err) {
      for (const b of batch) b.reject(err as Error);
      return;
    }
    batch.forEach((b, i) => b.resolve(results[i] as BatchSaveResult));
  }
}
