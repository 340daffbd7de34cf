import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DocumentInput, DocumentResult } from '../extract/extract-document.js';
import type { ArticleInput } from '../store/types.js';
import type { ArticleReader, FetchedPage } from './extract-article.js';
import type { ArticleJob } from './types.js';

export interface ReaderRequest {
  id: number;
  job: ArticleJob;
  page: FetchedPage | null;
  fetchedAt: string;
}

export type ReaderResponse = { id: number; ok: true; article: ArticleInput } | { id: number; ok: false; error: string };

/** `newsmon extract`'s request: one document through extractDocument, on a reader thread. */
export interface DocumentRequest {
  id: number;
  document: DocumentInput;
}
export type DocumentResponse = { id: number; ok: true; result: DocumentResult } | { id: number; ok: false; error: string };

interface Slot {
  worker: Worker;
  busy: number;
}

/**
 * Main text and analysis on worker threads: the CPU-heavy part of the extract stage, so
 * `ingest --once` uses every core while the main thread fetches and stores. Each thread
 * builds its own analyzer once. Requests go to the least busy thread; page bytes are
 * transferred, not copied.
 */
export class ReaderPool implements ArticleReader {
  private readonly slots: Slot[] = [];
  // Resolves with an ArticleInput for read(), a DocumentResult for extract().
  private readonly pending = new Map<number, { slot: Slot; resolve: (a: never) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private closed = false;

  private constructor(size: number, configDir: string, script: URL) {
    for (let i = 0; i < size; i++) {
      // A small young generation: each thread holds one page at a time, and the default
      // (sized for a whole application) cost ~50 MB more resident memory for two threads (measured, 4,000 pages).
      const worker = new Worker(script, { workerData: { configDir }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
      const slot: Slot = { worker, busy: 0 };
      worker.on('message', (res: ReaderResponse | DocumentResponse) => this.settle(res));
      worker.on('error', (err) => this.retire(slot, err));
      worker.on('exit', (code) => {
        if (!this.closed) this.retire(slot, new Error(`reader thread exited with code ${code}`));
      });
      worker.unref();
      this.slots.push(slot);
    }
  }

  /**
   * A pool of `size` threads, or null where threads cannot run this build (from the
   * TypeScript sources, as under the test runner) or one thread would not pay.
   */
  static create(configDir: string, size = availableParallelism()): ReaderPool | null {
    const script = new URL('./reader-thread.js', import.meta.url);
    if (size < 2 || !existsSync(script)) return null;
    return new ReaderPool(size, configDir, script);
  }

  read(job: ArticleJob, page: FetchedPage | null, fetchedAt: string): Promise<ArticleInput> {
    if (this.closed) return Promise.reject(new Error('reader pool is closed'));
    if (this.slots.length === 0) return Promise.reject(new Error('every reader thread has died'));
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    // A copy that owns its buffer, so it can be transferred (fetch bodies may share a pool).
    const bytes = page ? new Uint8Array(page.bytes) : null;
    const req: ReaderRequest = { id, job, page: page && bytes ? { ...page, bytes } : null, fetchedAt };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { slot, resolve, reject });
      slot.busy++;
      if (slot.busy === 1) slot.worker.ref();
      slot.worker.postMessage(req, bytes ? [bytes.buffer as ArrayBuffer] : []);
    });
  }

  /** One document through extractDocument on a thread: `newsmon extract` over many files. */
  extract(document: DocumentInput): Promise<DocumentResult> {
    if (this.closed) return Promise.reject(new Error('reader pool is closed'));
    if (this.slots.length === 0) return Promise.reject(new Error('every reader thread has died'));
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    const bytes = new Uint8Array(document.bytes);
    const req: DocumentRequest = { id, document: { ...document, bytes } };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { slot, resolve, reject });
      slot.busy++;
      if (slot.busy === 1) slot.worker.ref();
      slot.worker.postMessage(req, [bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    for (const p of this.pending.values()) p.reject(new Error('reader pool closed'));
    this.pending.clear();
  }

  private settle(res: ReaderResponse | DocumentResponse): void {
    const p = this.pending.get(res.id);
    if (!p) return;
    this.pending.delete(res.id);
    this.release(p.slot);
    if (res.ok) p.resolve(('article' in res ? res.article : res.result) as never);
    else p.reject(new Error(res.error));
  }

  private release(slot: Slot): void {
    slot.busy--;
    // An idle pool must not keep the process alive.
    if (slot.busy === 0) slot.worker.unref();
  }

  /** A thread that died takes no more work; what it held fails, the caller's to retry. */
  private retire(slot: Slot, err: Error): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    for (const [id, p] of this.pending) {
      if (p.slot !== slot) continue;
      this.pending.delete(id);
      this.release(slot);
      p.reject(err);
    }
  }
}
