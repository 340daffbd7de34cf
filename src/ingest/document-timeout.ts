/**
 * A document that held its reader thread past the deadline; the thread was stopped.
 * outcome.ts records it as a feed's "feed-parse-timeout" and an article's "parse-timeout".
 */
export class DocumentTimeoutError extends Error {
  readonly code = 'parse-timeout';
  constructor(message: string) {
    super(message);
    this.name = 'DocumentTimeoutError';
  }
}

/** By name, not class: the pool may come from another copy of this module (a test drives dist/'s). */
export function isDocumentTimeout(err: unknown): err is DocumentTimeoutError {
  return err instanceof Error && err.name === 'DocumentTimeoutError';
}
