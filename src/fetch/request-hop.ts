import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { ACCEPT_ENCODING, decodingsFor, formatBytes, readBody } from './body-reader.js';
import { errorForStatus, errorFromNetwork, FetchError } from './fetch-error.js';
import { seconds } from './fetch-target.js';
import { parseRetryAfter } from './retry-after.js';
import type { FetchRequest } from './types.js';

// One HTTP exchange of a fetch (the first request or one redirect hop): send the GET,
// watch the connect and total timeouts, and turn the response into a Hop or an error.

export type Hop =
  | { type: 'redirect'; statusCode: number; location: string }
  | { type: 'not-modified'; headers: Record<string, string> }
  | { type: 'ok'; statusCode: number; headers: Record<string, string>; body: Buffer };

/** What a hop needs from the client that sends it. */
export interface HopContext {
  userAgent: string;
  agents: { 'http:': http.Agent; 'https:': https.Agent };
  lookup: LookupFunction;
  connectTimeoutMs: number;
  now: () => number;
  /** Aborts of the requests now open, so that closing the client can end them. */
  inFlight: Set<() => void>;
}

export interface HopLimits {
  budgetMs: number;
  maxBytes: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** A redirect or error body up to this size is read off so the socket can be reused. */
const DRAIN_LIMIT = 64 * 1024;

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

/** Request headers: who we are, what we accept, and the validators of a conditional GET. */
function requestHeaders(userAgent: string, req: FetchRequest): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept: req.accept ?? '*/*',
    'accept-encoding': ACCEPT_ENCODING,
  };
  const etag = headerSafe(req.etag);
  const lastModified = headerSafe(req.lastModified);
  if (etag) headers['if-none-match'] = etag;
  if (lastModified) headers['if-modified-since'] = lastModified;
  return headers;
}

/** How a hop ends: `resolve`/`reject` leave the socket alone, `fail` tears the request down. */
interface HopSettle {
  resolve: (hop: Hop) => void;
  reject: (err: FetchError) => void;
  fail: (err: FetchError) => void;
}

/** Classify a response by status — redirect, not modified, error — or read its body. */
function onResponse(res: http.IncomingMessage, url: string, maxBytes: number, now: () => number, settle: HopSettle): void {
  const status = res.statusCode ?? 0;
  const location = res.headers.location;
  if (REDIRECTS.has(status) && location) {
    discard(res);
    settle.resolve({ type: 'redirect', statusCode: status, location });
  } else if (status === 304) {
    discard(res);
    settle.resolve({ type: 'not-modified', headers: flatHeaders(res.headers) });
  } else if (status < 200 || status >= 300) {
    discard(res);
    settle.reject(errorForStatus(status, res.statusMessage ?? '', url, parseRetryAfter(res.headers['retry-after'], now())));
  } else {
    readOkBody(res, url, maxBytes, settle);
  }
}

function readOkBody(res: http.IncomingMessage, url: string, maxBytes: number, settle: HopSettle): void {
  let decodings: string[];
  try {
    decodings = decodingsFor(res.headers['content-encoding'], url);
  } catch (e) {
    settle.fail(e as FetchError);
    return;
  }
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    settle.fail(new FetchError('too-large', `body of ${url} is ${formatBytes(declared)} (Content-Length), over the ${formatBytes(maxBytes)} cap; not read`, { url }));
    return;
  }
  readBody(res, { url, maxBytes, decodings }).then(
    (body) => settle.resolve({ type: 'ok', statusCode: res.statusCode ?? 0, headers: flatHeaders(res.headers), body }),
    (err: FetchError) => settle.fail(err),
  );
}

/** The connect timeout runs only while a fresh socket connects (a kept-alive one already is). */
function watchConnect(r: http.ClientRequest, ctx: HopContext, target: URL, timers: NodeJS.Timeout[], fail: (err: FetchError) => void): void {
  r.on('socket', (socket) => {
    if (!socket.connecting) return;
    const t = setTimeout(() => {
      fail(new FetchError('timeout', `could not connect to ${target.host} within ${seconds(ctx.connectTimeoutMs)}`, { url: target.href }));
    }, ctx.connectTimeoutMs);
    timers.push(t);
    socket.once('connect', () => clearTimeout(t));
  });
}

/** One GET of `target`, settled exactly once; a reused socket the server had closed gets one fresh try. */
export function requestHop(ctx: HopContext, target: URL, req: FetchRequest, limits: HopLimits, retried = false): Promise<Hop> {
  const url = target.href;
  return new Promise<Hop>((resolve, reject) => {
    let settled = false;
    let gotResponse = false;
    const timers: NodeJS.Timeout[] = [];
    const done = (action: () => void): void => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      ctx.inFlight.delete(abort);
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
        agent: ctx.agents[target.protocol as 'http:' | 'https:'],
        headers: requestHeaders(ctx.userAgent, req),
        lookup: ctx.lookup,
      });
    } catch (e) {
      reject(errorFromNetwork(e, url));
      return;
    }
    ctx.inFlight.add(abort);
    timers.push(setTimeout(() => {
      fail(new FetchError('timeout', `no complete response from ${url} within ${seconds(limits.budgetMs)}`, { url }));
    }, limits.budgetMs));
    watchConnect(r, ctx, target, timers, fail);
    r.on('error', (e: NodeJS.ErrnoException) => {
      if (!settled && !gotResponse && !retried && r.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE')) {
        done(() => resolve(requestHop(ctx, target, req, limits, true)));
        return;
      }
      fail(errorFromNetwork(e, url));
    });
    r.on('response', (res) => {
      gotResponse = true;
      onResponse(res, url, limits.maxBytes, ctx.now, {
        resolve: (hop) => done(() => resolve(hop)),
        reject: (err) => done(() => reject(err)),
        fail,
      });
    });
    r.end();
  });
}
