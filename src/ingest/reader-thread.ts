import { parentPort, workerData } from 'node:worker_threads';
import { extractDocument } from '../extract/extract-document.js';
import { loadAnalyzer } from './load-analyzer.js';
import { readArticle } from './extract-article.js';
import type { DocumentRequest, DocumentResponse, ReaderRequest, ReaderResponse } from './reader-pool.js';

// A worker thread of the reader pool: loads the watch-list once, then turns pages into
// articles (main text + analysis) off the main thread, which keeps fetching and storing.

const analyzer = loadAnalyzer((workerData as { configDir: string }).configDir);
const port = parentPort;
if (!port) throw new Error('reader-thread must run as a worker thread');

port.on('message', (req: ReaderRequest | DocumentRequest) => {
  let res: ReaderResponse | DocumentResponse;
  try {
    res =
      'document' in req
        ? { id: req.id, ok: true, result: extractDocument(req.document, analyzer) }
        : { id: req.id, ok: true, article: readArticle(req.job, req.page, analyzer, req.fetchedAt) };
  } catch (err) {
    res = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(res);
});
