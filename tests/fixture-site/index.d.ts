// Types for index.js, the loopback fixture site (its header comment documents the routes).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ArticleSpec } from './content.js';

export { articleHtml, articleSpec, atomXml, hashSeed, rssXml } from './content.js';
export type { ArticleSpec, FeedItemSpec } from './content.js';

export interface CorpusOptions {
  feeds: number;
  articles: number;
  /** Page size range, bytes (default 50,000-150,000). */
  minBytes?: number;
  maxBytes?: number;
  /** Answer Accept-Encoding for corpus feeds and pages (default false). */
  compress?: boolean;
}

export interface FixtureSiteOptions {
  seed?: number;
  corpus?: CorpusOptions;
  compress?: boolean;
  /** false: keep no request log. */
  log?: boolean;
}

export interface RequestLog {
  seq: number;
  method: string;
  /** Path and query as requested. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** performance.now() when the request arrived / the response closed. */
  startedAt: number;
  finishedAt: number | null;
  status: number;
  /** Body bytes handed to the socket. */
  bytesSent: number;
  /** The response was cut before it finished (the client went away). */
  aborted: boolean;
  /** The client's port: equal ports mean a reused keep-alive connection. */
  remotePort: number;
}

export interface Corpus {
  feeds: number;
  articles: number;
  feedUrl(f: number): string;
  articleUrl(f: number, a: number): string;
  feedUrls(): string[];
  spec(f: number, a: number): ArticleSpec;
  articleCount(f: number): number;
  /** Publish one more article in feed f; the feed's ETag changes. */
  addArticle(f: number): { url: string; spec: ArticleSpec };
}

export interface Validators {
  etag: string;
  lastModified: string;
}

export interface FixtureSite {
  url: string;
  origin: string;
  port: number;
  requests: RequestLog[];
  readonly maxConcurrent: number;
  readonly inFlight: number;
  resetLog(): void;
  setFeed(path: string, body: string | Uint8Array, headers?: Record<string, string>): Validators;
  setResource(path: string, body: string | Uint8Array, headers?: Record<string, string>): Validators;
  removeResource(path: string): boolean;
  setRoute(path: string, handler: (req: IncomingMessage, res: ServerResponse) => void): void;
  corpus: Corpus | null;
  close(): Promise<void>;
}

export function startFixtureSite(opts?: FixtureSiteOptions): Promise<FixtureSite>;
