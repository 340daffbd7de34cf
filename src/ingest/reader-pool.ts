import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FeedParseError, type FeedParseErrorCode, type ParseFeedBytesOptions } from '../feed/parse-feed.js';
import type { AnalysisLimits, AnalysisResult } from '../analyze/analyzer.js';
import type { DocumentInput, DocumentResult } from '../extract/extract-document.js';
import type { NormalizedFeed } from '../model.js';
import type { ArticleInput } from '../store/types.js';
import type { LimitsSettings } from '../config/settings-types.js';
import type { ArticleReader, FetchedPage } from './extract-article.js';
import { DocumentTimeoutError } from './document-timeout.js';
import { threadCpuMs } from './thread-cpu.js';
import type { ArticleJob } from './types.js';

/** Parses a fetched feed somewhere (a reader thread with a deadline); see ReaderPool. */
export interface FeedParser {
  parseFeed(bytes: Uint8Array, opts: ParseFeedBytesOptions): Promise<NormalizedFeed>;
}

export type ReaderRequest =
  | { id: number; kind: 'article'; job: ArticleJob; page: FetchedPage | null; fetchedAt: string }
  | { id: number; kind: 'analyze'; text: string; lang: string | undefined }
  | { id: number; kind: 'document'; document: DocumentInput }
  | { id: number; kind: 'feed'; bytes: Uint8Array; opts: ParseFeedBytesOptions };

type Result = ArticleInput | NormalizedFeed | AnalysisResult | DocumentResult;

/** What a reader thread is started with. */
export interface ReaderThreadData {
  configDir: string;
  analysisLimits?: AnalysisLimits;
}

export interface ThreadError {
  name: string;
  message: string;
  code?: string;
}

export type ReaderResponse =
  | { ready: true; tid: number | null }
  | { id: number; ok: true; value: Result }
  | { id: number; ok: false; error: ThreadError };

export { DocumentTimeoutError } from './document-timeout.js';

/** newsmon.yaml's `limits` as the pool's options. */
export function readerPoolOptions(limits: LimitsSettings): ReaderPoolOptions {
  return { feedDeadlineMs: limits.feedCpuMs, articleDeadlineMs: limits.articleCpuMs, analysisLimits: analysisLimits(limits) };
}

/** newsmon.yaml's `limits` as the analyzer's per-article caps. */
export function analysisLimits(limits: LimitsSettings): AnalysisLimits {
  return { maxMentions: limits.maxMentions, maxPowerFigures: limits.maxPowerFigures, maxEvents: limits.maxEvents };
}

export interface ReaderPoolOptions {
  /**
   * CPU time one feed may use on its thread (on Linux; elsewhere wall-clock time from when
   * the thread starts on it). Whatever the CPU count, a document is also stopped after
   * WALL_FACTOR times its budget in wall-clock time.
   */
  feedDeadlineMs?: number;
  /** The same for one article's main text and analysis (or a re-analysis of stored text). */
  articleDeadlineMs?: number;
  /** The analyzer's per-article caps in the threads (default DEFAULT_ANALYSIS_LIMITS). */
  analysisLimits?: AnalysisLimits;
}

/**
 * Budgets per document. A 10 MB feed parses in ~0.5 s and a long article reads in ~1 s, so
 * the limits leave room for a loaded machine; what passes them is a hostile or broken
 * document, and stopping it frees the thread for the rest.
 */
export const DEFAULT_FEED_DEADLINE_MS = 20_000;
export const DEFAULT_ARTICLE_DEADLINE_MS = 30_000;
/** A loaded machine gives a thread a fraction of a core; past this many budgets of wall time, stop anyway. */
export const WALL_FACTOR = 10;

interface Task {
  req: ReaderRequest;
  transfer: ArrayBuffer[];
  deadlineMs: number;
  what: string;
  resolve: (v: Result) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** The thread's OS id, to read its CPU time; null where that cannot be done. */
  tid: number | null;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  /** When the task started: wall clock, and the thread's CPU time (null: not measurable). */
  startedAt: number;
  cpuAtStart: number | null;
}

