import { parentPort, workerData } from 'node:worker_threads';
import { extractDocument } from '../extract/extract-document.js';
import { parseFeedBytes } from '../feed/parse-feed.js';
import { loadAnalyzer } from './load-analyzer.js';
import { readArticle } from './extract-article.js';
import { currentThreadId } from './thread-cpu.js';
import type { ReaderRequest, ReaderResponse, ReaderThreadData, ThreadError } from './reader-pool.js';

// A worker thread of the reader pool: loads the watch-list once, says it is ready, then
// parses one document at a time (a feed, or an article's main text and analysis) off the
// main thread. The pool stops the thread when a document runs past its deadline.

const data = workerData as ReaderThreadData;
const analyzer = loadAnalyzer(data.configDir, data.analysisLimits);
const port = parentPort;
if (!port) throw new Error('reader-thread must run as a worker thread');

function threadError(err: unknown): ThreadError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const code = (err as { code?: unknown }).code;
  return { name: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}) };
}

port.on('message', (req: ReaderRequest) => {
  let res: ReaderResponse;
  try {
    const value =
      req.kind === 'feed'
        ? parseFeedBytes(req.bytes, req.opts)
        : req.kind === 'analyze'
          ? analyzer.analyze(req.text, req.lang !== undefined ? { lang: req.lang } : {})
          : req.kind === 'document'
            ? extractDocument(req.document, analyzer)
            : readArticle(req.job, req.page, analyzer, req.fetchedAt);
    res = { id: req.id, ok: true, value };
  } catch (err) {
    res = { id: req.id, ok: false, error: threadError(err) };
  }
  port.postMessage(res);
});
port.postMessage({ ready: true, tid: currentThreadId() } satisfies ReaderResponse);
