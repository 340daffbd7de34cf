import http from 'node:http';
import https from 'node:https';
import type { HttpSettings } from '../config/settings-types.js';
import { VERSION } from '../version.js';
import { FetchError } from './fetch-error.js';
import { parseTarget } from './fetch-target.js';
import { guardedLookup, systemResolver } from './guarded-lookup.js';
import type { HostResolver } from './guarded-lookup.js';
import { HostScheduler, realTimers } from './host-scheduler.js';
import type { SchedulerTimers } from './host-scheduler.js';
import { nextHop } from './redirect-policy.js';
import { requestHop } from './request-hop.js';
import type { Hop, HopContext } from './request-hop.js';
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

/**
 * The HTTP client every stage is given: conditional GET, gzip/deflate/br, connect and
 * total timeouts, a byte cap on the wire and decoded sizes, redirects re-checked hop by
 * hop, private addresses refused at DNS time, per-host politeness, keep-alive.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const ctx: HopContext = {
    userAgent: options.userAgent.trim() || DEFAULT_USER_AGENT,
    agents: { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) },
    lookup: guardedLookup(options.lookup ?? systemResolver, options.allowPrivateNetwork),
    connectTimeoutMs: options.connectTimeoutMs,
    now: options.now ?? Date.now,
    inFlight: new Set<() => void>(),
  };
  const client: ClientState = {
    options,
    ctx,
    scheduler: new HostScheduler(options.perHostConcurrency, options.perHostMinGapMs, options.schedulerTimers ?? realTimers),
    closed: false,
  };
  return {
    fetch: (req) => fetchFollowingRedirects(client, req),
    close(): void {
      if (client.closed) return;
      client.closed = true;
      client.scheduler.cancelAll(new FetchError('aborted', 'HTTP client closed', { url: '' }));
      for (const abort of [...ctx.inFlight]) abort();
      ctx.agents['http:'].destroy();
      ctx.agents['https:'].destroy();
    },
  };
}

interface ClientState {
  options: HttpClientOptions;
  ctx: HopContext;
  scheduler: HostScheduler;
  closed: boolean;
}

/** Fetch `req`, hop by hop, until a response that is not a redirect. */
async function fetchFollowingRedirects(client: ClientState, req: FetchRequest): Promise<FetchResult> {
  const { options, ctx } = client;
  if (client.closed) throw new FetchError('aborted', `HTTP client is closed; not fetching ${req.url}`, { url: req.url });
  const started = ctx.now();
  const maxBytes = req.maxBytes ?? options.maxBytes;
  const timeoutMs = req.timeoutMs ?? options.timeoutMs;
  let budgetMs = timeoutMs;
  let target = parseTarget(req.url, options.allowPrivateNetwork);
  const visited = [target.href];
  for (;;) {
    const { hop, wireMs } = await politeHop(client, target, req, Math.max(1, budgetMs), maxBytes);
    budgetMs -= wireMs;
    if (hop.type === 'ok') return okResult(target, hop, ctx.now() - started);
    if (hop.type === 'not-modified') {
      return { status: 'not-modified', url: target.href, headers: hop.headers, elapsedMs: ctx.now() - started };
    }
    target = nextHop(hop.location, target, visited, req.url, budgetMs, {
      maxRedirects: options.maxRedirects,
      allowPrivateNetwork: options.allowPrivateNetwork,
      timeoutMs,
    });
  }
}

/**
 * One hop, sent when the per-host scheduler gives the host a turn. `wireMs` leaves out
 * the wait for that turn: the total timeout covers time on the wire, not time queued
 * behind politeness.
 */
async function politeHop(client: ClientState, target: URL, req: FetchRequest, budgetMs: number, maxBytes: number): Promise<{ hop: Hop; wireMs: number }> {
  const hopUrl = target.href;
  const release = await client.scheduler.acquire(target.host).catch(() => {
    throw new FetchError('aborted', `HTTP client closed while ${hopUrl} waited for its turn`, { url: hopUrl });
  });
  const hopStart = client.ctx.now();
  try {
    if (client.closed) throw new FetchError('aborted', `HTTP client closed before fetching ${target.href}`, { url: target.href });
    const hop = await requestHop(client.ctx, target, req, { budgetMs, maxBytes });
    return { hop, wireMs: client.ctx.now() - hopStart };
  } finally {
    release();
  }
}

function okResult(target: URL, hop: Extract<Hop, { type: 'ok' }>, elapsedMs: number): FetchResult {
  return {
    status: 'ok',
    url: target.href,
    statusCode: hop.statusCode,
    headers: hop.headers,
    contentType: hop.headers['content-type'] ?? null,
    body: hop.body,
    etag: hop.headers.etag ?? null,
    lastModified: hop.headers['last-modified'] ?? null,
    elapsedMs,
  };
}