/**
 * The CPU-heavy parsing (feeds; main text + analysis of articles) on worker threads, so
 * the main thread's event loop (fetching, storing, the API, BullMQ's lock renewals) is
 * never held by a document. Each thread takes one document at a time, under a budget of
 * CPU time (see thread-cpu.ts): a document that passes it gets a DocumentTimeoutError, its
 * thread is terminated and a fresh one takes its place, and the queue goes on. Page and
 * feed bytes are transferred.
 */
export class ReaderPool implements ArticleReader, FeedParser {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private readonly feedDeadlineMs: number;
  private readonly articleDeadlineMs: number;
  private readonly threadData: ReaderThreadData;
  private nextId = 1;
  private closed = false;
  /** Set when a thread died before it was ready (a bad config): replacing it would loop. */
  private broken: Error | null = null;

  private constructor(
    size: number,
    configDir: string,
    private readonly script: URL,
    opts: ReaderPoolOptions,
  ) {
    this.feedDeadlineMs = opts.feedDeadlineMs ?? DEFAULT_FEED_DEADLINE_MS;
    this.articleDeadlineMs = opts.articleDeadlineMs ?? DEFAULT_ARTICLE_DEADLINE_MS;
    this.threadData = { configDir, ...(opts.analysisLimits ? { analysisLimits: opts.analysisLimits } : {}) };
    for (let i = 0; i < size; i++) this.spawn();
  }

  /**
   * A pool of `size` threads (one is worth it: it keeps the event loop free and enforces
   * the deadlines), or null where threads cannot run this build (from the TypeScript
   * sources, as under the test runner); then the caller parses in its own thread.
   */
  static create(configDir: string, size = availableParallelism(), opts: ReaderPoolOptions = {}): ReaderPool | null {
    const script = new URL('./reader-thread.js', import.meta.url);
    if (size < 1 || !existsSync(script)) return null;
    return new ReaderPool(size, configDir, script, opts);
  }

  read(job: ArticleJob, page: FetchedPage | null, fetchedAt: string): Promise<ArticleInput> {
    // A copy that owns its buffer, so it can be transferred (fetch bodies may share a pool).
    const bytes = page ? new Uint8Array(page.bytes) : null;
    const req: ReaderRequest = { id: this.nextId++, kind: 'article', job, page: page && bytes ? { ...page, bytes } : null, fetchedAt };
    return this.submit(req, bytes, this.articleDeadlineMs, `main text and analysis of ${job.url}`) as Promise<ArticleInput>;
  }

  parseFeed(bytes: Uint8Array, opts: ParseFeedBytesOptions): Promise<NormalizedFeed> {
    const own = new Uint8Array(bytes);
    const req: ReaderRequest = { id: this.nextId++, kind: 'feed', bytes: own, opts };
    return this.submit(req, own, this.feedDeadlineMs, `parsing the feed${opts.url ? ` ${opts.url}` : ''}`) as Promise<NormalizedFeed>;
  }

  /** One document through extractDocument on a thread: `newsmon extract` over many files. */
  extract(document: DocumentInput): Promise<DocumentResult> {
    const bytes = new Uint8Array(document.bytes);
    const req: ReaderRequest = { id: this.nextId++, kind: 'document', document: { ...document, bytes } };
    return this.submit(req, bytes, this.articleDeadlineMs, `extracting ${document.url ?? 'a document'}`) as Promise<DocumentResult>;
  }

