import http from 'node:http';
import https from 'node:https';
import type { HttpSettings } from '../config/settings-types.js';
import { VERSION } from '../version.js';
import { ACCEPT_ENCODING, decodingsFor, formatBytes, readBody } from './body-reader.js';
import { errorForStatus, errorFromNetwork, FetchError } from './fetch-error.js';
import { guardedLookup, literalHostRefusal, systemResolver } from './guarded-lookup.js';
import type { HostResolver } from './guarded-lookup.js';
import { HostScheduler, realTimers } from './host-scheduler.js';
import type { SchedulerTimers } from './host-scheduler.js';
import { parseRetryAfter } from './retry-after.js';
import type { FetchRequest, FetchResult, HttpClient } from './types.js';

export interface HttpClientOptions extends HttpSettings {
  /** Wall clock in epoch ms: elapsed times and Retry-After dates. Default Date.now. */
  now?: () => number;
  /** DNS resolution (default: the system resolver). The private-address check wraps it. */
  lookup?: HostResolver;
  /** Clock and timer of the per-host politeness scheduler (tests). */
  schedulerTimers?: SchedulerTimers;
}

export const DEFAULT_USER_AGENT = `newsmon/${VERSION} (+https://github.com/newsmon/newsmon)`;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** A redirect or error body up to this size is read off so the socket can be reused. */
const DRAIN_LIMIT = 64 * 1024;

type Hop =
  | { type: 'redirect'; statusCode: number; location: string }
  | { type: 'not-modified'; headers: Record<string, string> }
  | { type: 'ok'; statusCode: number; headers: Record<string, string>; body: Buffer };

function flatHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** A validator echoed back as a header must be a legal header value, or it is dropped. */
function headerSafe(v: string | null | undefined): string | null {
  return v && /^[\t\x20-\x7e\x80-\xff]+$/.test(v) ? v : null;
}

