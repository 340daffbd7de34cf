import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { privateAddressReason } from '../fetch/address-policy.js';
import { errorBody } from './errors.js';
import { errorResponses } from './response-schemas.js';

// The API's locked door (DESIGN.md): loopback needs no key; any other address needs
// NEWSMON_API_TOKEN, and then every route but the health check wants
// `Authorization: Bearer <token>`. A token set while on loopback is enforced too: whoever
// set it expects it to be asked for.

/** Routes a load balancer or orchestrator must reach without a key (GET, and its HEAD). */
export const OPEN_ROUTES: ReadonlySet<string> = new Set(['/healthz']);

/** Whether `host` (what listen() gets) accepts connections from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  // The name resolves to loopback by definition (RFC 6761 §6.3); Node resolves it so too.
  if (h === 'localhost') return true;
  return privateAddressReason(h) === 'loopback';
}

/** Why the API must not start on `host` with this token, or null when it may. */
export function bindingRefusal(host: string, token: string | null): string | null {
  if (token !== null || isLoopbackHost(host)) return null;
  return `refusing to serve the API on ${host}, which is not loopback, without NEWSMON_API_TOKEN: set it (e.g. NEWSMON_API_TOKEN=$(openssl rand -hex 32)) or bind 127.0.0.1`;
}

/** Fixed-length digests, so neither the comparison's time nor its length check says anything about the token. */
function sameToken(given: string, expected: Buffer): boolean {
  return timingSafeEqual(createHash('sha256').update(given, 'utf8').digest(), expected);
}

/** The token in `Authorization: Bearer <token>` (scheme case-insensitive, RFC 9110 §11.1), or null. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer +([\x21-\x7e]+) *$/i.exec(header ?? '');
  return m ? (m[1] as string) : null;
}

function refuse(reply: FastifyReply, why: 'missing' | 'invalid'): FastifyReply {
  // RFC 6750 §3: no credentials → the bare challenge; bad ones → error="invalid_token".
  const challenge = why === 'missing' ? 'Bearer realm="newsmon"' : 'Bearer realm="newsmon", error="invalid_token"';
  const message = why === 'missing' ? 'this API wants "Authorization: Bearer <token>" (NEWSMON_API_TOKEN)' : 'the bearer token is not the one this API was given';
  return reply.code(401).header('www-authenticate', challenge).send(errorBody(401, message));
}

function isOpen(req: FastifyRequest): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && OPEN_ROUTES.has(req.routeOptions.url ?? '');
}

/**
 * Asks every request for the token, before anything else runs: added on the root, the
 * hook covers routes added later, static files and the not-found handler (so a 404
 * does not tell a stranger which routes exist).
 */
export function requireBearer(app: FastifyInstance, token: string): void {
  const expected = createHash('sha256').update(token, 'utf8').digest();
  app.addHook('onRequest', async (req, reply) => {
    if (isOpen(req)) return;
    const given = bearerToken(req.headers.authorization);
    if (given === null) return refuse(reply, 'missing');
    if (!sameToken(given, expected)) return refuse(reply, 'invalid');
  });
}

/** Documents the door on every route: open routes need no security, the rest may answer 401. */
export function documentDoor(route: RouteOptions): void {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const open = OPEN_ROUTES.has(route.url) && methods.every((m) => m === 'GET' || m === 'HEAD');
  const schema = { ...(route.schema ?? {}) } as Record<string, unknown> & { response?: Record<string, unknown> };
  if (open) schema.security = [];
  else schema.response = { ...(schema.response ?? {}), 401: { ...errorResponses(401)[401], headers: { 'www-authenticate': { type: 'string', description: 'Bearer realm="newsmon"' } } } };
  route.schema = schema;
}
