import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TimeRangeError } from '../time/time-range.js';

// One error handler for the whole API: every error answer is
// { statusCode, error, message, param? } (the "Error" schema of /openapi.json), and
// nothing internal (stack, SQL, paths) leaks into a 500.

/** An error whose message is meant for the client; `param` names the request parameter at fault. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  param?: string;
}

export function errorBody(statusCode: number, message: string, param?: string): ErrorBody {
  const body: ErrorBody = { statusCode, error: REASONS[statusCode] ?? 'Error', message };
  if (param !== undefined) body.param = param;
  return body;
}

/** The parameter a schema failure is about: "/limit" → "limit"; a missing one by its name. */
function validationParam(err: FastifyError): string | undefined {
  const first = err.validation?.[0];
  if (!first) return undefined;
  const missing = (first.params as { missingProperty?: unknown } | undefined)?.missingProperty;
  if (typeof missing === 'string') return missing;
  const name = first.instancePath.split('/')[1];
  return name ? name.replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

/** SQLite's FTS5 refuses some query texts; that is the client's input, not our fault. */
function isSearchSyntaxError(err: Error): boolean {
  return /fts5|unterminated string|no such column/i.test(err.message) && (err as { code?: string }).code?.startsWith('SQLITE') === true;
}

/**
 * Fastify's own refusals before any route runs (a URL that is not valid percent-encoding):
 * the same JSON shape as every other error. Passed as the `frameworkErrors` option.
 */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  void reply.code(status).send(errorBody(status, err.message));
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err.validation) {
      // Fastify says "querystring/limit must be <= 1000"; name the parameter plainly.
      const message = err.message.replace(/^(querystring|params)\//, '').replace(/^querystring /, '');
      return reply.code(400).send(errorBody(400, message, validationParam(err)));
    }
    if (err instanceof TimeRangeError) return reply.code(400).send(errorBody(400, err.message, err.param));
    if (err instanceof ApiError) return reply.code(err.statusCode).send(errorBody(err.statusCode, err.message, err.param));
    if (err.name === 'QueryTimeoutError') {
      // Busy, not broken: the client may try again shortly.
      reply.header('retry-after', '1');
      return reply.code(503).send(errorBody(503, `${err.message}; try again shortly or narrow the query`));
    }
    if (isSearchSyntaxError(err)) {
      return reply.code(400).send(errorBody(400, `"q" is not a valid search: ${err.message}`, 'q'));
    }
    const status = err.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send(errorBody(status, err.message));
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send(errorBody(500, 'internal error; see the server log'));
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(errorBody(404, `no route ${req.method} ${req.url.split('?')[0]}`));
  });
}
