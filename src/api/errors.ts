import type { FastifyError, FastifyInstance } from 'fastify';
import { TimeRangeError } from '../time/time-range.js';

// One error handler for the whole API: every error answer is
// { statusCode, error, message }, and nothing internal leaks into a 500.

/** An error whose message is meant for the client. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
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
}

export function errorBody(statusCode: number, message: string): ErrorBody {
  return { statusCode, error: REASONS[statusCode] ?? 'Error', message };
}

/** SQLite's FTS5 refuses some query texts; that is the client's input, not our fault. */
function isSearchSyntaxError(err: Error): boolean {
  return /fts5|unterminated string|no such column/i.test(err.message) && (err as { code?: string }).code?.startsWith('SQLITE') === true;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err.validation) {
      // Fastify says "querystring/limit must be <= 1000"; name the parameter plainly.
      const message = err.message.replace(/^(querystring|params)\//, '').replace(/^querystring /, '');
      return reply.code(400).send(errorBody(400, message));
    }
    if (err instanceof TimeRangeError || err instanceof ApiError) {
      const code = err instanceof ApiError ? err.statusCode : 400;
      return reply.code(code).send(errorBody(code, err.message));
    }
    if (err.name === 'QueryTimeoutError') {
      // Busy, not broken: the client may try again shortly.
      reply.header('retry-after', '1');
      return reply.code(503).send(errorBody(503, `${err.message}; try again shortly or narrow the query`));
    }
    if (isSearchSyntaxError(err)) {
      return reply.code(400).send(errorBody(400, `"q" is not a valid search: ${err.message}`));
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
