import type { FastifyInstance, FastifyReply } from 'fastify';
import { ApiError } from '../errors.js';
import { loadWebAssets, type Asset } from '../web-assets.js';

// GET / : the web page over the same API (filters in its URL query, so a view is a link),
// and its scripts, styles and chart library under /assets/.

/**
 * Scripts only from this origin and never inline, nothing framed or embedded, no <base>
 * rewriting: a sentence from an article that slipped through as markup still runs nothing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

function send(reply: FastifyReply, asset: Asset): FastifyReply {
  return reply
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-cache')
    .type(asset.type)
    .send(asset.body);
}

export function webRoutes(app: FastifyInstance): void {
  let assets: Map<string, Asset> | undefined;
  // Read on first use, so an install without the page still serves the API.
  const lookup = (path: string): Asset => {
    try {
      assets ??= loadWebAssets();
    } catch (err) {
      throw new ApiError(503, (err as Error).message);
    }
    const asset = assets.get(path);
    if (!asset) throw new ApiError(404, `no file ${path}`);
    return asset;
  };
  const nameSchema = { type: 'object', required: ['name'], properties: { name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9.-]*$', maxLength: 100 } } } as const;

  // The page and its files are not API operations: hidden from /openapi.json, behind the same door.
  const hide = { hide: true } as const;
  app.get('/', { schema: hide }, async (_req, reply) => send(reply, lookup('/')));
  app.get<{ Params: { name: string } }>('/assets/:name', { schema: { ...hide, params: nameSchema } }, async (req, reply) => send(reply, lookup(`/assets/${req.params.name}`)));
  app.get<{ Params: { name: string } }>('/assets/vendor/:name', { schema: { ...hide, params: nameSchema } }, async (req, reply) => send(reply, lookup(`/assets/vendor/${req.params.name}`)));
}
