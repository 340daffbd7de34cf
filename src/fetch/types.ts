// The HTTP edge's contract. Only src/fetch/ does network I/O; stages receive an HttpClient.

export interface FetchRequest {
  url: string;
  /** Validators from the last successful fetch, for a conditional GET. */
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  /** Per-request overrides of the client's defaults. */
  maxBytes?: number;
  timeoutMs?: number;
}

export interface FetchOk {
  status: 'ok';
  /** The URL after redirects. */
  url: string;
  statusCode: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  contentType: string | null;
  body: Buffer;
  etag: string | null;
  lastModified: string | null;
  /** Milliseconds from request start to the end of the body. */
  elapsedMs: number;
}

export interface FetchNotModified {
  status: 'not-modified';
  url: string;
  headers: Record<string, string>;
  elapsedMs: number;
}

export type FetchResult = FetchOk | FetchNotModified;

/** The closed set of ways a fetch can fail, classified once at the edge. */
export type FetchErrorKind =
  | 'invalid-url'
  | 'private-address'
  | 'dns'
  | 'connection'
  | 'tls'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'http-client-error'
  | 'not-found'
  | 'gone'
  | 'rate-limited'
  | 'http-server-error'
  | 'bad-encoding'
  | 'aborted';

export interface HttpClient {
  /** Resolves with the response, or rejects with a FetchError (src/fetch/fetch-error.ts). */
  fetch(req: FetchRequest): Promise<FetchResult>;
  /** Release sockets (keep-alive agents). */
  close(): void;
}