  /** The analysis alone, of text already extracted (re-analysis of stored articles). */
  analyze(text: string, opts: { lang?: string } = {}): Promise<AnalysisResult> {
    const req: ReaderRequest = { id: this.nextId++, kind: 'analyze', text, lang: opts.lang };
    return this.submit(req, null, this.articleDeadlineMs, `analysis of ${text.length} characters of text`) as Promise<AnalysisResult>;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const s of slots) if (s.timer) clearTimeout(s.timer);
    await Promise.all(slots.map((s) => s.worker.terminate()));
    const err = new Error('reader pool closed');
    for (const s of slots) s.task?.reject(err);
    for (const t of this.queue.splice(0)) t.reject(err);
  }

  private submit(req: ReaderRequest, bytes: Uint8Array | null, deadlineMs: number, what: string): Promise<Result> {
    if (this.closed) return Promise.reject(new Error('reader pool is closed'));
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.queue.push({ req, transfer: bytes ? [bytes.buffer as ArrayBuffer] : [], deadlineMs, what, resolve, reject });
      this.pump();
    });
  }

  private spawn(): void {
    // A small young generation: each thread holds one document at a time, and the default
    // (sized for a whole application) cost ~50 MB more resident memory for two threads (measured, 4,000 pages).
    const worker = new Worker(this.script, { workerData: this.threadData, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    const slot: Slot = { worker, ready: false, tid: null, task: null, timer: null, startedAt: 0, cpuAtStart: null };
    worker.on('message', (res: ReaderResponse) => this.onMessage(slot, res));
    worker.on('error', (err) => this.onExit(slot, err));
    worker.on('exit', (code) => this.onExit(slot, new Error(`reader thread exited with code ${code}`)));
    worker.unref();
    this.slots.push(slot);
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (!slot.ready || slot.task) continue;
      const task = this.queue.shift() as Task;
      slot.task = task;
      // The clock starts when the thread starts on the document, not while it queues.
      slot.startedAt = Date.now();
      slot.cpuAtStart = slot.tid === null ? null : threadCpuMs(slot.tid);
      slot.timer = setTimeout(() => this.check(slot), task.deadlineMs);
      slot.worker.postMessage(task.req, task.transfer);
    }
    // A thread with work, or starting while work waits, keeps the process alive; an idle pool must not.
    for (const slot of this.slots) {
      if (slot.task || (!slot.ready && this.queue.length > 0)) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  private onMessage(slot: Slot, res: ReaderResponse): void {
    if ('ready' in res) {
      slot.ready = true;
      slot.tid = res.tid;
      this.pump();
      return;
    }
    const task = slot.task;
    if (!task || task.req.id !== res.id) return;
    this.free(slot);
    if (res.ok) task.resolve(res.value);
    else task.reject(reviveError(res.error));
    this.pump();
  }

  private free(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
  }

  /** At the budget's end: stop the document if it used its CPU budget (or WALL_FACTOR budgets of wall time), else look again when it could have. */
  private check(slot: Slot): void {
    const task = slot.task;
    if (!task) return;
    const wall = Date.now() - slot.startedAt;
    const cpuNow = slot.tid === null || slot.cpuAtStart === null ? null : threadCpuMs(slot.tid);
    const used = cpuNow === null || slot.cpuAtStart === null ? wall : cpuNow - slot.cpuAtStart;
    if (used >= task.deadlineMs) {
      this.expire(slot, `took over ${fmtSeconds(task.deadlineMs)}${cpuNow === null ? '' : ' of CPU time'}`);
      return;
    }
    if (wall >= task.deadlineMs * WALL_FACTOR) {
      this.expire(slot, `was still running after ${fmtSeconds(wall)} (its budget: ${fmtSeconds(task.deadlineMs)} of CPU time)`);
      return;
    }
    slot.timer = setTimeout(() => this.check(slot), Math.max(task.deadlineMs - used, 20));
  }

  /** The document ran past its budget: stop the thread (terminate() interrupts running JS), start another. */
  private expire(slot: Slot, detail: string): void {
    const task = slot.task;
    if (!task || this.closed) return;
    this.free(slot);
    this.drop(slot);
    void slot.worker.terminate();
    this.spawn();
    this.pump();
    task.reject(new DocumentTimeoutError(`parse-timeout: ${task.what} ${detail}; the reader thread was stopped`));
  }

  /** A thread that died: what it held fails, and a new thread takes its place. */
  private onExit(slot: Slot, err: Error): void {
    if (this.closed || !this.drop(slot)) return;
    const task = slot.task;
    this.free(slot);
    task?.reject(err);
    if (!slot.ready) {
      // It died loading the watch-list: every new thread would too.
      this.broken = err;
      for (const t of this.queue.splice(0)) t.reject(err);
      return;
    }
    this.spawn();
    this.pump();
  }

  private drop(slot: Slot): boolean {
    const i = this.slots.indexOf(slot);
    if (i < 0) return false;
    this.slots.splice(i, 1);
    return true;
  }
}

function fmtSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The thread's error as the main thread's kind, so the poll stage classifies it the same. */
function reviveError(e: ThreadError): Error {
  if (e.name === 'FeedParseError' && e.code) return new FeedParseError(e.code as FeedParseErrorCode, e.message);
  const err = new Error(e.message);
  if (e.code) Object.assign(err, { code: e.code });
  return err;
}
