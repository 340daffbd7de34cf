import type { FetchErrorKind } from './types.js';
import { redactUrlsIn } from '../text/redact-url.js';

// One error type for every way a fetch fails, classified once here at the edge, so the
// poll and extract stages only read `kind` and `retryable` (Miniflux response_handler).

/** Whether trying the same request later can succeed, by default for each kind. */
const RETRYABLE: Record<FetchErrorKind, boolean> = {
  'invalid-url': false,
  'private-address': false,
  dns: true, // a name that does not resolve today is often a DNS hiccup, not a dead site
  connection: true,
  tls: false,
  timeout: true,
  'too-large': false,
  'too-many-redirects': false,
  'http-client-error': false,
  'not-found': false,
  gone: false,
  'rate-limited': true,
  'http-server-error': true,
  'bad-encoding': false,
  aborted: true, // the client was closed mid-request: nothing wrong with the resource
};

export interface FetchErrorDetails {
  url: string;
  statusCode?: number;
  retryAfterMs?: number;
  retryable?: boolean;
  cause?: unknown;
}

export class FetchError extends Error {
  readonly kind: FetchErrorKind;
  readonly retryable: boolean;
  readonly url: string;
  readonly statusCode?: number;
  readonly retryAfterMs?: number;

  constructor(kind: FetchErrorKind, message: string, details: FetchErrorDetails) {
    // Messages are stored on the feed and shown everywhere: no credentials from the URL.
    super(redactUrlsIn(message), details.cause !== undefined ? { cause: details.cause } : undefined);
    this.name = 'FetchError';
    this.kind = kind;
    this.url = details.url;
    this.retryable = details.retryable ?? RETRYABLE[kind];
    if (details.statusCode !== undefined) this.statusCode = details.statusCode;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** The error for a final (non-redirect, non-2xx, non-304) HTTP status. */
export function errorForStatus(statusCode: number, statusMessage: string, url: string, retryAfterMs?: number): FetchError {
  const what = `HTTP ${statusCode}${statusMessage ? ` ${statusMessage}` : ''} from ${url}`;
  const details: FetchErrorDetails = { url, statusCode, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (statusCode === 404) return new FetchError('not-found', what, details);
  if (statusCode === 410) return new FetchError('gone', what, details);
  if (statusCode === 429) return new FetchError('rate-limited', what, details);
  if (statusCode === 408) return new FetchError('timeout', `${what} (the server timed out the request)`, details);
  if (statusCode >= 500) return new FetchError('http-server-error', what, details);
  if (statusCode >= 400) return new FetchError('http-client-error', what, details);
  // 1xx leftovers and 3xx without a usable Location: nothing a retry would change.
  return new FetchError('http-client-error', `unexpected ${what}`, { ...details, retryable: false });
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_NONAME', 'EAI_FAIL', 'ENODATA', 'ESERVFAIL', 'ENOTIMP', 'EREFUSED']);
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL',
]);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_OSSL_)/;

function codeOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err && typeof (err as { code: unknown }).code === 'string'
    ? (err as { code: string }).code
    : '';
}

/** Classify a socket/DNS/TLS/parser error from node:http. FetchErrors pass through. */
export function errorFromNetwork(err: unknown, url: string): FetchError {
  if (err instanceof FetchError) return err;
  const code = codeOf(err);
  const msg = err instanceof Error ? err.message : String(err);
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  if (code === 'ERR_NEWSMON_PRIVATE_ADDRESS') {
    return new FetchError('private-address', `refused to fetch ${url}: ${msg} (allow with --allow-private-network)`, { url, cause: err });
  }
  if (DNS_CODES.has(code)) {
    const retryable = code === 'EAI_AGAIN' || code === 'ESERVFAIL' || code === 'EREFUSED' || code === 'ENOTFOUND';
    return new FetchError('dns', `DNS lookup failed for ${host} (${code})`, { url, cause: err, retryable });
  }
  if (TLS_CODE.test(code) || (code === 'EPROTO' && /ssl|tls/i.test(msg))) {
    return new FetchError('tls', `TLS error with ${host}: ${msg}${code && !msg.includes(code) ? ` (${code})` : ''}`, { url, cause: err });
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
    return new FetchError('timeout', `connection to ${host} timed out (${code})`, { url, cause: err });
  }
  if (CONNECTION_CODES.has(code)) {
    const why = code === 'ECONNREFUSED' ? 'connection refused' : code === 'ECONNRESET' ? 'connection reset' : `connection failed`;
    return new FetchError('connection', `${why} by ${host} (${code})`, { url, cause: err });
  }
  if (code.startsWith('HPE_')) {
    return new FetchError('connection', `invalid HTTP response from ${host}: ${msg}`, { url, cause: err, retryable: false });
  }
  if (code === 'ERR_INVALID_URL' || code === 'ERR_INVALID_HTTP_TOKEN' || code === 'ERR_UNESCAPED_CHARACTERS') {
    return new FetchError('invalid-url', `invalid URL ${url}: ${msg}`, { url, cause: err });
  }
  return new FetchError('connection', `request to ${host} failed: ${msg}${code ? ` (${code})` : ''}`, { url, cause: err });
}