/** Read the rest of a body we do not want, if small, so keep-alive can reuse the socket. */
function discard(res: http.IncomingMessage): void {
  const len = Number(res.headers['content-length']);
  if (Number.isFinite(len) && len <= DRAIN_LIMIT) res.resume();
  else res.destroy();
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The HTTP client every stage is given: conditional GET, gzip/deflate/br, connect and
 * total timeouts, a byte cap on the wire and decoded sizes, redirects re-checked hop by
 * hop, private addresses refused at DNS time, per-host politeness, keep-alive.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const now = options.now ?? Date.now;
  const userAgent = options.userAgent.trim() || DEFAULT_USER_AGENT;
  const lookup = guardedLookup(options.lookup ?? systemResolver, options.allowPrivateNetwork);
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };
  const scheduler = new HostScheduler(options.perHostConcurrency, options.perHostMinGapMs, options.schedulerTimers ?? realTimers);
  const inFlight = new Set<() => void>();
  let closed = false;

  function parseTarget(raw: string, base?: URL): URL {
    let url: URL;
    try {
      url = base ? new URL(raw, base) : new URL(raw);
    } catch {
      throw new FetchError('invalid-url', `invalid URL "${raw}"${base ? ` (redirect from ${base.href})` : ''}`, { url: raw });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FetchError('invalid-url', `refused to fetch ${url.href}: only http and https URLs are fetched`, { url: url.href });
    }
    url.hash = '';
    if (!options.allowPrivateNetwork) {
      const refusal = literalHostRefusal(url.hostname);
      if (refusal) throw errorFromNetwork(refusal, url.href);
    }
    return url;
  }

  function requestHop(target: URL, req: FetchRequest, budgetMs: number, maxBytes: number, retried = false): Promise<Hop> {
    const url = target.href;
    return new Promise<Hop>((resolve, reject) => {
      let settled = false;
      let gotResponse = false;
      const timers: NodeJS.Timeout[] = [];
      const headers: Record<string, string> = {
        'user-agent': userAgent,
        accept: req.accept ?? '*/*',
        'accept-encoding': ACCEPT_ENCODING,
      };
      const etag = headerSafe(req.etag);
      const lastModified = headerSafe(req.lastModified);
      if (etag) headers['if-none-match'] = etag;
      if (lastModified) headers['if-modified-since'] = lastModified;

      const done = (action: () => void): void => {
        if (settled) return;
        settled = true;
        for (const t of timers) clearTimeout(t);
        inFlight.delete(abort);
        action();
      };
      // A failure while the request is open tears it down: the socket may be mid-body.
      const fail = (err: FetchError): void => done(() => {
        r.destroy();
        reject(err);
      });
      const abort = (): void => fail(new FetchError('aborted', `HTTP client closed during the request to ${url}`, { url }));

      let r: http.ClientRequest;
      try {
        r = (target.protocol === 'https:' ? https : http).request(target, {
          method: 'GET',
          agent: agents[target.protocol as 'http:' | 'https:'],
          headers,
          lookup,
        });
      } catch (e) {
        reject(errorFromNetwork(e, url));
        return;
      }
      inFlight.add(abort);

      timers.push(setTimeout(() => {
        fail(new FetchError('timeout', `no complete response from ${url} within ${seconds(budgetMs)}`, { url }));
      }, budgetMs));

      r.on('socket', (socket) => {
        if (!socket.connecting) return; // a kept-alive socket: already connected
        const t = setTimeout(() => {
          fail(new FetchError('timeout', `could not connect to ${target.host} within ${seconds(options.connectTimeoutMs)}`, { url }));
        }, options.connectTimeoutMs);
        timers.push(t);
        socket.once('connect', () => clearTimeout(t));
      });

      r.on('error', (e: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed just as we reused it: one fresh try.
        if (!settled && !gotResponse && !retried && r.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE')) {
          done(() => resolve(requestHop(target, req, budgetMs, maxBytes, true)));
          return;
        }
        fail(errorFromNetwork(e, url));
      });

      r.on('response', (res) => {
        gotResponse = true;
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (REDIRECTS.has(status) && location) {
          discard(res);
          done(() => resolve({ type: 'redirect', statusCode: status, location }));
          return;
        }
        if (status === 304) {
          discard(res);
          done(() => resolve({ type: 'not-modified', headers: flatHeaders(res.headers) }));
          return;
        }
        if (status < 200 || status >= 300) {
          discard(res);
          const retryAfter = parseRetryAfter(res.headers['retry-after'], now());
          done(() => reject(errorForStatus(status, res.statusMessage ?? '', url, retryAfter)));
          return;
        }
        let decodings: string[];
        try {
          decodings = decodingsFor(res.headers['content-encoding'], url);
        } catch (e) {
          fail(e as FetchError);
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          fail(new FetchError('too-large', `body of ${url} is ${formatBytes(declared)} (Content-Length), over the ${formatBytes(maxBytes)} cap; not read`, { url }));
          return;
        }
        readBody(res, { url, maxBytes, decodings }).then(
          (body) => done(() => resolve({ type: 'ok', statusCode: status, headers: flatHeaders(res.headers), body })),
          (err: FetchError) => fail(err),
        );
      });
      r.end();
    });
  }

  async function fetchUrl(req: FetchRequest): Promise<FetchResult> {
    if (closed) throw new FetchError('aborted', `HTTP client is closed; not fetching ${req.url}`, { url: req.url });
    const started = now();
    const maxBytes = req.maxBytes ?? options.maxBytes;
    let budgetMs = req.timeoutMs ?? options.timeoutMs;
    let target = parseTarget(req.url);
    const visited = [target.href];
    for (;;) {
      const hopUrl = target.href;
      const release = await scheduler.acquire(target.host).catch(() => {
        throw new FetchError('aborted', `HTTP client closed while ${hopUrl} waited for its turn`, { url: hopUrl });
      });
      const hopStart = now();
      let hop: Hop;
      try {
        if (closed) throw new FetchError('aborted', `HTTP client closed before fetching ${target.href}`, { url: target.href });
        hop = await requestHop(target, req, Math.max(1, budgetMs), maxBytes);
      } finally {
        release();
      }
      // The total timeout covers time on the wire, not time queued behind politeness.
      budgetMs -= now() - hopStart;
      if (hop.type === 'ok') {
        return {
          status: 'ok',
          url: target.href,
          statusCode: hop.statusCode,
          headers: hop.headers,
          contentType: hop.headers['content-type'] ?? null,
          body: hop.body,
          etag: hop.headers.etag ?? null,
          lastModified: hop.headers['last-modified'] ?? null,
          elapsedMs: now() - started,
        };
      }
      if (hop.type === 'not-modified') {
        return { status: 'not-modified', url: target.href, headers: hop.headers, elapsedMs: now() - started };
      }
      const next = parseTarget(hop.location, target);
      if (visited.includes(next.href)) {
        throw new FetchError('too-many-redirects', `redirect loop: ${[...visited, next.href].join(' -> ')}`, { url: req.url });
      }
      visited.push(next.href);
      if (visited.length - 1 > options.maxRedirects) {
        throw new FetchError('too-many-redirects', `more than ${options.maxRedirects} redirects from ${req.url} (last: ${next.href})`, { url: req.url });
      }
      if (budgetMs <= 0) {
        throw new FetchError('timeout', `no complete response from ${req.url} within ${seconds(req.timeoutMs ?? options.timeoutMs)} (${visited.length - 1} redirects)`, { url: req.url });
      }
      target = next;
    }
  }

  return {
    fetch: fetchUrl,
    close(): void {
      if (closed) return;
      closed = true;
      scheduler.cancelAll(new FetchError('aborted', 'HTTP client closed', { url: '' }));
      for (const abort of [...inFlight]) abort();
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
