import { FetchError } from '../fetch/fetch-error.js';
import type { FetchRequest, FetchResult, HttpClient } from '../fetch/types.js';

// Decorators over the HTTP client the stages receive: they leave the client itself alone.

export type FetchObserver = (outcome: string, seconds: number) => void;

/** Reports each fetch's time and outcome ("ok", "not-modified", or the FetchError kind). */
export function observedHttp(http: HttpClient, observe: FetchObserver): HttpClient {
  return {
    async fetch(req: FetchRequest): Promise<FetchResult> {
      const started = performance.now();
      try {
        const res = await http.fetch(req);
        observe(res.status === 'ok' ? 'ok' : 'not-modified', res.elapsedMs / 1000);
        return res;
      } catch (err) {
        observe(err instanceof FetchError ? err.kind : 'error', (performance.now() - started) / 1000);
        throw err;
      }
    },
    close: () => http.close(),
  };
}

/**
 * Sends no ETag / Last-Modified: an unconditional GET. A poll re-run after a crash, or
 * after Redis lost its queues, must see the items again even if the feed is unchanged
 * since the run that recorded its validators and then lost the article jobs.
 */
export function unconditionalHttp(http: HttpClient): HttpClient {
  return {
    fetch: (req) => http.fetch({ ...req, etag: null, lastModified: null }),
    close: () => http.close(),
  };
}
