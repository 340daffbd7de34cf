// When to poll a feed next: pure, from the configured interval, what the server and the
// feed say about freshness, and the failure count. `now` is passed in.

/** Longest delay that response headers or a feed <ttl> may ask for on a success. */
export const MAX_FRESHNESS_MS = 24 * 3_600_000;
/** Longest Retry-After honoured, so one odd header cannot park a feed for weeks. */
export const MAX_RETRY_AFTER_MS = 7 * 24 * 3_600_000;

export interface NextCheckInput {
  now: Date;
  /** The feed's configured poll interval. */
  intervalMs: number;
  /** Response headers of the last fetch (any case), on success. */
  headers?: Record<string, string>;
  /** Consecutive failures including this one; 0 on success. */
  failureCount: number;
  maxBackoffMs: number;
  /** From a 429/503 Retry-After (FetchError.retryAfterMs). */
  retryAfterMs?: number;
  /** RSS <ttl> (minutes) or an equivalent the feed states. */
  ttlMinutes?: number | null;
  /**
   * Milliseconds added last, drawn by the caller (e.g. Math.random() * poll.jitterMs),
   * so feeds on the same interval do not all fall due in the same second.
   */
  jitter?: number;
}

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers[name] !== undefined) return headers[name];
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

/**
 * How long the response may be considered fresh, per RFC 9111 §4.2.1: Cache-Control
 * max-age wins over Expires; Expires is read against the response's Date header when
 * there is one (server clock), else against `nowMs`. Null when the headers say nothing
 * usable; no-cache/no-store say "ask every time", which for a poller means "the interval".
 */
export function freshnessLifetimeMs(headers: Record<string, string> | undefined, nowMs: number): number | null {
  const cc = header(headers, 'cache-control');
  if (cc) {
    const directives = cc.toLowerCase().split(',').map((d) => d.trim());
    if (directives.some((d) => d === 'no-cache' || d === 'no-store')) return null;
    for (const d of directives) {
      const m = /^max-age\s*=\s*"?(\d+)"?$/.exec(d);
      if (m) return Number(m[1]) * 1000;
    }
  }
  const expires = header(headers, 'expires');
  if (expires) {
    const at = Date.parse(expires);
    if (Number.isNaN(at)) return 0; // RFC 9111: an invalid Expires means "already expired"
    const date = Date.parse(header(headers, 'date') ?? '');
    return Math.max(0, at - (Number.isNaN(date) ? nowMs : date));
  }
  return null;
}

function finiteOr(n: number | null | undefined, fallback: number): number {
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}

/**
 * On success: the later of the interval and what the server (Cache-Control, Expires)
 * or the feed (<ttl>) says, the latter capped at MAX_FRESHNESS_MS. On failure:
 * exponential backoff interval * 2^(failures-1), capped at maxBackoffMs (never below the
 * interval), and at least Retry-After (capped at MAX_RETRY_AFTER_MS).
 */
export function nextCheckAt(input: NextCheckInput): Date {
  const nowMs = input.now.getTime();
  const interval = Math.max(0, finiteOr(input.intervalMs, 0));
  const failures = Math.max(0, Math.floor(finiteOr(input.failureCount, 0)));
  let delay: number;
  if (failures === 0) {
    const stated = Math.max(
      finiteOr(freshnessLifetimeMs(input.headers, nowMs), 0),
      finiteOr(input.ttlMinutes, 0) * 60_000,
    );
    delay = Math.max(interval, Math.min(stated, MAX_FRESHNESS_MS));
  } else {
    const backoff = interval * 2 ** Math.min(failures - 1, 52); // 2^52: past any cap, still finite
    delay = Math.max(interval, Math.min(backoff, finiteOr(input.maxBackoffMs, backoff)));
  }
  const retryAfter = Math.min(Math.max(0, finiteOr(input.retryAfterMs, 0)), MAX_RETRY_AFTER_MS);
  delay = Math.max(delay, retryAfter);
  delay += Math.max(0, finiteOr(input.jitter, 0));
  return new Date(nowMs + delay);
}
