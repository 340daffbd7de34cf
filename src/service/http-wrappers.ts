import { FetchError } from '../fetch/fetch-error.js';
import type { FetchRequest, FetchResult, HttpClient } from '../fetch/types.js';

// A decorator over the HTTP client the stages receive: it leaves the client itself alone.

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
